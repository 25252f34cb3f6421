"""Revision 0006: a journal from before gestational ages keeps its babies, which then have
no gestation (charted by age from birth); going back to 0004 drops only the two columns."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from letdown.journal.store import create_journal_engine, downgrade, upgrade


def test_upgrade_keeps_babies_and_downgrade_drops_only_gestation(tmp_path: Path) -> None:
    engine = create_journal_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0004")
    with engine.begin() as db:
        db.execute(text("INSERT INTO baby (uuid, name, birth_date, sex, birth_weight_g) "
                        "VALUES ('0a0b0c0d0e0f40718293a4b5c6d7e8f9', 'Ada', '2026-01-01', "
                        "'female', 3400)"))
    upgrade(engine)
    with engine.connect() as db:
        row = db.execute(text("SELECT name, birth_weight_g, gestation_weeks, gestation_days "
                              "FROM baby")).one()
    assert tuple(row) == ("Ada", 3400, None, None)
    downgrade(engine, "0004")
    columns = {c["name"] for c in inspect(engine).get_columns("baby")}
    assert "gestation_weeks" not in columns and {"name", "birth_weight_g"} <= columns
    with engine.connect() as db:
        assert db.execute(text("SELECT name FROM baby")).scalar() == "Ada"
    engine.dispose()
