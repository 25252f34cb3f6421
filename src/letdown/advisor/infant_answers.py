"""The baby's part of the questionnaire: weights, diapers, birth and how the baby seems.

Its own module because these questions grew with issue 11 (born early, neonatal
care, tiring at the breast); ``letdown.advisor.questionnaire.Infant`` still works.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, model_validator

from letdown.advisor.answer_types import Bool, Float, Int, Part
from letdown.advisor.choices import Jaundice, WeightTrend

#: A current weight this far below birth weight is taken as a typo, not graded: it is
#: far beyond any weight loss seen in living newborns (the advisor's own red flag for
#: weight loss starts at 10%, see red_flags.toml), so grading it would only mislead.
IMPLAUSIBLE_LOSS_PERCENT = 30.0


def today_from(info: ValidationInfo | None) -> dt.date:
    """Today as the caller knows it (``context={"today": ...}``), else this machine's date.

    Without a context a day's grace is allowed, for a parent in a time zone ahead of
    the machine that checks the answers.
    """
    context = info.context if info is not None else None
    if isinstance(context, dict) and isinstance(context.get("today"), dt.date):
        today: dt.date = context["today"]
        return today
    return dt.date.today() + dt.timedelta(days=1)


class PercentilePoint(Part):
    """A weight percentile read off a growth chart (for example by a health visitor)."""

    age_days: Int = Field(ge=0, le=1100, description="Baby's age in days at that weighing.")
    percentile: Float = Field(ge=0, le=100, description="Weight-for-age percentile, 0-100.")


class Infant(Part):
    """The baby: weights, diapers and how they seem."""

    birth_date: dt.date | None = Field(default=None, description="Date of birth.")
    birth_weight_g: Int | None = Field(
        default=None, ge=300, le=7000, description="Birth weight in grams (300-7000)."
    )
    current_weight_g: Int | None = Field(
        default=None, ge=300, le=30000, description="Latest weight in grams (300-30000)."
    )
    weighed_on: dt.date | None = Field(
        default=None, description="Date of the latest weight (needs birth_date)."
    )
    weighed_at_age_days: Int | None = Field(
        default=None,
        ge=0,
        le=1100,
        description="Age in days at the latest weight (default: baby_age_days).",
    )
    percentiles: list[PercentilePoint] = Field(
        default_factory=list, max_length=50, description="Weight percentiles over time."
    )
    gaining_well: Bool | None = Field(
        default=None, description="Has a professional said the baby is gaining well?"
    )
    born_at_weeks: Int | None = Field(
        default=None, ge=22, le=44, description="How many weeks pregnant were you at the birth?"
    )
    born_early: Bool | None = Field(
        default=None, description="Was the baby born early (before 37 weeks)?"
    )
    in_neonatal_care: Bool | None = Field(
        default=None, description="Is the baby in neonatal care (NICU or special care)?"
    )
    tires_at_breast: Bool | None = Field(
        default=None, description="Does the baby tire or fall asleep at the breast before "
        "feeding well?",
    )
    weight_trend: WeightTrend | None = Field(
        default=None,
        description="How is the baby's weight going, as far as you know? No grams needed.",
    )
    temperature_c: Float | None = Field(
        default=None, ge=34, le=43, description="Baby's highest temperature today, °C (34-43)."
    )
    jaundice: Jaundice | None = Field(
        default=None,
        description="Yellow skin or eyes? Spreading means down to the chest, tummy, arms "
        "or legs.",
    )
    feeding_poorly: Bool | None = Field(
        default=None, description="Feeding much less than usual, or too weak to feed?"
    )
    wet_diapers_per_day: Int | None = Field(
        default=None, ge=0, le=30, description="Wet diapers in the last 24 hours."
    )
    stools_per_day: Int | None = Field(
        default=None, ge=0, le=30, description="Dirty diapers in the last 24 hours."
    )
    diapers_counted_on: dt.date | None = Field(
        default=None,
        description="Day the diapers were counted, if not today (needs birth_date): the "
        "count is judged against the baby's age on that day.",
    )
    hours_since_last_wet_diaper: Float | None = Field(
        default=None, ge=0, le=72, description="Hours since the last wet diaper."
    )
    lethargic: Bool | None = Field(
        default=None, description="Very sleepy, floppy, hard to wake or too sleepy to feed?"
    )
    dehydration_signs: Bool | None = Field(
        default=None, description="Dry mouth, sunken soft spot or dark urine?"
    )

    @model_validator(mode="after")
    def _dates(self, info: ValidationInfo) -> Infant:
        today = today_from(info)
        if self.birth_date is not None and self.birth_date > today:
            raise ValueError(
                f"birth_date {self.birth_date} is in the future; allowed: today or earlier"
            )
        for name in ("weighed_on", "diapers_counted_on"):
            self._check_day(name, getattr(self, name), today)
        loss = self.loss_percent()
        if loss is not None and loss > IMPLAUSIBLE_LOSS_PERCENT:
            raise ValueError(
                f"current_weight_g ({self.current_weight_g} g) is {loss:.0f}% below "
                f"birth_weight_g ({self.birth_weight_g} g), more than a baby can lose "
                f"(over {IMPLAUSIBLE_LOSS_PERCENT:g}%); please check both weights for a typo"
            )
        return self

    def _check_day(self, name: str, day: dt.date | None, today: dt.date) -> None:
        """A dated answer (a weighing, a diaper count) needs the birth date to give an age,
        and must fall between the birth and today."""
        if day is None:
            return
        if self.birth_date is None:
            raise ValueError(f"{name} needs birth_date, so the age can be worked out")
        if day < self.birth_date:
            raise ValueError(f"{name} is before birth_date")
        if day > today:
            raise ValueError(f"{name} {day} is after today; allowed: today or earlier")

    def weight_age_days(self, fallback: int | None) -> int | None:
        """Age in days at the latest weight: from dates, the stated age, or the baby's age."""
        if self.weighed_on is not None and self.birth_date is not None:
            return (self.weighed_on - self.birth_date).days
        if self.weighed_at_age_days is not None:
            return self.weighed_at_age_days
        return fallback

    def diaper_age_days(self, fallback: int | None) -> int | None:
        """Age in days on the day the diapers were counted (the baby's age when no day
        is given). Why: newborns wet more diapers each day of the first week, so
        yesterday's count judged by today's age would look too low."""
        if self.diapers_counted_on is not None and self.birth_date is not None:
            return (self.diapers_counted_on - self.birth_date).days
        return fallback

    def loss_percent(self) -> float | None:
        """How far below birth weight the latest weight is, in % (negative when above)."""
        if self.birth_weight_g is None or self.current_weight_g is None:
            return None
        return (self.birth_weight_g - self.current_weight_g) / self.birth_weight_g * 100
