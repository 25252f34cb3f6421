"""Generated Baby Buddy records: read, mapped and imported whole, or refused whole."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from letdown.interop.babybuddy.mapping import to_journal
from letdown.interop.babybuddy.merge import Snapshot, plan, write
from letdown.interop.babybuddy.source import BabyBuddyProblem, Export, read_records
from letdown.journal.service import Journal
from letdown.journal.transfer import ImportConflict

#: Each example's records come from another server, so the shared journal sees them as new.
SERVERS = itertools.count()
moments = st.datetimes(min_value=dt.datetime(1890, 1, 1), max_value=dt.datetime(2100, 1, 1),
                       timezones=st.just(dt.UTC))
junk = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**33), st.floats(),
                 st.text(max_size=8), st.lists(st.integers(), max_size=2))


def mostly(valid: st.SearchStrategy[Any], junky: bool) -> st.SearchStrategy[Any]:
    """A value Baby Buddy writes; with ``junky``, sometimes anything at all."""
    return st.one_of(valid, valid, valid, junk) if junky else valid


def with_start(moment: dt.datetime, minutes: int) -> dict[str, str]:
    end = moment + dt.timedelta(minutes=minutes)
    return {"start": moment.isoformat().replace("+00:00", "Z"),
            "end": end.isoformat().replace("+00:00", "Z")}


sessions = st.builds(with_start, st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 11, 1),
                                              timezones=st.just(dt.UTC)),
                     st.integers(-10, 500))


def merged(fields: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(fields, sessions).map(lambda pair: {**pair[1], **pair[0]})


def lists_of(junky: bool) -> st.SearchStrategy[dict[str, list[dict[str, Any]]]]:
    """Records of every list Baby Buddy serves (some of them broken when ``junky``)."""
    ids = mostly(st.integers(1, 40), junky)
    child_ids = mostly(st.integers(1, 3), junky)
    amounts = mostly(st.one_of(st.none(), st.floats(0, 3000)), junky)
    tags = mostly(st.lists(st.text(max_size=10), max_size=3), junky)
    texts = mostly(st.one_of(st.none(), st.text(max_size=20)), junky)
    flags = mostly(st.booleans(), junky)
    born = mostly(st.dates(dt.date(2020, 1, 1), dt.date(2026, 11, 1)).map(str), junky)
    when = mostly(moments.map(lambda m: m.isoformat().replace("+00:00", "Z")), junky)
    methods = mostly(st.sampled_from(["left breast", "right breast", "both breasts", "bottle",
                                      "parent fed", "self fed", "tube"]), junky)
    return st.fixed_dictionaries({
        "children": st.lists(st.fixed_dictionaries(
            {"id": child_ids, "first_name": mostly(st.text(min_size=1, max_size=8), junky),
             "last_name": mostly(st.text(max_size=8), junky), "birth_date": born},
            optional={"birth_time": mostly(st.times().map(str), junky)}), max_size=3),
        "feedings": st.lists(merged(st.fixed_dictionaries(
            {"id": ids, "child": child_ids, "type": mostly(st.sampled_from(
                ["breast milk", "formula"]), junky), "method": methods, "amount": amounts,
             "notes": texts, "tags": tags})), max_size=8),
        "pumping": st.lists(merged(st.fixed_dictionaries(
            {"id": ids, "child": child_ids, "amount": amounts, "notes": texts, "tags": tags})),
            max_size=8),
        "weight": st.lists(st.fixed_dictionaries(
            {"id": ids, "child": child_ids, "weight": mostly(st.floats(0, 40), junky),
             "date": born, "notes": texts, "tags": tags}), max_size=5),
        "changes": st.lists(st.fixed_dictionaries(
            {"id": ids, "child": child_ids, "time": when, "wet": flags, "solid": flags,
             "color": mostly(st.sampled_from(["", "yellow"]), junky), "amount": amounts,
             "notes": texts, "tags": tags}), max_size=8),
    })


lists = st.one_of(lists_of(False), lists_of(True))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=lists)
def test_generated_records_import_whole_or_are_refused_whole(
        journal: Journal, data: dict[str, list[dict[str, Any]]]) -> None:
    export = Export(origin=f"http://bb{next(SERVERS)}")  # a new server: new uuids
    problems: list[str] = []
    for name, rows in data.items():
        read_records(export, name, rows, where=name, zone=dt.UTC, csv=False, problems=problems)
    event("refused: not Baby Buddy's shape" if problems else "read")
    if problems:
        assert all(isinstance(p, str) and p for p in problems)
        BabyBuddyProblem(problems)  # what the readers raise: each line a plain message
        return
    before = journal.export_all()
    mapped = to_journal(export, dt.UTC)
    planned = plan(mapped, Snapshot.of(journal), export.origin)
    try:
        write(journal, planned)
    except ImportConflict as error:  # e.g. two children of the same name
        event("conflict")
        assert error.conflicts
        assert journal.export_all() == before
        return
    event(f"imported {sum(planned.new.values()) > 0}")
    again = plan(to_journal(export, dt.UTC), Snapshot.of(journal), export.origin)
    assert again.new == {} and again.updates == []
    write(journal, again)
    after = journal.export_all()
    assert len(after.sessions) == len(before.sessions) + sum(
        planned.new[k] for k in ("breastfeeds", "pump sessions"))
