"""The questions added for issue 11 and the look-alikes they reveal, checked as properties.

Each test generates answers around one new question and checks what a parent would
notice: an antidepressant is never a cause, clots are urgent first, a tongue problem
gets its own step before any let-down tip, pumped volumes are judged against the
published ranges, and the new questions appear on the web form and in the schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.web.helpers import FormClient, make_settings

from letdown.advisor import Answers, advise
from letdown.advisor.medicines import match
from letdown.advisor.short_path import QUESTIONS as SHORT_QUESTIONS
from letdown.cli import cli
from letdown.evidence import Level, load_evidence
from letdown.web.app import create_app

ANTIDEPRESSANTS = ["sertraline", "Zoloft", "Lustral 50mg", "paroxetine", "Seroxat", "escitalopram",
                   "Lexapro", "Cipralex", "citalopram", "Celexa", "fluoxetine", "Prozac 20 mg"]
LETDOWN_TIPS = {"relaxation", "warmth", "sensory_cues", "privacy_comfort", "pump_near_baby"}

#: Other answers a parent may give alongside the question under test.
OTHERS = st.fixed_dictionaries({}, optional={
    "baby_age_days": st.integers(0, 400),
    "stress_score": st.integers(0, 10),
    "pain_score": st.integers(0, 10),
    "letdown_minutes": st.sampled_from([1.0, 4.0, 10.0]),
    "feels_cold": st.booleans(),
    "feeds_or_pumps_per_24h": st.integers(1, 14),
    "worried_about_supply": st.booleans(),
    "substances": st.lists(st.sampled_from(["pseudoephedrine", "alcohol", "nicotine"]),
                           unique=True, max_size=2),
})


@settings(max_examples=80, deadline=None)
@given(others=OTHERS, names=st.lists(st.sampled_from(ANTIDEPRESSANTS), min_size=1, max_size=3),
       mode=st.sampled_from(["breastfeeding", "pumping", "both"]))
def test_an_antidepressant_is_never_a_cause_and_is_reassured(
    others: dict[str, Any], names: list[str], mode: str
) -> None:
    advice = advise(Answers.model_validate({**others, "feeding_mode": mode,
                                            "other_medicines": names}))
    assert all(m.recognised_as == "common_antidepressants" for m in advice.medicines)
    for cause in advice.causes:
        assert "antidepressant" not in " ".join(cause.reasons).lower()
        assert not any(n.lower() in " ".join(cause.reasons).lower() for n in names)
    assert "supply_lowering_medicines" not in {c.id for c in advice.causes}
    assert "common_antidepressants" not in {s.id for s in advice.plan}
    reasons = " ".join(r.text for r in advice.escalation.reasons)
    assert "compatible with breastfeeding" in reasons and "Keep taking it" in reasons


def test_the_antidepressant_entry_can_never_point_to_a_cause() -> None:
    sub = load_evidence().substances["common_antidepressants"]
    assert sub.reassure and sub.causes == []
    assert all(c.locator().startswith("https://") for c in sub.citations)


@settings(max_examples=80, deadline=None)
@given(others=OTHERS, mode=st.sampled_from(["breastfeeding", "pumping", "both"]))
def test_large_clots_are_urgent_and_come_first(others: dict[str, Any], mode: str) -> None:
    advice = advise(Answers.model_validate({**others, "feeding_mode": mode,
                                            "parent": {"large_clots": True}}))
    assert advice.level is Level.URGENT
    first = advice.escalation.reasons[0]
    assert first.red_flag == "heavy_bleeding" or first.level is Level.URGENT
    assert any("clots bigger than a plum" in s for s in advice.escalation.what_to_say)
    assert advice.order.index("urgent_action") < advice.order.index("plan")


@settings(max_examples=80, deadline=None)
@given(others=OTHERS, tires=st.booleans(), trend=st.sampled_from([None, "not_gaining_well"]))
def test_a_likely_tongue_problem_gets_its_own_step_before_any_let_down_tip(
    others: dict[str, Any], tires: bool, trend: str | None
) -> None:
    answers: dict[str, Any] = {**others, "feeding_mode": "breastfeeding",
                               "latch_clicks_or_slips": True, "nipple_creased_after_feeds": True,
                               "infant": {"tires_at_breast": tires}}
    answers.pop("substances", None)  # a medicine step always comes first, by design
    if trend:
        answers["infant"]["weight_trend"] = trend
    advice = advise(Answers.model_validate(answers))
    assert "restricted_tongue" in advice.leading_causes
    assert advice.plan[0].id == "tongue_assessment"
    assert advice.level.rank >= Level.IBCLC.rank
    tips = [i for i, s in enumerate(advice.plan) if s.id in LETDOWN_TIPS]
    assert all(i > 0 for i in tips)


def test_clicking_alone_in_a_thriving_baby_is_not_called_likely() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "breastfeeding",
                                            "latch_clicks_or_slips": True,
                                            "infant": {"gaining_well": True}}))
    tongue = [c for c in advice.causes if c.id == "restricted_tongue"]
    assert not tongue or tongue[0].likelihood == "possible"
    assert advice.level is Level.SELF_CARE


@settings(max_examples=120, deadline=None)
@given(age=st.integers(28, 400), ml=st.floats(0, 3000, allow_nan=False))
def test_an_established_full_pumping_volume_is_judged_against_the_usual_range(
    age: int, ml: float
) -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "pumping", "baby_age_days": age,
                                            "pumped_ml_per_day": ml}))
    reasons = " ".join(r.text for r in advice.escalation.reasons)
    if ml < 450:
        assert advice.level.rank >= Level.IBCLC.rank
        assert "below the 450 mL" in reasons
    else:
        assert "below the" not in reasons
        assert ("within the usual range" in reasons) or ("more than the usual range" in reasons)


@settings(max_examples=60, deadline=None)
@given(age=st.integers(10, 27), ml=st.floats(0, 1500, allow_nan=False),
       weeks=st.integers(23, 36))
def test_a_pump_dependent_parent_below_500_ml_by_day_10_gets_help_early(
    age: int, ml: float, weeks: int
) -> None:
    advice = advise(Answers.model_validate({
        "feeding_mode": "pumping", "baby_age_days": age, "pumped_ml_per_day": ml,
        "feeds_or_pumps_per_24h": 8, "infant": {"born_at_weeks": weeks,
                                                "in_neonatal_care": True}}))
    assert "pump_dependent_supply" in {c.id for c in advice.causes}
    assert "pump_early_often" in {s.id for s in advice.plan}
    assert (advice.level.rank >= Level.IBCLC.rank) == (ml < 500)


def test_pumped_volume_beside_breastfeeds_is_not_read_as_supply() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "both", "baby_age_days": 90,
                                            "pumped_ml_per_day": 60}))
    assert advice.level is Level.SELF_CARE
    assert any("not a measure of your supply" in r.text for r in advice.escalation.reasons)


def test_irregular_times_is_a_cause_with_a_regular_schedule_step() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "pumping",
                                            "irregular_times": True}))
    cause = next(c for c in advice.causes if c.id == "infrequent_removal")
    assert any("different times" in r for r in cause.reasons)
    assert "consistent_schedule" in {s.id for s in advice.plan}


@pytest.mark.parametrize(("change", "cause"), [
    ("new_pump", "weak_pump"), ("new_parts", "weak_pump"), ("new_flange", "flange_fit"),
    ("back_at_work", "rushed_watched"),
])
def test_what_changed_points_to_its_cause(change: str, cause: str) -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "pumping",
                                            "pump": {"type": "double_electric"},
                                            "recent_changes": [change]}))
    assert cause in {c.id for c in advice.causes}


def test_a_new_medicine_without_a_name_goes_to_a_pharmacist() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "breastfeeding",
                                            "recent_changes": ["new_medicine"]}))
    assert any("new medicine" in r.text for r in advice.escalation.reasons)


@pytest.mark.parametrize(("typed", "substance"), [
    ("Yasmin", "estrogen_contraception"), ("Femodene", "estrogen_contraception"),
    ("Twirla patch", "estrogen_contraception"), ("bromocriptine", "dopamine_agonists"),
    ("Cipralex 10mg", "common_antidepressants"), ("SSRI", "common_antidepressants"),
])
def test_more_medicines_are_recognised(typed: str, substance: str) -> None:
    assert match(typed).substance == substance


@pytest.mark.parametrize("typed", ["Dostinex", "Microgynon", "NuvaRing"])
def test_a_supply_lowering_prescription_says_talk_to_the_prescriber_not_stop(typed: str) -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "breastfeeding",
                                            "other_medicines": [typed]}))
    assert advice.causes[0].id == "supply_lowering_medicines"
    assert "not the let-down" in advice.causes[0].title
    text = " ".join(r.text for r in advice.escalation.reasons)
    assert "whoever prescribed it" in text and "do not stop it without advice" in text
    assert advice.plan[0].kind == "medicine"
    assert not {s.id for s in advice.plan} & LETDOWN_TIPS


NEW_FIELDS = {
    "": ["irregular_times", "pumped_ml_per_session", "pumped_ml_per_day", "recent_changes",
         "latch_clicks_or_slips", "nipple_creased_after_feeds"],
    "Pump": ["nipple_rubs_tunnel", "parts_age_months", "parts_worn"],
    "Infant": ["born_at_weeks", "born_early", "in_neonatal_care", "tires_at_breast"],
    "Parent": ["large_clots"],
}


def test_each_new_question_is_a_question_in_the_schema() -> None:
    result = CliRunner().invoke(cli, ["advise", "--schema"])
    schema = json.loads(result.output)
    for part, fields in NEW_FIELDS.items():
        props = schema["$defs"][part]["properties"] if part else schema["properties"]
        for field in fields:
            assert props[field]["description"].endswith("?"), field


def test_each_new_question_is_on_the_web_form(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path / "data"), allowed_hosts=["testserver"])
    with FormClient(app) as client:
        page = client.get("/advisor").text
        for part, fields in NEW_FIELDS.items():
            prefix = f"{part.lower()}." if part else ""
            for field in fields:
                dotted = f"{prefix}{field}"
                # its own control under "Tell us more", or a tick on the short path
                tick = next((t for q in SHORT_QUESTIONS for t in q.ticks
                             if t.field == dotted), None)
                assert f'name="{dotted}"' in page or (
                    tick is not None and f'value="{tick.key}"' in page), field
        response = client.post("/advisor", data={
            "feeding_mode": "breastfeeding", "short.you_body": "clots"})
        assert response.status_code == 200
        assert "clots bigger than a plum" in response.text


def test_clots_alone_are_never_reported_as_heavy_bleeding_or_pads() -> None:
    advice = advise(Answers.model_validate({
        "feeding_mode": "breastfeeding", "baby_age_days": 9,
        "parent": {"large_clots": True, "milk_came_in": False}}))
    words = " ".join([*advice.escalation.what_to_say,
                      *(r for c in advice.causes for r in c.reasons)])
    assert "clots" in words
    assert "heavy bleeding" not in words and "pad" not in words


def test_a_pumped_volume_without_the_babys_age_is_not_judged() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "pumping", "pumped_ml_per_day": 200,
                                            "infant": {"in_neonatal_care": True}}))
    reasons = " ".join(r.text for r in advice.escalation.reasons)
    assert "first days" not in reasons and "below the" not in reasons
