"""Studies of drugs on prolactin over days and weeks: dopamine antagonists (domperidone,
metoclopramide) in trials of mothers with too little milk.

Why a separate module: these run the day-scale supply model for a virtual group rather
than one session (the cached runs are in ``days``). Each is a schedule (days, sessions a
day, the session, drugs); what each study assumes beyond what the paper printed is said in
its tolerance or its docstring.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from letdown.reflex.studies.common import (
    Dist,
    Outcome,
    diff_ci,
    pct,
    ratio,
    registry,
    sd_from_sem,
    within,
)
from letdown.reflex.studies.days import (
    daily,
    last_day,
    schedule,
    typical_last_day,
    week,
    week_typical,
)

CHECKS, study = registry()


# --- dopamine antagonists -------------------------------------------------------------

#: KAU81: women with too little milk in the puerperium, 2 weeks; 8 breastfeeds a day assumed
_KAU_FEEDS = 8


def _kau(drugs: list[dict[str, Any]]) -> dict[str, Any]:
    return schedule(14, 7.0, _KAU_FEEDS, kind="breastfeed", drugs=drugs)


def _per_feed_gain(mg: float) -> tuple[Dist, float]:
    base, drug = _kau([]), _kau(daily("metoclopramide", mg))
    gain = Dist((last_day(week(drug)) - last_day(week(base))) / _KAU_FEEDS)
    return gain, (typical_last_day(drug) - typical_last_day(base)) / _KAU_FEEDS


@study("KAU81-METO", "mean gain per feed after 2 weeks vs placebo (same people) within the "
       "published mean +/- 1 SD: 30 mg/day 7.8-77.2 mL, 45 mg/day 14.1-85.9 mL; 15 mg/day "
       "below the 30 mg band's lower edge (7.8 mL: 'raised neither prolactin nor milk')")
def kau81() -> Outcome:
    g15, t15 = _per_feed_gain(15.0)
    g30, t30 = _per_feed_gain(30.0)
    g45, t45 = _per_feed_gain(45.0)
    ok = (g15.mean < 7.8 and within(g30.mean, 7.8, 77.2) and within(g45.mean, 14.1, 85.9))
    return Outcome(
        f"+{t15:.1f} / +{t30:.1f} / +{t45:.1f} mL per feed at 15 / 30 / 45 mg a day",
        f"15 mg: {g15.text('.1f', 'mL')}; 30 mg: {g30.text('.1f', 'mL')}; "
        f"45 mg: {g45.text('.1f', 'mL')}", ok)


#: DAS01: pump-dependent mothers of preterm infants, 7 days; the dose is not in the abstract
#: read: 30 mg a day (10 mg three times a day, the usual dose) assumed; 7 pumps a day assumed
def _das(drugs: list[dict[str, Any]]) -> dict[str, Any]:
    return schedule(7, 21.0, 7, drugs=drugs)


@study("DAS01-DOMP", "between-group difference of the relative change over 7 days "
       "(+44.5% vs +16.6%, i.e. +27.9 points) within its 95% interval from the published "
       "SDs taken relative to each group's baseline (8 per arm assumed): -32 to +88 points")
def das01() -> Outcome:
    base, drug = week(_das([])), week(_das(daily("domperidone", 30.0)))
    d_rel = ratio(drug.volume[-1], drug.volume[0]).ok - ratio(base.volume[-1], base.volume[0]).ok
    diff = Dist(100.0 * d_rel)
    tb, td = week_typical(_das([])), week_typical(_das(daily("domperidone", 30.0)))
    t = 100.0 * (td.volume[-1][0] / td.volume[0][0] - tb.volume[-1][0] / tb.volume[0][0])
    sd_d, sd_p = 100 * 29.4 / (49.5 / 0.445), 100 * 39.5 / (8.0 / 0.166)
    lo, hi = diff_ci(16.6, sd_p, 8, 44.5, sd_d, 8)
    return Outcome(f"{t:+.1f} points (domperidone vs placebo change)",
                   f"difference of relative change {diff.text('.1f', 'points')}",
                   within(diff.mean, lo, hi))


#: WAN08: preterm pumping, crossover 30 vs 60 mg/day; arm length not in the abstract read:
#: 14 days each assumed, 8 pumps a day assumed
def _wan(mg: float) -> dict[str, Any]:
    return schedule(14, 21.0, 8, drugs=daily("domperidone", mg) if mg else [])


@study("WAN08-DOMP", "responders' within-subject change vs run-in within the 95% interval "
       "from the published SEMs (n = 4 responders): 30 mg +59% to +284%; 60 mg vs 30 mg "
       "-39% to +88%")
def wan08() -> Outcome:
    r0, r30, r60 = (last_day(week(_wan(mg))) for mg in (0.0, 30.0, 60.0))
    up30, up60 = ratio(r30, r0), ratio(r60, r30)
    s0, s30, s60 = (sd_from_sem(x, 4) for x in (3.1, 3.9, 6.6))
    lo1, hi1 = diff_ci(8.7, s0, 4, 23.6, s30, 4)
    lo2, hi2 = diff_ci(23.6, s30, 4, 29.4, s60, 4)
    t0, t30, t60 = (typical_last_day(_wan(mg)) for mg in (0.0, 30.0, 60.0))
    ok = (within(up30.mean - 1.0, lo1 / 8.7, hi1 / 8.7)
          and within(up60.mean - 1.0, lo2 / 23.6, hi2 / 23.6))
    return Outcome(f"30 mg {pct(t30 / t0 - 1)} vs none, 60 mg {pct(t60 / t30 - 1)} vs 30 mg",
                   f"30 mg vs none: ratio {up30.text('.2f')}; 60 vs 30 mg: ratio "
                   f"{up60.text('.2f')}", ok)


# --- domperidone over weeks: the share reaching a 50% rise ----------------------------

def _share_up(after: np.ndarray, before: np.ndarray, by: float = 0.5) -> float:
    return ratio(after, before).share(lambda r: r >= 1.0 + by)


def _asz(drugs: list[dict[str, Any]]) -> dict[str, Any]:
    """ASZ17/ASZ19: pump-dependent mothers of preterm infants from about day 21 (the trial
    enrolled at 3-5 weeks); 7 pumps a day assumed."""
    return schedule(28, 21.0, 7, drugs=drugs)


@study("ASZ17-DOMP", "share with a 50% rise by day 14 within the exact 95% interval of each "
       "published proportion (n = 45 per arm): domperidone 35/45 -> 63-89%, placebo "
       "26/45 -> 42-72%")
def asz17() -> Outcome:
    from letdown.reflex.studies.common import binomial_ci

    d = week(_asz([{"name": "domperidone", "mg_per_day": 30.0, "to_day": 28}]))
    p = week(_asz([]))
    sd_, sp_ = _share_up(d.volume[13], d.volume[0]), _share_up(p.volume[13], p.volume[0])
    td = week_typical(_asz([{"name": "domperidone", "mg_per_day": 30.0}]))
    tp = week_typical(_asz([]))
    t = (td.volume[13][0] / td.volume[0][0] - 1, tp.volume[13][0] / tp.volume[0][0] - 1)
    (dl, dh), (pl, ph) = binomial_ci(35, 45), binomial_ci(26, 45)
    return Outcome(f"rise by day 14: domperidone {pct(t[0])}, placebo {pct(t[1])}",
                   f"reached +50%: domperidone {100 * sd_:.0f}%, placebo {100 * sp_:.0f}%",
                   within(sd_, dl, dh) and within(sp_, pl, ph))


@study("ASZ19-DOMP", "share with a 50% rise over each 14-day course within the exact 95% "
       "interval of each published proportion: started day 1 (35/45) 63-89%, started day "
       "15 (25/38) 49-80%")
def asz19() -> Outcome:
    from letdown.reflex.studies.common import binomial_ci

    early = _asz([{"name": "domperidone", "mg_per_day": 30.0, "from_day": 1, "to_day": 14}])
    late = _asz([{"name": "domperidone", "mg_per_day": 30.0, "from_day": 15, "to_day": 28}])
    e, lt = week(early), week(late)
    se, sl = _share_up(e.volume[13], e.volume[0]), _share_up(lt.volume[27], lt.volume[14])
    te, tl = week_typical(early), week_typical(late)
    t = (te.volume[13][0] / te.volume[0][0] - 1, tl.volume[27][0] / tl.volume[14][0] - 1)
    (el, eh), (ll, lh) = binomial_ci(35, 45), binomial_ci(25, 38)
    return Outcome(f"rise over the course: early {pct(t[0])}, late {pct(t[1])}",
                   f"reached +50%: early {100 * se:.0f}%, late {100 * sl:.0f}%",
                   within(se, el, eh) and within(sl, ll, lh))


def _gez(drugs: list[dict[str, Any]]) -> dict[str, Any]:
    """GEZ83: from the first day after birth for 8 days; 8 breastfeeds a day assumed."""
    return schedule(8, 1.0, 8, kind="breastfeed", drugs=drugs)


@study("GEZ83-METO", "population mean of the within-person ratio of 8-day yield, "
       "metoclopramide 30 mg a day vs none, +25% to +75% (published 'ca. 50% greater', "
       "no spread printed: +/- half the effect)")
def gez83() -> Outcome:
    meto = daily("metoclopramide", 30.0)
    r = ratio(week(_gez(meto)).volume.sum(axis=0), week(_gez([])).volume.sum(axis=0))
    t = week_typical(_gez(meto)).volume.sum() / week_typical(_gez([])).volume.sum()
    return Outcome(f"8-day yield {pct(t - 1)}", f"ratio {r.text('.2f')}",
                   within(r.mean - 1.0, 0.25, 0.75))
