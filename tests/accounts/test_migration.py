"""Migration 0007 up and down on SQLite and PostgreSQL, from a journal at 0006 with records."""

from __future__ import annotations

from sqlalchemy import inspect, text

from letdown.journal.store import create_journal_engine, current_revision, downgrade, upgrade

TABLES = {"account", "login_attempt", "api_token", "invitation", "share", "audit_entry"}


def test_up_and_down_keeps_the_journal(database_url: str) -> None:
    engine = create_journal_engine(database_url)
    upgrade(engine, "0006")
    # Raw SQL: today's tables have columns (owner_id, 0008) a 0006 journal has not.
    with engine.begin() as db:
        db.execute(text("INSERT INTO session (kind, sides, start_utc, end_utc, medicines, "
                        "techniques, notes) VALUES ('pump', 'left', '2026-11-01 01:00:00', "
                        "'2026-11-01 01:20:00', '[]', '[]', 'Pumped at work.')"))
    upgrade(engine, "0007")
    assert current_revision(engine) == "0007"
    assert set(inspect(engine).get_table_names()) >= TABLES
    downgrade(engine, "0006")
    assert current_revision(engine) == "0006"
    assert not TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as db:
        assert db.execute(text("SELECT notes FROM session")).scalar() == "Pumped at work."
    upgrade(engine)  # and up again, cleanly (triggers and function were dropped)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()
