"""Importing into a journal: once only, a parent's edits kept, diaper days that grew."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.interop.babybuddy.test_mapping import api_export

from letdown.interop.babybuddy.csvfiles import read_files
from letdown.interop.babybuddy.mapping import Mapped, to_journal
from letdown.interop.babybuddy.merge import Plan, Snapshot, plan, write
from letdown.interop.babybuddy.source import Change, Export
from letdown.journal.records import Baby, JournalData
from letdown.journal.service import Journal
from letdown.journal.transfer import ImportConflict

ORIGIN = "http://127.0.0.1:8123"


def run(journal: Journal, export: Export, *, dry_run: bool = False) -> tuple[Mapped, Plan]:
    mapped = to_journal(export, dt.UTC)
    planned = plan(mapped, Snapshot.of(journal), export.origin)
    write(journal, planned, dry_run=dry_run)
    return mapped, planned


def with_change(export: Export, day: str, *, wet: bool = True, solid: bool = False) -> Export:
    moment = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    export.changes.append(Change(id=999, child=1, time=moment, wet=wet, solid=solid))
    return export


def test_import_twice_gets_it_once(journal: Journal, csv_files: list[Path]) -> None:
    _, first = run(journal, read_files(csv_files, origin=ORIGIN))
    assert first.new == {"breastfeeds": 20, "pump sessions": 30, "weights": 10,
                         "diaper days": 20}
    before = journal.export_all()
    _, second = run(journal, read_files(csv_files, origin=ORIGIN))
    assert second.new == {} and second.updates == [] and second.kept == []
    assert sum(second.same.values()) == 81
    assert journal.export_all() == before


def test_api_after_csv_of_the_same_server_adds_nothing(
        journal: Journal, csv_files: list[Path]) -> None:
    run(journal, read_files(csv_files, origin=ORIGIN))
    before = journal.export_all()
    _, again = run(journal, api_export(ORIGIN))
    assert again.new == {}
    assert len(again.kept) == 16  # the tagged ones: the CSV could not name their tags
    assert journal.export_all() == before


def test_a_day_that_gained_a_change_is_updated(journal: Journal) -> None:
    run(journal, api_export())
    _, planned = run(journal, with_change(api_export(), "2026-11-26T22:00:00"))
    assert [(u.date, u.old, u.new) for u in planned.updates] == [
        (dt.date(2026, 11, 26), (1, 0), (2, 0))]
    counts = {d.date: (d.wet, d.dirty) for d in journal.list_diapers()}
    assert counts[dt.date(2026, 11, 26)] == (2, 0)
    _, third = run(journal, with_change(api_export(), "2026-11-26T22:00:00"))
    assert third.updates == [] and third.new == {}  # and then it is known


def test_a_day_the_parent_edited_is_kept(journal: Journal) -> None:
    run(journal, api_export())
    day = next(d for d in journal.list_diapers() if d.date == dt.date(2026, 11, 26))
    assert day.id is not None
    journal.update_diapers(day.id, {"wet": 5})
    _, planned = run(journal, with_change(api_export(), "2026-11-26T22:00:00"))
    assert planned.updates == []
    assert planned.kept == ["diapers of 2026-11-26: kept yours (5 wet, 0 dirty); "
                            "Baby Buddy has 2 wet, 0 dirty"]
    assert journal.get_diapers(day.id).wet == 5


def test_a_session_the_parent_edited_is_kept(journal: Journal) -> None:
    run(journal, api_export())
    session = journal.list_sessions(limit=1)[0]
    assert session.id is not None
    journal.update_session(session.id, {"pain": 3})
    before = journal.export_all()
    _, planned = run(journal, api_export())
    assert planned.new == {} and len(planned.kept) == 1
    assert journal.export_all() == before


def test_a_baby_already_here_gets_the_records(journal: Journal) -> None:
    journal.add_baby(Baby(name="Robin", birth_date=dt.date(2026, 11, 4), sex="female"))
    _, planned = run(journal, api_export())
    assert planned.linked and len(journal.list_babies()) == 1
    assert {s.baby_id for s in journal.list_sessions(kind="breastfeed")} == {
        journal.list_babies()[0].id}
    _, again = run(journal, api_export())
    assert again.new == {}


def test_another_baby_of_the_same_name_is_a_conflict(journal: Journal) -> None:
    journal.add_baby(Baby(name="Robin Sample", birth_date=dt.date(2026, 1, 4)))
    before = journal.export_all()
    with pytest.raises(ImportConflict, match="same name"):
        run(journal, api_export())
    assert journal.export_all() == before


def test_dry_run_changes_nothing(journal: Journal) -> None:
    run(journal, api_export())
    before = journal.export_all()
    _, planned = run(journal, with_change(api_export(), "2026-11-26T22:00:00"), dry_run=True)
    assert planned.updates
    assert journal.export_all() == before


def test_a_conflict_undoes_the_day_updates_too(journal: Journal) -> None:
    """All or nothing: a diaper day update is rolled back when the import then conflicts."""
    run(journal, api_export())
    gone = journal.list_sessions(limit=1)[0]
    assert gone.id is not None
    journal.delete_session(gone.id)  # so the next import plans to add it back
    planned = plan(to_journal(with_change(api_export(), "2026-11-26T22:00:00"), dt.UTC),
                   Snapshot.of(journal), ORIGIN)
    assert planned.updates and [s.uuid for s in planned.data.sessions] == [gone.uuid]
    # between the plan and the write, that session is typed in again, differently
    journal.import_all(JournalData(sessions=[gone.model_copy(
        update={"id": None, "baby_id": None, "notes": "typed here"})]))
    before = journal.export_all()
    with pytest.raises(ImportConflict):
        write(journal, planned)
    assert journal.export_all() == before
    counts = {d.date: (d.wet, d.dirty) for d in journal.list_diapers()}
    assert counts[dt.date(2026, 11, 26)] == (1, 0)


def test_an_import_into_a_parents_journal_stays_in_it(journal: Journal) -> None:
    from journal.owners import make_family

    family = make_family(journal.engine)
    mine = family.journal(family.access(family.parent_a))
    run(mine, api_export())
    _, planned = run(mine, with_change(api_export(), "2026-11-26T22:00:00"))
    assert len(planned.updates) == 1  # the day that grew is updated in A's journal
    assert len(mine.list_sessions(limit=1000)) == 50
    assert journal.is_empty()  # nothing landed in the laptop (single-user) journal
    other = family.journal(family.access(family.parent_b))
    assert other.is_empty() and other.list_diapers() == []
