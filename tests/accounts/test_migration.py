"""Migration 0007 up and down on SQLite and PostgreSQL, from a journal at 0006 with records."""

from __future__ import annotations

from sqlalchemy import inspect

from journal.helpers import make_session
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, current_revision, downgrade, upgrade

TABLES = {"account", "login_attempt", "api_token", "invitation", "share", "audit_entry"}


def test_up_and_down_keeps_the_journal(database_url: str) -> None:
    engine = create_journal_engine(database_url)
    upgrade(engine, "0006")
    journal = Journal(engine)
    saved = journal.add_session(make_session())
    upgrade(engine, "0007")
    assert current_revision(engine) == "0007"
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(engine, "0006")
    assert current_revision(engine) == "0006"
    assert not TABLES & set(inspect(engine).get_table_names())
    assert journal.get_session(saved.id or 0).notes == saved.notes
    upgrade(engine)  # and up again, cleanly (triggers and function were dropped)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()
