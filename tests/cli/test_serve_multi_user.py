"""`letdown serve --multi-user` on PostgreSQL with a safe secret serves the practice's pages:
everything asks to sign in, and an account made by `letdown admin create` can."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from cli.test_serve import read_until, wait_until_answering

SECRET = "q8V1c2Jm0s7Kx_4nP9tYwZ3aR6eH5uL0dF2gB8vN1mC"
PASSWORD = "a long practice password 41"


@pytest.mark.postgres
def test_server_mode_serves_and_signs_in(isolated_home: Path, postgres_url: str) -> None:
    env = {**os.environ, "LETDOWN_DATABASE_URL": postgres_url, "LETDOWN_SECRET_KEY": SECRET,
           "LETDOWN_ADMIN_PASSWORD": PASSWORD}
    made = subprocess.run([sys.executable, "-m", "letdown", "admin", "create", "--email",
                           "parent@example.org", "--role", "parent"],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert made.returncode == 0, made.stderr
    process = subprocess.Popen(
        [sys.executable, "-m", "letdown", "serve", "--multi-user", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    printed: list[str] = []
    try:
        found = read_until(process, r"http://127\.0\.0\.1:(\d+)/", printed)
        assert found, printed
        assert "server mode" in printed[-1]
        base = found.group(0).rstrip("/")
        wait_until_answering(base)
        with httpx.Client(base_url=base, timeout=20) as browser:
            asked = browser.get("/history")
            assert asked.status_code == 303 and asked.headers["location"].startswith("/signin")
            assert browser.get("/api/v1/sessions").status_code == 401
            form = browser.get("/signin").text
            token = re.search(r'name="csrftoken" value="([^"]+)"', form)
            assert token is not None
            done = browser.post("/signin", data={"csrftoken": token.group(1), "next": "/",
                                                 "email": "parent@example.org",
                                                 "password": PASSWORD})
            assert done.status_code == 303, done.text
            home = browser.get("/")
            assert home.status_code == 200 and "parent@example.org" in home.text
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert process.stderr is not None
    logged = process.stderr.read() + "".join(printed)
    assert PASSWORD not in logged and SECRET not in logged
