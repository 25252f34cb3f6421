#!/usr/bin/env python3
"""Draw the train/test split of the findings catalogue, once, before any fitting.

About a third of the findings of each area (dynamics, pump, techniques, substances,
drugs, stress, supply) go to ``test``, chosen by ``random.Random(seed)``; the rest to
``train``. The assignment is written into findings.toml as ``split = "..."`` lines.

    python scripts/split_findings.py            # draw and write (refuses to re-draw)
    python scripts/split_findings.py --check    # exit 1 if the file differs from the draw

Re-drawing a recorded split needs --redraw on purpose: once fitting has looked at the
training part, a new draw would leak test findings into training.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pydantic import ValidationError  # noqa: E402

from letdown.reflex.findings.catalogue import AREAS, SPLIT_SEED, parse  # noqa: E402
from letdown.reflex.findings.split import assign, counts, write_split  # noqa: E402

CATALOGUE = ROOT / "src" / "letdown" / "reflex" / "findings" / "findings.toml"


def summary(text: str) -> str:
    table = counts(parse(text))
    parts = [f"{a} {table[a]['train']}/{table[a]['test']}" for a in AREAS if a in table]
    total = table["all"]
    return (f"{total['train'] + total['test']} findings: {total['train']} train, "
            f"{total['test']} test (train/test per stratum: {', '.join(parts)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SPLIT_SEED)
    ap.add_argument("--catalogue", type=Path, default=CATALOGUE)
    ap.add_argument("--check", action="store_true", help="only check; write nothing")
    ap.add_argument("--redraw", action="store_true", help="replace a recorded split")
    args = ap.parse_args(argv)
    try:
        text = args.catalogue.read_text(encoding="utf-8")
        findings = parse(text)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "record"
        print(f"cannot read the catalogue {args.catalogue}: {where}: {err['msg']} "
              f"({e.error_count()} problem(s)); fix the record and run again", file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        print(f"cannot read the catalogue {args.catalogue}: {first}", file=sys.stderr)
        return 2
    if not findings:
        print(f"the catalogue {args.catalogue} holds no [[finding]] records; nothing to split",
              file=sys.stderr)
        return 2
    drawn = write_split(text, assign(findings, args.seed))
    recorded = any(f.split for f in findings)
    if args.check:
        if drawn != text:
            print(f"the recorded split differs from the draw with seed {args.seed}",
                  file=sys.stderr)
            return 1
        print(f"split reproduces from seed {args.seed}: {summary(text)}")
        return 0
    if recorded and drawn != text and not args.redraw:
        print("a split is already recorded and differs from this draw; refusing to re-draw "
              "(use --redraw only if no fitting has used the training part)", file=sys.stderr)
        return 2
    args.catalogue.write_text(drawn, encoding="utf-8")
    print(f"seed {args.seed}: {summary(drawn)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
