"""Cause ranking and the plan: reasons, ordering, feeding mode, and what was tried."""

from __future__ import annotations

from typing import Any

from letdown.advisor import Answers, advise
from letdown.advisor.causes import SCORERS
from letdown.evidence import Level, load_evidence


def run(**data: Any) -> Any:
    return advise(Answers.model_validate(data))


def test_every_cause_in_the_evidence_base_has_a_scorer() -> None:
    assert set(SCORERS) == set(load_evidence().causes)


def test_causes_come_with_reasons_and_are_ranked() -> None:
    advice = run(
        feeding_mode="pumping", stress_score=9, feels_cold=True, substances=["pseudoephedrine"]
    )
    scores = [c.score for c in advice.causes]
    assert scores == sorted(scores, reverse=True)
    assert all(c.reasons and c.citations for c in advice.causes)
    assert advice.causes[0].id == "decongestants"
    assert any("9/10" in r for c in advice.causes for r in c.reasons)


def test_with_nothing_to_go_on_the_advice_is_general_and_self_care() -> None:
    advice = run(feeding_mode="breastfeeding")
    assert advice.causes == []
    assert advice.level is Level.SELF_CARE
    assert {s.id for s in advice.plan} >= {"relaxation", "sensory_cues", "warmth"}


def test_plan_respects_the_feeding_mode() -> None:
    pumping = run(
        feeding_mode="pumping",
        pain_score=6,
        pain_sources=["latch"],
        pump={"suction_hurts": True, "type": "manual"},
    )
    ids = {s.id for s in pumping.plan}
    assert "latch_help" not in ids
    assert "comfortable_suction" in ids
    breast = run(feeding_mode="breastfeeding", pain_score=6, pain_sources=["latch"])
    ids = {s.id for s in breast.plan}
    assert "latch_help" in ids
    assert not ids & {"comfortable_suction", "flange_fitting", "hands_on_pumping", "pump_check"}


def test_plan_steps_say_why_how_and_how_strong() -> None:
    advice = run(feeding_mode="both", feels_rushed=True, slower_at=["work"])
    for step in advice.plan:
        assert step.why and step.how and step.grade_label and step.citations


def test_easy_steps_beat_hard_ones_for_the_same_cause() -> None:
    advice = run(feeding_mode="pumping", feels_rushed=True, feels_watched=True)
    order = [s.id for s in advice.plan]
    assert order.index("relaxation") < order.index("privacy_comfort")


def test_what_was_tried_moves_steps_and_says_so() -> None:
    base = {"feeding_mode": "breastfeeding", "stress_score": 8}
    plain = [s.id for s in run(**base).plan]
    failed = run(**base, tried=[{"technique": "relaxation", "outcome": "no_change"}])
    order = [s.id for s in failed.plan]
    assert order.index("relaxation") > plain.index("relaxation")
    step = next(s for s in failed.plan if s.id == "relaxation")
    assert step.note and "without much change" in step.note
    helped = run(**base, tried=[{"technique": "sensory_cues", "outcome": "helped"}])
    step = next(s for s in helped.plan if s.id == "sensory_cues")
    assert step.note and "keep doing it" in step.note


def test_medicine_steps_come_first_and_send_to_a_pharmacist() -> None:
    advice = run(feeding_mode="pumping", substances=["pseudoephedrine"], feels_cold=True)
    first = advice.plan[0]
    assert first.kind == "medicine" and first.id == "pseudoephedrine"
    assert "pharmacist or doctor" in first.how[0]


def test_honest_notes_for_popular_beliefs() -> None:
    advice = run(
        feeding_mode="breastfeeding", feels_letdown=False, parent={"drinking_extra_water": True}
    )
    text = " ".join(advice.good_to_know)
    assert "not felt" in text
    assert "water" in text.lower()


def test_fatigue_alone_is_never_called_likely() -> None:
    advice = run(feeding_mode="breastfeeding", parent={"exhausted": True, "sleep_hours_per_24h": 2})
    fatigue = next(c for c in advice.causes if c.id == "fatigue")
    assert fatigue.likelihood == "possible"
