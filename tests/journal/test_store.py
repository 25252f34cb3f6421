"""Storage: migrations build exactly the ORM's schema on both databases; SQLite is set up safely."""

from __future__ import annotations

import stat
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from letdown.config import load_settings
from letdown.journal.migrations.head import HEAD_REVISION
from letdown.journal.service import Journal
from letdown.journal.store import (
    _alembic_config,
    create_journal_engine,
    current_revision,
    downgrade,
    ensure_schema,
    open_engine,
    upgrade,
)
from letdown.journal.tables import Base


def test_head_constant_matches_the_migration_scripts(tmp_path: Path) -> None:
    engine = create_journal_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    script = ScriptDirectory.from_config(_alembic_config(engine))
    assert script.get_current_head() == HEAD_REVISION


def test_migrations_match_the_orm_and_downgrade_cleanly(database_url: str) -> None:
    engine = create_journal_engine(database_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diffs == []
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert ensure_schema(engine) is True
    assert ensure_schema(engine) is False
    engine.dispose()


def test_default_sqlite_is_private_and_durable(isolated_home: Path) -> None:
    engine = open_engine(load_settings())
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((isolated_home / "letdown.sqlite3").stat().st_mode) == 0o600
    for _ in range(2):  # every connection, not just the first
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        engine.dispose()
    assert current_revision(engine) == HEAD_REVISION


def test_open_creates_and_upgrades_an_empty_database(isolated_home: Path) -> None:
    with Journal.open() as journal:
        assert journal.is_empty()
    assert (isolated_home / "letdown.sqlite3").exists()
