"""Clinical vignettes: the worked cases (A1-A5) and our own (V01...), checked end to end.

Each JSON file in ``vignettes/`` holds the answers and what a careful lactation
consultant would conclude: the escalation level (exact), the leading causes
(each must be among the advisor's top three), red flags that must fire, and
plan steps that must be offered. Optional: words that must not appear in what to
say (``forbid_said``, details the parent never gave) and words the one action must
hold (``who_has``); plan steps and causes that must not appear (``forbid_plan``,
``forbid_causes``), the step that must come first (``first_step``), words a reason,
what to say or a step must hold or not (``reason_has``, ``forbid_reason``,
``said_has``, ``step_has``); at urgent level the urgent action must come before any plan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from letdown.advisor import Answers, advise
from letdown.evidence import load_evidence

HERE = Path(__file__).parent / "vignettes"
FILES = sorted(HERE.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_vignette(path: Path) -> None:
    case = load(path)
    expect = case["expect"]
    advice = advise(Answers.model_validate(case["answers"]))
    assert advice.level.value == expect["level"], [r.text for r in advice.escalation.reasons]
    top = [c.id for c in advice.causes[:3]]
    for cause in expect["leading"]:
        assert cause in top, f"{cause} not among the top causes {top}"
    fired = {r.red_flag for r in advice.escalation.reasons if r.red_flag}
    assert set(expect["red_flags"]) <= fired
    offered = {s.id for s in advice.plan}
    assert set(expect["plan"]) <= offered, offered
    # Every non-self-care outcome tells the parent what to say when calling.
    if advice.level.value != "self_care":
        assert advice.escalation.what_to_say
    assert "not a diagnosis" in advice.disclaimer
    # Forbidden content: what to say holds nothing the parent did not give.
    said = " ".join(advice.escalation.what_to_say)
    for word in expect.get("forbid_said", []):
        assert word not in said, (word, said)
    if "who_has" in expect:
        assert expect["who_has"] in advice.escalation.who
    # Forbidden and required content (any vignette may use these).
    offered_list = [s.id for s in advice.plan]
    assert not set(offered_list) & set(expect.get("forbid_plan", [])), offered_list
    listed = {c.id for c in advice.causes}
    assert not listed & set(expect.get("forbid_causes", [])), listed
    if "first_step" in expect:
        assert offered_list[:1] == [expect["first_step"]], offered_list
    reasons = " ".join(r.text for r in advice.escalation.reasons)
    for words in expect.get("reason_has", []):
        assert words in reasons, (words, reasons)
    for words in expect.get("forbid_reason", []):
        assert words not in reasons, (words, reasons)
    for words in expect.get("said_has", []):
        assert words in said, (words, said)
    for step_id, words in expect.get("step_has", {}).items():
        step = next(s for s in advice.plan if s.id == step_id)
        assert words in " ".join([step.why, *step.how]), (step_id, words)
    # At urgent level no let-down plan comes before the urgent action.
    if advice.level.value == "urgent":
        assert advice.order.index("urgent_action") < advice.order.index("plan")
        assert advice.plan_heading.startswith("Once you have been seen")
        assert advice.escalation.reasons[0].level.value == "urgent"


def test_the_worked_cases_and_enough_own_vignettes_are_present() -> None:
    ids = {p.stem for p in FILES}
    assert {"A1", "A2", "A3", "A4", "A5"} <= ids
    assert len([i for i in ids if i.startswith("V")]) >= 25
    assert len([i for i in ids if i.startswith("Q")]) >= 15  # the new questions (issue 11)


def test_vignettes_cover_every_cause_and_every_red_flag() -> None:
    ev = load_evidence()
    causes: set[str] = set()
    flags: set[str] = set()
    for path in FILES:
        expect = load(path)["expect"]
        causes.update(expect["leading"])
        flags.update(expect["red_flags"])
    assert causes == set(ev.causes), set(ev.causes) - causes
    assert flags == set(ev.red_flags), set(ev.red_flags) - flags
