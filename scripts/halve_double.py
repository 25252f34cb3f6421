"""Halve and double one reflex-model parameter at a time and report the largest change.

Why: the Sobol analysis (``letdown sensitivity``) varies parameters by +/-20% or over their
population spread, in three single sessions. Before a parameter it finds inert is removed,
this check asks the blunter question over every example scenario (including a day of feeds
and alcohol) and every calibration study: does halving or doubling it change any metric by
more than a trace, or any calibration verdict? The answers are in ``KEPT`` and ``REMOVED``
of ``src/letdown/reflex/sensitivity.py``.

    PYTHONPATH=src python scripts/halve_double.py tau_cue backflow_rate

Takes a few tens of seconds per parameter.
"""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from pathlib import Path

from letdown.reflex.calibrate import run_all
from letdown.reflex.engine import simulate
from letdown.reflex.params import PARAMS
from letdown.reflex.scenario import load

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "scenarios"
FILES = ("calm-pump", "breastfeed", "stressed-pump", "alcohol", "day")


def _metrics() -> dict[tuple[str, str, str], float | None]:
    out: dict[tuple[str, str, str], float | None] = {}
    for name in FILES:
        trace = simulate(load(EXAMPLES / f"{name}.toml"))
        for i, m in enumerate(trace.sessions):
            for key, v in m.as_dict().items():
                out[(name, str(i), key)] = None if v is None else float(v)
        for key, v in (trace.day or {}).items():
            out[(name, "day", key)] = v
    return out


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in PARAMS]
    if not names or unknown:
        print(f"error: give parameter names from params.py (unknown: {', '.join(unknown)})",
              file=sys.stderr)
        return 2
    base = _metrics()
    verdicts = [r.passed for r in run_all()]
    for name in names:
        worst, where = 0.0, "nothing changed"
        for factor in (0.5, 2.0):
            saved = PARAMS[name]
            PARAMS[name] = replace(saved, value=saved.value * factor)
            try:
                out = _metrics()
                changed = [r.study.id for r, v in zip(run_all(), verdicts, strict=True)
                           if r.passed != v]
            finally:
                PARAMS[name] = saved
            for key, v in out.items():
                b = base[key]
                d = (math.inf if b != v else 0.0) if b is None or v is None else \
                    abs(v - b) / max(abs(b), 1e-9)
                if d > worst:
                    worst, where = d, f"x{factor:g}: {'/'.join(key)} {b} -> {v}"
            if changed:
                worst, where = math.inf, f"x{factor:g}: calibration verdict of {changed}"
        print(f"{name:24s} largest change {worst:.2%}  ({where})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
