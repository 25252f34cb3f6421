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


def test_sqlite_writes_read_inside_one_immediate_transaction(tmp_path: Path) -> None:
    """An update's read and write share one transaction that took the write lock first."""
    from sqlalchemy import event

    from journal.helpers import make_session

    engine = create_journal_engine(f"sqlite:///{tmp_path / 'tx.sqlite3'}")
    upgrade(engine)
    journal = Journal(engine)
    saved = journal.add_session(make_session())
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_rest: statements.append(sql.split()[0].upper()))
    journal.update_session(saved.id or 0, {"pain": 5})
    assert statements[0] == "BEGIN"  # "BEGIN IMMEDIATE", before the SELECT
    assert statements.index("SELECT") < statements.index("UPDATE")
    assert "COMMIT" not in statements[: statements.index("UPDATE")]
    raw = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_rest: raw.append(sql))
    journal.delete_session(saved.id or 0)
    assert raw[0] == "BEGIN IMMEDIATE"
    journal.close()


def test_a_write_waits_for_another_process_writer(tmp_path: Path) -> None:
    """A busy database is waited for, not reported as 'database is locked'."""
    import subprocess
    import sys
    import time

    from journal.helpers import make_session

    path = tmp_path / "busy.sqlite3"
    engine = create_journal_engine(f"sqlite:///{path}")
    upgrade(engine)
    journal = Journal(engine)
    saved = journal.add_session(make_session())
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE'); c.execute('UPDATE session SET stress = 1')\n"
         "print('locked', flush=True); time.sleep(1.5); c.execute('COMMIT')\n",
         str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    updated = journal.update_session(saved.id or 0, {"pain": 7})
    waited = time.monotonic() - started
    holder.wait(timeout=10)
    assert waited > 0.5
    assert (updated.pain, updated.stress) == (7, 1)  # read after the other writer committed
    journal.close()
