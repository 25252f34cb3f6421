"""Database and disk faults end in one plain line, exit 2, with nothing written.

Covers a write lock held too long, a full disk, unreachable or garbage database URLs, a
data folder whose name holds URL syntax, read-only media and a journal from a newer
letdown.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from letdown.cli import cli
from letdown.journal import faults, store

LOG = ["log", "-k", "pump", "-s", "both", "-m", "15"]


def _count(data: Path) -> int:
    with sqlite3.connect(data / "letdown.sqlite3") as connection:
        return int(connection.execute("SELECT COUNT(*) FROM session").fetchone()[0])


def _one_error_line(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, result.stderr
    return str(lines[0])


@pytest.fixture
def journal(isolated_home: Path) -> Path:
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    return isolated_home


def test_a_write_lock_held_too_long_is_named(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SQLITE_BUSY_TIMEOUT_MS", 200)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "print('locked', flush=True); sys.stdin.readline()\n",
         str(journal / "letdown.sqlite3")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        line = _one_error_line(CliRunner().invoke(cli, LOG))
    finally:
        holder.communicate("\n", timeout=10)
    assert line == ("error: another letdown is writing to the journal; try again in a "
                    "moment")
    assert _count(journal) == 1


def test_a_full_disk_is_reported_as_a_full_disk(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own SQLITE_FULL, provoked by capping the file at its current size."""
    from sqlalchemy import event

    real = store.create_journal_engine

    def capped(*args: Any, **kwargs: Any) -> Any:
        engine = real(*args, **kwargs)

        @event.listens_for(engine, "connect")
        def _cap(dbapi_connection: Any, _record: Any) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(store, "create_journal_engine", capped)
    result = CliRunner().invoke(cli, [*LOG, "--notes", "n" * 5000])
    line = _one_error_line(result)
    assert line == "error: the disk is full: free some space; nothing was saved"
    monkeypatch.undo()
    assert _count(journal) == 1


def test_an_io_error_on_a_full_disk_is_not_shown_as_an_io_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A full disk often surfaces as SQLITE_IOERR_WRITE ("disk I/O error")."""
    import shutil

    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 778  # type: ignore[attr-defined]  # SQLITE_IOERR_WRITE
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(faults.shutil, "disk_usage",
                        lambda _path: usage._replace(free=4096))
    assert str(faults.as_fault(error, where=tmp_path / "j.sqlite3")) == (
        "the disk is full: free some space; nothing was saved")
    monkeypatch.undo()
    other = str(faults.as_fault(error, where=tmp_path / "j.sqlite3"))
    assert other.startswith("the disk reported an error")


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://letdown:secret@127.0.0.1:1/nothing",   # nothing listening
    "postgresql+psycopg://letdown:secret@/db?host=/no/such/dir",  # no socket
    "postgresql+nosuchdriver://letdown:secret@localhost/db",       # garbage driver
    "sqlite:///no/such/folder/../../x:y",                           # cannot be opened
    "postgresql://letdown:secret@[::1/db",                          # not parsable
])
@pytest.mark.parametrize("command", [["db", "current"], ["sessions"], LOG, ["db", "upgrade"]],
                         ids=" ".join)
def test_an_unusable_database_url_is_one_plain_line(
    url: str, command: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LETDOWN_DATABASE_URL", url)
    (tmp_path / "no").write_text("a file where a folder should be")
    line = _one_error_line(CliRunner().invoke(cli, command))
    assert "secret" not in line
    assert "LETDOWN_DATABASE_URL" in line or "cannot" in line


def test_a_data_folder_with_url_characters_keeps_the_journal_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: `?`, `#` or `%41` in the folder name was read as URL syntax, so the
    journal went to another file (or the command failed)."""
    parent = tmp_path / "home"
    parent.mkdir()
    odd = parent / "my?data#1%41"
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(odd))
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    assert sorted(p.name for p in parent.iterdir()) == ["my?data#1%41"]
    assert _count(odd) == 1
    shown = CliRunner().invoke(cli, ["sessions", "--json"])
    assert shown.exit_code == 0 and '"kind": "pump"' in shown.output


def _newer(data: Path, revision: str = "9999_from_the_future") -> None:
    with sqlite3.connect(data / "letdown.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def test_a_journal_from_a_newer_letdown_is_left_alone(journal: Path, tmp_path: Path) -> None:
    _newer(journal)
    runner = CliRunner()
    current = runner.invoke(cli, ["db", "current"])
    assert current.exit_code == 0
    assert "ahead: this journal was made by a newer letdown (revision 9999_from_the_future)" \
        in current.output and "behind" not in current.output
    for command in (LOG, ["db", "upgrade"], ["baby", "add", "Ada", "--born", "2026-10-01"]):
        line = _one_error_line(runner.invoke(cli, command))
        assert line == ("error: this journal was made by a newer letdown (revision "
                        "9999_from_the_future); upgrade letdown")
    exported = runner.invoke(cli, ["export", "-o", str(tmp_path / "out.json")])
    assert exported.exit_code == 0 and (tmp_path / "out.json").exists()
    backed = runner.invoke(cli, ["backup", str(tmp_path / "copy.sqlite3")])
    assert backed.exit_code == 0, backed.output
    with sqlite3.connect(journal / "letdown.sqlite3") as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "9999_from_the_future",)
        assert connection.execute("SELECT COUNT(*) FROM session").fetchone() == (1,)


def test_the_shipped_revisions_are_known_without_alembic(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    engine = store.create_journal_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    script = ScriptDirectory.from_config(store._alembic_config(engine))
    assert store.known_revisions() == {r.revision for r in script.walk_revisions()}
    assert store.revision_status("0001") == "behind"


# ------------------------------------------------------------ read-only media (issue 10)

READ_ONLY_MOUNT = """
set -e
mount --bind "$1" "$1"
mount -o remount,bind,ro "$1"
shift
exec "$@"
"""


def _can_mount() -> bool:
    import shutil

    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "-", "/tmp", "true"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def _read_only_run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run letdown with ``data`` mounted read-only (a private mount namespace: the mount
    exists only for that process), as a backup on read-only media would be."""
    import os

    return subprocess.run(
        ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, "-", str(data),
         sys.executable, "-m", "letdown", *args],
        capture_output=True, text=True, check=False, env=dict(os.environ),
    )


@pytest.fixture
def on_read_only_media(journal: Path) -> Path:
    """The journal closed cleanly (no -wal/-shm left), as a copied backup would be."""
    with sqlite3.connect(journal / "letdown.sqlite3") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for side in ("-wal", "-shm"):
        (journal / f"letdown.sqlite3{side}").unlink(missing_ok=True)
    return journal


@pytest.mark.skipif(not _can_mount(), reason="needs unshare and mount (root, CAP_SYS_ADMIN);"
                    " test_read_only_journal_simulated covers the same path")
def test_a_journal_on_read_only_media_opens_for_reading(on_read_only_media: Path) -> None:
    data = on_read_only_media
    before = (data / "letdown.sqlite3").read_bytes()
    note = "is read-only (its folder cannot be written): reading only, writes are off"
    for command in (["sessions"], ["show", "1"], ["export"], ["overview"],
                    ["sessions", "--json"]):
        result = _read_only_run(data, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert note in result.stderr, command
        assert "Traceback" not in result.stderr
    assert "pump" in _read_only_run(data, "sessions").stdout
    for command in (LOG, ["baby", "add", "Ada", "--born", "2026-10-01"]):
        refused = _read_only_run(data, *command)
        assert refused.returncode == 2
        assert "is read-only (its folder or file cannot be written), so nothing was saved" \
            in refused.stderr
    assert (data / "letdown.sqlite3").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["letdown.sqlite3"]


def test_read_only_journal_simulated(
    on_read_only_media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same without mount privileges: the folder is reported unwritable (as
    ``os.access`` reports a read-only mount), so SQLite really opens it mode=ro/immutable."""
    import os

    data = on_read_only_media
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and str(path).startswith(str(data)):
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    before = (data / "letdown.sqlite3").read_bytes()
    runner = CliRunner()
    shown = runner.invoke(cli, ["sessions", "--json"])
    assert shown.exit_code == 0 and '"kind": "pump"' in shown.stdout
    assert "reading only, writes are off" in shown.stderr
    refused = runner.invoke(cli, LOG)
    assert refused.exit_code == 2 and "is read-only" in refused.stderr
    assert (data / "letdown.sqlite3").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["letdown.sqlite3"]


FULL_DISK = """
set -e
mount -t tmpfs -o size=400k tmpfs "$1"
shift
export LETDOWN_DATA_DIR="$MOUNTED/data"
"$@" log -k pump -s both -m 5 >/dev/null
dd if=/dev/zero of="$MOUNTED/fill" bs=4k 2>/dev/null || true
set +e
"$@" log -k pump -s both -m 5 --notes "$NOTES"
echo "exit $?"
rm "$MOUNTED/fill"
"$@" sessions --json
"""


@pytest.mark.skipif(not _can_mount(), reason="needs unshare and mount (root, CAP_SYS_ADMIN);"
                    " test_a_full_disk_is_reported_as_a_full_disk covers SQLITE_FULL")
def test_a_really_full_disk_is_not_a_disk_io_error(tmp_path: Path) -> None:
    """Regression: on a full disk `log` said "(sqlite3.OperationalError) disk I/O error".
    A 400 kB tmpfs in a private mount namespace, filled up after the first session."""
    import os

    mounted = tmp_path / "small-disk"
    mounted.mkdir()
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", FULL_DISK, "-", str(mounted),
         sys.executable, "-m", "letdown"],
        capture_output=True, text=True, check=False,
        env={**os.environ, "MOUNTED": str(mounted), "NOTES": "n" * 4000},
    )
    assert "exit 2" in result.stdout, result.stderr
    assert "error: the disk is full: free some space; nothing was saved" in result.stderr
    assert "I/O" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.count('"kind": "pump"') == 1  # the first session, and only it
