"""Home's time per request with and without the trend findings, on 10,000 sessions.

Fills a throwaway journal with 10,000 sessions (and a baby with weights and diaper
counts), then requests ``/`` in-process (Starlette's TestClient) in two ways:

* warm: Home as a parent reloads it (the trends are kept per write, like the advice);
* cold: after a write (every request first bumps the write counter), so the advice and
  the trends are computed afresh each time: the worst case.

"before" is Home with the trends switched off (as on main), "after" with them. Prints
the median ms per request of each and the after/before ratio.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_home_trends.py [--sessions 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _args import positive_int


def seed(settings: Any, sessions: int) -> None:
    from letdown.journal.records import Baby, DiaperCount, InfantWeight, Session
    from letdown.journal.service import Journal

    journal = Journal.open(settings)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    today = now.date()
    try:
        baby = journal.add_baby(Baby(name="Ada", birth_date=today - dt.timedelta(days=60),
                                     sex="female", birth_weight_g=3400))
        for d, g in ((3, 3150), (10, 3380), (20, 3800), (40, 4500), (58, 5100)):
            journal.add_weight(InfantWeight(baby_id=baby.id, grams=g,
                                            date=today - dt.timedelta(days=60 - d)))
        journal.add_diapers(DiaperCount(baby_id=baby.id, date=today, wet=7, dirty=3))
        for i in range(sessions):
            start = now - dt.timedelta(hours=2 * (i + 1))
            journal.add_session(Session.model_validate({
                "kind": "pump" if i % 3 else "breastfeed", "sides": "both",
                "start": start, "end": start + dt.timedelta(minutes=20),
                "letdowns": [{"side": "left", "at_s": 60 + (i * 37) % 400}],
                "volume_left_ml": 20 + i % 40, "pain": i % 4, "stress": i % 10}))
    finally:
        journal.close()


def measure(client: Any, app: Any, n: int, cold: bool) -> tuple[float, float]:
    """Median ms per request without and with the trends, requests interleaved so that
    caches warming up and other load on the machine fall on both alike."""
    import letdown.web.pages.home as home

    real = home._trends
    off = lambda *a: {"trends": [], "trends_urgent": []}  # noqa: E731 (main's Home)
    times: dict[bool, list[float]] = {False: [], True: []}
    client.get("/")
    for i in range(2 * n):
        on = i % 2 == 1
        home._trends = real if on else off  # type: ignore[assignment]
        if cold:
            app.state.services.writes += 1
        t0 = time.perf_counter()
        assert client.get("/").status_code == 200
        times[on].append(time.perf_counter() - t0)
    home._trends = real  # type: ignore[assignment]
    return statistics.median(times[False]) * 1000, statistics.median(times[True]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=positive_int, default=10_000)
    parser.add_argument("--requests", type=positive_int, default=30)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from letdown.config import Settings
    from letdown.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LETDOWN_CONFIG"] = str(Path(tmp) / "absent.toml")
        os.environ.pop("LETDOWN_DATABASE_URL", None)
        settings = Settings(data_dir=Path(tmp) / "data", timezone="Europe/London")
        settings.ensure_data_dir()
        t0 = time.perf_counter()
        seed(settings, args.sessions)
        print(f"seeded {args.sessions} sessions in {time.perf_counter() - t0:.1f} s")
        app = create_app(settings, allowed_hosts=["testserver"])
        with TestClient(app) as client:
            results = {cold: measure(client, app, args.requests, cold) for cold in (False, True)}
    for cold, (before, after) in results.items():
        kind = "cold (after a write)" if cold else "warm (reload)"
        print(f"Home {kind:<22} before {before:7.1f} ms  after {after:7.1f} ms  "
              f"ratio {after / before:.2f}")


if __name__ == "__main__":
    main()
