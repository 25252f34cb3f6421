"""The questionnaire's fixed choices: feeding modes, places, pain sources, pump settings.

Kept apart from the questionnaire model so each file holds one kind of thing; the
questionnaire re-exports them, so ``letdown.advisor.questionnaire.FeedingMode`` still works.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

#: Technique ids from the evidence base (a test keeps this list in step with the data).
TechniqueId = Literal[
    "relaxation",
    "warmth",
    "sensory_cues",
    "massage_compression",
    "hands_on_pumping",
    "flange_fitting",
    "comfortable_suction",
    "double_pumping",
    "consistent_schedule",
    "privacy_comfort",
    "skin_to_skin",
    "pump_near_baby",
    "latch_help",
    "pump_check",
    "rest_and_thirst",
    "dmer_plan",
    "slow_the_flow",
    "nipple_warmth",
    "trust_the_baby",
    "pump_early_often",
    "tongue_assessment",
]

#: Substance ids from the evidence base (kept in step with the data by a test).
SubstanceId = Literal[
    "alcohol",
    "nicotine",
    "pseudoephedrine",
    "phenylephrine",
    "estrogen_contraception",
    "dopamine_agonists",
    "sedating_antihistamines",
    "common_antidepressants",
]


class FeedingMode(StrEnum):
    """How milk leaves the breast most of the time."""

    breastfeeding = "breastfeeding"
    pumping = "pumping"
    both = "both"


class Place(StrEnum):
    """Where a feed or pumping session happens."""

    home = "home"
    work = "work"
    public = "public"
    other = "other"


class PainSource(StrEnum):
    """Where the pain comes from, as the parent sees it."""

    latch = "latch"
    nipple_damage = "nipple_damage"
    pump_suction = "pump_suction"
    flange = "flange"
    breast_area = "breast_area"
    other = "other"


class PumpType(StrEnum):
    hospital_grade = "hospital_grade"
    double_electric = "double_electric"
    single_electric = "single_electric"
    wearable = "wearable"
    manual = "manual"


class SuctionSetting(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    max = "max"


class FlangeFit(StrEnum):
    fits = "fits"
    too_small = "too_small"
    too_large = "too_large"
    unsure = "unsure"


class Outcome(StrEnum):
    """How a technique went when it was tried."""

    helped = "helped"
    somewhat = "somewhat"
    no_change = "no_change"
    worse = "worse"
    not_sure = "not_sure"


class WeightTrend(StrEnum):
    """How the baby's weight is going, as a parent hears it (most do not know the grams)."""

    gaining_well = "gaining_well"
    not_sure = "not_sure"
    not_gaining_well = "not_gaining_well"
    losing_weight = "losing_weight"


class Jaundice(StrEnum):
    """How far yellow skin reaches: it spreads from the face down as bilirubin rises."""

    none = "none"
    face_or_eyes = "face_or_eyes"
    spreading = "spreading"


class Mood(StrEnum):
    """The parent's mood over the last two weeks, in the words of the screening questions."""

    ok = "ok"
    low_some_days = "low_some_days"
    low_most_days = "low_most_days"
    cannot_cope = "cannot_cope"


class InfectionSign(StrEnum):
    """Local signs of infection after birth that a parent can see or feel."""

    smelly_discharge = "smelly_discharge"
    tummy_pain = "tummy_pain"
    wound_red_or_oozing = "wound_red_or_oozing"
    burning_when_peeing = "burning_when_peeing"


class RecentChange(StrEnum):
    """What changed just before the let-down or supply got worse: a change points to a cause."""

    new_pump = "new_pump"
    new_flange = "new_flange"
    new_parts = "new_parts"
    back_at_work = "back_at_work"
    new_medicine = "new_medicine"
