"""Committed means durable: a session `letdown log` called saved survives `kill -9` of anything.

After `letdown log` reports "saved", a second process opens the database and is
killed with SIGKILL in the middle of its own write transaction, and a third
(`letdown log` waiting at a prompt with the journal open) is killed too. The
re-opened journal still has the saved session, passes SQLite's integrity check,
and has none of the killed writer's half-done work.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from letdown.journal.service import Journal

HALF_WRITE = r"""
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode=WAL")
connection.execute("BEGIN IMMEDIATE")
for i in range(2000):
    connection.execute(
        "INSERT INTO session (kind, sides, start_utc, end_utc, medicines, techniques, notes) "
        "VALUES ('pump', 'left', '2026-01-01 10:00:00', '2026-01-01 10:20:00', '[]', '[]', ?)",
        (f"unfinished {i}",),
    )
connection.execute("UPDATE session SET pain = 9")
print("holding", flush=True)
time.sleep(60)
"""


def letdown(*args: str, env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "letdown", *args], env=env, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_saved_session_survives_kill_9_of_other_writers(isolated_home: Path) -> None:
    env = {**os.environ}
    logged = subprocess.run(
        [sys.executable, "-m", "letdown", "log", "-k", "pump", "-s", "both", "-m", "20",
         "--letdown", "1:30", "--left-ml", "42", "--no-ask"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.startswith("saved session 1:")
    database = isolated_home / "letdown.sqlite3"

    writer = subprocess.Popen(
        [sys.executable, "-c", HALF_WRITE, str(database)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "holding"
    prompting = letdown("log", "--ask", env=env)  # opens the journal, then waits for answers
    time.sleep(1.0)
    for process in (writer, prompting):
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with Journal.open() as journal:
        [session] = journal.list_sessions()
        assert (session.id, session.volume_left_ml, session.first_letdown_s()) == (1, 42.0, 90.0)
        assert session.pain is None
