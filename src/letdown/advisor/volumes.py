"""Pumped volumes read against published ranges: a low day raises concern, a normal one reassures.

Only a parent who pumps for every feed can measure supply with the pump: what the
pump gives beside breastfeeds says little about supply, because the baby takes most
of the milk. The ranges come from the evidence base's own sources:

* from about one month, exclusively breastfed babies took roughly 480-1,360 mL in 24
  hours (Kent et al., Pediatrics 2006, cited with ``normal_regulation``), so below
  about 450 mL a day while pumping for every feed is worth a lactation consultant's look;
* a parent pumping for a baby who cannot feed at the breast aims for about 500 mL a day
  by day 10-14 ("coming to volume": Meier et al. 2017; Mago-Shah et al. 2023, cited
  with ``pump_dependent_supply``), and below it needs lactation support early.

Grade: moderate (observational cohorts, consistent across studies).
"""

from __future__ import annotations

from dataclasses import dataclass

from letdown.advisor.choices import FeedingMode
from letdown.advisor.questionnaire import Answers

#: From this age (days) supply is judged against the established range.
ESTABLISHED_FROM_DAY = 28
#: Below this (mL/24 h) an established, fully pumping supply is low.
ESTABLISHED_LOW_ML = 450
#: Above this (mL/24 h) is more than the usual range (oversupply is possible).
ESTABLISHED_HIGH_ML = 1200
#: From this day, a pump-dependent parent's volume is compared with the coming-to-volume target.
TARGET_FROM_DAY = 10
#: The coming-to-volume target (mL/24 h) by day 10-14.
TARGET_ML = 500


@dataclass(frozen=True)
class Volume:
    """A day's pumped volume and what it means."""

    ml_per_day: float
    estimated: bool  # worked out from a session's volume times sessions a day
    verdict: str  # "low", "normal", "high" or "early" (too soon to judge)
    low_from: float | None  # the limit it was compared with


def day_volume(answers: Answers) -> tuple[float, bool] | None:
    """mL in 24 hours, given or worked out from one session times sessions a day."""
    if answers.pumped_ml_per_day is not None:
        return answers.pumped_ml_per_day, False
    per, n = answers.pumped_ml_per_session, answers.feeds_or_pumps_per_24h
    if per is not None and n and answers.feeding_mode is FeedingMode.pumping:
        return per * n, True
    return None


def judge(answers: Answers) -> Volume | None:
    """The pumped day volume against the range for this baby's age, when pumping for every feed."""
    if answers.feeding_mode is not FeedingMode.pumping:
        return None
    found = day_volume(answers)
    if found is None:
        return None
    ml, estimated = found
    age = answers.baby_age_days
    if age is None:
        return None  # a volume means nothing without the baby's age
    if age >= ESTABLISHED_FROM_DAY:
        if ml < ESTABLISHED_LOW_ML:
            return Volume(ml, estimated, "low", ESTABLISHED_LOW_ML)
        verdict = "high" if ml > ESTABLISHED_HIGH_ML else "normal"
        return Volume(ml, estimated, verdict, ESTABLISHED_LOW_ML)
    if age >= TARGET_FROM_DAY:
        verdict = "low" if ml < TARGET_ML else "normal"
        return Volume(ml, estimated, verdict, TARGET_ML)
    return Volume(ml, estimated, "early", None)


def describe(volume: Volume) -> str:
    """``about 300 mL a day`` (with how it was worked out when estimated)."""
    text = f"about {volume.ml_per_day:.0f} mL a day"
    return text + (" (one session times sessions a day)" if volume.estimated else "")
