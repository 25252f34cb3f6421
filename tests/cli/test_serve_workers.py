"""`letdown serve --workers N`: several processes for server mode only, on PostgreSQL; each
worker's connection pools sized by LETDOWN_DB_POOL_SIZE / LETDOWN_DB_MAX_OVERFLOW."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from letdown.config import load_settings
from letdown.journal.store import open_engine

SECRET = "q8V1c2Jm0s7Kx_4nP9tYwZ3aR6eH5uL0dF2gB8vN1mC"


def _serve(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "letdown", "serve", "--port", "0", *args],
                          env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=60, check=False)


def test_workers_without_server_mode_are_refused_in_one_line(isolated_home: Path) -> None:
    done = _serve("--workers", "2")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --workers 2 is for server mode only (one journal on this machine needs one "
        "worker): add --multi-user with PostgreSQL, or leave out --workers"]
    assert "Traceback" not in done.stderr and "running at" not in done.stdout


def test_workers_on_sqlite_are_refused_in_one_line(isolated_home: Path) -> None:
    done = _serve("--workers", "2", "--multi-user", LETDOWN_SECRET_KEY=SECRET)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs PostgreSQL, not SQLite" in lines[0]
    assert "running at" not in done.stdout


@pytest.mark.parametrize("count", ["0", "65", "two"])
def test_a_worker_count_out_of_range_is_refused(isolated_home: Path, count: str) -> None:
    done = _serve("--workers", count)
    assert done.returncode == 2 and "--workers" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("variable", "value"), [("LETDOWN_DB_POOL_SIZE", "0"),
                                                 ("LETDOWN_DB_MAX_OVERFLOW", "-1"),
                                                 ("LETDOWN_DB_POOL_SIZE", "lots")])
def test_a_bad_pool_size_is_one_line(isolated_home: Path, variable: str, value: str) -> None:
    done = _serve(**{variable: value})
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0] and "allowed: a whole number" in lines[0]


@pytest.mark.postgres
def test_the_pool_settings_size_each_postgres_engine(
        isolated_home: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETDOWN_DATABASE_URL", postgres_url)
    monkeypatch.setenv("LETDOWN_DB_POOL_SIZE", "3")
    monkeypatch.setenv("LETDOWN_DB_MAX_OVERFLOW", "2")
    engine = open_engine(load_settings())
    try:
        pool = engine.pool
        assert pool.size() == 3  # type: ignore[attr-defined]
        assert pool._max_overflow == 2  # type: ignore[attr-defined]
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_server_mode_keeps_an_idle_connection_longer_than_clients_do(
        tmp_path: Path, postgres_url: str) -> None:
    """uvicorn's 5 s keep-alive equals httpx's: the server closed a connection just as a
    client sent on it again, and the soak saw "connection reset" on a page."""
    import socket
    import time
    from urllib.parse import urlsplit

    from tests.web.soak import running_server

    with running_server(postgres_url, tmp_path / "data", workers=2, parents=1) as (server, _):
        address = urlsplit(server.base)
        request = f"GET /healthz HTTP/1.1\r\nHost: {address.netloc}\r\n\r\n".encode()
        with socket.create_connection((address.hostname, address.port), timeout=60) as link:
            link.sendall(request)
            assert _whole_response(link).startswith(b"HTTP/1.1 200")
            time.sleep(6.5)  # idle longer than httpx and browsers keep a connection
            link.sendall(request)
            assert _whole_response(link).startswith(b"HTTP/1.1 200")


def _whole_response(link: Any) -> bytes:
    """One whole HTTP response's head, its body read too (it may come in several pieces,
    and a piece left unread would be taken for the next response)."""
    import re

    data = b""
    while b"\r\n\r\n" not in data:
        piece = link.recv(4096)
        assert piece, "the server closed the connection"
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    found = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(found.group(1)) if found else 0
    while len(body) < length:
        piece = link.recv(4096)
        assert piece, "the server closed the connection"
        body += piece
    return head
