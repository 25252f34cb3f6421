"""Checks on the journal's files and folder: is it whole, whose is it, is there room.

Used by ``letdown doctor`` (the full report) and by the commands that write files, so a
backup or export can never land on top of the live journal. Free of heavy imports: only
``sqlite3`` and the file system.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from letdown.locations import SQLITE_FILE

if TYPE_CHECKING:
    from letdown.config import Settings

#: The files SQLite keeps beside a journal while it is in use.
SIDE_FILES = ("-wal", "-shm", "-journal")
#: Below this much free space, doctor warns (a session is a few kB; a backup is a copy).
LOW_DISK_BYTES = 50_000_000


def journal_file(settings: Settings) -> Path | None:
    """The SQLite file the settings name, or None for PostgreSQL / in-memory."""
    if settings.uses_default_sqlite:
        return settings.sqlite_path
    url = settings.database_url or ""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database)).expanduser()


def live_journal_files(settings: Settings) -> list[Path]:
    """The live journal and the files SQLite keeps beside it; with the default journal,
    also any journal-named file in the data directory."""
    found: list[Path] = []
    main = journal_file(settings)
    if main is not None:
        found += [main, *(main.with_name(main.name + side) for side in SIDE_FILES)]
    if settings.uses_default_sqlite:
        with contextlib.suppress(OSError):
            found += [p for p in settings.data_dir.iterdir() if p.name.startswith(SQLITE_FILE)]
    return found


def is_live_journal_file(path: Path, settings: Settings) -> bool:
    """True when writing to ``path`` would replace the live journal or one of its files.

    ``path`` is compared after following symlinks, ``..`` and relative parts, and by
    device and inode when it exists (a hard link is the same file under another name)."""
    try:
        target = Path(os.path.abspath(path.expanduser())).resolve()
    except (OSError, RuntimeError):  # a symlink loop: not a journal we can be sure of
        return False
    target_id = _file_id(target)
    for live in live_journal_files(settings):
        try:
            if live.resolve() == target:
                return True
        except (OSError, RuntimeError):
            continue
        if target_id is not None and _file_id(live) == target_id:
            return True
    return False


def is_special_file(path: Path) -> bool:
    """True for an existing device, pipe or socket (``/dev/null``, ``/proc/...``): a copy
    written there by rename would replace the device itself."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


@dataclass(frozen=True)
class FolderReport:
    """The data directory as the person's account sees it."""

    path: Path
    exists: bool
    writable: bool
    mode: int | None
    owned_by_me: bool
    free_bytes: int | None

    @property
    def others_can_look(self) -> bool:
        return self.mode is not None and bool(self.mode & 0o077)

    @property
    def low_on_space(self) -> bool:
        return self.free_bytes is not None and self.free_bytes < LOW_DISK_BYTES


def folder_report(path: Path) -> FolderReport:
    """Permissions, ownership and free space of the data directory ``path``."""
    try:
        info = path.stat()
    except OSError:
        probe = path
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        return FolderReport(path, False, os.access(probe, os.W_OK), None, True,
                            _free(probe))
    return FolderReport(
        path=path, exists=True, writable=os.access(path, os.W_OK | os.X_OK),
        mode=stat.S_IMODE(info.st_mode), owned_by_me=info.st_uid == os.geteuid(),
        free_bytes=_free(path),
    )


def _free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def integrity_problems(path: Path, *, limit: int = 10) -> list[str]:
    """What SQLite's full ``PRAGMA integrity_check`` finds wrong with the journal at
    ``path`` (empty when it is sound), read without changing the file."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        rows = connection.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        connection.close()
    return [str(row[0]) for row in rows if row and row[0] != "ok"]


def read_only_uri(path: Path) -> str:
    """A ``sqlite3`` URI that opens ``path`` for reading only, whatever its name holds
    (immutable when the folder cannot be written, so no -shm file is needed)."""
    from urllib.parse import quote

    immutable = not os.access(path.parent, os.W_OK) and not path.with_name(
        path.name + "-shm").exists()
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def stored_revision(path: Path) -> str | None:
    """The journal's ``alembic_version``, read directly; None when absent or unreadable."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return None if row is None else str(row[0])
