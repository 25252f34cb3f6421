"""The babies' weights and diaper counts from the journal, as questionnaire answers.

A parent who logs weights and diapers should not have to type them again into the
questionnaire, and a red flag in the journal (a weight more than 10% below birth weight,
too few wet diapers) must reach the advisor even when the questionnaire left it blank.
So each baby's latest numbers fill the infant answers the parent did not give; what the
parent did answer always wins. Pure: the caller says which day it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from letdown.advisor.questionnaire import Answers
from letdown.journal.records import Baby, DiaperCount, InfantWeight

#: A diaper count stands for "the last 24 hours" only if it is from today or yesterday.
DIAPERS_FRESH = dt.timedelta(days=1)


class BabyFacts(BaseModel):
    """One baby's birth details and latest logged numbers."""

    name: str
    birth_date: dt.date
    birth_weight_g: int | None = None
    weight_g: int | None = Field(default=None, description="Latest logged weight.")
    weighed_on: dt.date | None = None
    diapers_on: dt.date | None = Field(default=None, description="Day of the latest count.")
    wet: int | None = None
    dirty: int | None = None


def baby_facts(
    babies: Iterable[Baby], weights: Iterable[InfantWeight], diapers: Iterable[DiaperCount]
) -> list[BabyFacts]:
    """Each baby with its latest weight and diaper count (by date)."""
    latest_weight: dict[int, InfantWeight] = {}
    for w in weights:
        if w.baby_id not in latest_weight or w.date >= latest_weight[w.baby_id].date:
            latest_weight[w.baby_id] = w
    latest_count: dict[int, DiaperCount] = {}
    for d in diapers:
        if d.baby_id not in latest_count or d.date >= latest_count[d.baby_id].date:
            latest_count[d.baby_id] = d
    out = []
    for b in babies:
        facts = BabyFacts(name=b.name, birth_date=b.birth_date, birth_weight_g=b.birth_weight_g)
        if (weight := latest_weight.get(b.id or 0)) is not None:
            facts.weight_g, facts.weighed_on = weight.grams, weight.date
        if (count := latest_count.get(b.id or 0)) is not None:
            facts.diapers_on, facts.wet, facts.dirty = count.date, count.wet, count.dirty
        out.append(facts)
    return out


def with_baby(answers: Answers, baby: BabyFacts, today: dt.date) -> tuple[Answers, list[str]]:
    """``answers`` with blanks filled from ``baby``'s journal numbers, and what was used.

    Groups are filled whole or not at all (a weight goes with its date; wet and dirty
    counts go together), so a journal value is never mixed with a different answer.
    When the result would not validate (say the parent gave another birth date), the
    answers are returned unchanged.
    """
    raw: dict[str, Any] = answers.model_dump(exclude_unset=True)
    infant: dict[str, Any] = dict(raw.get("infant") or {})
    used: list[str] = []

    if answers.infant.birth_date is None:
        infant["birth_date"] = baby.birth_date
    birth = infant.get("birth_date", baby.birth_date)
    if answers.baby_age_days is None and birth <= today:
        raw["baby_age_days"] = (today - birth).days
        used.append(f"age {(today - birth).days} days")
    if answers.infant.birth_weight_g is None and baby.birth_weight_g is not None:
        infant["birth_weight_g"] = baby.birth_weight_g
        used.append(f"birth weight {baby.birth_weight_g} g")
    if answers.infant.current_weight_g is None and baby.weight_g is not None:
        infant["current_weight_g"] = baby.weight_g
        infant["weighed_on"] = baby.weighed_on
        infant.pop("weighed_at_age_days", None)
        used.append(f"weight {baby.weight_g} g on {baby.weighed_on:%d %b}")
    fresh = baby.diapers_on is not None and today - baby.diapers_on <= DIAPERS_FRESH
    no_counts = answers.infant.wet_diapers_per_day is None and answers.infant.stools_per_day is None
    if fresh and no_counts and baby.diapers_on is not None:
        infant["wet_diapers_per_day"] = baby.wet
        infant["stools_per_day"] = baby.dirty
        infant["diapers_counted_on"] = baby.diapers_on  # judged by the age on that day
        used.append(f"{baby.wet} wet and {baby.dirty} dirty diapers on {baby.diapers_on:%d %b}")
    raw["infant"] = infant
    try:
        merged = Answers.model_validate(raw)
    except ValidationError:
        return answers, []
    return merged, used
