"""Generated interleavings of two parents' creates, edits and deletes: neither ever sees,
changes or deletes a record of the other, whatever the order (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.helpers import make_session
from journal.owners import BIRTH, make_family
from letdown.journal.errors import NotFound
from letdown.journal.records import Baby
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade

#: (who acts: 0 = parent A, 1 = parent B, 2 = the laptop journal; what; which record)
STEP = st.tuples(st.integers(0, 2),
                 st.sampled_from(["add_session", "add_baby", "edit", "delete", "touch_other"]),
                 st.integers(0, 50))


def test_interleaved_owners_never_see_each_other(database_url: str) -> None:
    engine = create_journal_engine(database_url)
    upgrade(engine)
    family = make_family(engine)
    journals = [family.journal(family.access(family.parent_a)),
                family.journal(family.access(family.parent_b)), Journal(engine)]
    sessions: list[set[int]] = [set(), set(), set()]
    babies: list[set[int]] = [set(), set(), set()]
    counter = [0]

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(STEP, max_size=12))
    def run(steps: list[tuple[int, str, int]]) -> None:
        for who, what, pick in steps:
            journal, mine = journals[who], sessions[who]
            counter[0] += 1
            if what == "add_session":
                start = BIRTH + dt.timedelta(days=1)
                moment = dt.datetime.combine(start, dt.time(), dt.UTC) + dt.timedelta(
                    minutes=counter[0])
                baby = sorted(babies[who])[pick % len(babies[who])] if babies[who] else None
                saved = journal.add_session(make_session(
                    start=moment, end=moment + dt.timedelta(minutes=5), baby_id=baby,
                    notes=f"owner {who}"))
                mine.add(saved.id or 0)
            elif what == "add_baby":
                baby = journal.add_baby(Baby(name=f"baby {counter[0]}", birth_date=BIRTH))
                babies[who].add(baby.id or 0)
            elif what == "edit" and mine:
                chosen = sorted(mine)[pick % len(mine)]
                journal.update_session(chosen, {"stress": pick % 11})
            elif what == "delete" and mine:
                chosen = sorted(mine)[pick % len(mine)]
                journal.delete_session(chosen)
                mine.discard(chosen)
            elif what == "touch_other":
                others = sorted(sessions[(who + 1) % 3] | sessions[(who + 2) % 3])
                if others:
                    chosen = others[pick % len(others)]
                    for method, args in (("get_session", ()),
                                         ("update_session", ({"pain": 9},)),
                                         ("delete_session", ())):
                        try:
                            getattr(journal, method)(chosen, *args)
                        except NotFound:
                            continue
                        raise AssertionError(f"owner {who} reached session {chosen}")
            for index, other in enumerate(journals):
                listed = other.list_sessions(newest_first=False)
                assert {s.id for s in listed} == sessions[index]
                assert {s.notes for s in listed} <= {f"owner {index}"}
                assert other.count_sessions() == len(sessions[index])
                assert {b.id for b in other.list_babies()} == babies[index]
                exported = other.export_all()
                assert {s.id for s in exported.sessions} == sessions[index]

    run()
    engine.dispose()
