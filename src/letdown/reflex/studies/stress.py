"""Studies of stress: distraction, arithmetic and noise, adrenaline, fatigue."""

from __future__ import annotations

import math

from letdown.reflex.studies.common import (
    DAY_TIMES,
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
