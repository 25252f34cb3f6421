"""Stable record identity: every record has a uuid, and import never adds a record twice.

On SQLite and PostgreSQL (the ``journal`` fixture). Each test here fails on the code
before uuids (ff256c8): re-importing duplicated every record, babies included, and a
file's profile silently replaced the journal's.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import text

from journal.helpers import make_session, make_tandem
from letdown.journal.records import Baby, DiaperCount, InfantWeight, JournalData, ParentProfile
from letdown.journal.service import Conflict, Journal
from letdown.journal.store import create_journal_engine, upgrade
from letdown.journal.transfer import ImportConflict

BORN = dt.date(2026, 10, 1)


def fill(journal: Journal) -> JournalData:
    """A small journal (two babies, a tandem feed, a weight, diapers, a profile); its export."""
    ada = journal.add_baby(Baby(name="Ada", birth_date=BORN))
    ben = journal.add_baby(Baby(name="Ben", birth_date=BORN))
    journal.set_profile(ParentProfile(pseudonym="Sam", conditions=["PCOS"]))
    journal.add_session(make_session(baby_id=ada.id))
    journal.add_session(make_tandem(ada.id, ben.id))
    journal.add_weight(InfantWeight(baby_id=ada.id or 0, date=dt.date(2026, 11, 20), grams=4100))
    journal.add_diapers(DiaperCount(baby_id=ben.id or 0, date=dt.date(2026, 11, 20), wet=6,
                                    dirty=2))
    return journal.export_all()


def test_every_new_record_gets_its_own_uuid_and_keeps_it_when_edited(journal: Journal) -> None:
    data = fill(journal)
    uuids = [r.uuid for r in (*data.babies, *data.sessions, *data.weights, *data.diapers)]
    assert None not in uuids and len(set(uuids)) == len(uuids) == 6
    ada = data.babies[0]
    mine = uuid.uuid4()
    copy = journal.add_baby(Baby(name="Cleo", birth_date=BORN, uuid=mine))
    assert copy.uuid not in {None, mine}  # the journal assigns it, as it does ids
    edited = journal.update_baby(ada.id or 0, {"name": "Ada Rose", "uuid": mine})
    assert edited.uuid == ada.uuid
    session = data.sessions[0]
    assert journal.update_session(session.id or 0, {"pain": 7}).uuid == session.uuid


def test_reimporting_an_export_into_its_own_journal_changes_nothing(journal: Journal) -> None:
    data = fill(journal)
    report = journal.import_all(data)
    assert report.added_total == 0
    assert report.known_total == 7  # 6 records and the (identical) profile
    assert journal.export_all() == data
    assert len(journal.list_babies()) == 2


def test_a_mix_of_new_and_known_records_adds_only_the_new_ones(journal: Journal) -> None:
    data = fill(journal)
    ada = data.babies[0]
    later = journal.add_session(make_session(
        baby_id=ada.id, start=make_session().start + dt.timedelta(minutes=30),
        end=make_session().start + dt.timedelta(minutes=40)))
    newer = journal.export_all()
    journal.delete_session(later.id or 0)
    report = journal.import_all(newer)
    assert report.added == {"babies": 0, "sessions": 1, "weights": 0, "diapers": 0}
    assert report.known == {"babies": 2, "sessions": 2, "weights": 1, "diapers": 1}
    [back] = [s for s in journal.list_sessions() if s.uuid == later.uuid]
    assert back.baby_id == ada.id and back.model_dump(exclude={"id"}) == later.model_dump(
        exclude={"id"})


def test_references_to_babies_follow_their_uuids_not_their_ids(journal: Journal) -> None:
    data = fill(journal)
    ada, ben = data.babies
    # The same babies under other ids in the file (as another journal would number them)
    moved = {ada.id: 41, ben.id: 42}
    ada.id, ben.id = 41, 42
    new = make_tandem(moved[data.sessions[1].baby_id], moved[data.sessions[1].tandem_baby_id],
                      start=data.sessions[1].start - dt.timedelta(hours=2),
                      end=data.sessions[1].start - dt.timedelta(hours=1, minutes=40))
    for session in data.sessions:
        session.baby_id = moved.get(session.baby_id)
        session.tandem_baby_id = moved.get(session.tandem_baby_id)
    for item in (*data.weights, *data.diapers):
        item.baby_id = moved[item.baby_id]
    data.sessions.append(new)
    report = journal.import_all(data)
    assert report.added["sessions"] == 1 and report.known["sessions"] == 2
    [landed] = [s for s in journal.list_sessions() if s.start == new.start]
    babies = {b.name: b.id for b in journal.list_babies()}
    assert (landed.baby_id, landed.tandem_baby_id) == (babies["Ada"], babies["Ben"])
    assert len(babies) == 2


def test_same_uuid_with_other_values_is_a_conflict_listing_every_record(
    journal: Journal,
) -> None:
    data = fill(journal)
    before = journal.export_all()
    data.sessions[0].pain = 9
    data.sessions[0].notes = "changed"
    data.babies[1].name = "Benjamin"
    data.sessions.append(make_session(start=data.sessions[0].start - dt.timedelta(hours=3),
                                      end=data.sessions[0].start - dt.timedelta(hours=2)))
    with pytest.raises(ImportConflict) as caught:
        journal.import_all(data)
    conflicts = caught.value.conflicts
    assert len(conflicts) == 2
    assert conflicts[0].startswith(f"baby {data.babies[1].uuid} (id ")
    assert "name: 'Benjamin' in the file, 'Ben' here" in conflicts[0]
    assert conflicts[1].startswith(f"session {data.sessions[0].uuid} (id ")
    assert "pain: 9 in the file, 2 here" in conflicts[1]
    assert "notes: 'changed' in the file, 'Pumped in the meeting room.' here" in conflicts[1]
    assert journal.export_all() == before  # not even the new session was written


def test_a_conflicting_baby_reference_names_both_babies(journal: Journal) -> None:
    data = fill(journal)
    ben = data.babies[1]
    data.sessions[0].baby_id = ben.id
    with pytest.raises(ImportConflict) as caught:
        journal.import_all(data)
    assert "baby_id: Ben (id 2 in the file) in the file, Ada (id 1 here) here" in (
        caught.value.conflicts[0])


def test_the_journals_profile_is_kept_unless_replacing_is_asked(journal: Journal) -> None:
    data = fill(journal)
    data.profile = ParentProfile(pseudonym="Alex", regular_medicines=["levothyroxine"])
    report = journal.import_all(data)
    assert (report.profile, report.journal_pseudonym, report.file_pseudonym) == (
        "kept", "Sam", "Alex")
    assert journal.get_profile() == ParentProfile(pseudonym="Sam", conditions=["PCOS"])
    report = journal.import_all(data, replace_profile=True)
    assert report.profile == "replaced" and journal.get_profile() == data.profile
    assert journal.import_all(data).profile == "same"


def test_two_babies_with_one_name_are_refused(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=BORN))
    ben = journal.add_baby(Baby(name="Ben", birth_date=BORN))
    for name in ("Ada", " ada ", "ADA"):
        with pytest.raises(Conflict, match="already a baby called 'Ada' \\(id 1\\)"):
            journal.add_baby(Baby(name=name, birth_date=BORN))
    with pytest.raises(Conflict, match="already a baby called 'Ada'"):
        journal.update_baby(ben.id or 0, {"name": "aDa"})
    assert journal.update_baby(ada.id or 0, {"name": "ADA"}).name == "ADA"  # itself is fine
    assert [b.name for b in journal.list_babies()] == ["ADA", "Ben"]


def test_import_refuses_a_new_baby_named_like_one_already_here(journal: Journal) -> None:
    data = fill(journal)
    for item in (*data.babies, *data.sessions, *data.weights, *data.diapers):
        item.uuid = None  # a file from before uuids: nothing says these are the same
    before = journal.export_all()
    with pytest.raises(ImportConflict) as caught:
        journal.import_all(data)
    assert caught.value.conflicts[0].startswith(
        "baby 'Ada' (id 1 in the file) has the same name as baby 1 (Ada) here")
    assert journal.export_all() == before
    twins = JournalData(babies=[Baby(id=1, name="Kit", birth_date=BORN),
                                Baby(id=2, name="kit ", birth_date=BORN)])
    with pytest.raises(ImportConflict, match="same name as baby id 1 in the file"):
        journal.import_all(twins)


def test_a_new_diaper_count_on_a_day_already_counted_is_a_conflict(journal: Journal) -> None:
    data = fill(journal)
    count = data.diapers[0]
    data.diapers = [DiaperCount(id=9, baby_id=count.baby_id, date=count.date, wet=1, dirty=1)]
    with pytest.raises(ImportConflict, match="is for Ben on 2026-11-20, but this journal "
                       "already has a count for that day"):
        journal.import_all(data)


def test_migration_gives_existing_rows_distinct_uuids(database_url: str) -> None:
    engine = create_journal_engine(database_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO baby (name, birth_date) VALUES ('Ada', '2026-10-01'), "
            "('Ben', '2026-10-01')"))
        for hour in (1, 2, 3):
            connection.execute(text(
                "INSERT INTO session (baby_id, kind, sides, start_utc, end_utc, medicines, "
                "techniques, notes) VALUES (1, 'pump', 'left', "
                f"'2026-11-01 0{hour}:00:00', '2026-11-01 0{hour}:20:00', '[]', '[]', '')"))
        connection.execute(text(
            "INSERT INTO infant_weight (baby_id, date, grams) VALUES (1, '2026-11-02', 4000)"))
        connection.execute(text("INSERT INTO diaper_count (baby_id, date, wet, dirty) "
                                "VALUES (2, '2026-11-02', 5, 1)"))
    upgrade(engine)
    with engine.begin() as connection:  # other tools that insert without a uuid still work
        for hour in (4, 5):
            connection.execute(text(
                "INSERT INTO session (kind, sides, start_utc, end_utc, medicines, techniques, "
                f"notes) VALUES ('pump', 'left', '2026-11-01 0{hour}:00:00', "
                f"'2026-11-01 0{hour}:20:00', '[]', '[]', '')"))
    with Journal(engine) as journal:
        data = journal.export_all()
    records = [*data.babies, *data.sessions, *data.weights, *data.diapers]
    uuids = [r.uuid for r in records]
    assert len(records) == 9 and None not in uuids and len(set(uuids)) == 9
    assert {u.version for u in uuids if u is not None} == {4}
    engine.dispose()
