"""Every record belongs to one parent; a Journal reaches only what its access allows.

The matrix walks EVERY public ``Journal`` method (found by introspection, so a new
method is covered, or this test fails asking how to call it) as parent B against
parent A's records, and as a consultant with read-only access. Runs on SQLite and
PostgreSQL (``database_url``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journal.helpers import make_session
from journal.owners import BIRTH, Family, Seeded, make_family, seed
from letdown.accounts.errors import NotAllowed
from letdown.accounts.roles import ANONYMOUS, Role, Scope
from letdown.journal.access import SINGLE_USER, Access
from letdown.journal.errors import Conflict, NotFound, ReadOnly
from letdown.journal.records import Baby, DiaperCount, InfantWeight, JournalData, ParentProfile
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade
from letdown.journal.tables import Base

#: Public methods that are not about records.
NOT_RECORDS = {"close"}
#: Name prefixes of methods that only read; every other method must count as a write.
READS = ("get_", "list_", "count_", "export_", "is_")
#: The id parameter of each kind, and the kind a method name is about.
KIND_OF_ID = {"session_id": "session", "baby_id": "baby", "weight_id": "weight",
              "count_id": "diapers"}
CHANGES = {"session": {"notes": "changed"}, "baby": {"name": "renamed"},
           "weight": {"grams": 3500}, "diapers": {"wet": 7}, "profile": {"pseudonym": "x"}}


def public_methods() -> list[str]:
    return sorted(name for name, _ in inspect.getmembers(Journal, inspect.isfunction)
                  if not name.startswith("_") and name not in NOT_RECORDS)


def kind_of(method: str) -> str:
    noun = method.split("_", 1)[1]
    return {"sessions": "session", "babies": "baby", "weights": "weight",
            "all": "all", "empty": "all"}.get(noun, noun)


@pytest.fixture
def family(database_url: str) -> Iterator[Family]:
    engine = create_journal_engine(database_url)
    upgrade(engine)
    yield make_family(engine)
    engine.dispose()


def _arguments(method: str, own: Seeded, target_id: int | None) -> tuple[list[Any], dict[str, Any]]:
    """How to call ``method`` as its journal's owner; ``target_id`` replaces the record id."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    kind = kind_of(method)
    for name, parameter in inspect.signature(getattr(Journal, method)).parameters.items():
        if name == "self":
            continue
        if parameter.default is not inspect.Parameter.empty:
            continue  # optional filters: the defaults, checked separately below
        if name in KIND_OF_ID:
            args.append(target_id if target_id is not None else own.id_of(KIND_OF_ID[name]))
        elif name == "changes":
            args.append(CHANGES[kind])
        elif name == "session":
            args.append(make_session(baby_id=own.babies[0]))
        elif name == "baby":
            args.append(Baby(name="another baby", birth_date=BIRTH))
        elif name == "weight":
            args.append(InfantWeight(baby_id=own.babies[0], date=BIRTH, grams=3600))
        elif name == "count":
            args.append(DiaperCount(baby_id=own.babies[1], date=BIRTH, wet=1, dirty=1))
        elif name == "profile":
            args.append(ParentProfile(pseudonym="new name"))
        elif name == "data":
            args.append(JournalData(sessions=[make_session(notes="imported")]))
        else:
            pytest.fail(f"Journal.{method} takes {name!r}: teach this matrix how to call it")
    return args, kwargs


def _takes_id(method: str) -> bool:
    return any(n in KIND_OF_ID for n in inspect.signature(getattr(Journal, method)).parameters
               if inspect.signature(getattr(Journal, method)).parameters[n].default
               is inspect.Parameter.empty)


def _marks(journal: Journal) -> list[str]:
    """What identifies a journal's records in any output: uuids, names, notes."""
    data = journal.export_all()
    found = [str(r.uuid) for r in [*data.babies, *data.sessions, *data.weights, *data.diapers]]
    found += [b.name for b in data.babies] + [s.notes for s in data.sessions]
    return found + ([data.profile.pseudonym] if data.profile else [])


def test_the_matrix_covers_every_method() -> None:
    methods = public_methods()
    assert {"get_session", "list_sessions", "update_baby", "delete_diapers", "export_all",
            "import_all", "set_profile"} <= set(methods)
    for method in methods:
        _arguments(method, Seeded([1, 2], 1, 1, 1), None)  # fails on an unknown parameter


@pytest.mark.parametrize("method", public_methods())
def test_parent_b_never_reaches_parent_a(family: Family, method: str) -> None:
    journal_a = family.journal(family.access(family.parent_a))
    journal_b = family.journal(family.access(family.parent_b))
    seeded_a = seed(journal_a, "alpha")
    seeded_b = seed(journal_b, "bravo")
    before = journal_a.export_all()
    marks_a = _marks(journal_a)
    call: Callable[..., Any] = getattr(journal_b, method)
    if _takes_id(method):
        target = seeded_a.id_of(KIND_OF_ID[next(
            n for n in inspect.signature(getattr(Journal, method)).parameters if n in KIND_OF_ID)])
        args, kwargs = _arguments(method, seeded_b, target)
        with pytest.raises(NotFound) as refused:
            call(*args, **kwargs)
        missing = 10**9
        args, kwargs = _arguments(method, seeded_b, missing)
        with pytest.raises(NotFound) as absent:
            call(*args, **kwargs)
        # exactly the words of a missing id: no hint the record exists
        assert str(refused.value).replace(str(target), "N") == str(absent.value).replace(
            str(missing), "N")
    else:
        args, kwargs = _arguments(method, seeded_b, None)
        result = call(*args, **kwargs)
        shown = repr(result)
        assert not [mark for mark in marks_a if mark in shown]
        if "baby_id" in inspect.signature(getattr(Journal, method)).parameters:
            # filtering by parent A's baby finds nothing, not A's records
            assert not call(*args, baby_id=seeded_a.babies[0])
    assert journal_a.export_all() == before  # nothing of A changed


@pytest.mark.parametrize("method", public_methods())
def test_read_only_access_reads_and_never_writes(family: Family, method: str) -> None:
    journal_a = family.journal(family.access(family.parent_a))
    seeded_a = seed(journal_a, "alpha")
    issued = family.accounts.invite(family.parent_a)
    family.accounts.accept_invitation(family.consultant, issued.code)
    reader = family.journal(family.access(family.parent_a, write=False, by=family.consultant,
                                          role=Role.CONSULTANT))
    before = journal_a.export_all()
    args, kwargs = _arguments(method, seeded_a, None)
    if method.startswith(READS):
        assert getattr(reader, method)(*args, **kwargs) == getattr(journal_a, method)(
            *args, **kwargs)
    else:
        with pytest.raises(ReadOnly, match="may read these records but not change them"):
            getattr(reader, method)(*args, **kwargs)
    assert journal_a.export_all() == before


def test_references_to_another_parents_baby_are_unknown_babies(family: Family) -> None:
    journal_a = family.journal(family.access(family.parent_a))
    journal_b = family.journal(family.access(family.parent_b))
    seeded_a, seeded_b = seed(journal_a, "alpha"), seed(journal_b, "bravo")
    theirs = seeded_a.babies[0]
    attempts: list[Callable[[], object]] = [
        lambda: journal_b.add_session(make_session(baby_id=theirs)),
        lambda: journal_b.add_session(make_session(kind="breastfeed", pump_name=None,
                                                   flange_mm=None, suction_level=None,
                                                   suction_mmhg=None, cycle=None,
                                                   volume_left_ml=None, volume_right_ml=None,
                                                   baby_id=seeded_b.babies[0],
                                                   tandem_baby_id=theirs)),
        lambda: journal_b.update_session(seeded_b.session, {"baby_id": theirs}),
        lambda: journal_b.add_weight(InfantWeight(baby_id=theirs, date=BIRTH, grams=3500)),
        lambda: journal_b.update_weight(seeded_b.weight, {"baby_id": theirs}),
        lambda: journal_b.add_diapers(DiaperCount(baby_id=theirs, date=BIRTH, wet=1, dirty=0)),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict, match=f"no baby with id {theirs} "):
            attempt()
    assert journal_b.list_sessions(baby_id=theirs) == []
    assert journal_b.list_weights(baby_id=theirs) == []


def test_same_names_and_days_in_two_journals_do_not_clash(family: Family) -> None:
    journal_a = family.journal(family.access(family.parent_a))
    journal_b = family.journal(family.access(family.parent_b))
    seed(journal_a, "twin")
    seed(journal_b, "twin")  # same baby names, same diaper day: each journal its own
    assert [b.name for b in journal_b.list_babies()] == ["twin 1", "twin 2"]
    assert journal_a.get_profile() == ParentProfile(pseudonym="parent twin")
    journal_b.delete_profile()
    assert journal_a.get_profile() is not None and journal_b.get_profile() is None


def test_who_may_open_a_parents_journal(family: Family) -> None:
    accounts, a = family.accounts, family.parent_a
    seed(family.journal(family.access(a)), "alpha")
    consultant = family.actor(family.consultant, Role.CONSULTANT)
    from letdown.accounts.access import journal_access

    refused = [
        (family.actor(family.parent_b, Role.PARENT), False),  # another parent
        (consultant, False),  # no share yet
        (family.actor(family.admin, Role.ADMIN), False),  # admins read no journal
        (ANONYMOUS, False),
        (family.actor(a, Role.PARENT, Scope.READ), True),  # read-only token writing
    ]
    for actor, write in refused:
        with pytest.raises(NotAllowed):
            journal_access(accounts, actor, a, write=write)
    with pytest.raises(NotAllowed):  # a consultant has no journal of their own
        journal_access(accounts, consultant, family.consultant, write=True)

    issued = accounts.invite(a)
    accounts.accept_invitation(family.consultant, issued.code)
    reading = journal_access(accounts, consultant, a, write=False, what="sessions")
    assert [s.notes for s in family.journal(reading).list_sessions()] == ["note of alpha"]
    with pytest.raises(NotAllowed):  # reading is not writing
        journal_access(accounts, consultant, a, write=True)
    accounts.set_write(a, family.consultant, True)
    writing = journal_access(accounts, consultant, a, write=True)
    added = family.journal(writing).add_session(make_session(notes="by the consultant"))
    assert family.journal(family.access(a)).get_session(added.id or 0).notes == added.notes

    accounts.revoke_share(a, family.consultant)
    with pytest.raises(NotAllowed):
        journal_access(accounts, consultant, a, write=False)
    log = accounts.audit_for(family.actor(a, Role.PARENT), a)
    mine = [(e.actor_id, e.action, e.what) for e in log if e.actor_id == family.consultant]
    assert ("read", "sessions") in [(action, what) for _, action, what in mine]
    assert "read refused" in [action for _, action, _ in mine]


def test_export_of_one_parent_holds_nothing_of_another(family: Family) -> None:
    journal_a = family.journal(family.access(family.parent_a))
    journal_b = family.journal(family.access(family.parent_b))
    seed(journal_a, "alpha")
    seed(journal_b, "bravo")
    single = Journal(family.engine)
    seed(single, "laptop")
    exported = journal_a.export_all()
    marks = _marks(journal_b) + _marks(single)
    assert not [m for m in marks if m in exported.model_dump_json()]
    assert len(exported.sessions) == 1 and len(exported.babies) == 2


def test_import_stays_in_the_importers_journal(family: Family) -> None:
    journal_a = family.journal(family.access(family.parent_a))
    journal_b = family.journal(family.access(family.parent_b))
    seed(journal_a, "alpha")
    data = journal_a.export_all()
    with pytest.raises(Conflict, match="already belong to another journal on this server"):
        journal_b.import_all(data)
    assert journal_b.is_empty()
    fresh = JournalData(
        profile=ParentProfile(pseudonym="bravo"),
        babies=[Baby(id=1, name="alpha 1", birth_date=BIRTH)],
        sessions=[make_session(baby_id=1, notes="imported by b")])
    report = journal_b.import_all(fresh)
    assert report.added["sessions"] == 1
    assert [s.notes for s in journal_b.list_sessions()] == ["imported by b"]
    assert "imported by b" not in repr(journal_a.export_all())
    assert journal_b.get_profile() == ParentProfile(pseudonym="bravo")


def test_the_single_user_journal_is_its_own(family: Family) -> None:
    single = Journal(family.engine)
    assert single.access is SINGLE_USER
    seeded = seed(Journal(family.engine), "laptop")
    journal_a = family.journal(family.access(family.parent_a))
    with pytest.raises(NotFound):
        journal_a.get_session(seeded.session)
    assert journal_a.is_empty() and not single.is_empty()
    seed(journal_a, "alpha")
    assert [s.notes for s in single.list_sessions()] == ["note of laptop"]


def test_an_access_cannot_be_made_by_hand() -> None:
    with pytest.raises(TypeError, match="journal_access"):
        Access(owner_id=1, write=True)
    with pytest.raises(TypeError, match="journal_access"):
        dataclasses.replace(SINGLE_USER, owner_id=1)
    src = Path(__file__).resolve().parents[2] / "src" / "letdown"
    minting = {p.relative_to(src).as_posix() for p in src.rglob("*.py")
               if re.search(r"\b_grant\b|\b_mint\b|\b_MINTING\b",
                            p.read_text(encoding="utf-8"))}
    assert minting == {"journal/access.py", "accounts/access.py"}


def test_every_table_of_records_has_an_owner() -> None:
    from letdown.journal import account_tables, web_session_table

    # the accounts' own tables (accounts, tokens, shares, audit, web sessions) are not a
    # parent's records
    accounts = {getattr(module, name).__tablename__
                for module in (account_tables, web_session_table) for name in dir(module)
                if name.endswith("Row") and hasattr(getattr(module, name), "__tablename__")}
    follows = {"letdown": "session"}  # let-down events belong to their session
    for table in Base.metadata.sorted_tables:
        if table.name in accounts:
            continue
        if table.name in follows:
            assert {fk.column.table.name for fk in table.foreign_keys} == {follows[table.name]}
            continue
        owner = table.columns.get("owner_id")
        assert owner is not None, f"table {table.name} holds records but has no owner_id"
        assert {fk.target_fullname for fk in owner.foreign_keys} == {"account.id"}
        assert any(index.columns.keys()[0] == "owner_id" for index in table.indexes), table.name


def test_a_stale_time_is_not_needed(family: Family) -> None:
    """count_sessions and list_sessions with every filter stay inside the owner."""
    journal_a = family.journal(family.access(family.parent_a))
    journal_b = family.journal(family.access(family.parent_b))
    seed(journal_a, "alpha")
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    assert journal_b.count_sessions(since=since) == 0
    assert journal_b.list_sessions(since=since, kind="breastfeed") == []
    assert journal_a.count_sessions(since=since) == 1
