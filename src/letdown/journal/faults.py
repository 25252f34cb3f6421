"""Database and disk faults, turned into one plain line a tired parent can act on.

SQLite, PostgreSQL and the operating system report trouble in their own words ("disk I/O
error", "database is locked", "file is not a database"). Every interface shows the same
message for the same fault: ``JournalFault`` subclasses carry it, and ``as_fault`` maps a
raw ``sqlite3`` / SQLAlchemy / ``OSError`` to one. An error it does not recognise is
returned as ``None`` so the caller re-raises it: nothing is silently swallowed.

Kept free of heavy imports: SQLAlchemy's exception classes are looked up only when an
error is being described.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

#: Free space below which an I/O error while writing is taken to be a full disk.
LOW_SPACE_BYTES = 1_000_000

DOCTOR_HINT = "run `letdown doctor` to see what is wrong and save what can be read"


class JournalFault(Exception):
    """A fault with the journal's storage; ``str()`` is the message for people."""


class JournalBusy(JournalFault):
    def __init__(self) -> None:
        super().__init__("another letdown is writing to the journal; try again in a moment")


class DiskFull(JournalFault):
    def __init__(self) -> None:
        super().__init__("the disk is full: free some space; nothing was saved")


class JournalDamaged(JournalFault):
    def __init__(self, detail: str = "") -> None:
        shown = f" ({detail})" if detail else ""
        super().__init__(f"the journal is damaged{shown}, so nothing was written to it; "
                         + DOCTOR_HINT)


class JournalReadOnly(JournalFault):
    def __init__(self, where: str | Path = "") -> None:
        place = f" at {where}" if where else ""
        super().__init__(f"the journal{place} is read-only (its folder or file cannot be "
                         "written), so nothing was saved; copy it somewhere writable with "
                         "`letdown backup` to change it")


class NewerJournal(JournalFault):
    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"this journal was made by a newer letdown (revision {revision}); "
                         "upgrade letdown")


class DatabaseUnavailable(JournalFault):
    """The configured database cannot be reached or opened at all."""


class DiskError(JournalFault):
    def __init__(self, detail: str) -> None:
        super().__init__(f"the disk reported an error ({detail}); nothing was saved; "
                         "check the disk, then " + DOCTOR_HINT)


def disk_is_full(path: Path | None) -> bool:
    """True when the file system holding ``path`` (or its nearest existing parent) is
    (almost) out of space."""
    while path is not None and not path.exists():
        path = path.parent if path.parent != path else None
    if path is None:
        return False
    try:
        return shutil.disk_usage(path).free < LOW_SPACE_BYTES
    except OSError:
        return False


def as_fault(error: BaseException, *, where: Path | None = None,
             database: str = "the database") -> JournalFault | None:
    """The ``JournalFault`` for ``error``, or None if it is not a storage fault we know.

    ``where`` is the SQLite file (to tell a full disk from other I/O errors);
    ``database`` names the database, password hidden, for "cannot reach" messages.
    """
    if isinstance(error, JournalFault):
        return error
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull()
        if error.errno == errno.EROFS:
            return JournalReadOnly(where or "")
        if error.errno in (errno.EACCES, errno.EPERM):
            name = error.filename or where or ""
            return DatabaseUnavailable(f"letdown may not open {name}: permission denied; "
                                       "check who owns the data folder (`letdown doctor`)")
        if error.errno == errno.EIO:
            return DiskFull() if disk_is_full(where) else DiskError(str(error.strerror))
        name = error.filename or where or "the journal"
        return DatabaseUnavailable(f"cannot open or create {name}: "
                                   f"{(error.strerror or str(error)).lower()}; "
                                   "see `letdown where`")
    raw = _driver_error(error)
    if isinstance(raw, sqlite3.Error):
        return _sqlite_fault(raw, where)
    return _other_fault(error, raw, database)


def _driver_error(error: BaseException) -> BaseException:
    """The driver's own exception inside a SQLAlchemy wrapper (or the error itself)."""
    original = getattr(error, "orig", None)
    return original if isinstance(original, BaseException) else error


def _sqlite_fault(error: sqlite3.Error, where: Path | None) -> JournalFault | None:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if primary == sqlite3.SQLITE_BUSY or primary == sqlite3.SQLITE_LOCKED or (
            primary is None and "database is locked" in text):
        return JournalBusy()
    if primary == sqlite3.SQLITE_FULL or (primary is None and "is full" in text):
        return DiskFull()
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or (
            primary is None and ("malformed" in text or "not a database" in text)):
        return JournalDamaged(str(error))
    if primary == sqlite3.SQLITE_READONLY or (primary is None and "readonly" in text):
        return JournalReadOnly(where or "")
    if primary == sqlite3.SQLITE_IOERR or (primary is None and "disk i/o error" in text):
        # A full disk often surfaces as a failed write rather than SQLITE_FULL.
        return DiskFull() if disk_is_full(where) else DiskError(str(error))
    if primary == sqlite3.SQLITE_CANTOPEN or (primary is None and "unable to open" in text):
        place = f" at {where}" if where else ""
        return DatabaseUnavailable(f"cannot open the journal{place}: the folder is missing "
                                   "or may not be written; see `letdown where`")
    if type(error) in (sqlite3.OperationalError, sqlite3.DatabaseError):
        return DatabaseUnavailable(f"the journal database reported: {error}; nothing was "
                                   "saved; " + DOCTOR_HINT)
    return None  # integrity and programming errors are the caller's (or a bug): re-raised


def _other_fault(error: BaseException, raw: BaseException,
                 database: str) -> JournalFault | None:
    from sqlalchemy import exc

    if isinstance(error, exc.NoSuchModuleError | exc.ArgumentError):
        return DatabaseUnavailable(
            f"LETDOWN_DATABASE_URL: {database} is not a database URL letdown can use; allowed: "
            "sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE")
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        first = str(raw).strip().splitlines()[0] if str(raw).strip() else type(raw).__name__
        state = str(getattr(raw, "sqlstate", "") or "")
        if state in ("53100", "53000"):  # disk_full, insufficient_resources
            return DiskFull()
        if state in ("55P03", "40P01"):  # lock_not_available, deadlock_detected
            return JournalBusy()
        if state == "25006":  # read_only_sql_transaction
            return JournalReadOnly(database)
        if state and not state.startswith("08"):  # not a connection problem
            return DatabaseUnavailable(f"{database} reported: {first}; nothing was saved")
        return DatabaseUnavailable(f"cannot reach {database}: {first}; check "
                                   "LETDOWN_DATABASE_URL and that the server is running")
    if isinstance(error, ModuleNotFoundError) and error.name in ("psycopg", "psycopg2"):
        return DatabaseUnavailable("PostgreSQL support is not installed: "
                                   "pip install 'letdown[postgres]'")
    return None
