"""How Baby Buddy's records meet the journal: what is new, what is there, what changed.

The rules (the README says the same for parents):

* A record is recognised by its uuid (see ``mapping.record_uuid``). One already in the
  journal is never overwritten: when its values differ, the parent edited it here (or an
  earlier import brought more detail, such as tag names from the API), and the journal's
  version is kept and reported. So importing again adds nothing, and never undoes an edit.
  A record the parent deleted here comes back on the next import (the journal keeps no
  record of deletions).
* A child matches a baby already in the journal by uuid, or else by name (full or first)
  and the same birth date, so a parent who already has "Robin" here gets Robin's
  records on Robin, not a second baby.
* A day's diaper count: the journal holds one per baby per day. When Baby Buddy's count
  for a day that was imported before has changed (a change added or removed since),
  the day's count is updated only if the journal's count is still exactly what an
  import wrote (its uuid matches its own numbers); if the parent typed or edited that
  day's count here, theirs is kept and the difference is reported. Nothing is lost
  silently either way.

``write`` does the updates and the adding in ONE transaction, through the journal's
own import (``letdown.journal.transfer.import_records``): all or nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from letdown.interop.babybuddy.mapping import Mapped, diaper_uuid
from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    Record,
    Session,
)

if TYPE_CHECKING:
    from letdown.journal.service import Journal
    from letdown.journal.transfer import ImportReport


@dataclass(frozen=True)
class DayUpdate:
    """A day's diaper count that an earlier import wrote and Baby Buddy has changed since."""

    row_id: int
    baby: str
    date: dt.date
    old: tuple[int, int]
    new: tuple[int, int]
    old_uuid: uuid.UUID
    new_uuid: uuid.UUID


@dataclass
class Plan:
    """What an import will do to this journal (``data`` goes through ``import_records``)."""

    data: JournalData
    updates: list[DayUpdate] = field(default_factory=list)
    #: kind -> records already in the journal with the same values
    same: Counter[str] = field(default_factory=Counter)
    #: records already in the journal with other values (the journal's kept), one line each
    kept: list[str] = field(default_factory=list)
    #: children matched to a baby the parent already had, one line each
    linked: list[str] = field(default_factory=list)

    @property
    def new(self) -> Counter[str]:
        """kind -> records to add."""
        counts: Counter[str] = Counter()
        for session in self.data.sessions:
            counts["breastfeeds" if session.kind.value == "breastfeed" else "pump sessions"] += 1
        counts["weights"] += len(self.data.weights)
        counts["diaper days"] += len(self.data.diapers)
        return +counts


@dataclass(frozen=True)
class Snapshot:
    """The journal's records an import is compared with (read before the write)."""

    babies: list[Baby]
    sessions: list[Session]
    weights: list[InfantWeight]
    diapers: list[DiaperCount]

    @classmethod
    def of(cls, journal: Journal) -> Snapshot:
        return cls(journal.list_babies(), journal.list_sessions(newest_first=False),
                   journal.list_weights(), journal.list_diapers())


def _values(item: Record) -> dict[str, object]:
    values = item.model_dump(mode="json")
    for name in ("id", "uuid", "baby_id", "tandem_baby_id"):
        values.pop(name, None)
    return values


def _kind(item: Record) -> str:
    if isinstance(item, Session):
        return "breastfeeds" if item.kind.value == "breastfeed" else "pump sessions"
    return "weights"


def plan(mapped: Mapped, here: Snapshot, origin: str) -> Plan:
    """Compare ``mapped`` with the journal's records; pure (``here`` was read before)."""
    from letdown.journal.rows import normal_name

    result = Plan(JournalData())
    babies: list[Baby] = []
    #: Baby Buddy child id -> the journal's baby id (for babies the journal has)
    journal_ids: dict[int, int] = {}
    by_uuid = {b.uuid: b for b in here.babies}
    for baby in mapped.babies:
        child_id = baby.id or 0
        mine = by_uuid.get(baby.uuid)
        if mine is None:
            names = {normal_name(baby.name), normal_name(baby.name.split()[0])}
            mine = next((b for b in here.babies if normal_name(b.name) in names
                         and b.birth_date == baby.birth_date), None)
            if mine is not None:
                result.linked.append(f"{baby.name} (Baby Buddy) is your baby {mine.name}: "
                                     "their records go there")
        if mine is None:
            babies.append(baby)
            continue
        journal_ids[child_id] = mine.id or 0
        babies.append(mine.model_copy(update={"id": child_id}))
        if mine.uuid == baby.uuid and (mine.name, mine.birth_date) != (baby.name,
                                                                       baby.birth_date):
            result.kept.append(f"baby {mine.name}: kept as it is here (Baby Buddy has "
                               f"{baby.name}, born {baby.birth_date})")
        else:
            result.same["babies"] += 1
    result.data.babies = babies

    known: dict[uuid.UUID | None, Session | InfantWeight] = {r.uuid: r for r in here.sessions}
    known.update({r.uuid: r for r in here.weights})
    for section in ("sessions", "weights"):
        fresh = []
        for item in getattr(mapped, section):
            theirs = known.get(item.uuid)
            if theirs is None:
                fresh.append(item)
            elif _values(theirs) == _values(item):
                result.same[_kind(item)] += 1
            else:
                result.kept.append(f"{_kind(item)[:-1]} {_when(item)}: kept as it is here "
                                   "(changed here since it was imported)")
        setattr(result.data, section, fresh)

    days = {(d.baby_id, d.date): d for d in here.diapers}
    baby_names = {b.id: b.name for b in here.babies}
    fresh_days = []
    for count, child_id in zip(mapped.diapers, mapped.diaper_children, strict=True):
        mine_day = days.get((journal_ids.get(child_id, 0), count.date))
        if mine_day is None:
            fresh_days.append(count)
            continue
        new, old = (count.wet, count.dirty), (mine_day.wet, mine_day.dirty)
        if new == old:
            result.same["diaper days"] += 1
        elif mine_day.uuid == diaper_uuid(origin, child_id, count.date, *old):
            assert mine_day.id is not None and count.uuid is not None and mine_day.uuid
            result.updates.append(DayUpdate(
                mine_day.id, baby_names.get(mine_day.baby_id, "?"), count.date, old, new,
                mine_day.uuid, count.uuid))
        else:
            result.kept.append(
                f"diapers of {count.date}: kept yours ({old[0]} wet, {old[1]} dirty); "
                f"Baby Buddy has {new[0]} wet, {new[1]} dirty")
    result.data.diapers = fresh_days
    return result


def _when(item: Record) -> str:
    if isinstance(item, Session):
        return f"of {item.start:%Y-%m-%d %H:%M} UTC"
    return f"of {getattr(item, 'date', '?')}"


def write(journal: Journal, planned: Plan, *, dry_run: bool = False) -> ImportReport:
    """Update the changed diaper days and add the new records: one transaction.

    Raises ``ImportConflict`` (nothing written) when the journal changed since
    ``planned`` was made and now disagrees. ``dry_run`` does it all and rolls it back.
    """
    from letdown.journal.tables import DiaperRow
    from letdown.journal.transfer import ImportConflict, RolledBack, import_records

    try:
        # The journal's own transaction (Journal.import_all opens it the same way): the
        # day updates and the import commit together or not at all.
        with journal._write() as orm:
            moved = []
            for update in planned.updates:
                row = orm.get(DiaperRow, update.row_id)
                if row is not None and not journal.access.owns(row.owner_id):
                    row = None  # another parent's day: as if it were not there
                if row is None or (row.uuid, row.wet, row.dirty) != (update.old_uuid,
                                                                     *update.old):
                    moved.append(f"diapers of {update.date} changed in this journal while "
                                 "importing; run the import again")
                    continue
                row.wet, row.dirty = update.new
                row.uuid = update.new_uuid
            if moved:
                raise ImportConflict(moved)
            orm.flush()
            report = import_records(orm, planned.data, journal.access)
            if dry_run:
                raise RolledBack(report)
    except RolledBack as undone:
        return undone.report
    return report
