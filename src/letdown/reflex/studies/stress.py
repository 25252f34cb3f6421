"""Studies of stress: distraction, arithmetic and noise, adrenaline, fatigue."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from letdown.reflex import engine
from letdown.reflex.dosing import dosed_schedule
from letdown.reflex.hormones import Course, course
from letdown.reflex.scenario import from_dict
from letdown.reflex.studies.common import (
    DAY_TIMES,
    SEED,
    N,
    Outcome,
    dist,
    feed,
    pct,
    ratio,
    registry,
    session,
    typical,
    within,
)
from letdown.reflex.studies.days import day_people, day_schedule, day_typical

CHECKS, study = registry()


@study("C16", "'blocked' (rabbit): >= 90% of the population eject to injected OT alone and "
       "<= 10% after adrenaline")
def c16() -> Outcome:
    ot = {"at_min": 1.5, "kind": "oxytocin_iv", "amount": 100}
    base = session("none", 5, events=[ot])
    blocked = session("none", 5, events=[{"at_min": 1, "kind": "adrenaline_iv", "amount": 3},
                                         ot])
    a = dist(base, "ejections").share(lambda v: v >= 1)
    b = dist(blocked, "ejections").share(lambda v: v >= 1)
    ta, tb = (float(typical(x).contraction.max()) for x in (base, blocked))
    return Outcome(f"peak contraction {ta:.2f} -> {tb:.2f} with adrenaline",
                   f"ejecting {100 * a:.0f}% without, {100 * b:.0f}% with adrenaline",
                   a >= 0.9 and b <= 0.1)


@study("C22", "population mean change of the day's milk within 10% at fatigue 7/10 "
       "(not predictive)")
def c22() -> Outcome:
    plain = day_schedule(DAY_TIMES)
    tired = day_schedule(DAY_TIMES, state={"fatigue": 7})
    change = ratio(day_people(tired), day_people(plain))
    t = day_typical(tired) / day_typical(plain) - 1
    return Outcome(f"{pct(t)} over 24 h at fatigue 7/10", f"tired / not: {change.text('.2f')}",
                   abs(change.mean - 1) < 0.10)


_LEFT = {"sides": "left"}
_DISTRACT = {"at_min": 0, "kind": "stress", "amount": 6, "duration_min": 10}


@study("N48", "ratio of population means: distracted 35-85%, distracted + oxytocin 75-115% "
       "of undisturbed")
def n48() -> Outcome:
    ref = feed(10, session=_LEFT)
    d = feed(10, session=_LEFT, events=[_DISTRACT])
    r = feed(10, session=_LEFT, events=[_DISTRACT, {"at_min": 0.5, "kind": "oxytocin_iv",
                                                    "amount": 100}])
    m = {k: dist(x, "volume_ml").mean for k, x in (("ref", ref), ("d", d), ("r", r))}
    t = {k: typical(x).metrics.volume_ml for k, x in (("ref", ref), ("d", d), ("r", r))}
    return Outcome(f"distracted {t['d'] / t['ref']:.0%}, + oxytocin {t['r'] / t['ref']:.0%}",
                   f"means: distracted {m['d'] / m['ref']:.0%}, + oxytocin "
                   f"{m['r'] / m['ref']:.0%} of undisturbed",
                   within(m["d"] / m["ref"], 0.35, 0.85) and within(m["r"] / m["ref"], 0.75, 1.15))


def _ratio_ci() -> tuple[float, float]:
    """95% CI of (stressed / control) pulses from the published means and SDs (n about 7)."""
    n = 7
    r = 1.28 / 2.25
    rel = math.hypot(0.76 / math.sqrt(n) / 1.28, 0.71 / math.sqrt(n) / 2.25)
    return r * math.exp(-1.96 * rel), r * math.exp(1.96 * rel)


@study("UED94-STRESS", "ratio of population mean pulses (arithmetic / control) inside the 95% "
       "CI of 1.28/2.25 (0.35-0.94); milk kept better than pulses (yield did not differ)")
def ued94_stress() -> Outcome:
    ctrl = feed(20)
    stressed = feed(20, events=[{"at_min": 0, "kind": "stress", "amount": 6,
                                 "duration_min": 20}])
    pulses = dist(stressed, "ot_pulses").mean / dist(ctrl, "ot_pulses").mean
    milk = dist(stressed, "volume_ml").mean / dist(ctrl, "volume_ml").mean
    tc, ts = typical(ctrl).metrics, typical(stressed).metrics
    lo, hi = _ratio_ci()
    return Outcome(f"pulses {ts.ot_pulses} vs {tc.ot_pulses}, milk "
                   f"{pct(ts.volume_ml / tc.volume_ml - 1)}",
                   f"mean pulses x{pulses:.2f}, mean milk x{milk:.2f}",
                   within(pulses, lo, hi) and milk > pulses)


def _hormones(d: dict[str, Any], n: int | None = N) -> Course:
    """Stress hormones through scenario ``d``: the study's ``N`` people (``SEED``), or the
    typical person when ``n`` is None."""
    scenario = from_dict(d)
    rng = None if n is None else np.random.default_rng(SEED)
    _k, p, _cue, _rest = engine._setup(scenario, 1 if n is None else n, rng)
    return course(p, dosed_schedule(scenario))


def _cortisol_response(c: Course, at_s: float) -> np.ndarray:
    """Each person's rise of cortisol from 1 min before a stressor to its highest after."""
    _, before = c.at(at_s - 60.0)
    _, peak = c.peak_after(at_s)
    return np.asarray(peak - before, dtype=float)


#: the Trier Social Stress Test: about 15 min of anticipation, a speech and mental arithmetic
#: in front of an audience, scored like the arithmetic of UED94 (stress 6/10)
_TSST_AT = 30.0
_TSST = {"at_min": _TSST_AT, "kind": "stress", "amount": 6, "duration_min": 15}


@study("HEI01-TSST", "directions only (no sizes in the abstract): population mean cortisol "
       "response to the stressor smaller after breastfeeding than after holding the infant, "
       "and adrenaline rising with the stressor in at least 95% of both groups")
def hei01_tsst() -> Outcome:
    """Breastfeed or hold the infant (the baby near, no suckling) for 15 min from 0, a TSST
    from 30 min, observed to 75 min."""
    watch = {"duration_min": 15, "observe_min": 60}
    fed = feed(events=[_TSST], session=watch)
    held = session("none", events=[_TSST], session=watch, techniques={"near_baby": True})
    at = _TSST_AT * 60.0
    rf, rh = (_cortisol_response(_hormones(d), at) for d in (fed, held))
    tf, th = (float(_cortisol_response(_hormones(d, None), at)[0]) for d in (fed, held))
    rises = []
    for d in (fed, held):
        c = _hormones(d)
        before, _ = c.at(at - 60.0)
        peak, _ = c.peak_after(at)
        rises.append(float(np.mean(peak > before)))
    return Outcome(f"cortisol response {tf:+.0f} nmol/L after breastfeeding, {th:+.0f} after "
                   "holding",
                   f"mean cortisol response {rf.mean():+.0f} vs {rh.mean():+.0f} nmol/L; "
                   f"adrenaline rose in {min(rises):.0%}",
                   bool(rf.mean() < rh.mean() and min(rises) >= 0.95))


#: graded treadmill exercise: 15 min rising effort, then 5 min at 90% of maximal oxygen
#: uptake, as a strong sympathetic stressor (the model has no exercise input of its own)
_EXERCISE_AT = 30.0
_EXERCISE: list[dict[str, Any]] = [
    {"at_min": _EXERCISE_AT, "kind": "stress", "amount": 5, "duration_min": 15},
    {"at_min": _EXERCISE_AT + 15, "kind": "stress", "amount": 10, "duration_min": 5}]


@study("ALT95-EXERCISE", "direction (published P < 0.05): the lactating group's population "
       "mean cortisol response to exercise below the non-lactating group's; the lactating "
       "women are assumed to have fed in the hour before (the abstract does not say)")
def alt95_exercise() -> Outcome:
    """Lactating: a 15-min breastfeed from 0, exercise from 30 min; non-lactating: no
    suckling. Also shown: lactating women whose last feed was over an hour before (the
    model then predicts no blunting, as Altemus 2001 found for a psychosocial stressor)."""
    watch = {"duration_min": 15, "observe_min": 60}
    fed = feed(events=_EXERCISE, session=watch)
    dry = session("none", events=_EXERCISE, session=watch)
    at = _EXERCISE_AT * 60.0
    rf, rd = (_cortisol_response(_hormones(d), at) for d in (fed, dry))
    tf, td = (float(_cortisol_response(_hormones(d, None), at)[0]) for d in (fed, dry))
    late = [{**e, "at_min": _EXERCISE_AT + 60 + 15 * i} for i, e in enumerate(_EXERCISE)]
    rl = _cortisol_response(_hormones(feed(events=late, session={
        "duration_min": 15, "observe_min": 120})), at + 3600.0)
    return Outcome(f"cortisol response {tf:+.0f} nmol/L lactating (fed 15 min before), "
                   f"{td:+.0f} non-lactating",
                   f"mean cortisol response {rf.mean():+.0f} vs {rd.mean():+.0f} nmol/L "
                   f"(lactating women fed 75 min before: {rl.mean():+.0f})",
                   bool(rf.mean() < rd.mean()))
