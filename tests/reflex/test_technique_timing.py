"""Techniques have a timing (before, during, both) and a length, and "before" acts.

Issue 12: warmth, massage, relaxation, skin-to-skin contact and being near the baby could
only act during the session, while trials apply them before it (a warm compress for 20
minutes on one breast, Yigit 2012 / YIG12-WARM; a relaxation tape before pumping, Feher
1989 / C24; expressing after kangaroo care, Acuna-Muga 2014).
"""

from __future__ import annotations

from typing import Any

import pytest

from letdown.reflex import simulate
from letdown.reflex.engine import Trace
from letdown.reflex.scenario import ScenarioError, from_dict

STRESSED = {"stress": 6}


def _pump(techniques: dict[str, Any], state: dict[str, Any] | None = None) -> Trace:
    return simulate(from_dict({
        "state": state or {},
        "techniques": techniques,
        "session": {"kind": "pump", "duration_min": 15},
    }))


@pytest.mark.parametrize("timing", ["before", "during", "both"])
@pytest.mark.parametrize(
    ("name", "on"),
    [("relaxation", "music"), ("warmth", True), ("massage", True), ("skin_to_skin", True),
     ("near_baby", True)],
)
def test_every_technique_takes_a_timing_and_minutes(name: str, on: Any, timing: str) -> None:
    scenario = from_dict({"techniques": {name: on, f"{name}_timing": timing,
                                         f"{name}_min": 7.5}})
    assert getattr(scenario.techniques, f"{name}_timing") == timing
    assert simulate(scenario).metrics.volume_ml > 0


def test_relaxing_before_touch_helps_a_stressed_parent_and_more_with_a_longer_tape() -> None:
    none = _pump({}, STRESSED).metrics
    short = _pump({"relaxation": "breathing", "relaxation_timing": "before",
                   "relaxation_min": 2}, STRESSED).metrics
    tape = _pump({"relaxation": "breathing", "relaxation_timing": "before",
                  "relaxation_min": 20}, STRESSED).metrics
    assert none.volume_ml < short.volume_ml < tape.volume_ml
    assert tape.volume_ml > 1.1 * none.volume_ml
    # calmer at touch: the first let-down comes sooner than when relaxing starts at touch
    during = _pump({"relaxation": "breathing"}, STRESSED).metrics
    assert tape.time_to_first_ejection_s < during.time_to_first_ejection_s


def test_calm_from_before_fades_unless_kept_up() -> None:
    before = _pump({"relaxation": "breathing", "relaxation_timing": "before"}, STRESSED)
    both = _pump({"relaxation": "breathing", "relaxation_timing": "both"}, STRESSED)
    assert both.metrics.volume_ml > before.metrics.volume_ml


def test_a_warm_compress_on_one_breast_before_pumping_helps_that_breast() -> None:
    """YIG12-WARM: 20 minutes on one breast, then both pumped: the warmed one gave more."""
    for side in ("left", "right"):
        tr = _pump({"warmth": True, "warmth_timing": "before", "warmth_min": 20,
                    "warmth_side": side})
        warmed, other = ((tr.removed_left[-1], tr.removed_right[-1]) if side == "left"
                         else (tr.removed_right[-1], tr.removed_left[-1]))
        assert warmed > 1.04 * other, side
    plain = _pump({})
    assert plain.removed_left[-1] == pytest.approx(plain.removed_right[-1])


def test_massage_before_touch_primes_the_let_down() -> None:
    plain = _pump({}).metrics
    primed = _pump({"massage": True, "massage_timing": "before", "massage_min": 2}).metrics
    assert primed.time_to_first_ejection_s < 0.6 * plain.time_to_first_ejection_s
    # costs little milk: the let-down it provokes before the cups go on is small. Within 3%,
    # not 1%: milk not drawn off during an ejection flows back into the breast (Geddes, Int
    # Breastfeed J 2009;4:5, table 2), so what the massage and that early let-down push into
    # the ducts before the cups are on is not waiting there for the pump (ducts branch)
    assert primed.volume_ml >= 0.97 * plain.volume_ml


@pytest.mark.parametrize("name", ["skin_to_skin", "near_baby"])
def test_the_baby_before_pumping_is_a_cue_and_calms(name: str) -> None:
    state = {"stress": 3}
    plain = _pump({}, state).metrics
    before = _pump({name: True, f"{name}_timing": "before"}, state).metrics
    assert before.time_to_first_ejection_s < 0.6 * plain.time_to_first_ejection_s
    assert before.volume_ml > plain.volume_ml


def test_old_switches_still_mean_during_the_session() -> None:
    for name, on in (("massage", True), ("warmth", True), ("relaxation", "music")):
        old = _pump({name: on}).metrics
        new = _pump({name: on, f"{name}_timing": "during"}).metrics
        assert old.volume_ml == new.volume_ml, name


@pytest.mark.parametrize(
    ("techniques", "pattern"),
    [
        ({"massage_min": 5}, r"techniques\.massage_min: given, but massage is not used"),
        ({"relaxation_timing": "before"}, r"relaxation_timing: .*set relaxation to a kind"),
        ({"warmth": True, "warmth_timing": "after"}, r"techniques\.warmth_timing: .*'before'"),
        ({"warmth_side": "left"}, r"warmth_side: given, but warmth is not used"),
        ({"massage": True, "massage_min": 0}, r"techniques\.massage_min: .*greater than 0"),
        ({"near_baby": True, "near_baby_min": 90}, r"near_baby_min: .*less than or equal"),
    ],
)
def test_bad_timing_is_a_clear_error(techniques: dict[str, Any], pattern: str) -> None:
    with pytest.raises(ScenarioError, match=pattern):
        from_dict({"techniques": techniques})


def test_time_before_touch_counts_when_a_day_is_planned() -> None:
    """A 40-minute compress before each of sessions half an hour apart cannot happen; the
    day used to run anyway, with the time between sessions negative."""
    day = {"session": {"kind": "pump", "duration_min": 15},
           "day": {"session_times_h": [0.0, 0.5, 1.0]}}
    with pytest.raises(ScenarioError, match=r"day\.session_times_h: .*40 minutes before"):
        from_dict({**day, "techniques": {"warmth": True, "warmth_timing": "before",
                                         "warmth_min": 40}})
    ok = from_dict({**day, "techniques": {"warmth": True, "warmth_timing": "before",
                                          "warmth_min": 10}})
    trace = simulate(ok)
    assert trace.day is not None and len(trace.sessions) == 3
