"""Backups are whole or absent: a failure half-way leaves nothing at the target."""

from __future__ import annotations

from pathlib import Path

import pytest

from letdown.journal import backup
from letdown.journal.backup import BackupError, backup_data, backup_journal
from letdown.journal.service import Journal


@pytest.fixture
def journal_file(isolated_home: Path) -> Path:
    Journal.open().close()
    return isolated_home / "letdown.sqlite3"


def test_a_failure_while_copying_media_leaves_no_folder(
    journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (journal_file.parent / "media").mkdir()
    (journal_file.parent / "media" / "a.jpg").write_bytes(b"photo")

    def disk_full(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy_file", disk_full)
    with pytest.raises(OSError, match="No space left"):
        backup_data(journal_file, journal_file.parent, tmp_path / "out")
    assert list(tmp_path.iterdir()) == [journal_file.parent]


def test_an_existing_folder_is_never_overwritten(journal_file: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep")
    with pytest.raises(BackupError, match="already exists"):
        backup_data(journal_file, journal_file.parent, tmp_path / "out")
    assert (tmp_path / "out" / "mine.txt").read_text() == "keep"


def test_a_file_that_is_not_a_journal_is_refused_and_nothing_written(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(BackupError, match="backup failed"):
        backup_journal(bogus, tmp_path / "copy.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


# ------------------------------------------------- never onto the live journal (issue 10)

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from letdown.config import load_settings  # noqa: E402
from letdown.journal.backup import remove_leftovers  # noqa: E402
from letdown.journal.health import is_live_journal_file  # noqa: E402


def test_every_spelling_of_the_live_journal_is_recognised(
    journal_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    data = journal_file.parent
    (tmp_path / "link").symlink_to(journal_file)
    (tmp_path / "dirlink").symlink_to(data)
    os.link(journal_file, tmp_path / "hard")
    for spelling in [journal_file, Path("letdown-data/letdown.sqlite3"),
                     Path("letdown-data/../letdown-data/./letdown.sqlite3"),
                     Path("link"), Path("dirlink/letdown.sqlite3"), Path("hard"),
                     data / "letdown.sqlite3-wal", data / "letdown.sqlite3-shm",
                     data / "letdown.sqlite3-journal", Path("dirlink/letdown.sqlite3-shm")]:
        assert is_live_journal_file(spelling, settings), spelling
    for other in [tmp_path / "copy.sqlite3", data / "media", data, tmp_path / "letdown-data2"]:
        assert not is_live_journal_file(other, settings), other


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(detours=st.lists(st.sampled_from([".", "x/..", "letdown-data/..", "./."]),
                        max_size=4),
       side=st.sampled_from(["", "-wal", "-shm"]))
def test_detours_in_a_path_do_not_hide_the_journal(
    journal_file: Path, detours: list[str], side: str
) -> None:
    base = journal_file.parent.parent
    (base / "x").mkdir(exist_ok=True)
    path = Path(base, *detours, "letdown-data", "letdown.sqlite3" + side)
    assert is_live_journal_file(path, load_settings())


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_killed_backups_are_removed_but_live_ones_kept(
    journal_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    folder = out / f".letdown-backup-20200101-000000.tmp-{dead}"
    folder.mkdir()
    (folder / "letdown.sqlite3").write_bytes(b"half")
    single = out / f".copy.sqlite3.tmp-{dead}"
    single.write_bytes(b"half")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as alive:
        running = out / f".letdown-backup-20200101-000001.tmp-{alive.pid}"
        running.mkdir()
        mine = out / "notes.tmp-1"  # not a backup's name: never touched
        mine.write_text("keep")
        old = time.time() - 3600
        for item in (folder, single, running, mine):
            os.utime(item, (old, old))
        backup_data(journal_file, journal_file.parent, out / "letdown-backup-new")
        backup_journal(journal_file, out / "copy.sqlite3")
        alive.kill()
    assert not folder.exists() and not single.exists()
    assert running.exists() and mine.read_text() == "keep"
    assert remove_leftovers(out) == [running]  # its process has gone now


KILLED_HALF_WAY = """
import sys, time
from pathlib import Path
from letdown.journal import backup

def stuck(source, target):
    print("copying", flush=True)
    time.sleep(60)

backup._copy_media = stuck
backup.backup_data(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
"""


def test_a_backup_killed_half_way_leaves_nothing_after_the_next_one(
    journal_file: Path, tmp_path: Path
) -> None:
    """A real `kill -9` in the middle of a folder backup, then a new backup (a new
    process, as the next `letdown backup` is) into the same place."""
    import signal

    out = tmp_path / "out"
    out.mkdir()
    (journal_file.parent / "media").mkdir()
    (journal_file.parent / "media" / "a.jpg").write_bytes(b"photo")
    victim = subprocess.Popen(
        [sys.executable, "-c", KILLED_HALF_WAY, str(journal_file), str(journal_file.parent),
         str(out / "letdown-backup-20261128-154303")], stdout=subprocess.PIPE, text=True)
    assert victim.stdout is not None and victim.stdout.readline().strip() == "copying"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    [leftover] = list(out.iterdir())
    assert leftover.name.startswith(".letdown-backup-") and ".tmp-" in leftover.name
    time.sleep(0.05)  # the next backup starts strictly later than the leftover
    result = subprocess.run([sys.executable, "-m", "letdown", "backup", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    [made] = list(out.iterdir())
    assert made.name.startswith("letdown-backup-") and (made / "media" / "a.jpg").exists()
