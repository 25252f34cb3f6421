"""How fast "what works for me" answers for a journal of 10,000 sessions.

Builds 10,000 varied sessions (techniques, stress, pain, places, sides, pump settings,
medicines, some with no let-down noticed) in memory, then times, median of several runs
in this one process (scipy already imported, as in a running web app):

* the reference: validating the sessions and reading their first let-down and volume in
  plain Python (work any answer over 10,000 sessions must do);
* ``estimate``: the factor table and both models (time and volume);
* ``lines``: the plain words; ``forest_svg``: the plot.

Prints each in ms and as a ratio to the reference. Target (issue 13): insights for
10,000 sessions in under 2 s.

Usage: .venv/bin/python benchmarks/bench_insights.py [--sessions N] [--repeats N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from _args import positive_int

TARGET_S = 2.0
TECHNIQUES = ["warm_compress", "massage", "music", "slow_breathing", "baby_photo_video",
              "skin_to_skin", "breast_compression"]


def sessions(count: int) -> list[Any]:
    from letdown.journal.records import Session

    rng = random.Random(13)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    out = []
    for i in range(count):
        begin = start + dt.timedelta(minutes=97 * i)
        kind = rng.choice(["breastfeed", "pump", "pump", "hand_expression"])
        sides = rng.choice(["left", "right", "both"])
        used = rng.sample(TECHNIQUES, rng.randint(0, 3))
        stress = rng.randint(0, 10)
        log_t = math.log(120) + 0.5 * rng.gauss(0, 1) - 0.3 * ("warm_compress" in used) \
            + 0.04 * stress
        minutes = rng.uniform(6, 30)
        at = math.exp(log_t)
        values: dict[str, Any] = {
            "kind": kind, "sides": sides, "start": begin,
            "end": begin + dt.timedelta(minutes=minutes),
            "letdowns": [{"side": "left" if sides != "right" else "right",
                          "at_s": round(at, 1)}] if at < minutes * 60 else [],
            "techniques": used, "stress": stress, "pain": rng.choice([None, 0, 2, 5]),
            "context": rng.choice([None, "home", "home", "work", "public"]),
            "felt_cold": rng.random() < 0.1, "felt_rushed": rng.random() < 0.2,
            "sleep_hours": rng.choice([None, 4.0, 6.0, 7.5]),
            "medicines": rng.choice([[], [], ["ibuprofen"], ["sertraline"]]),
        }
        if kind != "breastfeed":
            for side in (["left", "right"] if sides == "both" else [sides]):
                values[f"volume_{side}_ml"] = round(rng.uniform(5, 90), 1)
        if kind == "pump":
            values |= {"flange_mm": rng.choice([21, 24, 24, 27]),
                       "suction_level": rng.choice(["3", "5", "5", "7"])}
        out.append(values)
    return [Session.model_validate(v) for v in out]


def median_ms(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=positive_int, default=10_000)
    parser.add_argument("--repeats", type=positive_int, default=5)
    args = parser.parse_args()

    from letdown.evidence import load_evidence
    from letdown.insights.effects import estimate
    from letdown.insights.plot import forest_svg
    from letdown.insights.words import lines
    from letdown.journal.records import Session

    started = time.perf_counter()
    records = sessions(args.sessions)
    print(f"built {len(records):,} sessions in {time.perf_counter() - started:.1f} s "
          f"({sum(1 for s in records if not s.letdowns):,} with no let-down noticed)")
    evidence = load_evidence()
    found = estimate(records, evidence, dt.UTC)  # warm-up: imports scipy once
    plain = [s.model_dump() for s in records]

    def reference() -> None:
        for values in plain:
            s = Session.model_validate(values, context={"stored": True})
            s.first_letdown_s()
            _ = s.total_volume_ml

    results = {
        "reference: validate + read 10k sessions": median_ms(reference, args.repeats),
        "estimate (factor table + both models)": median_ms(
            lambda: estimate(records, evidence, dt.UTC), args.repeats),
        "plain words": median_ms(lambda: lines(found), args.repeats),
        "forest plot (SVG)": median_ms(lambda: forest_svg(found), args.repeats),
    }
    ref = results["reference: validate + read 10k sessions"]
    print(f"median of {args.repeats} runs, in this process:")
    print(f"  {'step':<42} {'ms':>9} {'x ref':>7}")
    for name, ms in results.items():
        print(f"  {name:<42} {ms:9.1f} {ms / ref:7.2f}")
    total = sum(ms for name, ms in results.items() if not name.startswith("reference"))
    print(f"insights in total: {total / 1000:.2f} s (target < {TARGET_S:g} s: "
          f"{'met' if total / 1000 < TARGET_S else 'MISSED'}); "
          f"{sum(1 for e in found.effects if e.time is not None)} factors estimated")


if __name__ == "__main__":
    main()
