"""Every answer counts: each question changes the advice for at least one input.

A question that changes nothing wastes a tired parent's time and suggests we
listened when we did not. The table below gives, for every field of the
questionnaire, two values that must lead to different advice; a new field fails
the first test until it is listed here (or removed from the questionnaire).
"""

from __future__ import annotations

import copy
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from letdown.advisor import Answers, advise
from letdown.evidence import Level

ABSENT = object()
BF = {"feeding_mode": "breastfeeding"}
PUMP = {"feeding_mode": "pumping"}
WEIGHT = {"birth_weight_g": 3500, "current_weight_g": 3200}

#: field path -> (answers without it, one value, another value); ABSENT leaves it out.
CASES: dict[str, tuple[dict[str, Any], Any, Any]] = {
    "feeding_mode": ({"pain_score": 6, "pain_sources": ["latch"]}, "pumping", "breastfeeding"),
    "baby_age_days": ({**BF, "infant": {"wet_diapers_per_day": 3}}, 2, 20),
    "letdown_minutes": ({**BF, "usual_letdown_minutes": 1}, ABSENT, 6),
    "letdown_absent": ({**PUMP, "problem_since_days": 20}, ABSENT, True),
    "usual_letdown_minutes": ({**BF, "letdown_minutes": 6}, ABSENT, 1),
    "problem_since_days": (
        {**BF, "tried": [{"technique": "warmth", "outcome": "no_change"},
                         {"technique": "relaxation", "outcome": "worse"}]}, ABSENT, 20),
    "feels_letdown": (BF, ABSENT, False),
    "slower_at": (BF, ABSENT, ["work"]),
    "pain_score": ({**BF, "pain_sources": ["latch"]}, ABSENT, 7),
    "pain_sources": ({**BF, "pain_score": 6}, ABSENT, ["breast_area"]),
    "stress_score": (BF, ABSENT, 8),
    "worried_about_supply": (BF, ABSENT, True),
    "feels_rushed": (BF, ABSENT, True),
    "feels_watched": (BF, ABSENT, True),
    "feels_cold": (BF, ABSENT, True),
    "substances": (BF, ABSENT, ["pseudoephedrine"]),
    "alcohol_g_per_kg": ({**BF, "substances": ["alcohol"]}, ABSENT, 0.8),
    "cigarettes_per_day": ({**BF, "substances": ["nicotine"]}, ABSENT, 20),
    "other_medicines": (BF, ABSENT, ["Sudafed"]),
    "feeds_or_pumps_per_24h": (BF, ABSENT, 4),
    "longest_gap_hours": (BF, ABSENT, 9),
    "pump": (PUMP, ABSENT, {"loses_suction": True}),
    "pump.type": ({**PUMP, "pump": {}}, ABSENT, "manual"),
    "pump.age_months": ({**PUMP, "pump": {}}, ABSENT, 24),
    "pump.suction_setting": ({**PUMP, "pump": {"suction_hurts": True}}, ABSENT, "max"),
    "pump.suction_hurts": ({**PUMP, "pump": {}}, ABSENT, True),
    "pump.loses_suction": ({**PUMP, "pump": {}}, ABSENT, True),
    "pump.flange_mm": ({**PUMP, "pump": {"nipple_mm": 16}}, ABSENT, 30),
    "pump.nipple_mm": ({**PUMP, "pump": {"flange_mm": 30}}, ABSENT, 16),
    "pump.flange_fit": ({**PUMP, "pump": {}}, ABSENT, "too_small"),
    "pump.double_pumping": ({**PUMP, "pump": {"type": "double_electric"}}, True, False),
    "pump.nipple_rubs_tunnel": ({**PUMP, "pump": {}}, ABSENT, True),
    "pump.parts_age_months": ({**PUMP, "pump": {}}, 1, 6),
    "pump.parts_worn": ({**PUMP, "pump": {}}, False, True),
    "irregular_times": (BF, ABSENT, True),
    "pumped_ml_per_day": ({**PUMP, "baby_age_days": 60}, 300, 800),
    "pumped_ml_per_session": ({**PUMP, "baby_age_days": 60, "feeds_or_pumps_per_24h": 8},
                              30, 100),
    "recent_changes": (PUMP, ABSENT, ["new_flange"]),
    "latch_clicks_or_slips": ({**BF, "pain_score": 5}, ABSENT, True),
    "nipple_creased_after_feeds": (BF, ABSENT, True),
    "tried": ({**BF, "feels_cold": True}, ABSENT, [{"technique": "warmth", "outcome": "helped"}]),
    "infant": (BF, ABSENT, {"lethargic": True}),
    "infant.birth_date": (
        {**BF, "infant": {**WEIGHT, "weighed_on": "2026-01-20"}}, "2026-01-01", "2026-01-17"),
    "infant.birth_weight_g": ({**BF, "baby_age_days": 7, "infant": {"current_weight_g": 3000}},
                              ABSENT, 3500),
    "infant.current_weight_g": ({**BF, "baby_age_days": 7, "infant": {"birth_weight_g": 3500}},
                                ABSENT, 3100),
    "infant.weighed_on": ({**BF, "infant": {**WEIGHT, "birth_date": "2026-01-01"}},
                          "2026-01-03", "2026-01-20"),
    "infant.weighed_at_age_days": ({**BF, "infant": WEIGHT}, 3, 20),
    "infant.diapers_counted_on": (
        {**BF, "infant": {"birth_date": "2026-01-01", "wet_diapers_per_day": 3}},
        "2026-01-04", "2026-01-06"),
    "infant.percentiles": (BF, ABSENT, [{"age_days": 3, "percentile": 60},
                                        {"age_days": 50, "percentile": 5}]),
    "infant.gaining_well": (BF, ABSENT, False),
    "infant.born_at_weeks": ({**PUMP, "baby_age_days": 12, "pumped_ml_per_day": 300}, 40, 31),
    "infant.born_early": (BF, False, True),
    "infant.in_neonatal_care": ({**PUMP, "baby_age_days": 5}, False, True),
    "infant.tires_at_breast": (BF, ABSENT, True),
    "infant.wet_diapers_per_day": ({**BF, "baby_age_days": 10}, ABSENT, 2),
    "infant.stools_per_day": ({**BF, "baby_age_days": 10}, ABSENT, 0),
    "infant.hours_since_last_wet_diaper": (BF, ABSENT, 12),
    "infant.lethargic": (BF, ABSENT, True),
    "infant.dehydration_signs": (BF, ABSENT, True),
    "infant.weight_trend": (BF, "gaining_well", "not_gaining_well"),
    "infant.temperature_c": ({**BF, "baby_age_days": 30}, 37.0, 38.2),
    "infant.jaundice": ({**BF, "baby_age_days": 4}, "none", "spreading"),
    "infant.feeding_poorly": ({**BF, "baby_age_days": 5, "infant": {"jaundice": "face_or_eyes"}},
                              False, True),
    "parent": (BF, ABSENT, {"exhausted": True}),
    "parent.fever_c": (BF, ABSENT, 39),
    "parent.chills": ({**BF, "parent": {"breast_red_painful_area": True}}, ABSENT, True),
    "parent.breast_red_painful_area": (BF, ABSENT, True),
    "parent.heavy_bleeding": (BF, ABSENT, True),
    "parent.large_clots": (BF, False, True),
    "parent.pads_soaked_per_hour": (BF, ABSENT, 2),
    "parent.milk_came_in": ({**BF, "baby_age_days": 6}, ABSENT, False),
    "parent.thyroid_symptoms": (BF, ABSENT, True),
    "parent.breast_surgery": (BF, ABSENT, True),
    "parent.little_breast_change_in_pregnancy": (BF, ABSENT, True),
    "parent.sleep_hours_per_24h": ({**BF, "parent": {"exhausted": True}}, ABSENT, 2),
    "parent.exhausted": (BF, ABSENT, True),
    "parent.vomiting_or_diarrhoea": (BF, ABSENT, True),
    "parent.very_thirsty_or_dark_urine": (BF, ABSENT, True),
    "parent.drinking_extra_water": (BF, ABSENT, True),
    "parent.thoughts_of_harm": (BF, False, True),
    "parent.mood": (BF, "ok", "low_most_days"),
    "parent.faint_or_dizzy": (BF, False, True),
    "parent.infection_signs": (BF, ABSENT, ["wound_red_or_oozing"]),
    "parent.feels_very_unwell": (BF, False, True),
    "parent.dread_before_letdown": (BF, ABSENT, True),
    "parent.forceful_letdown": (BF, ABSENT, True),
    "parent.nipple_turns_white": (BF, ABSENT, True),
    "parent.softer_breasts_or_cluster_feeds": ({**BF, "baby_age_days": 60}, ABSENT, True),
}

#: Fields removed on purpose, with the reason (none today).
REMOVED: dict[str, str] = {}


def _fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    found: list[str] = []
    for name, info in model.model_fields.items():
        found.append(prefix + name)
        if typing.get_origin(info.annotation) is list:
            continue  # a list of items (tried, percentiles) is one answer
        inner = [a for a in typing.get_args(info.annotation) if a is not type(None)] or [
            info.annotation
        ]
        for arg in inner:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found.extend(_fields(arg, f"{prefix}{name}."))
    return found


def _with(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    if value is ABSENT:
        target.pop(last, None)
    else:
        target[last] = value
    return data


def test_every_question_is_in_the_table() -> None:
    assert set(_fields(Answers)) == set(CASES) | set(REMOVED)


@pytest.mark.parametrize("path", sorted(CASES))
def test_each_question_changes_the_advice(path: str) -> None:
    base, one, other = CASES[path]
    first = advise(Answers.model_validate(_with(base, path, one))).model_dump()
    second = advise(Answers.model_validate(_with(base, path, other))).model_dump()
    assert first != second, f"{path} changed nothing"


def test_a_let_down_that_slowed_with_no_explanation_goes_to_an_ibclc() -> None:
    advice = advise(Answers.model_validate(
        {**BF, "letdown_minutes": 6, "usual_letdown_minutes": 1}))
    assert advice.level is Level.IBCLC
    reason = next(r for r in advice.escalation.reasons if "up from 1 min" in r.text)
    assert reason.grade is not None
    assert any("used to take about 1 minutes" in s for s in advice.escalation.what_to_say)


def test_a_slower_let_down_with_a_likely_cause_stays_self_care_and_says_why() -> None:
    advice = advise(Answers.model_validate(
        {**BF, "letdown_minutes": 6, "usual_letdown_minutes": 1, "stress_score": 9}))
    assert advice.level is Level.SELF_CARE
    assert any("up from 1 min" in r.text for r in advice.escalation.reasons)
    quicker = advise(Answers.model_validate(
        {**BF, "letdown_minutes": 1, "usual_letdown_minutes": 6, "stress_score": 9}))
    assert not any("up from" in r.text for r in quicker.escalation.reasons)


def test_pumping_one_side_at_a_time_is_a_cause_with_a_double_pumping_step() -> None:
    advice = advise(Answers.model_validate(
        {**PUMP, "pump": {"type": "double_electric", "double_pumping": False}}))
    weak = next(c for c in advice.causes if c.id == "weak_pump")
    assert any("one side at a time" in r for r in weak.reasons)
    step = next(s for s in advice.plan if s.id == "double_pumping")
    assert "weak_pump" in step.for_causes
    assert any("Prime" in ref.text and "2012" in ref.text for ref in step.citations)
    done = advise(Answers.model_validate({
        **PUMP, "pump": {"type": "double_electric", "double_pumping": True}, "feels_rushed": True,
    }))
    assert "double_pumping" not in {s.id for s in done.plan}  # already done every session


def test_a_manual_pump_used_one_side_at_a_time_is_not_told_it_could_do_both() -> None:
    advice = advise(Answers.model_validate(
        {**PUMP, "pump": {"type": "manual", "double_pumping": False}}))
    assert not any("one side at a time" in r for c in advice.causes for r in c.reasons)


@pytest.mark.parametrize(
    ("typed", "substance", "cause"),
    [
        ("Sudafed", "pseudoephedrine", "decongestants"),
        ("sudafed 60 mg", "pseudoephedrine", "decongestants"),
        ("Zyrtec-D", "pseudoephedrine", "decongestants"),
        ("Sudafed PE", "phenylephrine", "decongestants"),
        ("pseudoephedrine", "pseudoephedrine", "decongestants"),
        ("Microgynon 30", "estrogen_contraception", "supply_lowering_medicines"),
        ("combined pill", "estrogen_contraception", "supply_lowering_medicines"),
        ("NuvaRing", "estrogen_contraception", "supply_lowering_medicines"),
        ("Benadryl", "sedating_antihistamines", "supply_lowering_medicines"),
        ("Piriton", "sedating_antihistamines", "supply_lowering_medicines"),
        ("diphenhydramine", "sedating_antihistamines", "supply_lowering_medicines"),
        ("Dostinex", "dopamine_agonists", "supply_lowering_medicines"),
        ("Nicorette gum", "nicotine", "smoking"),
    ],
)
def test_typed_medicines_are_matched_by_generic_and_brand_name(
    typed: str, substance: str, cause: str
) -> None:
    advice = advise(Answers.model_validate({**BF, "other_medicines": [typed]}))
    assert advice.medicines[0].recognised_as == substance
    assert cause in {c.id for c in advice.causes}
    assert substance in {s.id for s in advice.plan if s.kind == "medicine"}


def test_a_non_drowsy_antihistamine_is_recognised_not_sent_as_unknown() -> None:
    advice = advise(Answers.model_validate({**BF, "other_medicines": ["cetirizine"]}))
    assert advice.medicines[0].recognised_as == "non_drowsy_antihistamine"
    text = " ".join(r.text for r in advice.escalation.reasons)
    assert "non-drowsy antihistamine" in text and "Ask a pharmacist about" not in text


def test_an_unknown_medicine_becomes_a_pharmacist_question_not_silence() -> None:
    advice = advise(Answers.model_validate({**BF, "other_medicines": ["Zorbexil"]}))
    assert advice.medicines[0].recognised_as is None
    assert any("Ask a pharmacist about Zorbexil" in r.text for r in advice.escalation.reasons)
    assert any("Zorbexil" in s for s in advice.escalation.what_to_say)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=100).filter(lambda t: t.strip()), max_size=5))
def test_any_typed_medicine_is_either_recognised_or_named_for_a_pharmacist(
    names: list[str],
) -> None:
    answers = Answers.model_validate({**BF, "other_medicines": names})
    advice = advise(answers)
    assert len(advice.medicines) == len(dict.fromkeys(answers.other_medicines))
    reasons = " ".join(r.text for r in advice.escalation.reasons)
    for med in advice.medicines:
        if med.recognised_as is None:
            assert f"Ask a pharmacist about {med.name}" in reasons
