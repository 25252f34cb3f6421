"""Shared fixtures: every test runs with its own private data directory and config.

``postgres_url`` gives a test a fresh, empty database on a real PostgreSQL server
that the test session starts itself (``initdb`` + ``pg_ctl`` in a temporary
directory, listening on a Unix socket only) and stops at the end. Tests that use
it should be marked ``@pytest.mark.postgres``.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Locally, property tests draw new examples on every run, which is how they find rare
# counterexamples. CI (``.ci/run``) sets HYPOTHESIS_PROFILE=ci: the same examples on every
# run, so a green main stays green and a red one is reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point letdown at a fresh data dir and a non-existent config file."""
    data = tmp_path / "letdown-data"
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(data))
    monkeypatch.setenv("LETDOWN_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("LETDOWN_DATABASE_URL", raising=False)
    monkeypatch.setenv("TZ", "Europe/London")
    yield data


@dataclass(frozen=True)
class PostgresServer:
    """A throw-away PostgreSQL server on a Unix socket in ``socket_dir``."""

    socket_dir: Path
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql.encode())


def _postgres_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        pytest.fail(
            f"PostgreSQL's {name} was not found on PATH or in /usr/lib/postgresql/*/bin: "
            "install the `postgresql` Debian package (./test does this)",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start PostgreSQL from the machine's binaries for this test session; stop it after.

    initdb refuses to run as root, so as root the server runs as ``nobody``.
    Fails loudly (never skips) when the binaries are missing.
    """
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    base = Path(tempfile.mkdtemp(prefix="letdown-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "nobody", "nogroup")
        run_as = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
    os.chmod(base, 0o755)
    data, log = base / "data", base / "server.log"
    env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(base)}

    def run(*args: str) -> None:
        result = subprocess.run(
            [*run_as, *args], cwd=base, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            server_log = log.read_text() if log.exists() else ""
            pytest.fail(f"{args[0]} failed:\n{result.stdout}{result.stderr}{server_log}")

    run(initdb, "-D", str(data), "-U", "letdown", "--auth=trust", "-E", "UTF8", "--no-sync")
    run(
        pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
        f"-k {base} -c listen_addresses='' -F -c max_connections=50",
        "start",
    )
    try:
        yield PostgresServer(socket_dir=base, user="letdown")
    finally:
        subprocess.run(
            [*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
            cwd=base, env=env, capture_output=True, check=False,
        )
        shutil.rmtree(base, ignore_errors=True)


_database_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A SQLAlchemy URL to a new, empty PostgreSQL database, dropped after the test."""
    name = f"letdown_test_{os.getpid()}_{next(_database_numbers)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
