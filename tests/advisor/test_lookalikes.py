"""Conditions that look like a let-down problem but are not: D-MER, a forceful let-down,
nipple vasospasm and the normal settling of supply at 6-12 weeks.

Each has one question a parent can answer, its own cause and plan, and the plan leaves
out what would do harm (more stimulation for a parent with plenty of milk).
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
from letdown.advisor.lookalikes import STIMULATION
from letdown.cli import cli
from letdown.evidence import load_evidence
from letdown.web.app import create_app

HERE = Path(__file__).parent / "vignettes"
FILES = sorted(HERE.glob("L*.json"))
QUESTIONS = {
    "dread_before_letdown": "dmer",
    "forceful_letdown": "oversupply_forceful",
    "nipple_turns_white": "nipple_vasospasm",
    "softer_breasts_or_cluster_feeds": "normal_regulation",
}


def _case(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def test_there_is_a_vignette_for_each_lookalike() -> None:
    leading = {c for p in FILES for c in _case(p)["expect"]["leading"]}
    assert set(QUESTIONS.values()) <= leading


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_lookalike_vignette_leaves_out_what_does_not_belong(path: Path) -> None:
    case = _case(path)
    advice = advise(Answers.model_validate(case["answers"]))
    offered = {s.id for s in advice.plan}
    listed = {c.id for c in advice.causes}
    assert not offered & set(case["expect"].get("forbid_plan", [])), offered
    assert not listed & set(case["expect"].get("forbid_causes", [])), listed


def test_a_plain_slow_letdown_still_gets_stimulation_steps() -> None:
    """The suppression is tied to oversupply, not applied to everyone."""
    answers = {"feeding_mode": "pumping", "baby_age_days": 30,
               "pump": {"type": "double_electric", "double_pumping": False, "loses_suction": True}}
    plain = {s.id for s in advise(Answers.model_validate(answers)).plan}
    assert plain & STIMULATION
    answers["parent"] = {"forceful_letdown": True}
    forceful = {s.id for s in advise(Answers.model_validate(answers)).plan}
    assert not forceful & STIMULATION and "slow_the_flow" in forceful


@settings(max_examples=60, deadline=None)
@given(
    mode=st.sampled_from(["breastfeeding", "pumping", "both"]),
    age=st.integers(0, 1100),
    stress=st.none() | st.integers(0, 10),
    pump_type=st.sampled_from(["manual", "single_electric", "double_electric", "wearable"]),
    double=st.none() | st.booleans(),
    weak=st.none() | st.booleans(),
    feeds=st.none() | st.integers(0, 30),
)
def test_forceful_letdown_never_gets_more_stimulation(
    mode: str, age: int, stress: int | None, pump_type: str, double: bool | None,
    weak: bool | None, feeds: int | None,
) -> None:
    answers: dict[str, Any] = {
        "feeding_mode": mode, "baby_age_days": age, "stress_score": stress,
        "feeds_or_pumps_per_24h": feeds, "parent": {"forceful_letdown": True},
        "infant": {"gaining_well": True},
    }
    if mode != "breastfeeding":
        answers["pump"] = {"type": pump_type, "double_pumping": double, "loses_suction": weak}
    advice = advise(Answers.model_validate(answers))
    assert "oversupply_forceful" in advice.leading_causes
    assert not {s.id for s in advice.plan} & STIMULATION


def test_dmer_is_explained_as_a_reflex_with_a_door_to_help_for_low_mood() -> None:
    advice = advise(Answers.model_validate(
        {"feeding_mode": "breastfeeding", "parent": {"dread_before_letdown": True}}))
    dmer = advice.causes[0]
    assert dmer.id == "dmer"
    assert "not depression" in dmer.explanation and "doctor" in dmer.explanation
    assert [s.id for s in advice.plan] == ["dmer_plan"]  # no let-down techniques


def test_settling_is_not_reassured_when_the_baby_is_not_gaining() -> None:
    base = {"feeding_mode": "breastfeeding", "baby_age_days": 60,
            "parent": {"softer_breasts_or_cluster_feeds": True}}
    fine = advise(Answers.model_validate({**base, "infant": {"gaining_well": True}}))
    assert fine.causes[0].id == "normal_regulation" and fine.level.value == "self_care"
    for infant in ({"gaining_well": False}, {"weight_trend": "losing_weight"}):
        worry = advise(Answers.model_validate({**base, "infant": infant}))
        assert "normal_regulation" not in {c.id for c in worry.causes}


@pytest.mark.parametrize("field", sorted(QUESTIONS))
def test_each_question_is_in_the_schema_the_cli_prints(field: str) -> None:
    result = CliRunner().invoke(cli, ["advise", "--schema"])
    schema = json.loads(result.output)
    parent = schema["$defs"]["Parent"]["properties"]
    assert field in parent and parent[field]["description"].endswith("?")


def test_each_question_is_on_the_web_form_and_changes_the_advice(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path / "data"), allowed_hosts=["testserver"])
    with FormClient(app) as client:
        page = client.get("/advisor").text
        for field in QUESTIONS:
            assert f'name="parent.{field}"' in page
        response = client.post("/advisor", data={
            "feeding_mode": "breastfeeding", "parent.forceful_letdown": "yes"})
        assert response.status_code == 200
        assert "Slow the flow" in response.text.split('id="advice"', 1)[1]


def test_new_causes_cite_a_findable_source() -> None:
    ev = load_evidence()
    for cid in QUESTIONS.values():
        assert all(c.locator().startswith("https://") for c in ev.causes[cid].citations)
        assert ev.techniques_for(cid)
