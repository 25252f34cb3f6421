"""The fast session table agrees with the full Journal path, and declines when unsure."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from journal.helpers import AN_HOUR_AGO, make_session, make_tandem
from letdown.config import load_settings
from letdown.journal.quicklist import (
    SessionLine,
    fast_session_lines,
    render_table,
    resolve_fast_settings,
)
from letdown.journal.records import Baby
from letdown.journal.service import Journal

NO_PUMP = {"pump_name": None, "flange_mm": None, "suction_level": None, "suction_mmhg": None,
           "cycle": None}


@pytest.fixture
def filled(isolated_home: Path) -> Journal:
    journal = Journal.open()
    ada, ben = (journal.add_baby(Baby(name=name, birth_date=dt.date(2026, 10, 1)))
                for name in ("Ada", "Ben"))
    journal.add_session(make_tandem(ada.id, ben.id, start=AN_HOUR_AGO - dt.timedelta(hours=2),
                                    end=AN_HOUR_AGO - dt.timedelta(hours=1, minutes=45)))
    for hours in range(0, 60, 5):
        start = AN_HOUR_AGO - dt.timedelta(hours=hours)
        if hours % 3 == 0:
            session = make_session(start=start, end=start + dt.timedelta(minutes=20))
        elif hours % 3 == 1:
            session = make_session(kind="breastfeed", sides="left", side_mode=None,
                                   letdowns=[], volume_left_ml=None, volume_right_ml=None,
                                   pain=None, start=start, end=start + dt.timedelta(minutes=9),
                                   baby_id=ada.id, **NO_PUMP)
        else:
            session = make_session(kind="hand_expression", sides="right", side_mode=None,
                                   letdowns=[{"side": "right", "at_s": 61.25}],
                                   volume_left_ml=None, start=start,
                                   end=start + dt.timedelta(minutes=5, seconds=30), **NO_PUMP)
        journal.add_session(session)
    return journal


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"limit": 5},
        {"limit": None},
        {"kind": "pump"},
        {"since": AN_HOUR_AGO - dt.timedelta(hours=30), "until": AN_HOUR_AGO},
    ],
)
def test_fast_rows_equal_the_journal_rows(filled: Journal, filters: dict[str, object]) -> None:
    settings = resolve_fast_settings()
    assert settings is not None
    fast = fast_session_lines(settings.sqlite_path, **filters)  # type: ignore[arg-type]
    assert fast is not None
    lines, total = fast
    limit = filters.get("limit", 20)
    query = {k: v for k, v in filters.items() if k != "limit"}
    names = {b.id or 0: b.name for b in filled.list_babies()}  # twins: names are shown
    expected = [SessionLine.of(s, names)
                for s in filled.list_sessions(limit=limit, **query)]  # type: ignore[arg-type]
    assert lines == expected
    assert total == filled.count_sessions(**query)  # type: ignore[arg-type]
    zone = dt.UTC
    assert render_table(lines, zone) == render_table(expected, zone)


def test_fast_path_declines_an_old_schema_or_missing_file(filled: Journal) -> None:
    settings = resolve_fast_settings()
    assert settings is not None
    assert fast_session_lines(settings.sqlite_path.with_name("none.sqlite3")) is None
    with sqlite3.connect(settings.sqlite_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    assert fast_session_lines(settings.sqlite_path) is None


def test_fast_settings_match_full_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    def check() -> None:
        fast = resolve_fast_settings()
        full = load_settings()
        assert fast is not None
        assert f"sqlite:///{fast.sqlite_path}" == full.effective_database_url
        assert fast.timezone == full.timezone

    check()
    config = tmp_path / "config.toml"
    config.write_text(f'data_dir = "{tmp_path / "from-config"}"\ntimezone = "Asia/Tokyo"\n')
    check()
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(tmp_path / "from-env"))
    check()
    monkeypatch.setenv("LETDOWN_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    monkeypatch.setenv("LETDOWN_TIMEZONE", "America/New_York")
    check()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LETDOWN_DATABASE_URL", "postgresql+psycopg://u@/db?host=/tmp"),
        ("LETDOWN_DATABASE_URL", "sqlite:///:memory:"),
        ("letdown_data_dir", "/tmp/x"),
    ],
)
def test_fast_settings_decline_what_they_do_not_handle(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert resolve_fast_settings() is None


def test_fast_settings_decline_unknown_config_keys(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('colour = "blue"\n')
    assert resolve_fast_settings() is None
