"""Studies of pumping: ejections, yields and the pump's settings."""

from __future__ import annotations

from letdown.reflex.studies.common import (
    Outcome,
    band,
    dist,
    feed,
    pump,
    registry,
    sd_from_sem,
    typical,
    within,
)

CHECKS, study = registry()


@study("C4", "population means within 1 SD (3.1-7.1 MEs) and 15 points (47-77%) of the "
       "published values")
def c4() -> Outcome:
    d = pump(15)
    n, two = dist(d, "ejections"), dist(d, "first_two_share")
    m = typical(d).metrics
    return Outcome(f"{m.ejections} MEs; first two {m.first_two_share:.0f}%",
                   f"MEs {n.text('.1f')}; first two {two.text(unit='%')}",
                   within(n.mean, 3.1, 7.1) and within(two.mean, 47, 77))


@study("C6", "population mean within the published mean +/- 1 SD (27-112 mL)")
def c6() -> Outcome:
    d = pump(15, session={"sides": "left"})
    v = dist(d, "volume_ml")
    return Outcome(f"{typical(d).metrics.volume_ml:.0f} mL", f"volume {v.text(unit='mL')}",
                   within(v.mean, *band(69.8, 42.5)))


@study("C26", "direction at 2, 5 and 10 min in the population means: simultaneous gives "
       "more milk and at least as many MEs")
def c26() -> Outcome:
    rows, typ, ok = [], [], True
    for minutes in (2, 5, 10):
        a, b = pump(minutes), pump(minutes, session={"order": "sequential"})
        va, vb = dist(a, "volume_ml").mean, dist(b, "volume_ml").mean
        ea, eb = dist(a, "ejections").mean, dist(b, "ejections").mean
        rows.append(f"{minutes} min: {ea:.1f} vs {eb:.1f} MEs, {va:.0f} vs {vb:.0f} mL")
        ta, tb = typical(a).metrics, typical(b).metrics
        typ.append(f"{minutes} min: {ta.volume_ml:.0f} vs {tb.volume_ml:.0f} mL")
        ok = ok and va > vb and ea >= eb
    return Outcome("; ".join(typ), "means " + "; ".join(rows), ok)


@study("C27", "population mean volume: 110 < 190 mmHg and 300 (painful) < 190 (190 mmHg "
       "for everyone: Kent used each mother's own comfortable maximum, which a scenario "
       "cannot set)")
def c27() -> Outcome:
    vols, typ = {}, {}
    for v in (110, 190, 300):
        d = pump(15, session={"pump": {"vacuum_mmhg": v}})
        vols[v], typ[v] = dist(d, "volume_ml").mean, typical(d).metrics.volume_ml
    return Outcome(", ".join(f"{k}: {t:.0f}" for k, t in typ.items()) + " mL",
                   "means " + ", ".join(f"{k}: {t:.0f}" for k, t in vols.items()) + " mL",
                   vols[110] < vols[190] and vols[300] < vols[190])


@study("C28", "population mean volume largest at 60 cycles/min (vs 30 and 100)")
def c28() -> Outcome:
    vols, typ = {}, {}
    for r in (30, 60, 100):
        d = pump(15, session={"pump": {"cycles_per_min": r}})
        vols[r], typ[r] = dist(d, "volume_ml").mean, typical(d).metrics.volume_ml
    return Outcome(", ".join(f"{k}/min: {t:.0f}" for k, t in typ.items()) + " mL",
                   "means " + ", ".join(f"{k}/min: {t:.0f}" for k, t in vols.items()) + " mL",
                   max(vols, key=lambda k: vols[k]) == 60)


#: one breast pumped: the ejections were counted by ultrasound of a duct in the other
#: breast, which must be free for the probe (Geddes, Int Breastfeed J 2009;4:5)
_CLASSIC = pump(10, session={"sides": "left", "pump": {"cycles_per_min": 47}})


@study("RAM05-ME", "population mean of the ejections ultrasound sees within the classic "
       "pattern's mean +/- 1 SD (1.2-5.3 MEs in 10 min; one breast pumped, the other "
       "scanned); the 3-phase pattern needs a pump that changes rate at the first ejection")
def ram05_me() -> Outcome:
    n = dist(_CLASSIC, "ejections_seen")
    return Outcome(f"{typical(_CLASSIC).metrics.ejections} contraction onsets",
                   f"seen on ultrasound {n.text('.1f')}", within(n.mean, *band(3.27, 2.05)))


@study("RAM05-FIRST", "population mean share of the first ME within 41.4 +/- 21.5% (classic "
       "pattern, 10 min)")
def ram05_first() -> Outcome:
    s = dist(_CLASSIC, "first_ejection_share")
    return Outcome(f"first ME {typical(_CLASSIC).metrics.first_ejection_share:.0f}%",
                   f"first ME's share {s.text(unit='%')}", within(s.mean, *band(41.38, 21.48)))


@study("PRI09-SINGLE", "population mean of the ejections ultrasound sees within the "
       "ultrasound mean +/- 1 SD (3.0-6.0 MEs; 15-min single-breast pumping assumed, the "
       "length is not in the abstract)")
def pri09_single() -> Outcome:
    d = pump(15, session={"sides": "left"})
    n = dist(d, "ejections_seen")
    return Outcome(f"{typical(d).metrics.ejections} contraction onsets",
                   f"seen on ultrasound {n.text('.1f')}", within(n.mean, *band(4.5, 1.5)))


@study("GAR19-PAMR", "population mean PAMR within 58.2 +/- 28.4% (2-phase pattern); volume "
       "not compared: one or both breasts is not stated in the abstract")
def gar19_pamr() -> Outcome:
    d = pump(15)
    p = dist(d, "pamr")
    return Outcome(f"PAMR {typical(d).metrics.pamr:.0f}%", f"PAMR {p.text(unit='%')}",
                   within(p.mean, *band(58.2, 28.4)))


@study("KEN08-MCV", "population means within the published mean +/- 1 SD, reading the "
       "abstract's +/- as SEM (n = 23; SD = SEM x sqrt 23): 2.4-6.2 MEs, 64-173 mL, 46-85%;"
       " 190 mmHg for everyone (each mother's own maximum cannot be set)")
def ken08_mcv() -> Outcome:
    d = pump(15, session={"pump": {"vacuum_mmhg": 190}})
    n, v, p = dist(d, "ejections"), dist(d, "volume_ml"), dist(d, "pamr")
    m = typical(d).metrics
    ok = (within(n.mean, *band(4.3, sd_from_sem(0.4, 23)))
          and within(v.mean, *band(118.5, sd_from_sem(11.4, 23)))
          and within(p.mean, *band(65.5, sd_from_sem(4.1, 23))))
    return Outcome(f"{m.ejections} MEs, {m.volume_ml:.0f} mL, {m.pamr:.0f}%",
                   f"MEs mean {n.mean:.1f}; volume {v.text(unit='mL')}; PAMR mean "
                   f"{p.mean:.0f}%", ok)


@study("JON01-SIM", "ratio of population mean yields (simultaneous / sequential) within the "
       "ratio of the published 95% CIs (1.39-2.10); 15-min sessions assumed")
def jon01_sim() -> Outcome:
    a, b = pump(15), pump(15, session={"order": "sequential"})
    r = dist(a, "volume_ml").mean / dist(b, "volume_ml").mean
    t = typical(a).metrics.volume_ml / typical(b).metrics.volume_ml
    return Outcome(f"x{t:.2f}", f"mean yield x{r:.2f}", within(r, 78.57 / 56.57, 96.80 / 46.07))


@study("MIT02-5MIN", "population means within the published mean +/- 1 SD: 5-min one-breast "
       "pump 22-100 mL and 17-182% of the milk stored; one-breast feed (16.6 min) 46-98 mL")
def mit02_5min() -> Outcome:
    short = pump(5, session={"sides": "left"})
    bf = feed(16.6, session={"sides": "left"})
    v, p, f = dist(short, "volume_ml"), dist(short, "pamr"), dist(bf, "volume_ml")
    ts, tf = typical(short).metrics, typical(bf).metrics
    return Outcome(f"5-min pump {ts.volume_ml:.0f} mL ({ts.pamr:.0f}%); feed {tf.volume_ml:.0f} mL",
                   f"5-min pump {v.text(unit='mL')}, PAMR mean {p.mean:.0f}%; feed "
                   f"{f.text(unit='mL')}",
                   within(v.mean, *band(60.6, 39.0)) and within(p.mean, *band(99.4, 82.6))
                   and within(f.mean, *band(71.8, 26.3)))
