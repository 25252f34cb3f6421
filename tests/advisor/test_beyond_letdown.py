"""Warning signs beyond the let-down: the boundaries a triage nurse would hold us to.

Each test states what a parent would notice: the level the advice reaches, and that
what to say repeats only what was answered.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from letdown.advisor import Answers, advise
from letdown.advisor.questionnaire import answers_schema
from letdown.evidence import Level, load_evidence

BF = {"feeding_mode": "breastfeeding"}


def _advise(**answers: Any) -> Any:
    return advise(Answers.model_validate({**BF, **answers}))


def _flags(advice: Any) -> set[str]:
    return {r.red_flag for r in advice.escalation.reasons if r.red_flag}


@pytest.mark.parametrize(
    ("age", "temp", "level"),
    [(30, 37.9, Level.SELF_CARE), (30, 38.0, Level.URGENT), (89, 38.4, Level.URGENT),
     (90, 38.4, Level.PROVIDER), (None, 38.1, Level.URGENT)],
)
def test_a_fever_in_a_baby_under_3_months_is_urgent(age: int | None, temp: float,
                                                    level: Level) -> None:
    advice = _advise(baby_age_days=age, infant={"temperature_c": temp})
    assert advice.level is level


@pytest.mark.parametrize(
    ("age", "jaundice", "poorly", "level"),
    [
        (1, "face_or_eyes", False, Level.URGENT),      # yellow in the first day of life
        (4, "face_or_eyes", False, Level.PROVIDER),
        (4, "face_or_eyes", True, Level.URGENT),       # with poor feeding
        (7, "spreading", False, Level.URGENT),
        (10, "face_or_eyes", False, Level.SELF_CARE),  # fading, second week, feeding well
        (10, "spreading", False, Level.PROVIDER),
        (10, "spreading", True, Level.URGENT),
        (14, "face_or_eyes", False, Level.PROVIDER),   # prolonged jaundice
        (4, "none", True, Level.SELF_CARE),
    ],
)
def test_jaundice_levels_follow_age_spread_and_feeding(age: int, jaundice: str, poorly: bool,
                                                       level: Level) -> None:
    advice = _advise(baby_age_days=age, infant={"jaundice": jaundice, "feeding_poorly": poorly})
    assert advice.level is level, [r.text for r in advice.escalation.reasons]


@pytest.mark.parametrize(
    ("trend", "level"),
    [("gaining_well", Level.SELF_CARE), ("not_sure", Level.SELF_CARE),
     ("not_gaining_well", Level.PROVIDER), ("losing_weight", Level.PROVIDER)],
)
def test_a_weight_trend_in_words_raises_the_level_on_its_own(trend: str, level: Level) -> None:
    advice = _advise(baby_age_days=30, infant={"weight_trend": trend})
    assert advice.level is level
    if level is Level.PROVIDER:
        said = " ".join(advice.escalation.what_to_say)
        assert " g " not in said and "%" not in said  # no grams the parent never gave
        assert "low_milk_transfer" in {c.id for c in advice.causes[:3]}


def test_thoughts_of_harm_put_the_crisis_line_first_and_alone() -> None:
    advice = _advise(baby_age_days=20, stress_score=9, parent={"thoughts_of_harm": True},
                     infant={"temperature_c": 38.5})
    assert advice.level is Level.URGENT
    assert "crisis line now" in advice.escalation.who
    assert advice.escalation.reasons[0].red_flag == "thoughts_of_harm"
    assert advice.priority == "get_seen_first"


def test_low_mood_most_days_goes_to_a_doctor_and_some_days_does_not() -> None:
    assert _advise(parent={"mood": "low_most_days"}).level is Level.PROVIDER
    assert _advise(parent={"mood": "low_some_days"}).level is Level.SELF_CARE
    hopeless = _advise(parent={"mood": "cannot_cope"})
    assert hopeless.level is Level.URGENT
    assert "harm" not in " ".join(hopeless.escalation.what_to_say)


@pytest.mark.parametrize(
    ("parent", "level", "said_has", "said_lacks"),
    [
        ({"infection_signs": ["burning_when_peeing"]}, Level.PROVIDER, "burning", "chills"),
        ({"infection_signs": ["tummy_pain"], "chills": True}, Level.URGENT, "chills", "fever"),
        ({"infection_signs": ["tummy_pain", "smelly_discharge"]}, Level.PROVIDER,
         "pain low in the tummy and a smelly discharge", "very unwell"),
        ({"infection_signs": ["smelly_discharge"], "feels_very_unwell": True}, Level.URGENT,
         "very unwell", "chills"),
        ({"feels_very_unwell": True}, Level.URGENT, "very unwell", "discharge"),
        ({"faint_or_dizzy": True}, Level.URGENT, "faint", "bleeding"),
    ],
)
def test_infection_and_faintness_after_birth(parent: dict[str, Any], level: Level,
                                             said_has: str, said_lacks: str) -> None:
    advice = _advise(baby_age_days=6, parent=parent)
    assert advice.level is level
    said = " ".join(advice.escalation.what_to_say)
    assert said_has in said and said_lacks not in said


NEW_FLAGS = {
    "weight_trend_concern": {"infant": {"weight_trend": "losing_weight"}},
    "infant_fever": {"baby_age_days": 50, "infant": {"temperature_c": 39.0}},
    "newborn_jaundice": {"baby_age_days": 3, "infant": {"jaundice": "spreading"}},
    "thoughts_of_harm": {"parent": {"thoughts_of_harm": True}},
    "low_mood": {"parent": {"mood": "low_most_days"}},
    "faint_after_birth": {"parent": {"faint_or_dizzy": True}},
    "parent_infection": {"parent": {"infection_signs": ["wound_red_or_oozing"]}},
}

anything_else = st.fixed_dictionaries(
    {"feeding_mode": st.sampled_from(["breastfeeding", "pumping", "both"])},
    optional={
        "letdown_minutes": st.floats(0, 60),
        "stress_score": st.integers(0, 10),
        "pain_score": st.integers(0, 10),
        "worried_about_supply": st.booleans(),
        "infant": st.fixed_dictionaries({}, optional={
            "gaining_well": st.booleans(),
            "weight_trend": st.sampled_from(["gaining_well", "not_sure", "not_gaining_well",
                                             "losing_weight"]),
            "temperature_c": st.floats(35.0, 42.0),
            "jaundice": st.sampled_from(["none", "face_or_eyes", "spreading"]),
            "feeding_poorly": st.booleans(),
            "wet_diapers_per_day": st.integers(0, 12),
            "lethargic": st.booleans(),
        }),
        "parent": st.fixed_dictionaries({}, optional={
            "fever_c": st.floats(35.0, 41.0),
            "chills": st.booleans(),
            "mood": st.sampled_from(["ok", "low_some_days", "low_most_days", "cannot_cope"]),
            "thoughts_of_harm": st.booleans(),
            "faint_or_dizzy": st.booleans(),
            "feels_very_unwell": st.booleans(),
            "infection_signs": st.lists(st.sampled_from(
                ["smelly_discharge", "tummy_pain", "wound_red_or_oozing",
                 "burning_when_peeing"]), unique=True),
        }),
    },
)


def _merge(base: dict[str, Any], add: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in add.items():
        out[key] = {**out.get(key, {}), **value} if isinstance(value, dict) else value
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=anything_else, flag=st.sampled_from(sorted(NEW_FLAGS)))
def test_each_new_red_flag_never_lowers_the_level_whatever_else_is_answered(
    base: dict[str, Any], flag: str
) -> None:
    # The flag is added to what was answered, not swapped for a worse answer already given.
    for part, values in NEW_FLAGS[flag].items():
        if isinstance(values, dict):
            assume(not set(values) & set(base.get(part, {})))
    after_answers = _merge(base, NEW_FLAGS[flag])
    before_answers = {**base, "baby_age_days": after_answers.get("baby_age_days")}
    after = advise(Answers.model_validate(after_answers))
    before = advise(Answers.model_validate(before_answers))
    floor = load_evidence().red_flags[flag].level
    if flag in ("parent_infection", "weight_trend_concern", "low_mood"):
        floor = Level.PROVIDER
    assert after.level.rank >= max(floor.rank, before.level.rank)
    assert flag in _flags(after) or (flag == "low_mood" and "thoughts_of_harm" in _flags(after))


def test_the_schema_and_the_web_form_ask_the_new_questions() -> None:
    from letdown.advisor.question_list import sections

    schema = str(answers_schema())
    asked = {q.name for s in sections(Answers) for q in s.questions}
    for name in ("weight_trend", "temperature_c", "jaundice", "feeding_poorly"):
        assert name in schema and f"infant.{name}" in asked
    for name in ("thoughts_of_harm", "mood", "faint_or_dizzy", "infection_signs",
                 "feels_very_unwell"):
        assert name in schema and f"parent.{name}" in asked
    assert "losing_weight" in schema and "not_gaining_well" in schema


def test_told_not_gaining_well_reaches_the_provider_level_on_its_own() -> None:
    """`gaining_well: false` (a professional said so) needs no grams to escalate, like the
    weight trend in words; what to say repeats only that."""
    from letdown.advisor import Answers, advise

    advice = advise(Answers.model_validate(
        {"feeding_mode": "breastfeeding", "baby_age_days": 56, "infant": {"gaining_well": False}}))
    assert advice.escalation.level.value in ("provider", "urgent")
    said = " ".join(advice.escalation.what_to_say) if isinstance(
        advice.escalation.what_to_say, list) else str(advice.escalation.what_to_say)
    assert "not gaining" in said and " g" not in said.replace("gaining", "")
