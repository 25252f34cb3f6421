"""The Journal API on SQLite and PostgreSQL: what is saved comes back, bad writes change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from journal.helpers import AN_HOUR_AGO, make_session, make_tandem
from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    Kind,
    ParentProfile,
)
from letdown.journal.service import Conflict, Journal, NotFound


def without_uuids(data: JournalData) -> JournalData:
    """``data`` as a letdown before format version 3 would have written it."""
    for section in (data.babies, data.sessions, data.weights, data.diapers):
        for item in section:
            item.uuid = None
    return data


def test_a_saved_session_comes_back_identical(journal: Journal) -> None:
    session = make_session()
    saved = journal.add_session(session)
    assert saved.id is not None
    assert journal.get_session(saved.id) == saved
    assert saved.uuid is not None
    assert saved.model_dump(exclude={"id", "uuid"}) == session.model_dump(exclude={"id", "uuid"})


def test_listing_filters_and_orders_newest_first(journal: Journal) -> None:
    ids = []
    for hours, kind in [(30, "pump"), (20, "breastfeed"), (10, "pump"), (2, "hand_expression")]:
        start = AN_HOUR_AGO - dt.timedelta(hours=hours)
        ids.append(journal.add_session(make_session(
            kind=kind, start=start, end=start + dt.timedelta(minutes=20),
            **({} if kind == "pump" else {
                "pump_name": None, "flange_mm": None, "suction_level": None,
                "suction_mmhg": None, "cycle": None}),
        )).id)
    assert [s.id for s in journal.list_sessions()] == ids[::-1]
    assert [s.id for s in journal.list_sessions(kind=Kind.pump)] == [ids[2], ids[0]]
    since = AN_HOUR_AGO - dt.timedelta(hours=21)
    until = AN_HOUR_AGO - dt.timedelta(hours=5)
    assert [s.id for s in journal.list_sessions(since=since, until=until)] == [ids[2], ids[1]]
    assert [s.id for s in journal.list_sessions(limit=2)] == [ids[3], ids[2]]
    assert [s.id for s in journal.list_sessions(newest_first=False, limit=1)] == [ids[0]]
    assert journal.count_sessions() == 4
    assert journal.count_sessions(kind="pump", since=since) == 1


def test_update_revalidates_and_a_bad_update_changes_nothing(journal: Journal) -> None:
    saved = journal.add_session(make_session())
    assert saved.id is not None
    updated = journal.update_session(saved.id, {"pain": 4, "letdowns": []})
    assert updated.pain == 4 and updated.letdowns == []
    with pytest.raises(ValidationError, match="pain"):
        journal.update_session(saved.id, {"pain": 14})
    with pytest.raises(ValidationError, match="end must be after start"):
        journal.update_session(saved.id, {"end": AN_HOUR_AGO - dt.timedelta(hours=1)})
    assert journal.get_session(saved.id) == updated


def test_delete_and_missing_ids(journal: Journal) -> None:
    saved = journal.add_session(make_session())
    assert saved.id is not None
    journal.delete_session(saved.id)
    with pytest.raises(NotFound, match=f"no session with id {saved.id}"):
        journal.get_session(saved.id)
    with pytest.raises(NotFound):
        journal.delete_session(saved.id)
    with pytest.raises(NotFound):
        journal.update_session(saved.id, {"pain": 1})


def test_babies_weights_and_diapers(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1), sex="female",
                                birth_weight_g=3400))
    ben = journal.add_baby(Baby(name="Ben", birth_date=dt.date(2026, 10, 1), sex="male"))
    assert ada.id is not None and ben.id is not None
    assert journal.list_babies() == [ada, ben]
    today = dt.date.today()
    journal.add_weight(InfantWeight(baby_id=ada.id, date=today, grams=4100))
    early = journal.add_weight(InfantWeight(baby_id=ada.id, date=today - dt.timedelta(7),
                                            grams=3900))
    journal.add_weight(InfantWeight(baby_id=ben.id, date=today, grams=3800))
    assert [w.grams for w in journal.list_weights(ada.id)] == [3900, 4100]
    assert journal.get_weight(early.id or 0) == early
    count = journal.add_diapers(DiaperCount(baby_id=ada.id, date=today, wet=6, dirty=3))
    with pytest.raises(Conflict, match="already has a count for that day"):
        journal.add_diapers(DiaperCount(baby_id=ada.id, date=today, wet=1, dirty=1))
    assert journal.update_diapers(count.id or 0, {"wet": 7}).wet == 7
    assert [c.wet for c in journal.list_diapers()] == [7]
    with pytest.raises(Conflict, match="baby_id: no baby with id 999"):
        journal.add_weight(InfantWeight(baby_id=999, date=today, grams=4000))
    with pytest.raises(Conflict, match="delete those first"):
        journal.delete_baby(ada.id)
    assert journal.get_baby(ada.id) == ada


def test_session_for_unknown_baby_is_refused_and_nothing_written(journal: Journal) -> None:
    with pytest.raises(Conflict, match="no baby with id 5"):
        journal.add_session(make_session(baby_id=5))
    assert journal.count_sessions() == 0


def test_profile_is_set_then_updated(journal: Journal) -> None:
    assert journal.get_profile() is None
    with pytest.raises(NotFound):
        journal.update_profile({"first_baby": True})
    journal.set_profile(ParentProfile(pseudonym="Sam", conditions=["PCOS"]))
    profile = journal.update_profile({"first_baby": True, "regular_medicines": ["levothyroxine"]})
    assert profile == ParentProfile(pseudonym="Sam", first_baby=True, conditions=["PCOS"],
                                    regular_medicines=["levothyroxine"])
    assert journal.get_profile() == profile


def test_export_then_import_into_empty_journal_is_identical(
    journal: Journal, database_url: str
) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
    journal.set_profile(ParentProfile(pseudonym="Sam"))
    journal.add_session(make_session(baby_id=ada.id))
    journal.add_diapers(DiaperCount(baby_id=ada.id or 0, date=dt.date.today(), wet=6, dirty=2))
    data = journal.export_all()
    for session in journal.list_sessions():
        journal.delete_session(session.id or 0)
    journal.delete_diapers(data.diapers[0].id or 0)
    journal.delete_baby(ada.id or 0)
    journal.delete_profile()
    assert journal.is_empty()
    journal.import_all(data)
    assert journal.export_all() == data
    # ids keep counting after an import that kept ids (PostgreSQL sequences too)
    later = journal.add_session(make_session())
    assert (later.id or 0) > (data.sessions[0].id or 0)


def test_import_into_non_empty_journal_remaps_baby_ids(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
    journal.add_session(make_session(baby_id=ada.id))
    data = without_uuids(journal.export_all())  # as from an older letdown
    data.babies[0].name = "Ada's twin"
    report = journal.import_all(data)
    assert report.added["sessions"] == 1 and report.added["babies"] == 1
    babies = journal.list_babies()
    assert len(babies) == 2
    sessions = journal.list_sessions(newest_first=False)
    assert [s.baby_id for s in sessions] == [babies[0].id, babies[1].id]


def test_a_partly_bad_import_writes_nothing(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
    data = journal.export_all()
    today = dt.date.today()
    data.diapers = [DiaperCount(baby_id=ada.id or 0, date=today, wet=1, dirty=1),
                    DiaperCount(baby_id=ada.id or 0, date=today, wet=2, dirty=2)]
    with pytest.raises(Conflict):
        journal.import_all(data)
    assert journal.list_babies() == [ada]
    assert journal.list_diapers() == []


def test_ids_out_of_range_are_refused_not_overflowed(journal: Journal) -> None:
    huge = 2**63
    with pytest.raises(NotFound):
        journal.get_session(huge)
    with pytest.raises(NotFound):
        journal.get_baby(-1)
    with pytest.raises(NotFound):
        journal.delete_weight(huge)
    with pytest.raises(ValidationError, match="baby_id"):
        DiaperCount(baby_id=huge, date=dt.date.today(), wet=1, dirty=1)
    with pytest.raises(ValidationError, match="less than or equal to 2147483647"):
        make_session(baby_id=2**31)
    assert journal.is_empty()


def test_listing_loads_letdowns_in_one_query_not_one_per_session(journal: Journal) -> None:
    from sqlalchemy import event

    from letdown.journal.records import JournalData

    sessions = []
    for i in range(60):
        start = AN_HOUR_AGO - dt.timedelta(hours=3 * (i + 1))
        sessions.append(make_session(
            id=i + 1, start=start, end=start + dt.timedelta(minutes=20),
            letdowns=[{"side": "left", "at_s": 60 + i}, {"side": "right", "at_s": 200 + i}]))
    journal.import_all(JournalData(sessions=sessions))
    selects: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(journal.engine, "before_cursor_execute", count)
    try:
        few = journal.list_sessions(limit=3)
        few_queries = len(selects)
        selects.clear()
        everything = journal.list_sessions()
        all_queries = len(selects)
    finally:
        event.remove(journal.engine, "before_cursor_execute", count)
    assert few_queries == all_queries == 2  # the sessions, then all their let-downs
    assert len(everything) == 60 and everything[:3] == few
    assert everything == [journal.get_session(s.id or 0) for s in everything]
    assert [s.letdowns[0].at_s for s in (everything[0], everything[-1])] == [60, 119]


def test_twins_fed_together_are_saved_edited_and_keep_both_babies(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
    ben = journal.add_baby(Baby(name="Ben", birth_date=dt.date(2026, 10, 1)))
    saved = journal.add_session(make_tandem(ada.id, ben.id))
    assert journal.get_session(saved.id or 0) == saved and saved.tandem_baby_id == ben.id
    with pytest.raises(Conflict, match="tandem_baby_id: no baby with id 99"):
        journal.add_session(make_tandem(ada.id, 99))
    with pytest.raises(Conflict, match="tandem_baby_id: no baby with id 99"):
        journal.update_session(saved.id or 0, {"tandem_baby_id": 99})
    with pytest.raises(Conflict, match="still referred to"):
        journal.delete_baby(ben.id or 0)
    assert journal.get_baby(ben.id or 0) == ben
    assert journal.update_session(saved.id or 0, {"tandem_baby_id": None}).tandem_baby_id is None
    journal.delete_baby(ben.id or 0)
    assert journal.count_sessions() == 1


def test_filtering_by_baby_finds_tandem_feeds_for_either_twin(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
    ben = journal.add_baby(Baby(name="Ben", birth_date=dt.date(2026, 10, 1)))
    together = journal.add_session(make_tandem(ada.id, ben.id))
    ada_alone = journal.add_session(make_session(baby_id=ada.id))
    assert {s.id for s in journal.list_sessions(baby_id=ben.id)} == {together.id}
    assert {s.id for s in journal.list_sessions(baby_id=ada.id)} == {together.id, ada_alone.id}
    assert journal.count_sessions(baby_id=ben.id) == 1


def test_import_into_non_empty_journal_remaps_the_tandem_twin(journal: Journal) -> None:
    ada = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
    ben = journal.add_baby(Baby(name="Ben", birth_date=dt.date(2026, 10, 1)))
    journal.add_session(make_tandem(ada.id, ben.id))
    data = without_uuids(journal.export_all())
    for baby in data.babies:
        baby.name += " (other family)"
    journal.import_all(data)
    babies = [b.id for b in journal.list_babies()]
    pairs = [(s.baby_id, s.tandem_baby_id) for s in journal.list_sessions(newest_first=False)]
    assert pairs == [(babies[0], babies[1]), (babies[2], babies[3])]


def test_lists_for_an_impossible_baby_or_at_the_calendars_edge_are_empty_not_errors(
    journal: Journal,
) -> None:
    """A baby id no database can hold, or a range bound at year 1 in UTC+14, used to
    overflow inside the database driver; the answer is simply "nothing"."""
    import datetime as dt

    huge = 10**20
    assert journal.list_sessions(baby_id=huge) == [] and journal.count_sessions(baby_id=huge) == 0
    assert journal.list_weights(huge) == [] and journal.list_diapers(huge) == []
    kiritimati = dt.timezone(dt.timedelta(hours=14))
    first = dt.datetime(1, 1, 1, tzinfo=kiritimati)
    last = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12)))
    assert journal.list_sessions(since=first, until=last) == []
