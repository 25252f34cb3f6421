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
