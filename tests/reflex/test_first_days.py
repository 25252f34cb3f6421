"""The first days after birth: colostrum removed without an ejection, and an oxytocin reflex
that is not yet reliable.

What a parent would notice: in the first days a baby (or a pump) gets the few mL of
colostrum out even at feeds where no let-down happens (Lucas, Drewett & Mitchell. BMJ
1980;281:834-5: no oxytocin response to a feed in 3 of 10 first-week mothers, and the start
of lactation did not depend on it); in the first week some feeds bring no oxytocin surge
(C10, training; Nissen et al. Early Hum Dev 1996;45:103-18: 0-5 pulses on day 2), and by
a month every feed does (JOH86-OT, McNeilly et al. BMJ 1983;286:257-9).
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from typing import Any

import numpy as np

from letdown.reflex import sessions
from letdown.reflex.engine import simulate, simulate_population
from letdown.reflex.people import reflex_maturing
from letdown.reflex.scenario import Scenario
from letdown.reflex.schedule import from_dict
from letdown.reflex.supply import DaysResult
from letdown.reflex.week import reflex_stages, session_scenario, simulate_week


@functools.lru_cache(maxsize=8)
def _run(data: str, n: int | None) -> DaysResult:
    return simulate_week(from_dict(json.loads(data)), n, seed=5)


def run(n: int | None = None, **data: Any) -> DaysResult:
    base = {"start_day": 0, "sessions_per_day": 8,
            "session": {"kind": "breastfeed", "duration_min": 15}}
    return _run(json.dumps({**base, **data}, sort_keys=True), n)


def feed(weeks: float) -> Scenario:
    return Scenario.model_validate({
        "parent": {"weeks_postpartum": weeks},
        "session": {"kind": "breastfeed", "duration_min": 10, "sides": "left"}})


def test_colostrum_comes_out_at_every_feed_of_the_first_day() -> None:
    """Lucas et al. 1980 (the start of lactation did not depend on oxytocin release): on
    the first day a feed takes nearly all of the few mL of colostrum in the breast, for
    nearly everyone, whether or not the feed brings a let-down. Before, the share was read
    from a breast 8% full (17 mL), which only an ejection empties: a median 76% and 56% for
    the lowest twentieth of people."""
    r = run(200, days=2)
    share = r.share_removed[0]
    assert np.percentile(share, 5) >= 90.0
    assert np.median(share) >= 95.0


def test_without_a_let_down_a_few_ml_come_out_but_a_full_breast_keeps_its_milk() -> None:
    """model-notes and Ramsay et al. J Anat 2005;206:525-34 (the ducts hold little milk):
    with no ejection at all, a feed takes most of 3 mL of colostrum (it sits in the ducts
    behind the nipple) but under a fifth of a breast holding 100 mL. The share that does
    not need an ejection falls as the milk comes in."""
    schedule = from_dict({"days": 1, "start_day": 1,
                          "session": {"kind": "breastfeed", "duration_min": 15}})
    r = sessions.runner(session_scenario(schedule, schedule.day_sessions(1)[0][1]), 50, 3)
    silent = replace(r, p=replace(r.p, drive_aff=0.0 * r.p.drive_aff))
    few = silent.removed(np.full((2, 50), 3.0)) / 3.0
    full = silent.removed(np.full((2, 50), 100.0)) / 100.0
    assert np.median(few) > 0.8
    assert np.median(full) < 0.2


def test_some_first_week_feeds_bring_no_oxytocin_surge_and_a_month_later_all_do() -> None:
    """C10 (training: no oxytocin response in 3 of 10 first-week mothers, 95% CI 7-65%);
    JOH86-OT and McNeilly 1983 (a rise with every feed in established lactation). The
    typical person responds in the first week too."""
    first = simulate_population(feed(0.5), 400, seed=2)["ot_pulses"]
    month = simulate_population(feed(4.0), 400, seed=2)["ot_pulses"]
    none_first = float(np.mean(first == 0))
    assert 0.07 <= none_first <= 0.65
    assert float(np.mean(month == 0)) < 0.02
    assert simulate(feed(0.5)).metrics.ot_pulses > 0


def test_the_reflex_matures_over_the_first_two_weeks_only() -> None:
    """Lucas et al. 1980 (as unreliable on days 5-7 as on days 1-3); from 6 weeks on the
    deficit is exactly gone, so established-lactation scenarios are unchanged."""
    assert reflex_maturing(0.0) > 0.95
    assert reflex_maturing(1.0) == 0.5
    assert reflex_maturing(2.0) < 0.01
    assert reflex_maturing(6.0) == 0.0


def test_a_schedule_from_birth_uses_the_maturing_reflex_and_a_later_one_does_not() -> None:
    """A session on day 20 of a schedule that started at birth removes milk as an
    established session does, not as on day 0 (the removal tables follow the reflex over
    the first two weeks); a schedule starting at two weeks needs one stage."""
    assert len(reflex_stages(from_dict({"days": 28, "start_day": 0}))) == 3
    assert len(reflex_stages(from_dict({"days": 7, "start_day": 14}))) == 1
    from_birth = run(days=21)
    later = run(days=2, start_day=19)
    # the typical person's share removed on day 20 is the same whichever day the
    # schedule started (the milk stored differs, so only within a few points)
    assert abs(from_birth.share_removed[19, 0] - later.share_removed[0, 0]) < 8.0


def test_an_empty_breast_never_holds_negative_milk() -> None:
    """A feed from an empty breast removes only what is made during the feed: the milk in
    the breast never goes below zero (before, the ducts' resting fill was taken from
    alveoli that held nothing, and 3 mL of milk that did not exist was removed)."""
    s = Scenario.model_validate({"parent": {"fullness": 0.0, "weeks_postpartum": 0.3},
                                 "session": {"kind": "breastfeed", "duration_min": 15}})
    tr = simulate(s)
    assert float(np.min(tr.stored)) >= -1e-9
    # at most what two empty breasts make in 15 min (synthesis_max 20 mL/h each)
    assert tr.metrics.volume_ml <= 2 * 20.0 * 0.25
