"""Studies of the reflex itself: ejections, oxytocin pulses and prolactin during a feed."""

from __future__ import annotations

from typing import Any

import numpy as np

from letdown.reflex.studies.common import (
    Dist,
    Outcome,
    band,
    binomial_ci,
    dist,
    feed,
    population,
    pump,
    ratio,
    registry,
    sd_from_sem,
    session,
    typical,
    within,
)

CHECKS, study = registry()


@study("C1", "population mean of the ejections ultrasound sees within the published mean "
       "+/- 1 SD (1.0-4.0 per feed); the feed is one-sided because Ramsay scanned a duct of "
       "the unsuckled breast")
def c1() -> Outcome:
    d = feed(15, cues={"present": True}, session={"sides": "left"})
    seen = dist(d, "ejections_seen")
    onsets = dist(d, "ejections")
    return Outcome(f"{typical(d).metrics.ejections} contraction onsets",
                   f"seen on ultrasound {seen.text('.1f')} (contraction onsets mean "
                   f"{onsets.mean:.1f})",
                   within(seen.mean, 1.0, 4.0))


@study("C3", "population medians: breast 20-120 s, pump 75-180 s, breast earlier")
def c3() -> Outcome:
    bd, pd = feed(15, cues={"present": True, "lead_min": 1}), pump(15)
    b, p = dist(bd, "time_to_first_ejection_s"), dist(pd, "time_to_first_ejection_s")
    tb, tp = (typical(x).metrics.time_to_first_ejection_s for x in (bd, pd))
    return Outcome(f"breast {tb:.0f} s, pump {tp:.0f} s",
                   f"breast {b.text(unit='s')}; pump {p.text(unit='s')}",
                   within(b.median, 20, 120) and within(p.median, 75, 180)
                   and b.median < p.median)


def _basal_ot(weeks: float | None = None) -> np.ndarray:
    extra = {"parent": {"weeks_postpartum": weeks}} if weeks is not None else {}
    return population(session("none", 1, **extra))["peak_ot_pg_ml"]


@study("C8", "OT >= 1.5x own basal before touch in a share of women inside the 95% CI of "
       "10/10 (>= 69%); median PRL change < 1%")
def c8() -> Outcome:
    cue = {"cues": {"present": True, "lead_min": 10}}
    d = session("none", 1, **cue)
    base = population(session("none", 1))
    pop = population(d)
    ot = ratio(pop["peak_ot_pg_ml"], base["peak_ot_pg_ml"])
    prl = ratio(pop["peak_prl_ng_ml"], base["peak_prl_ng_ml"])
    responders = ot.share(lambda v: v >= 1.5)
    tr = typical(d)
    pre = tr.t < 0
    lo, _ = binomial_ci(10, 10)
    return Outcome(
        f"OT x{tr.plasma_ot[pre].max() / tr.plasma_ot[0]:.1f}, "
        f"PRL x{tr.prl[pre].max() / tr.prl[0]:.2f} before touch",
        f"OT rose >= 1.5x in {100 * responders:.0f}% (median x{ot.median:.1f}); "
        f"PRL median x{prl.median:.3f}",
        responders >= lo and prl.median < 1.01)


@study("C9", "population mean peak OT within 30% of 53.2 (37-69 pg/mL); typical: OT up 1.5x "
       "by 2 min, PRL x1.5-3.0 at 10 min")
def c9() -> Outcome:
    d = feed(15, parent={"weeks_postpartum": 0.6}, session={"observe_min": 5})
    tr = typical(d)
    ot2 = float(np.interp(120.0, tr.t, tr.plasma_ot))
    ratio10 = float(np.interp(600.0, tr.t, tr.prl)) / tr.prl[0]
    peak = dist(d, "peak_ot_pg_ml")
    return Outcome(
        f"OT {tr.plasma_ot[0]:.0f} -> {ot2:.0f} at 2 min, peak {tr.metrics.peak_ot_pg_ml:.0f};"
        f" PRL x{ratio10:.1f} at 10 min",
        f"peak OT {peak.text(unit='pg/mL')}",
        within(peak.mean, 37, 69) and ot2 > 1.5 * tr.plasma_ot[0] and within(ratio10, 1.5, 3.0))


@study("C10", "share of first-week feeds with no OT pulse inside the 95% CI of 3/10 (7-65%)")
def c10() -> Outcome:
    d = feed(10, parent={"weeks_postpartum": 0.6}, session={"sides": "left"})
    pulses = dist(d, "ot_pulses")
    none = pulses.share(lambda v: v == 0)
    lo, hi = binomial_ci(3, 10)
    return Outcome(f"{typical(d).metrics.ot_pulses} pulses (the typical person responds)",
                   f"no pulse in {100 * none:.1f}%; pulses {pulses.text('.1f')}",
                   within(none, lo, hi))


@study("C11", "population mean 3-7 pulses in 10 min (about 5)")
def c11() -> Outcome:
    d = feed(10, parent={"weeks_postpartum": 1})
    pop = dist(d, "ot_pulses")
    return Outcome(f"{typical(d).metrics.ot_pulses} pulses in 10 min",
                   f"pulses in 10 min {pop.text('.1f')}", within(pop.mean, 3, 7))


@study("C12", "population median latency: iv 10-40 s, intranasal 60-160 s")
def c12() -> Outcome:
    iv = session("none", 5, events=[{"at_min": 1, "kind": "oxytocin_iv", "amount": 100}])
    nasal = session("none", 8, events=[{"at_min": 1, "kind": "oxytocin_intranasal",
                                        "amount": 150}])
    a = Dist(population(iv)["time_to_first_ejection_s"] - 60.0)
    b = Dist(population(nasal)["time_to_first_ejection_s"] - 60.0)
    ta, tb = (typical(x).metrics.time_to_first_ejection_s - 60.0 for x in (iv, nasal))
    return Outcome(f"iv {ta:.0f} s, intranasal {tb:.0f} s",
                   f"iv {a.text(unit='s')}; intranasal {b.text(unit='s')}",
                   within(a.median, 10, 40) and within(b.median, 60, 160))


def _prl_rise(d: dict[str, Any], weeks: float) -> Dist:
    basal = population(session("none", 1, parent={"weeks_postpartum": weeks}))
    return ratio(population(d)["peak_prl_ng_ml"], basal["peak_prl_ng_ml"])


@study("C15", "population median peak/basal PRL x6-11 early, x4-8 later; pump > 70% of breast")
def c15() -> Outcome:
    early = feed(20, parent={"weeks_postpartum": 3}, session={"observe_min": 40})
    late = feed(20, parent={"weeks_postpartum": 20}, session={"observe_min": 40})
    pd = pump(20, parent={"weeks_postpartum": 3}, session={"observe_min": 40})
    e, lt, p = _prl_rise(early, 3), _prl_rise(late, 20), _prl_rise(pd, 3)

    def typ(d: dict[str, Any]) -> float:
        tr = typical(d)
        return tr.metrics.peak_prl_ng_ml / float(tr.prl[0])

    return Outcome(f"x{typ(early):.1f} early, x{typ(late):.1f} later; pump x{typ(pd):.1f}",
                   f"median x{e.median:.1f} early [90%: {e.q(5):.1f}-{e.q(95):.1f}], "
                   f"x{lt.median:.1f} later, pump x{p.median:.1f}",
                   within(e.median, 6.0, 11.0) and within(lt.median, 4.0, 8.0)
                   and p.median > 0.7 * e.median)


@study("JOH86-OT", "median peak/basal OT within the published peaks over basal "
       "(5.0-23.3 over 0.7 uU/mL: x7.1-33); a unit-free ratio, so the assay's scale drops out")
def joh86_ot() -> Outcome:
    d = feed(15, parent={"weeks_postpartum": 8})
    r = ratio(population(d)["peak_ot_pg_ml"], _basal_ot(8))
    tr = typical(d)
    return Outcome(f"peak/basal x{tr.metrics.peak_ot_pg_ml / tr.plasma_ot[0]:.1f}",
                   f"peak/basal {r.text('.1f')}", within(r.median, 5.0 / 0.7, 23.3 / 0.7))


_JOH86 = {"early": (4, 162, 29), "middle": (12, 130, 15), "late": (20, 77, 10)}


@study("JOH86-PRL", "population mean peak PRL within mean +/- 1 SD at each stage (SD = SEM x "
       "sqrt 8): early 80-244, middle 88-172, late 49-105 ng/mL; falling")
def joh86_prl() -> Outcome:
    means, typ, ok = [], [], True
    for weeks, m, sem in _JOH86.values():
        d = feed(15, parent={"weeks_postpartum": weeks}, session={"observe_min": 5})
        pop = dist(d, "peak_prl_ng_ml")
        means.append(pop.mean)
        typ.append(typical(d).metrics.peak_prl_ng_ml)
        ok = ok and within(pop.mean, *band(m, sd_from_sem(sem, 8)))
    falling = means[0] > means[1] > means[2]
    return Outcome("peak " + ", ".join(f"{v:.0f}" for v in typ) + " ng/mL (weeks 4, 12, 20)",
                   "mean peak " + ", ".join(f"{v:.0f}" for v in means) + " ng/mL",
                   ok and falling)


@study("COX96-PRL", "population means within the published mean +/- 1 spread: basal 26-212 "
       "(1 month) and 30-88 (6 months); peak 177-395 and 47-135 ng/mL")
def cox96_prl() -> Outcome:
    rows, ok = [], True
    for weeks, (bm, bs), (pm, ps) in ((4.3, (119, 93), (286, 109)), (26, (59, 29), (91, 44))):
        basal = dist(session("none", 1, parent={"weeks_postpartum": weeks}), "peak_prl_ng_ml")
        d = feed(15, parent={"weeks_postpartum": weeks}, session={"observe_min": 5})
        peak = dist(d, "peak_prl_ng_ml")
        rows.append(f"{weeks:g} wk: basal {basal.mean:.0f}, peak {peak.mean:.0f}")
        ok = ok and within(basal.mean, *band(bm, bs)) and within(peak.mean, *band(pm, ps))
    tr = typical(feed(15, parent={"weeks_postpartum": 26}, session={"observe_min": 5}))
    return Outcome(f"26 wk: basal {tr.prl[0]:.0f}, peak {tr.metrics.peak_prl_ng_ml:.0f}",
                   "; ".join(rows) + " ng/mL (means)", ok)
