"""The soak driver shared by tests/web/test_soak.py and benchmarks/bench_soak.py.

It starts ``letdown serve --multi-user --workers N`` as a real process on PostgreSQL,
makes parent accounts and API tokens with the accounts service, and drives the server
from many concurrent clients (threads, one httpx client each) for a bounded time, mixing
sign-ins (the form, with its CSRF token), creates, edits, lists and pages. Every
acknowledged create and edit is remembered, and read back at the end: a write the server
said it kept and then lost is a "lost write". Optionally one worker is killed with
SIGKILL half-way through (uvicorn's supervisor starts another).
"""

from __future__ import annotations

import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

SECRET = "q8V1c2Jm0s7Kx_4nP9tYwZ3aR6eH5uL0dF2gB8vN1mC"
PASSWORD = "a long soak password 73 heron"
_CSRF = re.compile(r'name="csrftoken" value="([^"]+)"')
_URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")
#: Seconds after the kill in which an interrupted request (its worker died under it) is
#: expected, not an error.
KILL_GRACE = 3.0
#: What each client does, with how often (weights).
#: Sign-ins are rare (a real parent signs in once a day) and dear on purpose: argon2 at
#: its production cost takes about half a second of one core each.
MIX = (("signin", 1), ("create", 8), ("edit", 6), ("list", 6), ("page", 4))


@dataclass
class Server:
    process: subprocess.Popen[str]
    base: str
    env: dict[str, str]

    def workers(self) -> list[psutil.Process]:
        """The worker processes (children of uvicorn's supervisor running the app)."""
        found = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "resource_tracker" not in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:
                continue
        return found


@contextmanager
def running_server(database_url: str, data_dir: Path, workers: int = 2, parents: int = 10,
                   pool: tuple[int, int] = (4, 4),
                   ) -> Iterator[tuple[Server, list[tuple[str, str]]]]:
    """The server (``workers`` processes) and ``parents`` (email, write token) pairs.

    ``pool`` is (LETDOWN_DB_POOL_SIZE, LETDOWN_DB_MAX_OVERFLOW): the test PostgreSQL allows
    50 connections, and 2 workers x 2 pools x (4 + 4) = 32 stay under it."""
    env = {**os.environ, "LETDOWN_DATABASE_URL": database_url, "LETDOWN_SECRET_KEY": SECRET,
           "LETDOWN_DB_POOL_SIZE": str(pool[0]), "LETDOWN_DB_MAX_OVERFLOW": str(pool[1]),
           "LETDOWN_DATA_DIR": str(data_dir), "LETDOWN_ADMIN_PASSWORD": PASSWORD,
           "LETDOWN_CONFIG": str(data_dir / "absent.toml")}
    made = subprocess.run([sys.executable, "-m", "letdown", "admin", "create", "--email",
                           "parent0@example.org", "--role", "parent"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0 or "already an account" in made.stderr, made.stderr
    accounts_made = _accounts(env, parents)
    process = subprocess.Popen(
        [sys.executable, "-m", "letdown", "serve", "--multi-user", "--workers", str(workers),
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = _URL.search(line)
        assert found, (line, process.stderr.read() if process.poll() is not None else "")
        server = Server(process, found.group(0).rstrip("/"), env)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{server.base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.1)
        yield server, accounts_made
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _accounts(env: dict[str, str], parents: int) -> list[tuple[str, str]]:
    """Parent accounts (the first from `letdown admin create`) and a write token each."""
    code = (
        "import sys\n"
        "from letdown.accounts.roles import Role\n"
        "from letdown.accounts.service import Accounts\n"
        "from letdown.accounts.roles import Scope\n"
        "accounts = Accounts.open()\n"
        f"for n in range({parents}):\n"
        "    email = f'parent{n}@example.org'\n"
        "    found = accounts.find_account(email)\n"
        f"    found = found or accounts.create_account(email, {PASSWORD!r}, Role.PARENT)\n"
        "    print(email, accounts.issue_token(found.id, Scope.WRITE, 1).secret)\n"
        "accounts.close()\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    pairs = [tuple(line.split()) for line in done.stdout.splitlines() if line.strip()]
    return [(email, token) for email, token in pairs]


@dataclass
class Outcome:
    """What the clients saw."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    interrupted: int = 0
    """Requests cut off by the killed worker, inside ``KILL_GRACE`` (not acknowledged)."""
    acknowledged: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Baby id -> (owner email, the name last acknowledged)."""
    attempted: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Baby id -> names sent in edits that were not acknowledged (may or may not be kept)."""
    killed_at: float | None = None
    seconds: float = 0.0
    lost: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def summary(self) -> str:
        rows = [f"{self.requests} requests in {self.seconds:.1f} s: "
                f"{self.requests / self.seconds:.1f} requests/s; errors {len(self.errors)}; "
                f"lost writes {len(self.lost)}; interrupted by the kill {self.interrupted}; "
                f"acknowledged creates {len(self.acknowledged)}"]
        for kind, times in sorted(self.latencies.items()):
            ordered = sorted(times)
            p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
            rows.append(f"  {kind:<7} n={len(times):<6} p50 {statistics.median(times) * 1000:7.1f}"
                        f" ms  p99 {p99 * 1000:7.1f} ms")
        return "\n".join(rows)


def soak(server: Server, parents: list[tuple[str, str]], clients: int, seconds: float,
         kill_worker: bool = False) -> Outcome:
    """Drive ``server`` from ``clients`` threads for ``seconds``; read every write back."""
    outcome = Outcome()
    cookies = {}
    for email, _token in parents:  # each parent signed in once before the clock starts
        with httpx.Client(base_url=server.base, timeout=120) as browser:
            _sign_in(browser, email)
            cookies[email] = httpx.Cookies(browser.cookies)
    run = os.urandom(3).hex()  # names unique across runs on one database (babies' names are)
    start = time.monotonic()
    stop = start + seconds
    threads = [threading.Thread(target=_client, args=(server.base, parents[n % len(parents)],
                                                      n, stop, outcome, cookies, run), daemon=True)
               for n in range(clients)]
    for thread in threads:
        thread.start()
    if kill_worker:
        time.sleep(seconds / 2)
        victim = server.workers()[0]
        outcome.killed_at = time.monotonic()
        victim.send_signal(signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=seconds + 120)
    outcome.seconds = time.monotonic() - start
    _read_back(server.base, parents, outcome)
    return outcome


def _client(base: str, parent: tuple[str, str], number: int, stop: float,
            outcome: Outcome, cookies: dict[str, httpx.Cookies], run: str) -> None:
    email, token = parent
    chooser = random.Random(number)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    api = httpx.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"})
    browser = httpx.Client(base_url=base, timeout=60, cookies=cookies[email])
    mine: list[int] = []
    made = 0
    try:
        while time.monotonic() < stop:
            kind = chooser.choice(kinds)
            if kind == "signin":
                browser.close()
                browser = httpx.Client(base_url=base, timeout=60)
                if _timed(outcome, kind, _sign_in, browser, email) is None:
                    # cut off by the kill: this client is signed out, as a person would
                    # be, and carries on with the session it had
                    browser.close()
                    browser = httpx.Client(base_url=base, timeout=60, cookies=cookies[email])
            elif kind == "create" or (kind == "edit" and not mine):
                made += 1
                name = f"Soak {run} {number}-{made}"
                answer = _timed(outcome, "create", _request, api, "POST", "/api/v1/babies", 201,
                                json={"name": name, "birth_date": "2026-10-01"})
                if answer is not None:
                    baby = int(answer.json()["id"])
                    mine.append(baby)
                    with outcome.lock:
                        outcome.acknowledged[baby] = (email, name)
            elif kind == "edit":
                baby = chooser.choice(mine)
                made += 1
                name = f"Edited {run} {number}-{made}"
                with outcome.lock:
                    outcome.attempted[baby].add(name)
                answer = _timed(outcome, kind, _request, api, "PATCH", f"/api/v1/babies/{baby}",
                                200, json={"name": name})
                if answer is not None:
                    with outcome.lock:
                        outcome.acknowledged[baby] = (email, name)
                        outcome.attempted[baby].discard(name)
            elif kind == "list":
                _timed(outcome, kind, _request, api, "GET", "/api/v1/babies", 200)
            else:
                page = chooser.choice(("/", "/history", "/babies"))
                _timed(outcome, kind, _request, browser, "GET", page, 200)
    finally:
        api.close()
        browser.close()


class _Refused(Exception):
    """An answer that is not the one expected (a 5xx, a 4xx): an error of the soak."""


def _expect(answer: httpx.Response, status: int) -> httpx.Response:
    if answer.status_code != status:
        raise _Refused(f"{answer.request.method} {answer.request.url.path}: "
                       f"{answer.status_code} {answer.text[:200]}")
    return answer


def _request(client: httpx.Client, method: str, path: str, status: int,
             **options: Any) -> httpx.Response:
    return _expect(client.request(method, path, **options), status)


def _sign_in(browser: httpx.Client, email: str) -> httpx.Response:
    form = _expect(browser.get("/signin"), 200)
    token = _CSRF.search(form.text)
    if token is None:
        raise _Refused("GET /signin: no CSRF token in the form")
    done = _expect(browser.post("/signin", data={"csrftoken": token.group(1), "next": "/",
                                                  "email": email, "password": PASSWORD}), 303)
    return done


def _timed(outcome: Outcome, kind: str, call: Callable[..., httpx.Response], *args: Any,
           **options: Any) -> httpx.Response | None:
    """``call(*args, **options)``; record its latency, or the error (None then)."""
    began = time.monotonic()
    try:
        answer = call(*args, **options)
    except _Refused as refused:
        with outcome.lock:
            outcome.errors.append(f"{kind}: {refused}")
        return None
    except httpx.TransportError as error:
        killed = outcome.killed_at
        with outcome.lock:
            # in flight when the worker died, or sent to it just after
            if killed is not None and began <= killed + KILL_GRACE <= time.monotonic() + KILL_GRACE:
                outcome.interrupted += 1
            else:
                outcome.errors.append(f"{kind}: {type(error).__name__}: {error}")
        return None
    with outcome.lock:
        outcome.latencies[kind].append(time.monotonic() - began)
    return answer


def _read_back(base: str, parents: list[tuple[str, str]], outcome: Outcome) -> None:
    """Every acknowledged create must be there, with its last acknowledged name (or a
    later one whose answer was cut off by the kill)."""
    kept: dict[int, tuple[str, str]] = {}
    for email, token in parents:
        with httpx.Client(base_url=base, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as api:
            for baby in _expect(api.get("/api/v1/babies"), 200).json():
                kept[int(baby["id"])] = (email, baby["name"])
    for baby, (email, name) in outcome.acknowledged.items():
        found = kept.get(baby)
        if found is None:
            outcome.lost.append(f"baby {baby} of {email} ({name}) is gone")
        elif found[0] != email:
            outcome.lost.append(f"baby {baby} of {email} is listed for {found[0]}")
        elif found[1] != name and found[1] not in outcome.attempted.get(baby, set()):
            outcome.lost.append(f"baby {baby}: {found[1]!r} where {name!r} was acknowledged")
