"""Export then import into an empty journal gives back exactly the same records."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import text

from interop.strategies import journals
from letdown.interop.csvio import read_csv_zip, write_csv_zip
from letdown.interop.jsonio import dump_json, load_json
from letdown.journal.records import JournalData
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade


def via_json(data: JournalData) -> JournalData:
    return load_json(dump_json(data))


def via_csv(data: JournalData) -> JournalData:
    buffer = io.BytesIO()
    write_csv_zip(data, buffer)
    buffer.seek(0)
    return read_csv_zip(buffer)


@pytest.mark.parametrize("through", [via_json, via_csv], ids=["json", "csv"])
@settings(max_examples=60, deadline=None)
@given(data=journals())
def test_files_round_trip_exactly(
    through: Callable[[JournalData], JournalData], data: JournalData
) -> None:
    assert through(data) == data


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def empty_journal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Journal]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = create_journal_engine(url)
    upgrade(engine)
    with Journal(engine) as journal:
        yield journal


def wipe(journal: Journal) -> None:
    with journal.engine.begin() as connection:
        for table in ("letdown", "session", "infant_weight", "diaper_count", "baby", "profile"):
            connection.execute(text(f"DELETE FROM {table}"))


@pytest.mark.parametrize("through", [via_json, via_csv], ids=["json", "csv"])
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=journals())
def test_export_import_into_empty_database_is_identical(
    empty_journal: Journal, through: Callable[[JournalData], JournalData], data: JournalData
) -> None:
    wipe(empty_journal)
    empty_journal.import_all(through(data))
    exported = empty_journal.export_all()
    assert exported == data
    assert through(exported) == data


@pytest.mark.parametrize("through", [via_json, via_csv], ids=["json", "csv"])
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=journals())
def test_importing_the_same_file_again_changes_nothing(
    empty_journal: Journal, through: Callable[[JournalData], JournalData], data: JournalData
) -> None:
    wipe(empty_journal)
    first = empty_journal.import_all(through(data))
    exported = empty_journal.export_all()
    again = empty_journal.import_all(through(exported))
    assert again.added_total == 0
    assert again.known_total == first.added_total
    assert empty_journal.export_all() == exported == data
    assert dump_json(empty_journal.export_all()) == dump_json(data)  # byte for byte
