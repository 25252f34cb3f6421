"""Studies of drugs on prolactin over days and weeks: dopamine antagonists (domperidone,
metoclopramide) in trials of mothers with too little milk.

Why a separate module: these run the day-scale supply model for a virtual group rather
than one session (the cached runs are in ``days``). Each is a schedule (days, sessions a
day, the session, drugs); what each study assumes beyond what the paper printed is said in
its tolerance or its docstring.

Trials enrol by criteria, so their virtual participants do too (``enrol``): every virtual
mother is followed from birth on the trial's kind of session, and those whose milk on the
enrolment day is below the trial's criterion are the ones compared. The same people run
through every arm (one seed), so the arms differ only by the drug.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from letdown.reflex.studies.common import (
    Dist,
    Outcome,
    binomial_ci,
    diff_ci,
    pct,
    ratio,
    registry,
    sd_from_sem,
    within,
)
from letdown.reflex.studies.days import schedule, week, week_typical
from letdown.reflex.supply import DaysResult

CHECKS, study = registry()

#: "too little milk" at enrolment: below 500 mL a day, the volume usually set as the target
#: for a mother pumping for a preterm infant by the end of the second week (Hill, Aldag &
#: Chatterton, J Hum Lact 2005;21:22-30; Meier et al. 2016: 500 mL a day by day 14); the
#: term trials' mothers were giving supplements (KAU81-METO; Kauppila et al. 1985: 285
#: mL a day in established deficiency; Kauppila et al. 1981: 433 mL a day)
LOW_SUPPLY_ML = 500.0


def enrol(result: DaysResult, day: int, below_ml: float = LOW_SUPPLY_ML) -> np.ndarray:
    """Indices of the virtual mothers a trial would enrol: milk removed on schedule day
    ``day`` (day 1 first) below ``below_ml`` mL. Read it on an arm in which no drug has
    been given yet (every arm holds the same people, so the indices apply to all)."""
    if not 1 <= day <= result.volume.shape[0]:
        raise ValueError(f"day must be within the schedule (1-{result.volume.shape[0]})")
    picked: np.ndarray = np.flatnonzero(result.volume[day - 1] < below_ml)
    return picked


def _from_birth(days: int, per_day: int, drugs: list[dict[str, Any]] | None = None,
                kind: str = "pump") -> dict[str, Any]:
    """A schedule from the first day after birth (the supply each mother brings to the
    trial is her own, built up by her sessions since birth)."""
    return schedule(days, 1.0, per_day, kind=kind, drugs=drugs)


def _course(name: str, mg: float, first: int, last: int | None = None) -> list[dict[str, Any]]:
    d: dict[str, Any] = {"name": name, "mg_per_day": mg, "from_day": first}
    if last is not None:
        d["to_day"] = last
    return [d]


# --- metoclopramide -------------------------------------------------------------------

#: KAU81: puerperal women with too little milk, 2 weeks of each dose; 8 breastfeeds a day
#: assumed; enrolled on day 10 after birth (the puerperium: "unrelated to the phase of the
#: puerperium during which treatment was started")
_KAU_FEEDS, _KAU_ENTRY, _KAU_DAYS = 8, 10, 14


def _kau(mg: float) -> dict[str, Any]:
    drugs = _course("metoclopramide", mg, _KAU_ENTRY + 1) if mg else []
    return _from_birth(_KAU_ENTRY + _KAU_DAYS, _KAU_FEEDS, drugs, kind="breastfeed")


def _per_feed_gain(mg: float, idx: np.ndarray) -> tuple[Dist, float]:
    base, drug = week(_kau(0.0)), week(_kau(mg))
    gain = Dist((drug.volume[-1][idx] - base.volume[-1][idx]) / _KAU_FEEDS)
    typ = (week_typical(_kau(mg)).volume[-1][0] - week_typical(_kau(0.0)).volume[-1][0])
    return gain, typ / _KAU_FEEDS


@study("KAU81-METO", "mean gain per feed after 2 weeks vs placebo (same people, enrolled "
       "with under 500 mL a day on day 10) within the published mean +/- 1 SD: 30 mg/day "
       "7.8-77.2 mL, 45 mg/day 14.1-85.9 mL; 15 mg/day below the 30 mg band's lower edge "
       "(7.8 mL: 'raised neither prolactin nor milk')")
def kau81() -> Outcome:
    idx = enrol(week(_kau(0.0)), _KAU_ENTRY)
    (g15, t15), (g30, t30), (g45, t45) = (_per_feed_gain(mg, idx) for mg in (15.0, 30.0, 45.0))
    ok = (g15.mean < 7.8 and within(g30.mean, 7.8, 77.2) and within(g45.mean, 14.1, 85.9))
    return Outcome(
        f"+{t15:.1f} / +{t30:.1f} / +{t45:.1f} mL per feed at 15 / 30 / 45 mg a day "
        "(not enrolled: ample milk)",
        f"{idx.size} enrolled of {week(_kau(0.0)).volume.shape[1]}; 15 mg: "
        f"{g15.text('.1f', 'mL')}; 30 mg: {g30.text('.1f', 'mL')}; 45 mg: "
        f"{g45.text('.1f', 'mL')}", ok)


def _gez(drugs: list[dict[str, Any]]) -> dict[str, Any]:
    """GEZ83: from the first day after birth for 8 days; 8 breastfeeds a day assumed;
    primiparous mothers, not selected by supply."""
    return _from_birth(8, 8, drugs, kind="breastfeed")


@study("GEZ83-METO", "ratio of the two groups' mean 8-day yields (the paper compares the "
       "groups' total yield), metoclopramide 30 mg a day vs none, +25% to +75% (published "
       "'ca. 50% greater', no spread printed: +/- half the effect)")
def gez83() -> Outcome:
    meto = _course("metoclopramide", 30.0, 1)
    drug, none = week(_gez(meto)).volume.sum(axis=0), week(_gez([])).volume.sum(axis=0)
    # the same people in both arms: the within-person ratios, shown for their spread
    r = ratio(drug, none)
    groups = float(drug.mean() / none.mean())
    t = week_typical(_gez(meto)).volume.sum() / week_typical(_gez([])).volume.sum()
    return Outcome(f"8-day yield {pct(t - 1)}",
                   f"ratio of group means {groups:.2f}; within-person {r.text('.2f')}",
                   within(groups - 1.0, 0.25, 0.75))


# --- domperidone in mothers pumping for preterm infants --------------------------------

#: DAS01: pump-dependent mothers of preterm infants with low supply, 7 days; the dose is
#: not in the abstract read: 30 mg a day (10 mg three times a day, the usual dose) assumed;
#: 7 pumps a day and entry on day 21 assumed
_DAS_ENTRY = 21


def _domperidone(entry: int, days: int, per_day: int, mg: float) -> dict[str, Any]:
    """Pumping from birth; ``mg`` of domperidone a day from the day after ``entry`` for
    ``days`` days (none when ``mg`` is 0)."""
    drugs = _course("domperidone", mg, entry + 1) if mg else []
    return _from_birth(entry + days, per_day, drugs)


def _das(mg: float) -> dict[str, Any]:
    return _domperidone(_DAS_ENTRY, 7, 7, mg)


@study("DAS01-DOMP", "between-group difference of the relative change over 7 days "
       "(+44.5% vs +16.6%, i.e. +27.9 points) within its 95% interval from the published "
       "SDs taken relative to each group's baseline (8 per arm assumed): -32 to +88 points; "
       "mothers with under 500 mL a day at entry")
def das01() -> Outcome:
    base, drug = week(_das(0.0)), week(_das(30.0))
    idx = enrol(base, _DAS_ENTRY)
    e = _DAS_ENTRY - 1
    d_rel = (ratio(drug.volume[-1][idx], drug.volume[e][idx]).ok
             - ratio(base.volume[-1][idx], base.volume[e][idx]).ok)
    diff = Dist(100.0 * d_rel)
    tb, td = week_typical(_das(0.0)), week_typical(_das(30.0))
    t = 100.0 * (td.volume[-1][0] / td.volume[e][0] - tb.volume[-1][0] / tb.volume[e][0])
    sd_d, sd_p = 100 * 29.4 / (49.5 / 0.445), 100 * 39.5 / (8.0 / 0.166)
    lo, hi = diff_ci(16.6, sd_p, 8, 44.5, sd_d, 8)
    return Outcome(f"{t:+.1f} points (domperidone vs placebo change; not enrolled)",
                   f"{idx.size} enrolled; difference of relative change "
                   f"{diff.text('.1f', 'points')}", within(diff.mean, lo, hi))


#: WAN08: preterm mothers with insufficient supply (run-in 8.7 g/h, about 210 mL a day),
#: crossover 30 vs 60 mg/day; arm length not in the abstract read: 14 days each assumed,
#: 8 pumps a day and entry on day 21 assumed
_WAN_ENTRY = 21


def _wan(mg: float) -> dict[str, Any]:
    return _domperidone(_WAN_ENTRY, 14, 8, mg)


@study("WAN08-DOMP", "responders' within-subject change vs run-in within the 95% interval "
       "from the published SEMs (n = 4 responders): 30 mg +59% to +284%; 60 mg vs 30 mg "
       "-39% to +88% (the mean over all enrolled mothers, under 500 mL a day at entry: "
       "non-responders are not taken out)")
def wan08() -> Outcome:
    idx = enrol(week(_wan(0.0)), _WAN_ENTRY)
    r0, r30, r60 = (week(_wan(mg)).volume[-1][idx] for mg in (0.0, 30.0, 60.0))
    up30, up60 = ratio(r30, r0), ratio(r60, r30)
    s0, s30, s60 = (sd_from_sem(x, 4) for x in (3.1, 3.9, 6.6))
    lo1, hi1 = diff_ci(8.7, s0, 4, 23.6, s30, 4)
    lo2, hi2 = diff_ci(23.6, s30, 4, 29.4, s60, 4)
    t0, t30, t60 = (float(week_typical(_wan(mg)).volume[-1][0]) for mg in (0.0, 30.0, 60.0))
    ok = (within(up30.mean - 1.0, lo1 / 8.7, hi1 / 8.7)
          and within(up60.mean - 1.0, lo2 / 23.6, hi2 / 23.6))
    responders = up30.share(lambda v: v >= 1.2)
    return Outcome(f"30 mg {pct(t30 / t0 - 1)} vs none, 60 mg {pct(t60 / t30 - 1)} vs 30 mg",
                   f"{idx.size} enrolled, {100 * responders:.0f}% rose by 20% or more; 30 mg "
                   f"vs none: ratio {up30.text('.2f')}; 60 vs 30 mg: ratio "
                   f"{up60.text('.2f')}", ok)


# --- domperidone over weeks: the share reaching a 50% rise (EMPOWER) --------------------

#: EMPOWER randomised mothers of infants <= 29 weeks, pumping, with an inadequate supply,
#: in two strata: 8-14 and 15-21 days after birth (Asztalos et al. Int Breastfeed J
#: 2019;14:21); each stratum enters at its middle day here, pooled. 7 pumps a day assumed.
_ASZ_ENTRIES = (11, 18)


def _asz(entry: int, first: int | None, last: int | None = None) -> dict[str, Any]:
    """Followed from birth; domperidone 30 mg a day from trial day ``first`` (None:
    placebo throughout) to ``last``; 28 trial days after entry."""
    drugs = [] if first is None else _course("domperidone", 30.0, entry + first,
                                             None if last is None else entry + last)
    return _from_birth(entry + 28, 7, drugs)


def _rises(arm: tuple[int | None, int | None], at: int, since: int) -> tuple[np.ndarray, float]:
    """Each enrolled mother's ratio of milk on trial day ``at`` to trial day ``since`` (0:
    entry), pooled over the strata; and the typical mother's (stratum 1)."""
    out = []
    for entry in _ASZ_ENTRIES:
        idx = enrol(week(_asz(entry, None)), entry)
        v = week(_asz(entry, *arm)).volume
        out.append(v[entry + at - 1][idx] / v[entry + since - 1][idx])
    tv = week_typical(_asz(_ASZ_ENTRIES[0], *arm)).volume
    e = _ASZ_ENTRIES[0]
    return np.concatenate(out), float(tv[e + at - 1][0] / tv[e + since - 1][0])


def _share_up(r: np.ndarray, by: float = 0.5) -> float:
    return float(np.mean(r >= 1.0 + by)) if r.size else float("nan")


@study("ASZ17-DOMP", "share with a 50% rise by day 14 within the exact 95% interval of each "
       "published proportion (n = 45 per arm): domperidone 35/45 -> 63-89%, placebo "
       "26/45 -> 42-72%; mothers under 500 mL a day at entry")
def asz17() -> Outcome:
    d, td = _rises((1, None), 14, 0)
    p, tp = _rises((None, None), 14, 0)
    (dl, dh), (pl, ph) = binomial_ci(35, 45), binomial_ci(26, 45)
    sd_, sp_ = _share_up(d), _share_up(p)
    return Outcome(f"rise by day 14 (not enrolled): domperidone {pct(td - 1)}, placebo "
                   f"{pct(tp - 1)}",
                   f"{d.size} enrolled; reached +50%: domperidone {100 * sd_:.0f}%, "
                   f"placebo {100 * sp_:.0f}%",
                   within(sd_, dl, dh) and within(sp_, pl, ph))


@study("ASZ19-DOMP", "share with a 50% rise over each 14-day course within the exact 95% "
       "interval of each published proportion: started day 1 (35/45) 63-89%, started day "
       "15 (25/38) 49-80%; mothers under 500 mL a day at entry")
def asz19() -> Outcome:
    e, te = _rises((1, 14), 14, 0)
    lt, tl = _rises((15, 28), 28, 14)
    (el, eh), (ll, lh) = binomial_ci(35, 45), binomial_ci(25, 38)
    se, sl = _share_up(e), _share_up(lt)
    return Outcome(f"rise over the course (not enrolled): early {pct(te - 1)}, late "
                   f"{pct(tl - 1)}",
                   f"{e.size} enrolled; reached +50%: early {100 * se:.0f}%, late "
                   f"{100 * sl:.0f}%", within(se, el, eh) and within(sl, ll, lh))
