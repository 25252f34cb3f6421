"""Opening the journal's database: engine, connection settings, schema upgrades.

SQLite (the default, a file in the 0700 data directory) gets, on every
connection: WAL journalling (readers never block the writer), ``synchronous=FULL``
(a commit is on disk before it returns: "saved" means saved) and foreign keys on.
A busy timeout lets a second process wait for a writer instead of failing, and
writes begin with ``BEGIN IMMEDIATE`` (see ``SQLITE_BEGIN_OPTION``).

PostgreSQL (server mode) uses the same tables and the same Alembic migrations.

The schema is upgraded on open when it is behind. Checking that is a single
``SELECT`` against ``alembic_version``; Alembic itself is imported only when an
upgrade is actually needed, which keeps every CLI command quick. A journal made by a
newer letdown (a revision we do not ship) is never upgraded or downgraded: it opens for
reading only.

Every write passes one gate (``_write_gate``), run when a write transaction begins: it
refuses writes into a read-only journal (read-only media: opened with SQLite's
``mode=ro``, or ``immutable=1`` when no ``-shm`` file can be made), a newer journal, or a
damaged one. Damage is found with ``PRAGMA quick_check``, run once per opened engine and
only before its first write, so read-only commands pay nothing for it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from weakref import WeakKeyDictionary

from letdown.journal.faults import JournalDamaged, JournalReadOnly, NewerJournal
from letdown.journal.migrations.head import HEAD_REVISION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

    from letdown.config import Settings

#: Milliseconds a connection waits for another process's write to finish (read when an
#: engine is made, so tests can shorten it).
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Execution option naming how a SQLite transaction begins. ``Journal`` writes use
#: "IMMEDIATE": the write lock is taken before the first read, so a read-check-write
#: sequence cannot interleave with another writer, and a busy database is waited for
#: (SQLite cannot wait when a deferred reader later asks to write).
SQLITE_BEGIN_OPTION = "letdown_sqlite_begin"


@dataclass
class JournalState:
    """What letdown knows about an opened journal, for the write gate and for messages."""

    path: Path | None = None
    """The SQLite file (None for PostgreSQL or an in-memory database)."""
    read_only: bool = False
    newer_revision: str | None = None
    """Set when the journal was made by a newer letdown."""
    behind: bool = False
    """The schema is older than ours and could not be upgraded (read-only journal)."""
    checked: bool = False
    damage: str | None = None
    """What ``PRAGMA quick_check`` found, once it has run (None: sound)."""


_STATES: WeakKeyDictionary[Any, JournalState] = WeakKeyDictionary()


def journal_state(engine: Engine) -> JournalState:
    """The state of a journal engine made by ``create_journal_engine``."""
    return _STATES.setdefault(engine, JournalState())


def sqlite_url(path: Path, *, read_only: bool = False, immutable: bool = False) -> URL:
    """A SQLAlchemy URL for the SQLite file ``path``, built from parts.

    A path is never pasted into a URL string: ``?``, ``#`` or ``%xx`` in a folder name
    would otherwise be read as URL syntax and move the journal somewhere else."""
    from sqlalchemy.engine import URL

    if not read_only:
        return URL.create("sqlite", database=str(path))
    query = {"uri": "true", "mode": "ro"} | ({"immutable": "1"} if immutable else {})
    return URL.create("sqlite", database="file:" + quote(str(path)), query=query)


def create_journal_engine(url: str | URL, *, echo: bool = False, read_only: bool = False,
                          path: Path | None = None, pool_size: int = 5,
                          max_overflow: int = 10) -> Engine:
    """An engine for ``url`` with letdown's connection settings (see module docs).

    ``read_only`` marks a journal opened read-only (``path`` is then its file); any
    write is refused with ``JournalReadOnly`` before SQLite sees it. ``pool_size`` and
    ``max_overflow`` size a PostgreSQL engine's connection pool (SQLAlchemy's defaults):
    each server worker has its own pools, so the sum over workers must stay under the
    server's ``max_connections``."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    state = JournalState(read_only=read_only)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(parsed, echo=echo, pool_pre_ping=True, pool_size=pool_size,
                               max_overflow=max_overflow)
        _STATES[engine] = state

        @event.listens_for(engine, "begin")
        def _gate(connection: Any) -> None:
            if connection.get_execution_options().get(SQLITE_BEGIN_OPTION) == "IMMEDIATE":
                _write_gate(state, None)

        return engine
    database = parsed.database
    on_disk = bool(database) and database != ":memory:"
    if on_disk and path is None:
        path = Path(str(database)).expanduser()
    state.path = path if on_disk else None
    if on_disk and path is not None and not read_only:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    timeout_ms = SQLITE_BUSY_TIMEOUT_MS
    engine = create_engine(parsed, echo=echo, connect_args={"timeout": timeout_ms / 1000})
    _STATES[engine] = state

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
        # the reads of a write happen inside its transaction (see _begin below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if on_disk and not read_only:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        if mode == "IMMEDIATE":
            _write_gate(state, connection.connection.dbapi_connection)
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _write_gate(state: JournalState, dbapi_connection: Any) -> None:
    """Refuse a write into a journal that must not be written (see module docs)."""
    if state.newer_revision is not None:
        raise NewerJournal(state.newer_revision)
    if state.read_only:
        raise JournalReadOnly(state.path or "")
    if dbapi_connection is not None and not state.checked:
        state.damage = quick_check(dbapi_connection)
        state.checked = True
    if state.damage is not None:
        raise JournalDamaged(state.damage)


def quick_check(dbapi_connection: Any) -> str | None:
    """What SQLite's ``PRAGMA quick_check`` finds wrong (first lines), or None if sound."""
    try:
        rows = dbapi_connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    problems = [str(row[0]) for row in rows if row and row[0] != "ok"]
    return "; ".join(problems[:3]) if problems else None


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this letdown ships, read from the migration scripts' names
    and ``revision = "..."`` lines (cheap: Alembic is not imported)."""
    found = set()
    pattern = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
    for script in (Path(__file__).parent / "migrations" / "versions").glob("*.py"):
        match = pattern.search(script.read_text(encoding="utf-8"))
        if match:
            found.add(match.group(1))
    return frozenset(found | {HEAD_REVISION})


def revision_status(revision: str | None) -> str:
    """"current", "behind", "ahead" (made by a newer letdown) or "empty"."""
    if revision is None:
        return "empty"
    if revision == HEAD_REVISION:
        return "current"
    return "behind" if revision in known_revisions() else "ahead"


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the shipped Alembic migrations up to ``revision`` (default: the latest).

    A journal made by a newer letdown is refused (``NewerJournal``), never touched."""
    from alembic import command

    found = current_revision(engine)
    if revision_status(found) == "ahead":
        raise NewerJournal(str(found))
    _check_before_write(engine)
    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to ``revision`` ("base" for an empty schema)."""
    from alembic import command

    found = current_revision(engine)
    if revision_status(found) == "ahead":
        raise NewerJournal(str(found))
    command.downgrade(_alembic_config(engine), revision)


def _check_before_write(engine: Engine) -> None:
    """The write gate, for writes that do not go through ``Journal`` (migrations)."""
    state = journal_state(engine)
    if engine.dialect.name != "sqlite" or state.path is None:
        _write_gate(state, None)
        return
    with engine.connect() as connection:
        _write_gate(state, connection.connection.dbapi_connection)


def ensure_schema(engine: Engine) -> bool:
    """Upgrade the schema if it is behind; True if an upgrade ran.

    A journal made by a newer letdown is left as it is and marked so that writes are
    refused; a read-only journal that is behind is marked ``behind``."""
    found = current_revision(engine)
    status = revision_status(found)
    state = journal_state(engine)
    if status == "current":
        return False
    if status == "ahead":
        state.newer_revision = found
        return False
    if state.read_only:
        state.behind = status == "behind"
        return False
    upgrade(engine)
    return True


def open_engine(settings: Settings | None = None, *, auto_upgrade: bool = True) -> Engine:
    """The engine for the configured database, with its schema up to date.

    For the SQLite default the data directory is created private (0700) when it does not
    exist yet, and the database file is made readable by this user only. A journal whose
    folder or file cannot be written (read-only media) is opened read-only."""
    from letdown.config import load_settings

    settings = settings or load_settings()
    url = settings.database_url_object()
    if url.get_backend_name() != "sqlite":
        engine = create_journal_engine(url, pool_size=settings.db_pool_size,
                                       max_overflow=settings.db_max_overflow)
    elif url.database in (None, "", ":memory:"):
        engine = create_journal_engine(url)
    else:
        path = Path(str(url.database)).expanduser()
        if settings.uses_default_sqlite:
            settings.ensure_data_dir()
        engine = _open_sqlite(path)
    if auto_upgrade:
        ensure_schema(engine)
    state = journal_state(engine)
    if state.path is not None and not state.read_only and settings.uses_default_sqlite:
        try:
            if state.path.exists():
                os.chmod(state.path, 0o600)
        except OSError:
            pass  # not ours to change (another user's file): reading still works
    return engine


def writable(path: Path) -> bool:
    """True when a SQLite journal at ``path`` (and its -wal/-shm files) can be written."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    file_ok = not path.exists() or os.access(path, os.W_OK)
    return folder_ok and file_ok


def _open_sqlite(path: Path) -> Engine:
    """A read-write engine, or a read-only one when the journal cannot be written."""
    if not path.exists() or writable(path):
        return create_journal_engine(sqlite_url(path), path=path)
    # Read-only media: without a -shm file SQLite cannot share WAL state, so open the
    # file as immutable (nothing else can be writing to a journal nobody may write).
    shm = path.with_name(path.name + "-shm")
    wal = path.with_name(path.name + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    immutable = not shm.exists() and not wal_pending
    return create_journal_engine(sqlite_url(path, read_only=True, immutable=immutable),
                                 read_only=True, path=path)


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["engine"] = engine
    return config
