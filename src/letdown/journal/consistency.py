"""Rules that tie records to each other: nothing before a baby's birth, plausible weights.

A single record can be valid on its own and still contradict the journal: a weight
dated the week before the baby was born, a birth date moved after the baby's first
feeds, or 400 g at one year old (almost always grams typed as something else). These
checks run in the service layer, inside the write's transaction, so the CLI, the web
app and the API all refuse the same things with the same reason.

Each check returns a message for people (``None`` when all is well); the service
turns it into ``Conflict`` and writes nothing.

The weight range, and why it is so wide
---------------------------------------

The bounds come from the WHO Child Growth Standards, weight-for-age, birth to
5 years (WHO Multicentre Growth Reference Study Group, 2006,
https://www.who.int/tools/child-growth-standards/standards/weight-for-age). They are
meant to catch typing mistakes, never to judge a real baby, so they lie far outside
the charts' extreme lines:

* Upper line: at least 15% (mostly over 25%) above the higher of the boys' and girls'
  +3 SD line (about the 99.9th centile), and 7000 g at birth, the largest birth weight
  the journal accepts, so a very large newborn is never refused.
* Lower line: 300 g, the journal's floor, for the first two months, because babies
  born extremely preterm (from about 400 g at 22-24 weeks) sit far below any term
  chart for months; after that it stays below half of the girls' -3 SD line.

Between the ages listed in ``WEIGHT_ENVELOPE`` the bounds are joined by straight
lines; from 5 years on they stay at the 5-year values.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from letdown.journal.records import Baby, DiaperCount, InfantWeight, Record, Session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

#: Where the weight range comes from, shown with every refusal.
WEIGHT_SOURCE = "a wide range around the WHO Child Growth Standards (weight-for-age)"

#: (age in days, lowest grams, highest grams): see the module docstring for the sources.
WEIGHT_ENVELOPE: tuple[tuple[int, int, int], ...] = (
    (0, 300, 7000),
    (30, 300, 8500),  # WHO +3 SD at 1 month: about 6.6 kg (boys)
    (61, 300, 10000),  # about 8.0 kg at 2 months
    (91, 600, 11500),  # about 9.0 kg at 3 months
    (183, 1200, 14000),  # about 10.9 kg at 6 months; girls' -3 SD about 5.1 kg
    (365, 2500, 17000),  # about 13.3 kg at 12 months; girls' -3 SD about 6.3 kg
    (730, 4000, 21500),  # about 17.1 kg at 2 years; girls' -3 SD about 8.1 kg
    (1826, 6000, 30000),  # about 24-26 kg at 5 years; girls' -3 SD about 12 kg
)

#: A session is stored in UTC without the zone it was typed in; the birth day begins
#: earliest at UTC+14, so only a session before that moment is surely before the birth.
_EARLIEST_OFFSET = dt.timedelta(hours=14)


def weight_range(age_days: int) -> tuple[int, int]:
    """The lowest and highest plausible weight in grams at ``age_days`` (0 = birth day)."""
    points = WEIGHT_ENVELOPE
    if age_days >= points[-1][0]:
        return points[-1][1], points[-1][2]
    for (a0, low0, high0), (a1, low1, high1) in itertools.pairwise(points):
        if a0 <= age_days <= a1:
            share = (age_days - a0) / (a1 - a0)
            return round(low0 + share * (low1 - low0)), round(high0 + share * (high1 - high0))
    return points[0][1], points[0][2]


def weight_problem(weight: InfantWeight, baby: Baby) -> str | None:
    """Why this weight cannot be right for this baby on that day, or None."""
    age = (weight.date - baby.birth_date).days
    if age < 0:
        return _before_birth("weight", weight.date, baby)
    low, high = weight_range(age)
    if not low <= weight.grams <= high:
        return (
            f"grams: {weight.grams} g at {age} days old is outside what is possible for "
            f"{baby.name} ({low}-{high} g at that age, {WEIGHT_SOURCE}); check the number "
            "is in grams and the date is right"
        )
    return None


def diapers_problem(count: DiaperCount, baby: Baby) -> str | None:
    """Why this diaper count cannot be right for this baby, or None."""
    if count.date < baby.birth_date:
        return _before_birth("diaper count", count.date, baby)
    return None


def session_problem(session: Session, babies: list[Baby]) -> str | None:
    """Why this session cannot be right for the babies it names, or None."""
    for baby in babies:
        if session.start < _birth_begins(baby):
            return (
                f"session: starts {session.start.date()}, before {baby.name} was born "
                f"({baby.birth_date}); allowed: on or after the birth date (expressing "
                "before the birth can be logged without a baby)"
            )
    return None


def _before_birth(what: str, day: dt.date, baby: Baby) -> str:
    return (
        f"date: this {what} is dated {day}, before {baby.name} was born "
        f"({baby.birth_date}); allowed: the birth date or later"
    )


def record_problem(orm: OrmSession, record: Record) -> str | None:
    """Check a session, weight, diaper count or baby against the rest of the journal."""
    if isinstance(record, Session):
        ids = [i for i in (record.baby_id, record.tandem_baby_id) if i is not None]
        return session_problem(record, [b for b in (_baby(orm, i) for i in ids) if b])
    if isinstance(record, InfantWeight | DiaperCount):
        baby = _baby(orm, record.baby_id)
        if baby is None:
            return None  # an unknown baby is reported by the caller
        if isinstance(record, InfantWeight):
            return weight_problem(record, baby)
        return diapers_problem(record, baby)
    if isinstance(record, Baby) and record.id is not None:
        return birth_date_problem(orm, record)
    return None


def birth_date_problem(orm: OrmSession, baby: Baby) -> str | None:
    """Whether the baby's (new) birth date leaves any of its records before the birth,
    or makes one of its weights impossible for the age it would then be."""
    from sqlalchemy import or_, select

    from letdown.journal.tables import DiaperRow, SessionRow, WeightRow

    found: list[tuple[dt.date, str]] = []
    for table, what in ((WeightRow, "a weight"), (DiaperRow, "a diaper count")):
        day = orm.scalar(select(table.date).where(table.baby_id == baby.id).order_by(table.date))
        if day is not None and day < baby.birth_date:
            found.append((day, what))
    start = orm.scalar(
        select(SessionRow.start_utc)
        .where(or_(SessionRow.baby_id == baby.id, SessionRow.tandem_baby_id == baby.id))
        .order_by(SessionRow.start_utc)
    )
    if start is not None and start < _birth_begins(baby):
        found.append((start.date(), "a session"))
    if found:
        day, what = min(found)
        return (
            f"birth_date: {baby.name} already has {what} on {day}, before {baby.birth_date}; "
            "allowed: a birth date on or before the baby's first record (fix or move that "
            "record first)"
        )
    for row in orm.scalars(select(WeightRow).where(WeightRow.baby_id == baby.id)):
        weight = InfantWeight.model_validate(
            {"baby_id": row.baby_id, "date": row.date, "grams": row.grams},
            context={"stored": True},
        )
        problem = weight_problem(weight, baby)
        if problem:
            detail = problem.removeprefix("grams: ")
            return f"birth_date: with a birth on {baby.birth_date}, {detail}"
    return None


def _birth_begins(baby: Baby) -> dt.datetime:
    """The first moment, anywhere on Earth, that is on the baby's birth date (in UTC)."""
    return dt.datetime.combine(baby.birth_date, dt.time(), dt.UTC) - _EARLIEST_OFFSET


def _baby(orm: OrmSession, baby_id: int) -> Baby | None:
    from letdown.journal.tables import BabyRow

    row = orm.get(BabyRow, baby_id)
    if row is None:
        return None
    return Baby.model_validate(
        {name: getattr(row, name) for name in Baby.model_fields}, context={"stored": True}
    )
