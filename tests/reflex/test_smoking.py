"""Smoking acts through nicotine's dose: lower basal prolactin and a raised sympathetic
tone. Issue 12: the effect stopped growing at 15 cigarettes/day (capped near -6%).

The 24-hour studies conflict (VIO91: -28% at about 6/day; HOP92: lower and falling in
pumping mothers; a third found none at 7/day); the model shows a dose dependence that a
day can carry and does not claim the larger long-term effects."""

from __future__ import annotations

from letdown.reflex import simulate
from letdown.reflex.scenario import from_dict


def _day(cigarettes: float) -> float:
    tr = simulate(from_dict({
        "session": {"kind": "breastfeed", "duration_min": 15},
        "state": {"cigarettes_per_day": cigarettes},
        "day": {"session_times_h": [0, 3, 6, 9, 12, 15, 18, 21]},
    }))
    assert tr.day is not None
    return tr.day["volume_ml"]


def test_heavier_smoking_keeps_lowering_the_days_milk() -> None:
    none, light, heavy, very_heavy = _day(0), _day(6), _day(15), _day(40)
    assert none > light > heavy
    assert very_heavy < 0.99 * heavy, (heavy, very_heavy)
    assert very_heavy < 0.93 * none
