"""Drafts, experiments, the fast session table and migration 0008 respect owners too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from journal.helpers import make_session
from journal.owners import Family, make_family, seed
from letdown.accounts.roles import Role
from letdown.insights.experiments import schedule
from letdown.journal.drafts import GuidedDrafts
from letdown.journal.errors import NotFound, ReadOnly
from letdown.journal.experiments import Experiment, Experiments
from letdown.journal.quicklist import fast_session_lines
from letdown.journal.service import Conflict, Journal
from letdown.journal.store import create_journal_engine, current_revision, downgrade, upgrade

START = "2026-11-29T23:30:00+00:00"
NOW = dt.datetime(2026, 11, 30, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def family(database_url: str) -> Iterator[Family]:
    engine = create_journal_engine(database_url)
    upgrade(engine)
    yield make_family(engine)
    engine.dispose()


def test_drafts_of_the_same_session_start_stay_apart(family: Family) -> None:
    mine = GuidedDrafts(family.journal(family.access(family.parent_a)))
    theirs = GuidedDrafts(family.journal(family.access(family.parent_b)))
    laptop = GuidedDrafts(Journal(family.engine))
    mine.save(START, {"notes": "a's draft"}, now=NOW)
    assert theirs.load(START, now=NOW) is None and theirs.latest(now=NOW) is None
    assert laptop.load(START, now=NOW) is None and laptop.count() == 0
    theirs.save(START, {"notes": "b's draft"}, now=NOW)
    laptop.save(START, {"notes": "laptop draft"}, now=NOW)
    loaded = mine.load(START, now=NOW)
    assert loaded is not None and loaded.state == {"notes": "a's draft"}
    assert loaded.key == "2026-11-29T23:30:00Z"  # the page's key, not the stored one
    assert theirs.discard("2026-11-30T00:30:00+01:00") is True  # b's own, same moment
    assert mine.count() == 1 and theirs.count() == 0 and laptop.count() == 1
    latest = laptop.latest(now=NOW)
    assert latest is not None and latest.state == {"notes": "laptop draft"}


def test_a_read_only_draft_store_keeps_nothing(family: Family) -> None:
    issued = family.accounts.invite(family.parent_a)
    family.accounts.accept_invitation(family.consultant, issued.code)
    reader = GuidedDrafts(family.journal(family.access(
        family.parent_a, write=False, by=family.consultant, role=Role.CONSULTANT)))
    with pytest.raises(ReadOnly):
        reader.save(START, {"notes": "x"}, now=NOW)
    with pytest.raises(ReadOnly):
        reader.discard(START)


def _plan(target: str = "technique:music") -> Experiment:
    return Experiment(target=target, planned=8, block=4, seed=11, plan=schedule(8, 4, 11),
                      started=dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC))


def test_each_parent_runs_their_own_experiment(family: Family) -> None:
    mine = Experiments(family.journal(family.access(family.parent_a)))
    theirs = Experiments(family.journal(family.access(family.parent_b)))
    started = mine.start(_plan())
    assert theirs.running() is None and theirs.list() == [] and theirs.latest() is None
    for attempt in (lambda: theirs.get(started.id or 0), lambda: theirs.stop(started.id or 0)):
        with pytest.raises(NotFound, match=f"no experiment with id {started.id}$"):
            attempt()
    second = theirs.start(_plan("pump:flange_mm=27"))  # one at a time, per parent
    with pytest.raises(Conflict, match="already running"):
        mine.start(_plan("pump:flange_mm=27"))
    assert mine.running() == started and theirs.running() == second
    assert Experiments(Journal(family.engine)).list() == []


def test_the_fast_table_lists_only_the_single_user_journal(isolated_home: Path) -> None:
    from letdown.config import load_settings

    laptop = Journal.open()
    laptop.add_session(make_session(notes="laptop"))
    family = make_family(laptop.engine)
    with Journal.open(access=family.access(family.parent_a)) as server:
        server.add_session(make_session(notes="server"))
        assert [s.notes for s in server.list_sessions()] == ["server"]
    fast = fast_session_lines(load_settings().sqlite_path, limit=None)
    assert fast is not None
    lines, total = fast
    assert total == 1 and [line.id for line in lines] == [s.id for s in laptop.list_sessions()]
    laptop.close()


def test_migration_0008_up_down_up_keeps_the_records(database_url: str) -> None:
    engine = create_journal_engine(database_url)
    upgrade(engine, "0007")
    with engine.begin() as db:
        db.execute(text("INSERT INTO profile (id, pseudonym, conditions, regular_medicines) "
                        "VALUES (1, 'Sam', '[]', '[]')"))
        db.execute(text("INSERT INTO baby (uuid, name, birth_date) VALUES "
                        "('0a0b0c0d0e0f40718293a4b5c6d7e8f9', 'Ada', '2026-10-01')"))
        db.execute(text("INSERT INTO session (baby_id, kind, sides, start_utc, end_utc, "
                        "medicines, techniques, notes) VALUES (1, 'pump', 'left', "
                        "'2026-11-01 01:00:00', '2026-11-01 01:20:00', '[]', '[]', 'kept')"))
        db.execute(text("INSERT INTO letdown (session_id, side, at_s) VALUES (1, 'left', 90)"))
    upgrade(engine, "0008")
    assert current_revision(engine) == "0008"
    with Journal(engine) as journal:  # the old rows are the single-user journal's
        assert journal.get_profile() is not None
        session = journal.get_session(1)
        assert session.notes == "kept" and len(session.letdowns) == 1
    downgrade(engine, "0007")
    assert "owner_id" not in {c["name"] for c in inspect(engine).get_columns("session")}
    with engine.connect() as db:
        assert db.execute(text("SELECT COUNT(*) FROM letdown")).scalar() == 1
        assert db.execute(text("SELECT pseudonym FROM profile")).scalar() == "Sam"
    upgrade(engine, "0008")
    family = make_family(engine)
    mine = family.journal(family.access(family.parent_a))
    seed(mine, "alpha")  # an account's profile and records next to the laptop's
    assert Journal(engine).get_profile() is not None and Journal(engine).get_session(1)
    with pytest.raises(Exception, match="cannot go back before revision 0008"):
        downgrade(engine, "0007")
    assert current_revision(engine) == "0008" and mine.list_sessions()
    engine.dispose()


def test_one_profile_per_owner_and_one_for_the_laptop(family: Family) -> None:
    from sqlalchemy.exc import IntegrityError

    seed(family.journal(family.access(family.parent_a)), "alpha")
    seed(family.journal(family.access(family.parent_b)), "bravo")
    seed(Journal(family.engine), "laptop")
    with family.engine.connect() as db:
        assert db.execute(text("SELECT COUNT(*) FROM profile")).scalar() == 3
    for sql in ("INSERT INTO profile (id, pseudonym, conditions, regular_medicines) "
                "VALUES (7, 'second laptop', '[]', '[]')",
                "INSERT INTO profile (id, owner_id, pseudonym, conditions, regular_medicines) "
                f"VALUES (8, {family.parent_a}, 'second a', '[]', '[]')"):
        with pytest.raises(IntegrityError), family.engine.begin() as db:
            db.execute(text(sql))
