"""Verified backups of a SQLite journal, alone or with the rest of the data directory.

A journal copy is made with SQLite's online backup API (safe while letdown is running)
into a hidden temporary name, checked with ``PRAGMA integrity_check``, flushed to disk
and only then given its final name: a backup that exists is whole and sound.

A *full* backup is a directory laid out exactly like a data directory (the journal as
``letdown.sqlite3``, ``media/``, ``advisor-answers.json``), so it can be opened as it is
with ``LETDOWN_DATA_DIR=<backup>`` and restored by copying it back. It is built under a
temporary name and renamed into place, so a failure half-way leaves nothing behind. A
backup killed half-way (power cut, ``kill -9``) cannot clean up after itself: the next
backup into the same folder removes such hidden leftovers, but only those whose process
is gone and which are older than the running one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from letdown.journal.health import read_only_uri
from letdown.locations import ANSWERS_FILE, BACKUP_RECORD, MEDIA_DIR, SQLITE_FILE

#: When this process started (near enough): leftovers newer than this are never touched.
_STARTED = time.time()
#: Name prefix of the dated folders a full backup creates.
FOLDER_PREFIX = "letdown-backup-"
#: How many past backups the data directory remembers, for ``letdown doctor``.
REMEMBERED = 20


class BackupError(Exception):
    """The backup could not be made; nothing was written at the target."""


@dataclass(frozen=True)
class BackupResult:
    """What a backup holds, for telling the person."""

    path: Path
    sessions: int
    media_files: int = 0
    advisor_answers: bool = False


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def remove_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Delete hidden temporary copies left in ``folder`` by killed backups; the removed.

    Only names a backup makes (``.letdown-backup-*.tmp-PID`` folders, or
    ``.NAME.tmp-PID`` for the journal file ``name``), only when process PID is no longer
    running, and only when older than this process."""
    if name is not None:
        pattern = re.compile(re.escape(f".{name}.tmp-") + r"(\d+)$")
    else:
        pattern = re.compile(re.escape(f".{FOLDER_PREFIX}") + r"[\w-]+\.tmp-(\d+)$")
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _running(int(match.group(1))):
            continue
        try:
            if entry.lstat().st_mtime >= _STARTED:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0  # someone else's process: leave its files alone
    return True


def remember(data_dir: Path, done: BackupResult) -> None:
    """Note a finished backup in the data directory so ``letdown doctor`` can point to
    it later; silently skipped where the data directory cannot be written."""
    record = data_dir / BACKUP_RECORD
    try:
        past = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else []
        if not isinstance(past, list):
            past = []
    except (OSError, ValueError):
        past = []
    entry = {"path": str(done.path.absolute()), "at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        tmp = _temporary(record)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump([*past, entry][-REMEMBERED:], handle, indent=1)
        os.replace(tmp, record)
    except OSError:
        pass


def remembered(data_dir: Path) -> list[Path]:
    """Past backups noted by ``remember``, newest first."""
    try:
        past = json.loads((data_dir / BACKUP_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(past, list):
        return []
    return [Path(e["path"]) for e in reversed(past) if isinstance(e, dict)
            and isinstance(e.get("path"), str)]


def backup_journal(source: Path, target: Path) -> BackupResult:
    """Copy the SQLite journal at ``source`` to the file ``target`` (replacing it)."""
    remove_leftovers(target.parent, target.name)
    tmp = _temporary(target)
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
    remove_leftovers(target.parent)
    tmp = _temporary(target)
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
        reader = sqlite3.connect(read_only_uri(source), uri=True)
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
        damaged = isinstance(error, sqlite3.DatabaseError) and any(
            word in str(error) for word in ("malformed", "not a database"))
        raise BackupError(f"backup failed: {error}" + (
            " (the journal is damaged: run `letdown doctor`)" if damaged else "")) from error
    if result != [("ok",)]:
        raise BackupError(f"the copy failed its integrity check ({result[0][0]}), so the "
                          "journal itself is probably damaged: run `letdown doctor`")
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


def newest_backup(data_dir: Path, places: list[Path]) -> Path | None:
    """The newest backup that still exists: those noted by ``remember``, and dated backup
    folders found directly inside ``places`` (e.g. the home folder, ~/backups)."""
    candidates = [p for p in remembered(data_dir) if (p / SQLITE_FILE).is_file()
                  or (p.is_file() and p.stat().st_size > 0)]
    for place in places:
        try:
            candidates += [p for p in place.iterdir() if p.name.startswith(FOLDER_PREFIX)
                           and (p / SQLITE_FILE).is_file()]
        except OSError:
            continue
    if not candidates:
        return None
    return max(candidates, key=_modified)


def _modified(path: Path) -> float:
    try:
        inner = path / SQLITE_FILE
        return (inner if inner.is_file() else path).stat().st_mtime
    except OSError:
        return 0.0
