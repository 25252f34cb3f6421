"""The real server (``letdown serve``) is sent 200 MB bodies every way they can arrive
(declared, chunked, multipart, slow, aborted) while psutil watches its memory: it must
stay under 300 MB, and an aborted upload leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from tests.web.helpers import live_token, multipart_head

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JSON = {"content-type": "application/json"}


# ---------------------------------------------------- the real server's memory


class Server:
    """``letdown serve --port 0`` in a subprocess, its memory sampled with psutil."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "letdown", "serve", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line + (self.process.stderr.read() if self.process.stderr else "")
        self.port = int(found.group(1))
        deadline = time.monotonic() + 30
        while True:  # the URL is printed just before uvicorn starts listening
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.watched = psutil.Process(self.process.pid)
        self.peak = 0
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.watched.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.005)

    def rss(self) -> int:
        return int(self.watched.memory_info().rss)

    def high_water(self) -> int:
        """The kernel's own peak RSS (VmHWM) where there is one, else the sampled peak."""
        status = Path(f"/proc/{self.process.pid}/status")
        if status.exists():
            found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            if found:
                return max(self.peak, int(found.group(1)) * 1024)
        return self.peak

    def __enter__(self) -> Server:
        self._sampler.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.process.terminate()
        self.process.wait(timeout=20)


def send(port: int, path: str, content_type: str, total: int, first: bytes = b"",
         *, chunked: bool, filler: bytes = b"0", cookie: str = "") -> int | None:
    """POST ``total`` bytes (``first``, then filler) as a client would, stopping as soon as
    the server answers; the status it answered with (None if it only hung up)."""
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}"
            f"\r\n{framing}\r\n{cookie}\r\n").encode()
    block = (filler * (256 * 1024 // len(filler) + 1))[: 256 * 1024]
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(head)
        sent = 0
        try:
            while sent < total:
                if select.select([connection], [], [], 0)[0]:
                    break  # the server has answered already
                piece = (first + block)[: min(len(first) + len(block), total - sent)] \
                    if sent == 0 else block[: total - sent]
                connection.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                sent += len(piece)
            if sent >= total and chunked:
                connection.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = connection.recv(4096)
        except (ConnectionResetError, TimeoutError):
            return None
    found = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    return int(found.group(1)) if found else None


def flood(port: int) -> dict[str, int | None]:
    """The 200 MB bodies (JSON and an upload; with a length and chunked): the statuses."""
    total, boundary = 200 * MB, "flood"
    token, cookie = live_token(port, boundary)
    video = token + multipart_head(boundary, "baby.mp4") + b"\x00\x00\x00\x18ftypmp42"
    upload = f"multipart/form-data; boundary={boundary}"
    return {
        "json, with length": send(port, "/api/v1/babies", "application/json", total,
                                  b'{"name": "', chunked=False, filler=b"A"),
        "json, chunked": send(port, "/api/v1/babies", "application/json", total,
                              b'{"name": "', chunked=True, filler=b"A"),
        "upload, with length": send(port, "/media", upload, total, video, chunked=False,
                                    cookie=cookie),
        "upload, chunked": send(port, "/media", upload, total, video, chunked=True,
                                cookie=cookie),
    }


def abort(port: int, media_dir: Path) -> list[str]:
    """Start a 50 MB upload, send 5 MB and hang up: what the media folder holds meanwhile."""
    boundary = "gone"
    token, cookie = live_token(port, boundary)
    head = (f"POST /media HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/"
            f"form-data; boundary={boundary}\r\nContent-Length: {50 * MB}\r\n{cookie}\r\n"
            ).encode() + token
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(head + multipart_head(boundary, "baby.mp4") + b"\x00\x00\x00\x18ftyp")
        for _ in range(20):
            connection.sendall(b"\x00" * (256 * 1024))
        time.sleep(0.3)
        during = sorted(p.name for p in media_dir.iterdir())
    return during


@pytest.mark.slow
def test_the_server_stays_under_300_mb_whatever_is_sent(isolated_home: Path) -> None:
    with Server(os.environ.copy()) as server:
        import httpx

        base = f"http://127.0.0.1:{server.port}"
        assert httpx.get(base + "/", timeout=30).status_code == 200  # warmed up
        before = server.rss()
        statuses = flood(server.port)
        during = abort(server.port, isolated_home / "media")
        deadline = time.monotonic() + 10
        while list((isolated_home / "media").iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert httpx.get(base + "/healthz", timeout=30).text == "ok"  # still serving
        peak = server.high_water()
    print(f"server RSS: {before / MB:.0f} MB at rest, peak {peak / MB:.0f} MB; {statuses}")
    assert statuses["json, with length"] == 413 and statuses["upload, with length"] == 413
    assert statuses["json, chunked"] in (413, None)
    assert statuses["upload, chunked"] in (413, None)
    assert peak < 300 * MB, f"peak RSS {peak / MB:.0f} MB"
    # the aborted upload was being written to disk under a hidden name, then removed
    assert len(during) == 1 and during[0].startswith(".") and during[0].endswith(".mp4.part")
    assert list((isolated_home / "media").iterdir()) == []


