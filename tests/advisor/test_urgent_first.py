"""Urgent means urgent: being seen comes first and alone; a plan step names only what it helps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from letdown.advisor import Answers, advise
from letdown.evidence import Level, load_evidence

VIGNETTES = Path(__file__).parent / "vignettes"

#: What each technique can act on, by its physiology (reviewed by hand, not copied
#: from the data): a step may only say "Helps with" these causes.
CAN_HELP: dict[str, set[str]] = {
    "relaxation": {"stress_anxiety", "rushed_watched"},
    "warmth": {"cold", "stress_anxiety"},
    "sensory_cues": {"rushed_watched", "stress_anxiety"},
    "massage_compression": {"weak_pump", "low_milk_transfer", "stress_anxiety", "breast_surgery"},
    "hands_on_pumping": {"weak_pump", "low_milk_transfer"},
    "flange_fitting": {"flange_fit"},
    "comfortable_suction": {"pain_suction", "weak_pump"},
    "double_pumping": {"weak_pump", "rushed_watched"},
    "consistent_schedule": {
        "infrequent_removal", "decongestants", "supply_lowering_medicines",
        "low_milk_transfer", "mastitis",
        # Keeping removal regular protects supply while a drink wears off or while smoking
        # lowers prolactin (the substance step itself says what to do about the substance).
        "alcohol", "smoking",
    },
    "privacy_comfort": {"rushed_watched", "stress_anxiety"},
    "skin_to_skin": {"stress_anxiety", "low_milk_transfer"},
    "pump_near_baby": {"rushed_watched", "stress_anxiety"},
    "latch_help": {"pain_latch", "low_milk_transfer", "mastitis"},
    "pump_check": {"weak_pump"},
    "rest_and_thirst": {"fatigue", "dehydration"},
    "dmer_plan": {"dmer"},
    "slow_the_flow": {"oversupply_forceful"},
    "nipple_warmth": {"nipple_vasospasm"},
    "trust_the_baby": {"normal_regulation"},
    "pump_early_often": {"pump_dependent_supply", "infrequent_removal"},
    "tongue_assessment": {"restricted_tongue"},
}

#: Answers that make nearly every cause likely at once, so every step names its causes.
EVERYTHING: dict[str, Any] = {
    "feeding_mode": "both",
    "baby_age_days": 20,
    "stress_score": 9,
    "worried_about_supply": True,
    "feels_rushed": True,
    "feels_watched": True,
    "feels_cold": True,
    "pain_score": 8,
    "pain_sources": ["latch", "nipple_damage", "pump_suction", "flange", "breast_area"],
    "substances": ["pseudoephedrine", "estrogen_contraception", "alcohol", "nicotine"],
    "feeds_or_pumps_per_24h": 4,
    "longest_gap_hours": 9,
    "pump": {"type": "manual", "age_months": 20, "loses_suction": True, "flange_fit": "too_small",
             "suction_hurts": True, "suction_setting": "max"},
    "infant": {"gaining_well": False},
    "parent": {"exhausted": True, "sleep_hours_per_24h": 3, "vomiting_or_diarrhoea": True,
               "breast_surgery": True, "breast_red_painful_area": True},
}

#: The conditions that look like a let-down problem (they stay quiet when the baby is not
#: gaining, as in EVERYTHING), so their steps are checked from answers of their own.
LOOKALIKES: dict[str, Any] = {
    "feeding_mode": "both", "baby_age_days": 60, "feels_cold": True,
    "nipple_creased_after_feeds": True,
    "parent": {"dread_before_letdown": True, "forceful_letdown": True,
               "nipple_turns_white": True, "softer_breasts_or_cluster_feeds": True},
}


def test_every_technique_has_a_reviewed_list_of_what_it_can_help() -> None:
    assert set(CAN_HELP) == set(load_evidence().techniques)


@pytest.mark.parametrize("tech_id", sorted(CAN_HELP))
def test_helps_with_names_only_causes_the_technique_addresses(tech_id: str) -> None:
    ev = load_evidence()
    titles = {cid: c.title.lower() for cid, c in ev.causes.items()}
    advice = advise(Answers.model_validate(EVERYTHING))
    step = next(s for s in advice.plan + _all_steps() if s.id == tech_id)
    assert set(step.for_causes) <= CAN_HELP[tech_id], step.for_causes
    named = step.why.split(". ")[0].removeprefix("Helps with: ")
    for cid, title in titles.items():
        if title in named:
            assert cid in CAN_HELP[tech_id], f"{tech_id} says it helps with {title}"


def _all_steps() -> list[Any]:
    """Every technique, with the plan not cut to its usual length."""
    from letdown.advisor import plan as plan_module

    limit = plan_module.MAX_STEPS
    plan_module.MAX_STEPS = 100
    try:
        return (advise(Answers.model_validate(EVERYTHING)).plan
                + advise(Answers.model_validate(LOOKALIKES)).plan)
    finally:
        plan_module.MAX_STEPS = limit


def _urgent_cases() -> list[dict[str, Any]]:
    cases = [json.loads(p.read_text("utf-8")) for p in sorted(VIGNETTES.glob("*.json"))]
    return [c for c in cases if c["expect"]["level"] == "urgent"]


@pytest.mark.parametrize("case", _urgent_cases(), ids=lambda c: c["id"])
def test_urgent_advice_says_in_its_json_that_being_seen_comes_first(case: dict[str, Any]) -> None:
    advice = advise(Answers.model_validate(case["answers"]))
    assert advice.level is Level.URGENT
    assert advice.priority == "get_seen_first"
    assert advice.order.index("urgent_action") < advice.order.index("after_care_break")
    assert advice.order.index("after_care_break") < advice.order.index("plan")
    assert advice.plan_heading.startswith("Once you have been seen")
    assert advice.escalation.reasons[0].level is Level.URGENT


def test_a_self_care_advice_keeps_the_plan_first_order() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "pumping", "feels_cold": True}))
    assert advice.priority == "plan" and "after_care_break" not in advice.order
