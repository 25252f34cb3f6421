"""One baby's growth from the journal: z-scores, early weight loss, regain, gain per day.

``growth_of`` turns a baby, its weights and its diaper counts into a ``Growth``: each
weight placed on WHO's weight-for-age standard (by corrected age for a baby born before
37 weeks, up to 24 months), the largest loss from birth weight in the first two weeks,
the day birth weight was reached again, the latest gain in g/day next to the gain that
would keep the baby on its own centile, and each day's diapers against what is expected
for the day of life. Pure: the caller says which day it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from letdown.growth.diapers import DiaperDay, diaper_days
from letdown.growth.who import LAST_DAY, Sex, grams_at, percentile, weight_z
from letdown.journal.records import Baby, DiaperCount, InfantWeight

#: Born before this many weeks counts as preterm (WHO definition).
PRETERM_WEEKS = 37
#: Term, in days of pregnancy (40 weeks): corrected age counts from here.
TERM_DAYS = 280
#: Age is corrected for prematurity up to 24 months (AAP; Engle 2004, Pediatrics 114:1362).
CORRECT_UNTIL_DAYS = 730
#: The early weight loss and its regain are looked for in the first two weeks.
EARLY_DAYS = 14
#: A gain per day is measured over at least this many days (shorter spans are mostly noise).
VELOCITY_MIN_DAYS = 7


@dataclass(frozen=True)
class GrowthPoint:
    """One weight (or the birth weight) placed on WHO's chart."""

    on: dt.date
    grams: int
    age_days: int
    chart_age_days: int | None  # corrected age when preterm; None before the due date
    z: float | None
    percentile: float | None
    is_birth: bool = False


@dataclass(frozen=True)
class Velocity:
    """Gain between two weighings, and the gain that would keep the first one's centile."""

    start: dt.date
    end: dt.date
    days: int
    grams_per_day: float
    on_centile_grams_per_day: float | None


@dataclass(frozen=True)
class Growth:
    """Everything the journal says about one baby's growth."""

    name: str
    sex: Sex | None
    birth_date: dt.date
    birth_weight_g: int | None
    gestation_weeks: int | None
    gestation_days: int | None
    today: dt.date
    age_days: int
    corrected_age_days: int | None  # only while it applies (preterm, under 24 months)
    points: tuple[GrowthPoint, ...]
    largest_loss_percent: float | None
    largest_loss_on: dt.date | None
    back_to_birth_weight_on: dt.date | None
    velocity: Velocity | None
    diapers: tuple[DiaperDay, ...]
    notes: tuple[str, ...]

    @property
    def preterm(self) -> bool:
        """Born before 37 weeks (when a gestation was given)."""
        return self.gestation_weeks is not None and self.gestation_weeks < PRETERM_WEEKS

    @property
    def weighed(self) -> tuple[GrowthPoint, ...]:
        """The points with a z-score, oldest first."""
        return tuple(p for p in self.points if p.z is not None)


def chart_age(baby: Baby, age_days: int) -> int | None:
    """The age to read WHO's chart at: corrected for a preterm baby under 24 months.

    None before a preterm baby's due date: WHO's standards start at term, so such
    weights belong on a preterm chart (Fenton or INTERGROWTH-21st), not here.
    """
    weeks = baby.gestation_weeks
    if weeks is None or weeks >= PRETERM_WEEKS or age_days >= CORRECT_UNTIL_DAYS:
        return age_days
    early = TERM_DAYS - (weeks * 7 + (baby.gestation_days or 0))
    corrected = age_days - early
    return corrected if corrected >= 0 else None


def _point(baby: Baby, on: dt.date, grams: int, is_birth: bool = False) -> GrowthPoint:
    age = (on - baby.birth_date).days
    at = chart_age(baby, age)
    z = pct = None
    sex: Sex | None = baby.sex.value if baby.sex is not None else None
    if sex is not None and at is not None and 0 <= at <= LAST_DAY:
        z = weight_z(sex, at, grams)
        pct = percentile(z)
    return GrowthPoint(on, grams, age, at, z, pct, is_birth)


def _velocity(baby: Baby, points: list[GrowthPoint]) -> Velocity | None:
    """Gain from the latest weighing back to the newest one at least a week before it."""
    if len(points) < 2:
        return None
    end = points[-1]
    earlier = [p for p in points[:-1] if (end.on - p.on).days >= VELOCITY_MIN_DAYS]
    if not earlier:
        return None
    start = earlier[-1]
    days = (end.on - start.on).days
    per_day = (end.grams - start.grams) / days
    on_centile = None
    if (start.z is not None and start.percentile is not None and end.chart_age_days is not None
            and end.chart_age_days <= LAST_DAY and baby.sex is not None):
        p = min(max(start.percentile, 0.01), 99.99)
        target = grams_at(baby.sex.value, end.chart_age_days, p)
        on_centile = (target - start.grams) / days
    return Velocity(start.on, end.on, days, per_day, on_centile)


def growth_of(
    baby: Baby,
    weights: Iterable[InfantWeight],
    diapers: Iterable[DiaperCount],
    today: dt.date,
    diaper_thresholds: dict[str, float] | None = None,
) -> Growth:
    """The baby's growth from its own weights and diaper counts (other babies' are ignored)."""
    mine = sorted((w for w in weights if w.baby_id == baby.id), key=lambda w: w.date)
    points = [_point(baby, w.date, w.grams) for w in mine if w.date >= baby.birth_date]
    if baby.birth_weight_g is not None:
        points.insert(0, _point(baby, baby.birth_date, baby.birth_weight_g, is_birth=True))
    notes: list[str] = []
    if baby.sex is None:
        notes.append("Add the baby's sex to see percentiles: WHO's charts differ for girls "
                     "and boys.")
    if any(p.chart_age_days is None for p in points):
        notes.append("Weights before the due date are not placed on WHO's chart, which "
                     "starts at term; ask about a preterm chart (Fenton or INTERGROWTH-21st).")

    loss = loss_on = back_on = None
    birth = baby.birth_weight_g
    if birth is not None:
        early = [p for p in points if not p.is_birth and p.age_days <= EARLY_DAYS]
        if early:
            low = min(early, key=lambda p: p.grams)
            if low.grams < birth:
                loss, loss_on = (birth - low.grams) / birth * 100, low.on
        back_on = next((p.on for p in points if not p.is_birth and p.grams >= birth), None)

    age = (today - baby.birth_date).days
    now_chart = chart_age(baby, age)
    corrected = now_chart if baby.gestation_weeks is not None and now_chart != age else None
    counts = [d for d in diapers if d.baby_id == baby.id]
    return Growth(
        name=baby.name,
        sex=baby.sex.value if baby.sex is not None else None,
        birth_date=baby.birth_date,
        birth_weight_g=birth,
        gestation_weeks=baby.gestation_weeks,
        gestation_days=baby.gestation_days,
        today=today,
        age_days=age,
        corrected_age_days=corrected,
        points=tuple(points),
        largest_loss_percent=loss,
        largest_loss_on=loss_on,
        back_to_birth_weight_on=back_on,
        velocity=_velocity(baby, points),
        diapers=tuple(diaper_days(baby.birth_date, counts, diaper_thresholds)),
        notes=tuple(notes),
    )
