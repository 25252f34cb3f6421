"""Studies over days and weeks: drugs on prolactin, pumping from birth, hand expression.

Why a separate module: these run the day-scale supply model (``week.simulate_week``) for a
virtual group rather than one session. Each run is a schedule (days, sessions a day, the
session, drugs), simulated once for ``N_DAYS`` people from the shared seed (the same people
in every arm) and cached, so a second calibration in the same process costs nothing.
What each study assumes beyond what the paper printed is said in its tolerance or result.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np

from letdown.reflex.params import PARAMS
from letdown.reflex.studies.common import (
    SEED,
    Dist,
    Outcome,
    diff_ci,
    pct,
    ratio,
    registry,
    sd_from_sem,
    within,
)
from letdown.reflex.supply import SUPPLY_PARAMS, DaysResult

CHECKS, study = registry()

#: people in each day-long population run (a week of sessions costs a few session runs)
N_DAYS = 500


def _key(d: dict[str, Any]) -> str:
    params = [(k, p.value, repr(p.spread)) for k, p in PARAMS.items()]
    params += [(k, p.value, repr(p.spread)) for k, p in SUPPLY_PARAMS.items()]
    return json.dumps([d, params], sort_keys=True)


@cache
def _week(key: str, typical: bool) -> DaysResult:
    from letdown.reflex.schedule import from_dict
    from letdown.reflex.week import simulate_week

    return simulate_week(from_dict(json.loads(key)[0]), None if typical else N_DAYS, SEED)


def week(d: dict[str, Any]) -> DaysResult:
    """The ``N_DAYS`` people through schedule ``d`` (cached)."""
    return _week(_key(d), False)


def week_typical(d: dict[str, Any]) -> DaysResult:
    """The typical person through schedule ``d`` (cached)."""
    return _week(_key(d), True)


def clear_cache() -> None:
    _week.cache_clear()


def schedule(days: int, start_day: float, per_day: int, kind: str = "pump",
             minutes: float = 15.0, drugs: list[dict[str, Any]] | None = None,
             ) -> dict[str, Any]:
    return {"days": days, "start_day": start_day, "sessions_per_day": per_day,
            "session": {"kind": kind, "duration_min": minutes}, "drugs": drugs or []}


def _drug(name: str, mg: float) -> list[dict[str, Any]]:
    return [{"name": name, "mg_per_day": mg}]


def _last(r: DaysResult) -> np.ndarray:
    v: np.ndarray = r.volume[-1]
    return v


def _typ_last(d: dict[str, Any]) -> float:
    return float(week_typical(d).volume[-1][0])


# --- dopamine antagonists -------------------------------------------------------------

#: KAU81: women with too little milk in the puerperium, 2 weeks; 8 breastfeeds a day assumed
_KAU_FEEDS = 8


def _kau(drugs: list[dict[str, Any]]) -> dict[str, Any]:
    return schedule(14, 7.0, _KAU_FEEDS, kind="breastfeed", drugs=drugs)


def _per_feed_gain(mg: float) -> tuple[Dist, float]:
    base, drug = _kau([]), _kau(_drug("metoclopramide", mg))
    gain = Dist((_last(week(drug)) - _last(week(base))) / _KAU_FEEDS)
    return gain, (_typ_last(drug) - _typ_last(base)) / _KAU_FEEDS


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
    base, drug = week(_das([])), week(_das(_drug("domperidone", 30.0)))
    d_rel = ratio(drug.volume[-1], drug.volume[0]).ok - ratio(base.volume[-1], base.volume[0]).ok
    diff = Dist(100.0 * d_rel)
    tb, td = week_typical(_das([])), week_typical(_das(_drug("domperidone", 30.0)))
    t = 100.0 * (td.volume[-1][0] / td.volume[0][0] - tb.volume[-1][0] / tb.volume[0][0])
    sd_d, sd_p = 100 * 29.4 / (49.5 / 0.445), 100 * 39.5 / (8.0 / 0.166)
    lo, hi = diff_ci(16.6, sd_p, 8, 44.5, sd_d, 8)
    return Outcome(f"{t:+.1f} points (domperidone vs placebo change)",
                   f"difference of relative change {diff.text('.1f', 'points')}",
                   within(diff.mean, lo, hi))


#: WAN08: preterm pumping, crossover 30 vs 60 mg/day; arm length not in the abstract read:
#: 14 days each assumed, 8 pumps a day assumed
def _wan(mg: float) -> dict[str, Any]:
    return schedule(14, 21.0, 8, drugs=_drug("domperidone", mg) if mg else [])


@study("WAN08-DOMP", "responders' within-subject change vs run-in within the 95% interval "
       "from the published SEMs (n = 4 responders): 30 mg +59% to +284%; 60 mg vs 30 mg "
       "-39% to +88%")
def wan08() -> Outcome:
    r0, r30, r60 = (_last(week(_wan(mg))) for mg in (0.0, 30.0, 60.0))
    up30, up60 = ratio(r30, r0), ratio(r60, r30)
    s0, s30, s60 = (sd_from_sem(x, 4) for x in (3.1, 3.9, 6.6))
    lo1, hi1 = diff_ci(8.7, s0, 4, 23.6, s30, 4)
    lo2, hi2 = diff_ci(23.6, s30, 4, 29.4, s60, 4)
    t0, t30, t60 = (_typ_last(_wan(mg)) for mg in (0.0, 30.0, 60.0))
    ok = (within(up30.mean - 1.0, lo1 / 8.7, hi1 / 8.7)
          and within(up60.mean - 1.0, lo2 / 23.6, hi2 / 23.6))
    return Outcome(f"30 mg {pct(t30 / t0 - 1)} vs none, 60 mg {pct(t60 / t30 - 1)} vs 30 mg",
                   f"30 mg vs none: ratio {up30.text('.2f')}; 60 vs 30 mg: ratio "
                   f"{up60.text('.2f')}", ok)


# --- supply from birth ----------------------------------------------------------------

#: HOP88: pump-dependent mothers from birth; how often each pumped is not in the abstract
#: read: the group is a mix of 4, 5, 6 and 7 pumps a day (equal shares) assumed; the model
#: has no preterm birth (term lactation stage)
_HOP_FREQ = (4, 5, 6, 7)


@study("HOP88-PRETERM", "group mean daily volume within the 95% interval of the published "
       "mean (n = 32): week 2 (day 14) 379-607 mL/d, week 4 (day 28) 478-734 mL/d")
def hop88() -> Outcome:
    runs = [week(schedule(28, 0.0, f)) for f in _HOP_FREQ]
    w2 = Dist(np.concatenate([r.volume[13] for r in runs]))
    w4 = Dist(np.concatenate([r.volume[27] for r in runs]))
    typ = [week_typical(schedule(28, 0.0, f)) for f in _HOP_FREQ]
    t2 = float(np.mean([r.volume[13][0] for r in typ]))
    t4 = float(np.mean([r.volume[27][0] for r in typ]))
    return Outcome(f"{t2:.0f} mL/d at 2 weeks, {t4:.0f} mL/d at 4 weeks",
                   f"week 2 {w2.text('.0f', 'mL/d')}; week 4 {w4.text('.0f', 'mL/d')}",
                   within(w2.mean, 379, 607) and within(w4.mean, 478, 734))


#: IOM91: a pump after each feed over days; a schedule has one session kind a day, so feeds
#: are pump sessions and "after a feed" is a second pump 30 min after each (8 a day, 14
#: days from day 21)
_IOM_TIMES = [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 18.0, 21.0]


def _iom(extra: bool) -> dict[str, Any]:
    times = sorted(_IOM_TIMES + [t + 0.5 for t in _IOM_TIMES]) if extra else _IOM_TIMES
    return {"days": 14, "start_day": 21.0, "times_h": times,
            "session": {"kind": "pump", "duration_min": 15}}


@study("IOM91-MAX", "median rise in production with an extra pump after each feed, after "
       "2 weeks, within the published range +15% to +40%")
def iom91() -> Outcome:
    rise = ratio(week(_iom(True)).synthesised[-1], week(_iom(False)).synthesised[-1])
    t = (week_typical(_iom(True)).synthesised[-1][0]
         / week_typical(_iom(False)).synthesised[-1][0])
    return Outcome(f"production {pct(t - 1)}", f"ratio {rise.text('.2f')}",
                   within(rise.median - 1.0, 0.15, 0.40))


# --- hand expression ------------------------------------------------------------------

def _fla(kind: str) -> dict[str, Any]:
    return {"days": 1, "start_day": 1.0, "times_h": [0.0],
            "session": {"kind": kind, "duration_min": 15}}


@study("FLA12-HAND", "each arm's population median within the published range (hand "
       "0-5 mL, pump 0-40 mL) and the two medians no more than 1 mL apart (published "
       "0.5 vs 1 mL, p = 0.07): one 15-minute session 24 h after birth")
def fla12() -> Outcome:
    hand, pmp = Dist(week(_fla("hand")).volume[0]), Dist(week(_fla("pump")).volume[0])
    th, tp = (float(week_typical(_fla(k)).volume[0][0]) for k in ("hand", "pump"))
    ok = (within(hand.median, 0, 5) and within(pmp.median, 0, 40)
          and abs(hand.median - pmp.median) <= 1.0)
    return Outcome(f"hand {th:.1f} mL, pump {tp:.1f} mL",
                   f"hand {hand.text('.1f', 'mL')}; pump {pmp.text('.1f', 'mL')}", ok)
