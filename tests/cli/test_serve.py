"""``letdown serve`` starts the web app on loopback and prints its URL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
