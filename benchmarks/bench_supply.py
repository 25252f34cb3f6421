"""Benchmark: a simulated week of 8 sessions a day for 10,000 people (supply over days).

Run by hand:  .venv/bin/python benchmarks/bench_supply.py [--n 10000] [--ref 2000]

Prints the time for the week with removal tabulated from the session engine (the path
``letdown simulate --days`` and the explorer use) and, in the same run, the reference: the
session engine run at every one of the 56 sessions for ``--ref`` people, scaled to the same
population, their ratio, and how far the weekly totals of those people differ between the
two paths. Target (issue 12): under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from _args import positive_int

from letdown.reflex.schedule import from_dict
from letdown.reflex.week import simulate_week

SCHEDULE = {"name": "bench week", "days": 7, "start_day": 14, "sessions_per_day": 8,
            "session": {"kind": "pump", "duration_min": 15}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=positive_int, default=10_000, help="people in the week")
    ap.add_argument("--ref", type=positive_int, default=2000, help="people run session by session")
    args = ap.parse_args()
    schedule = from_dict(SCHEDULE)
    simulate_week(schedule, n=200, seed=0)  # warm-up

    start = time.perf_counter()
    week = simulate_week(schedule, n=args.n, seed=1)
    fast_s = time.perf_counter() - start

    start = time.perf_counter()
    direct = simulate_week(schedule, n=args.ref, seed=1, direct=True)
    ref_s = time.perf_counter() - start
    ref_scaled = ref_s * args.n / args.ref

    small = simulate_week(schedule, n=args.ref, seed=1)
    err = np.abs(small.volume.sum(axis=0) / direct.volume.sum(axis=0) - 1.0)
    sessions = args.n * int(week.sessions.sum())
    lo, mid, hi = np.percentile(week.volume[-1], [5, 50, 95])
    print(f"week, tabulated : {fast_s:8.2f} s for {args.n} people x 7 days x 8 sessions "
          f"({sessions / fast_s:,.0f} sessions/s)")
    print(f"week, every session through the engine (reference): {ref_s:.2f} s for "
          f"{args.ref} people -> {ref_scaled:.1f} s for {args.n}")
    print(f"ratio           : {ref_scaled / fast_s:8.1f} x")
    print(f"weekly total vs reference, per person: median {100 * np.median(err):.2f} %, "
          f"worst {100 * err.max():.2f} %")
    print(f"day 7 milk (mL): median {mid:.0f}, 90% interval {lo:.0f}-{hi:.0f}")
    print(f"target < 60 s: {'met' if fast_s < 60 else 'NOT met'}")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
