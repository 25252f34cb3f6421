"""Web app latency under 50 concurrent clients on loopback, and the server's peak memory.

Starts ``letdown serve`` in its own process on a free port with a throwaway data
directory, fills the journal with 300 sessions through the API, then runs 50
concurrent clients (httpx, asyncio) against four targets, one after the other:

* ``/healthz``              a trivial endpoint (the reference),
* ``/static/app.css``       a static file,
* ``/``                     the Home page (journal query, trend, advice, template),
* ``/api/v1/sessions``      an API call (the 20 latest sessions as JSON).

Each target gets a bounded number of requests (``--requests`` per client) and a
time limit. Prints p50/p99 latency, throughput, the ratio against the reference,
and the server's peak resident memory (psutil, sampled every 20 ms).

    .venv/bin/python benchmarks/bench_web.py [--clients 50] [--requests 20]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil
from _args import positive_float, positive_int

TARGETS = (
    ("reference /healthz", "/healthz"),
    ("static /static/app.css", "/static/app.css"),
    ("page /", "/"),
    ("api /api/v1/sessions?limit=20", "/api/v1/sessions?limit=20"),
)


def start_server(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "LETDOWN_DATA_DIR": str(data_dir),
           "LETDOWN_CONFIG": str(data_dir / "absent.toml")}
    env.pop("LETDOWN_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "letdown", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not found:
        process.kill()
        problem = process.stderr.read() if process.stderr else ""
        raise SystemExit(f"server did not start: {line!r} {problem}")
    return process, found.group(0)


def seed(url: str, sessions: int) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with httpx.Client(base_url=url, timeout=30) as client:
        for i in range(sessions):
            start = now - dt.timedelta(hours=3 * (i + 1))
            response = client.post("/api/v1/sessions", json={
                "kind": "pump" if i % 3 else "breastfeed", "sides": "both",
                "start": start.isoformat(), "end": (start + dt.timedelta(minutes=20)).isoformat(),
                "letdowns": [{"side": "left", "at_s": 60 + (i * 37) % 400}],
                "volume_left_ml": 20 + i % 40, "stress": i % 10,
                "context": ("home", "work", "public")[i % 3],
                "techniques": [("warm_compress", "massage", "slow_breathing")[i % 3]],
            })
            response.raise_for_status()


class PeakMemory:
    """Samples the server's resident memory (process and children) in a thread."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while self.running:
            try:
                rss = self.process.memory_info().rss + sum(
                    c.memory_info().rss for c in self.process.children(recursive=True))
            except psutil.Error:
                break
            self.peak = max(self.peak, rss)
            time.sleep(0.02)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.running = False
        self.thread.join()


async def load(url: str, path: str, clients: int, per_client: int,
               limit_s: float) -> tuple[list[float], int, float]:
    """(latencies in s, errors, wall time) for ``clients`` x ``per_client`` requests."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + limit_s
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one_client() -> None:
            nonlocal errors
            for _ in range(per_client):
                if time.perf_counter() > deadline:
                    return
                began = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.TransportError:  # counted (and shown), not fatal to the run
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - began)
                if response.status_code != 200:
                    errors += 1

        await client.get(path)  # warm up (first use imports, opens the journal)
        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        return latencies, errors, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=positive_int, default=50)
    parser.add_argument("--requests", type=positive_int, default=20, help="requests per client")
    parser.add_argument("--sessions", type=positive_int, default=300)
    parser.add_argument("--time-limit", type=positive_float, default=60.0,
                        help="seconds per target")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        process, url = start_server(Path(tmp) / "data")
        try:
            seed(url, args.sessions)
            print(f"server {url}, {args.sessions} sessions, {args.clients} concurrent clients "
                  f"x {args.requests} requests per target, {os.cpu_count()} CPUs")
            print(f"{'target':<34}{'p50 ms':>8}{'p99 ms':>8}{'req/s':>8}{'p50 x ref':>10}"
                  f"{'errors':>8}")
            reference_p50 = None
            with PeakMemory(process.pid) as memory:
                for label, path in TARGETS:
                    latencies, errors, wall = asyncio.run(
                        load(url, path, args.clients, args.requests, args.time_limit))
                    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
                    reference_p50 = reference_p50 or p50
                    print(f"{label:<34}{p50 * 1000:>8.1f}{p99 * 1000:>8.1f}"
                          f"{len(latencies) / wall:>8.0f}{p50 / reference_p50:>10.2f}"
                          f"{errors:>8}")
            print(f"server peak resident memory (RSS): {memory.peak / 2**20:.0f} MB")
            print("one client at a time (no queueing), median of 50 requests:")
            with httpx.Client(base_url=url, timeout=30) as client:
                for label, path in TARGETS:
                    times = []
                    for _ in range(50):
                        began = time.perf_counter()
                        client.get(path).raise_for_status()
                        times.append(time.perf_counter() - began)
                    print(f"  {label:<32}{statistics.median(times) * 1000:>8.1f} ms")
        finally:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
