"""How fast the journal answers with 10,000 sessions: `letdown sessions` and `letdown --help`.

Builds a journal of 10,000 sessions (with let-downs, volumes, techniques) in a
temporary data directory, then times each command as a fresh subprocess,
repeated, and reports the median in ms and as a ratio to `python -c pass`
measured in the same run. Targets: the default listing under 200 ms, help
under 150 ms.

Usage: .venv/bin/python benchmarks/bench_journal.py [--repeats N] [--sessions N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _args import positive_int

TARGETS_MS = {"letdown sessions": 200.0, "letdown --help": 150.0}


def build_journal(data_dir: Path, count: int) -> float:
    """Fill a fresh journal with ``count`` plausible sessions; return seconds taken."""
    from letdown.config import Settings
    from letdown.journal.records import JournalData, Session
    from letdown.journal.service import Journal

    rng = random.Random(7)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    sessions = []
    for i in range(count):
        start = now - dt.timedelta(minutes=150 * (count - i))
        kind = rng.choice(["breastfeed", "pump", "pump", "hand_expression"])
        sides = rng.choice(["left", "right", "both"])
        used = ["left", "right"] if sides == "both" else [sides]
        minutes = rng.randint(8, 35)
        first = rng.uniform(40, 400)
        values = {
            "id": i + 1, "kind": kind, "sides": sides, "start": start,
            "end": start + dt.timedelta(minutes=minutes),
            "letdowns": [{"side": side, "at_s": round(first + rng.uniform(0, 30), 1)}
                         for side in used],
            "stress": rng.randint(0, 10), "pain": rng.choice([None, 0, 1, 2, 5]),
            "techniques": rng.sample(["warm_compress", "massage", "music", "slow_breathing"], 2),
            "notes": "benchmark",
        }
        if kind != "breastfeed":
            for side in used:
                values[f"volume_{side}_ml"] = round(rng.uniform(5, 90), 1)
        if kind == "pump":
            values |= {"pump_name": "Spectra S1", "flange_mm": 24, "suction_mmhg": 200}
        sessions.append(Session.model_validate(values))
    with Journal.open(Settings(data_dir=data_dir)) as journal:
        journal.import_all(JournalData(sessions=sessions))
        assert journal.count_sessions() == count
    return time.perf_counter() - started


def median_ms(command: list[str], env: dict[str, str], repeats: int) -> float:
    """Median wall time of running ``command`` to completion, in ms (after one warm-up)."""
    times = []
    for attempt in range(repeats + 1):
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, check=False)
        elapsed = (time.perf_counter() - started) * 1000
        if result.returncode != 0:
            raise SystemExit(f"{command} failed: {result.stderr.decode()}")
        if attempt:
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=positive_int, default=15)
    parser.add_argument("--sessions", type=positive_int, default=10_000)
    args = parser.parse_args()

    letdown = str(Path(sys.executable).with_name("letdown"))
    # Time an installed app, not the compiler: byte-compile letdown's source first.
    import compileall

    import letdown as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory(prefix="letdown-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        seconds = build_journal(data_dir, args.sessions)
        print(f"built a journal of {args.sessions:,} sessions in {seconds:.1f} s")
        env = {**os.environ, "LETDOWN_DATA_DIR": str(data_dir),
               "LETDOWN_CONFIG": str(Path(tmp) / "none.toml")}
        env.pop("LETDOWN_DATABASE_URL", None)
        cases = {
            "python -c pass (reference)": [sys.executable, "-c", "pass"],
            "letdown --help": [letdown, "--help"],
            "letdown sessions": [letdown, "sessions"],
            "letdown sessions --kind pump --since 30d": [
                letdown, "sessions", "--kind", "pump", "--since", "30d"],
            "letdown sessions --limit 500": [letdown, "sessions", "--limit", "500"],
            "letdown sessions --all": [letdown, "sessions", "--all"],
            "letdown sessions --json": [letdown, "sessions", "--json"],
            "letdown overview": [letdown, "overview"],
        }
        results = {name: median_ms(cmd, env, args.repeats) for name, cmd in cases.items()}
    reference = results["python -c pass (reference)"]
    print(f"median of {args.repeats} runs each, as fresh processes:")
    print(f"  {'command':<44} {'ms':>8} {'x ref':>7}  target")
    for name, ms in results.items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else (
            f"< {target:.0f} ms: {'met' if ms < target else 'MISSED'}")
        print(f"  {name:<44} {ms:8.1f} {ms / reference:7.1f}  {verdict}")


if __name__ == "__main__":
    main()
