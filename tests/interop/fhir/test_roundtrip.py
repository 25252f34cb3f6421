"""Export to a FHIR Bundle, validate it twice, read it back: the same records, always."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import text

from interop.fhir.realistic import realistic
from interop.fhir.strategies import journals
from interop.fhir.validators import validate
from letdown.interop.fhir import load_bundle, to_bundle
from letdown.journal.records import JournalData
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade


def through_json(data: JournalData) -> dict[str, object]:
    """The Bundle as a file would hold it (floats and text through JSON)."""
    return json.loads(json.dumps(to_bundle(data), ensure_ascii=False))  # type: ignore[no-any-return]


@settings(max_examples=80, deadline=None)
@given(data=journals())
def test_every_journal_exports_a_valid_bundle_that_reads_back_identical(
    data: JournalData,
) -> None:
    bundle = through_json(data)
    validate(bundle)
    back = load_bundle(bundle)
    assert back.skipped == {}
    assert back.data == data


def test_realistic_journal_round_trips_field_by_field() -> None:
    data = realistic()
    bundle = through_json(data)
    validate(bundle)
    back = load_bundle(bundle).data
    for section in ("babies", "sessions", "weights", "diapers"):
        for mine, theirs in zip(getattr(data, section), getattr(back, section), strict=True):
            assert mine.model_dump() == theirs.model_dump()
    assert back.profile == data.profile


@pytest.fixture
def empty_journal(tmp_path: Path) -> Iterator[Journal]:
    engine = create_journal_engine(f"sqlite:///{tmp_path / 'fhir.sqlite3'}")
    upgrade(engine)
    with Journal(engine) as journal:
        yield journal


def wipe(journal: Journal) -> None:
    with journal.engine.begin() as connection:
        for table in ("letdown", "session", "infant_weight", "diaper_count", "baby", "profile"):
            connection.execute(text(f"DELETE FROM {table}"))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=journals())
def test_bundle_imports_into_an_empty_journal_identically_and_only_once(
    empty_journal: Journal, data: JournalData
) -> None:
    wipe(empty_journal)
    empty_journal.import_all(load_bundle(through_json(data)).data)
    assert empty_journal.export_all() == data
    again = empty_journal.import_all(load_bundle(through_json(data)).data)
    assert again.added_total == 0
    assert empty_journal.export_all() == data
    # and the journal's own export gives the same Bundle back
    assert through_json(empty_journal.export_all()) == through_json(data)
