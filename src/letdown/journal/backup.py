"""Verified backups of a SQLite journal, alone or with the rest of the data directory.

A journal copy is made with SQLite's online backup API (safe while letdown is running)
into a hidden temporary name, checked with ``PRAGMA integrity_check``, flushed to disk
and only then given its final name: a backup that exists is whole and sound.

A *full* backup is a directory laid out exactly like a data directory (the journal as
``letdown.sqlite3``, ``media/``, ``advisor-answers.json``), so it can be opened as it is
with ``LETDOWN_DATA_DIR=<backup>`` and restored by copying it back. It is built under a
temporary name and renamed into place, so a failure half-way leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from letdown.locations import ANSWERS_FILE, MEDIA_DIR, SQLITE_FILE


class BackupError(Exception):
    """The backup could not be made; nothing was written at the target."""


@dataclass(frozen=True)
class BackupResult:
    """What a backup holds, for telling the person."""

    path: Path
    sessions: int
    media_files: int = 0
    advisor_answers: bool = False


def backup_journal(source: Path, target: Path) -> BackupResult:
    """Copy the SQLite journal at ``source`` to the file ``target`` (replacing it)."""
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        sessions = _copy_verified(source, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(target.parent)
    return BackupResult(path=target, sessions=sessions)


def backup_data(source: Path, data_dir: Path, target: Path) -> BackupResult:
    """Copy the journal at ``source`` plus media and advisor answers from ``data_dir``
    into the new directory ``target``, laid out as a data directory."""
    if target.exists():
        raise BackupError(f"{target} already exists")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        tmp.mkdir(mode=0o700)
        sessions = _copy_verified(source, tmp / SQLITE_FILE)
        media = _copy_media(data_dir / MEDIA_DIR, tmp / MEDIA_DIR)
        answers = data_dir / ANSWERS_FILE
        if answers.is_file():
            _copy_file(answers, tmp / ANSWERS_FILE)
        _fsync_dir(tmp)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_dir(target.parent)
    return BackupResult(path=target, sessions=sessions, media_files=media,
                        advisor_answers=answers.is_file())


def _copy_verified(source: Path, target: Path) -> int:
    """Online-backup ``source`` into ``target`` (mode 0600), check it; sessions copied."""
    try:
        reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.close(fd)
            writer = sqlite3.connect(target)
            try:
                reader.backup(writer)
                result = writer.execute("PRAGMA integrity_check").fetchall()
                sessions = int(writer.execute("SELECT COUNT(*) FROM session").fetchone()[0])
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.Error as error:
        raise BackupError(f"backup failed: {error}") from error
    if result != [("ok",)]:
        raise BackupError(f"the copy failed its integrity check: {result[:5]}")
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
    return sessions


def _copy_media(source: Path, target: Path) -> int:
    """Copy the media files (not hidden half-written uploads); how many media, not labels."""
    if not source.is_dir():
        return 0
    target.mkdir(mode=0o700)
    count = 0
    for item in sorted(source.iterdir()):
        if item.name.startswith(".") or not item.is_file():
            continue
        _copy_file(item, target / item.name)
        count += item.suffix != ".label"
    _fsync_dir(target)
    return count


def _copy_file(source: Path, target: Path) -> None:
    shutil.copy2(source, target)  # keeps the modification time the media page sorts by
    os.chmod(target, 0o600)
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    """Make a rename or new entry in ``path`` durable (a no-op where unsupported)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
