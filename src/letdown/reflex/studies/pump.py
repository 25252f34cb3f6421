"""Studies of pumping: ejections, yields and the pump's settings."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np

from letdown.reflex.studies.common import (
    SEED,
    N,
    Outcome,
    _key,
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


def course(d: dict[str, Any], at_s: tuple[float, ...]) -> dict[str, np.ndarray]:
    """Each person's milk removed from each breast and contraction onsets counted, read at
    the times ``at_s`` (s from first touch) of ONE session, as a flow balance reads a
    running session (Prime et al. 2012 read 2, 5 and 10 min of a 15-min expression).

    Returns ``left`` and ``right`` (mL, shape (len(at_s), N)) and ``ejections`` (onsets
    up to each time, same shape); the same seed and people as every other study (cached)."""
    return _course(json.dumps([d, sorted(at_s)], sort_keys=True), _key(d))


@cache
def _course(spec: str, _model_key: str) -> dict[str, np.ndarray]:
    from letdown.reflex.dosing import dosed_schedule
    from letdown.reflex.engine import DT, IX, _setup
    from letdown.reflex.params import value
    from letdown.reflex.scenario import from_dict
    from letdown.reflex.steps import grid, segment_many

    d, at = json.loads(spec)
    scenario = from_dict(d)
    k, p, cue, rest = _setup(scenario, N, np.random.default_rng(SEED))
    sched = dosed_schedule(scenario)
    y = np.stack([np.broadcast_to(np.asarray(r, dtype=float), (N,)) for r in rest])
    times = grid(sched.start, sched.end, DT)
    on_e, off_e = value("ejection_on"), value("ejection_off")
    armed = y[IX["M"]] < off_e
    count = np.zeros(N)
    rows: dict[str, list[np.ndarray]] = {"left": [], "right": [], "ejections": []}
    base: list[np.ndarray] = []
    step = iter(times[1:])
    todo = list(at)

    def watch(y_now: np.ndarray, _counting: bool) -> None:
        nonlocal armed
        t = next(step)
        m = y_now[IX["M"]]
        hit = armed & (m >= on_e)
        if t > 0.0:
            count[hit] += 1.0
        armed = (armed & ~hit) | (m < off_e)
        if not base and t >= 0.0:
            base.extend([y_now[IX["VL"]].copy(), y_now[IX["VR"]].copy()])
        while todo and t >= todo[0] - 1e-9:
            todo.pop(0)
            rows["left"].append(y_now[IX["VL"]] - base[0])
            rows["right"].append(y_now[IX["VR"]] - base[1])
            rows["ejections"].append(count.copy())

    segment_many(k, p, sched, cue, y, [0.0, 0.0, 0.0, 0.0], DT, watch=watch)
    return {key: np.array(v) for key, v in rows.items()}


#: Prime et al. 2012 (C26): SIM = both breasts for 15 min; SEQ = one breast for 15 min,
#: then the other straight after for 15 min (each breast 15 min at the mother's maximum
#: comfortable vacuum, 30 min in all: the trial as summarised by its sponsor's release,
#: newbornbaby.com.au 2019, "Double pumping more efficient and effective than single
#: pumping"). Amounts at 2, 5 and 10 min are read on the running expression of each breast.
_C26_READS = (2.0, 5.0, 10.0)


@study("C26", "direction at 2, 5 and 10 min in the population means: simultaneous gives "
       "more milk and at least as many MEs (SIM both breasts 15 min; SEQ each breast 15 min, "
       "one after the other, both breasts summed at the same time from each one's start; "
       "MEs counted on the breast being pumped)")
def c26() -> Outcome:
    """The protocol used to split a t-minute session into t/2 per breast (a 2-minute SEQ
    session switched breasts at 1 min); Prime's mothers expressed each breast for 15 min
    and the amounts at 2, 5 and 10 min were read on that running expression."""
    reads = tuple(60.0 * m for m in _C26_READS)
    sim = course(pump(15), reads)
    seq = course(pump(30, session={"order": "sequential"}),
                 reads + tuple(900.0 + r for r in (0.0, *reads)))
    n = len(reads)
    rows, ok = [], True
    for i, minutes in enumerate(_C26_READS):
        va = float(np.mean(sim["left"][i] + sim["right"][i]))
        second = seq["right"][n + 1 + i] - seq["right"][n]
        vb = float(np.mean(seq["left"][i] + second))
        ea = float(np.mean(sim["ejections"][i]))
        first_e = seq["ejections"][i]
        second_e = seq["ejections"][n + 1 + i] - seq["ejections"][n]
        eb = float(np.mean(0.5 * (first_e + second_e)))
        rows.append(f"{minutes:.0f} min: {ea:.1f} vs {eb:.1f} MEs, {va:.0f} vs {vb:.0f} mL")
        ok = ok and va > vb and ea >= eb
    ta, tb = typical(pump(15)), typical(pump(30, session={"order": "sequential"}))
    typ = []
    for minutes in _C26_READS:
        t = 60.0 * minutes
        a = float(np.interp(t, ta.t, ta.removed) - np.interp(0.0, ta.t, ta.removed))
        b = float(np.interp(t, tb.t, tb.removed_left) - np.interp(0.0, tb.t, tb.removed_left)
                  + np.interp(900.0 + t, tb.t, tb.removed_right)
                  - np.interp(900.0, tb.t, tb.removed_right))
        typ.append(f"{minutes:.0f} min: {a:.0f} vs {b:.0f} mL")
    return Outcome("; ".join(typ), "SIM vs SEQ means " + "; ".join(rows), ok)


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
