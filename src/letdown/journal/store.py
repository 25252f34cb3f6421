"""Opening the journal's database: engine, connection settings, schema upgrades.

SQLite (the default, a file in the 0700 data directory) gets, on every
connection: WAL journalling (readers never block the writer), ``synchronous=FULL``
(a commit is on disk before it returns: "saved" means saved) and foreign keys on.
A busy timeout lets a second process wait for a writer instead of failing, and
writes begin with ``BEGIN IMMEDIATE`` (see ``SQLITE_BEGIN_OPTION``).

PostgreSQL (server mode) uses the same tables and the same Alembic migrations.

The schema is upgraded on open when it is behind. Checking that is a single
``SELECT`` against ``alembic_version``; Alembic itself is imported only when an
upgrade is actually needed, which keeps every CLI command quick.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letdown.journal.migrations.head import HEAD_REVISION

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from letdown.config import Settings

#: Milliseconds a connection waits for another process's write to finish.
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Execution option naming how a SQLite transaction begins. ``Journal`` writes use
#: "IMMEDIATE": the write lock is taken before the first read, so a read-check-write
#: sequence cannot interleave with another writer, and a busy database is waited for
#: (SQLite cannot wait when a deferred reader later asks to write).
SQLITE_BEGIN_OPTION = "letdown_sqlite_begin"


def create_journal_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url`` with letdown's connection settings (see module docs)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        engine = create_engine(
            parsed, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
            # the reads of a write happen inside its transaction (see _begin below).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            try:
                if database and database != ":memory:":
                    cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(parsed, echo=echo, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the shipped Alembic migrations up to ``revision`` (default: the latest)."""
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to ``revision`` ("base" for an empty schema)."""
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> bool:
    """Upgrade the schema if it is behind; True if an upgrade ran."""
    if current_revision(engine) == HEAD_REVISION:
        return False
    upgrade(engine)
    return True


def open_engine(settings: Settings | None = None, *, auto_upgrade: bool = True) -> Engine:
    """The engine for the configured database, with its schema up to date.

    For SQLite the data directory is created private (0700) and the database
    file is made readable by this user only.
    """
    from letdown.config import load_settings

    settings = settings or load_settings()
    if settings.database_url is None:
        settings.ensure_data_dir()
    engine = create_journal_engine(settings.effective_database_url)
    if auto_upgrade:
        ensure_schema(engine)
    if engine.dialect.name == "sqlite" and settings.database_url is None:
        path = settings.sqlite_path
        if path.exists():
            os.chmod(path, 0o600)
    return engine


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["engine"] = engine
    return config
