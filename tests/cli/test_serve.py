"""``letdown serve`` starts the web app on loopback and prints its URL."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def test_serve_prints_a_loopback_url_that_answers(isolated_home: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "letdown", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        home = httpx.get(found.group(0), timeout=20)
        assert home.status_code == 200 and "Start pumping" in home.text
        assert (isolated_home / "letdown.sqlite3").exists()  # the configured data dir is used
    finally:
        process.terminate()
        process.wait(timeout=20)


def read_until(process: subprocess.Popen[str], pattern: str, printed: list[str],
               seconds: float = 30) -> re.Match[str] | None:
    """The first match of ``pattern`` in what ``process`` prints (None after ``seconds``)."""
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        printed.append(line)
        found = re.search(pattern, line)
        if found:
            return found
    return None


def wait_until_answering(base: str) -> None:
    """The link is printed just before uvicorn binds: wait for it to answer."""
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"{base}/healthz", timeout=2)
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.05)


def test_serve_refuses_a_port_in_use(isolated_home: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "letdown", "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60, env=os.environ.copy(),
        )
    assert result.returncode != 0
    assert "choose another --port" in result.stderr


@contextlib.contextmanager
def serving_beyond_loopback(*options: str) -> Iterator[tuple[str, str, list[str]]]:
    """``letdown serve --host 127.0.0.2 --port 0``: (its address, its pairing link, output)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "letdown", "serve", "--host", "127.0.0.2", "--port", "0",
         *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )
    try:
        printed: list[str] = []
        found = read_until(process, r"http://127\.0\.0\.2:\d+/pair\?code=[\w-]{40,}", printed)
        assert found, f"no pairing link printed: {printed}"
        link = found.group(0)
        base = link.split("/pair")[0]
        wait_until_answering(base)
        yield base, link, printed
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_beyond_loopback_pairs_a_phone_with_a_one_time_link(isolated_home: Path) -> None:
    """--host other than loopback: nothing answers until the printed link is opened once."""
    with serving_beyond_loopback() as (base, link, printed):
        assert "\x1b[" not in "".join(printed)  # no terminal QR art when not a terminal
        with httpx.Client(base_url=base, timeout=20) as stranger:
            refused = stranger.get("/api/v1/sessions")
            assert refused.status_code == 401 and "pair" in refused.text
        with httpx.Client(base_url=base, timeout=20, follow_redirects=True) as phone:
            paired = phone.get(link)  # follows the redirect to Home
            assert paired.status_code == 200 and "Start pumping" in paired.text
            cookie = paired.history[0].headers["set-cookie"].lower()
            assert {"httponly", "samesite=strict", "path=/"} <= {
                part.strip() for part in cookie.split(";")}
            assert phone.get("/api/v1/sessions").json() == []
            session = phone.cookies["letdown_paired"]
        with httpx.Client(timeout=20) as second:
            assert second.get(link).status_code == 401  # the code is spent
        qr = isolated_home / "pairing-qr.png"
        assert qr.read_bytes().startswith(b"\x89PNG") and qr.stat().st_mode & 0o077 == 0
    cookies = {"letdown_paired": session}
    with serving_beyond_loopback() as (base, _, _):  # restarted: the phone is still paired
        assert httpx.get(f"{base}/api/v1/sessions", cookies=cookies, timeout=20).json() == []
    with serving_beyond_loopback("--unpair") as (base, _, printed):  # a lost phone
        assert "Forgot 1 paired device." in "".join(printed)
        assert httpx.get(f"{base}/api/v1/sessions", cookies=cookies,
                         timeout=20).status_code == 401


def test_the_phone_link_names_this_machine_not_the_wildcard() -> None:
    from letdown.cli.serve import lan_address

    assert lan_address("192.168.1.20") == "192.168.1.20"
    assert lan_address("laptop.local") == "laptop.local"
    for wildcard in ("0.0.0.0", "::", ""):
        wide = lan_address(wildcard)
        assert wide and wide not in ("0.0.0.0", "::") and not wide.startswith("127.")


def test_serve_names_a_host_it_cannot_listen_on(isolated_home: Path) -> None:
    """An address that is not this machine's (binding sends nothing): exit 2, say to
    check --host, no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "letdown", "serve", "--host", "192.0.2.77", "--port", "0"],
        capture_output=True, text=True, timeout=60, env=os.environ.copy(),
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "check --host" in result.stderr
