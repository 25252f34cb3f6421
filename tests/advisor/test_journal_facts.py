"""Journal sessions condensed into facts, and the advisor using them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from letdown.advisor import Answers, advise, journal_facts
from letdown.advisor.journal_facts import TECHNIQUE_MAP
from letdown.journal.records import Session
from letdown.journal.records import Technique as JT

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


def session(day: int, letdown_s: float | None, **extra: Any) -> Session:
    start = T0 + dt.timedelta(days=day, hours=extra.pop("hour", 0))
    data: dict[str, Any] = {
        "kind": extra.pop("kind", "pump"),
        "sides": "both",
        "start": start,
        "end": start + dt.timedelta(minutes=20),
        **extra,
    }
    if letdown_s is not None:
        data["letdowns"] = [{"side": "left", "at_s": letdown_s}]
    return Session.model_validate(data)


def test_every_journal_technique_except_other_maps_to_the_evidence_base() -> None:
    assert set(TECHNIQUE_MAP) == set(JT) - {JT.other}


def test_empty_journal_gives_empty_facts_and_is_ignored() -> None:
    facts = journal_facts([])
    assert facts.sessions == 0
    advice = advise(Answers(feeding_mode="pumping"), facts)
    assert advice.journal_used is False


def test_delay_only_at_work_is_found_and_named_in_the_reasons() -> None:
    sessions = [session(d, 60, context="home") for d in range(4)]
    sessions += [session(d, 420, context="work", hour=4) for d in range(4)]
    facts = journal_facts(sessions)
    assert facts.median_letdown_s_by_place == {"home": 60.0, "work": 420.0}
    assert facts.place_delay_s("work") == 360.0
    advice = advise(Answers(feeding_mode="both"), facts)
    assert advice.journal_used
    top = advice.causes[0]
    assert top.id == "rushed_watched"
    assert any("journal" in r and "work" in r for r in top.reasons)


def test_recent_pain_counts_only_the_last_week_and_can_escalate() -> None:
    old = [session(d, 90, pain=9) for d in range(3)]
    recent = [session(20 + d, 90, pain=p) for d, p in enumerate([5, 6, 7, 1])]
    facts = journal_facts(old + recent)
    assert facts.recent_pain_scores == [5, 6, 7, 1]
    assert facts.recent_painful_sessions == 3
    advice = advise(Answers(feeding_mode="pumping"), facts)
    assert advice.level.value == "ibclc"
    assert any("journal" in r.text for r in advice.escalation.reasons)


def test_technique_effect_is_measured_and_shown_in_the_plan() -> None:
    with_photo = [session(d, 60, techniques=["baby_photo_video"], context="work") for d in range(3)]
    without = [session(3 + d, 240, context="work") for d in range(3)]
    facts = journal_facts(with_photo + without)
    effect = facts.techniques["sensory_cues"]
    assert (effect.sessions_with, effect.sessions_without) == (3, 3)
    assert effect.faster_by_s == 180.0
    advice = advise(Answers(feeding_mode="pumping", feels_rushed=True), facts)
    step = next(s for s in advice.plan if s.id == "sensory_cues")
    assert step.note and "3.0 min sooner" in step.note


def test_too_few_sessions_give_no_technique_verdict() -> None:
    facts = journal_facts([session(0, 60, techniques=["music"]), session(1, 200)])
    assert facts.techniques["relaxation"].faster_by_s is None


def test_sessions_without_a_letdown_are_counted_not_dropped() -> None:
    facts = journal_facts([session(0, None), session(1, 100)])
    assert facts.sessions == 2
    assert facts.sessions_without_letdown == 1
    assert facts.median_letdown_s == 100.0


def test_facts_do_not_depend_on_input_order() -> None:
    sessions = [session(d, 30 * (d + 1), pain=d % 4, context="home") for d in range(10)]
    assert journal_facts(sessions) == journal_facts(list(reversed(sessions)))
