"""The calibration studies, carried into the project's own definitions.

Each study re-creates a published protocol as scenarios, runs the typical person, and
compares one number with the published value under a stated tolerance. ``role`` says how
independent the check is: ``check`` (the number was not used to set any parameter),
``fitted`` (a parameter was set from it, so passing only shows consistency) or
``structural`` (true by the model's construction). Studies the model cannot express are
listed with the reason, so the report can say so plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from letdown.reflex.engine import Trace, simulate
from letdown.reflex.scenario import from_dict

Role = Literal["check", "fitted", "structural", "not expressible"]


@dataclass(frozen=True)
class Outcome:
    simulated: str
    passed: bool


@dataclass(frozen=True)
class Study:
    id: str
    finding: str
    source: str
    published: str
    tolerance: str
    role: Role
    run: Callable[[], Outcome] | None = None
    reason: str = ""  # why it cannot be expressed


def _sim(d: dict[str, Any]) -> Trace:
    return simulate(from_dict(d))


def _pump(minutes: float = 15.0, **extra: Any) -> dict[str, Any]:
    session: dict[str, Any] = {"kind": "pump", "duration_min": minutes}
    session.update(extra.pop("session", {}))
    return {"session": session, **extra}


def _feed(minutes: float = 15.0, **extra: Any) -> dict[str, Any]:
    session: dict[str, Any] = {"kind": "breastfeed", "duration_min": minutes}
    session.update(extra.pop("session", {}))
    return {"session": session, **extra}


def _ot_release(tr: Trace, until: float) -> float:
    """Oxytocin above baseline integrated over the session (pg/mL x s)."""
    sel = (tr.t >= 0) & (tr.t <= until)
    excess = np.clip(tr.plasma_ot[sel] - tr.plasma_ot[0], 0.0, None)
    return float(np.trapezoid(excess, tr.t[sel]))


def _latency_after(tr: Trace, t0: float) -> float:
    after = [e - t0 for e in tr.ejection_times if e >= t0]
    return after[0] if after else float("nan")


def _within(v: float, lo: float, hi: float) -> bool:
    return bool(lo <= v <= hi)


# --- the studies -----------------------------------------------------------------------


def c1() -> Outcome:
    n = _sim(_feed(15, cues={"present": True})).metrics.ejections
    return Outcome(f"{n} MEs", _within(n, 1, 4))


def c3() -> Outcome:
    breast = _sim(_feed(15, cues={"present": True, "lead_min": 1})).metrics
    pump = _sim(_pump(15)).metrics
    b, p = breast.time_to_first_ejection_s, pump.time_to_first_ejection_s
    return Outcome(f"breast {b:.0f} s, pump {p:.0f} s",
                   _within(b, 20, 120) and _within(p, 75, 180) and b < p)


def c4() -> Outcome:
    m = _sim(_pump(15)).metrics
    return Outcome(f"{m.ejections} MEs; first two {m.first_two_share:.0f}%",
                   _within(m.ejections, 3.1, 7.1) and _within(m.first_two_share, 47, 77))


def c6() -> Outcome:
    m = _sim(_pump(15, session={"sides": "left"})).metrics
    return Outcome(f"{m.volume_ml:.0f} mL", _within(m.volume_ml, 27.3, 112.3))


def c8() -> Outcome:
    tr = _sim({"cues": {"present": True, "lead_min": 10}, "session": {"kind": "none",
                                                                      "duration_min": 1}})
    pre = tr.t < 0
    ot = tr.plasma_ot[pre].max() / tr.plasma_ot[0]
    prl = tr.prl[pre].max() / tr.prl[0]
    return Outcome(f"OT x{ot:.1f}, PRL x{prl:.2f} before touch", ot > 1.5 and prl < 1.01)


def c9() -> Outcome:
    tr = _sim(_feed(15, parent={"weeks_postpartum": 0.6}, session={"observe_min": 5}))
    ot2 = float(np.interp(120.0, tr.t, tr.plasma_ot))
    ratio10 = float(np.interp(600.0, tr.t, tr.prl)) / tr.prl[0]
    peak = tr.metrics.peak_ot_pg_ml
    return Outcome(
        f"OT {tr.plasma_ot[0]:.0f} -> {ot2:.0f} at 2 min, peak {peak:.0f}; PRL x{ratio10:.1f}"
        " at 10 min",
        _within(peak, 37, 69) and ot2 > 1.5 * tr.plasma_ot[0] and _within(ratio10, 1.5, 3.0),
    )


def c11() -> Outcome:
    tr = _sim(_feed(10, parent={"weeks_postpartum": 1}))
    return Outcome(f"{tr.metrics.ot_pulses} pulses in 10 min",
                   _within(tr.metrics.ot_pulses, 3, 7))


def c12() -> Outcome:
    iv = _sim({"session": {"kind": "none", "duration_min": 5},
               "events": [{"at_min": 1, "kind": "oxytocin_iv", "amount": 100}]})
    nasal = _sim({"session": {"kind": "none", "duration_min": 8},
                  "events": [{"at_min": 1, "kind": "oxytocin_intranasal", "amount": 150}]})
    a, b = _latency_after(iv, 60), _latency_after(nasal, 60)
    return Outcome(f"iv {a:.0f} s, intranasal {b:.0f} s",
                   _within(a, 10, 40) and _within(b, 60, 160))


def c15() -> Outcome:
    early = _sim(_feed(20, parent={"weeks_postpartum": 3}, session={"observe_min": 40}))
    late = _sim(_feed(20, parent={"weeks_postpartum": 20}, session={"observe_min": 40}))
    e = early.metrics.peak_prl_ng_ml / early.prl[0]
    lt = late.metrics.peak_prl_ng_ml / late.prl[0]
    pump = _sim(_pump(20, parent={"weeks_postpartum": 3}, session={"observe_min": 40}))
    p = pump.metrics.peak_prl_ng_ml / pump.prl[0]
    return Outcome(f"x{e:.1f} early, x{lt:.1f} later; pump x{p:.1f}",
                   _within(e, 6.0, 11.0) and _within(lt, 4.0, 8.0) and p > 0.7 * e)


def c16() -> Outcome:
    ot = {"at_min": 1.5, "kind": "oxytocin_iv", "amount": 100}
    base = _sim({"session": {"kind": "none", "duration_min": 5}, "events": [ot]})
    blocked = _sim({"session": {"kind": "none", "duration_min": 5},
                    "events": [{"at_min": 1, "kind": "adrenaline_iv", "amount": 3}, ot]})
    a = float(base.contraction.max())
    b = float(blocked.contraction.max())
    return Outcome(f"peak contraction {a:.2f} -> {b:.2f} with adrenaline",
                   base.metrics.ejections >= 1 and blocked.metrics.ejections == 0)


def _alcohol_ratio(dose: float) -> float:
    ref = _sim(_feed(15, session={"sides": "left"}))
    drunk = _sim(_feed(15, session={"sides": "left"},
                       state={"alcohol_g_per_kg": dose, "hours_since_drink": 0.75}))
    return _ot_release(drunk, 900) / _ot_release(ref, 900)


def c17() -> Outcome:
    lo, hi = _alcohol_ratio(0.65), _alcohol_ratio(1.0)
    return Outcome(f"{100 * lo:.0f}% at 0.65 g/kg, {100 * hi:.0f}% at 1.0 g/kg",
                   _within(lo, 0.40, 0.85) and _within(hi, 0.0, 0.55) and hi < lo)


def c18() -> Outcome:
    ev = [{"at_min": 1, "kind": "oxytocin_iv", "amount": 100}]
    sober = _sim({"session": {"kind": "none", "duration_min": 5}, "events": ev})
    drunk = _sim({"session": {"kind": "none", "duration_min": 5}, "events": ev,
                  "state": {"alcohol_g_per_kg": 1.0, "hours_since_drink": 0.75}})
    a, b = float(sober.contraction.max()), float(drunk.contraction.max())
    return Outcome(f"peak contraction {a:.2f} sober, {b:.2f} after 1 g/kg", abs(a - b) < 0.02)


def c19() -> Outcome:
    ref = _sim(_pump(15)).metrics
    m = _sim(_pump(15, state={"alcohol_g_per_kg": 0.4, "hours_since_drink": 0.75})).metrics
    return Outcome(
        f"yield {m.volume_ml:.0f} vs {ref.volume_ml:.0f} mL, latency "
        f"{m.time_to_first_ejection_s:.0f} vs {ref.time_to_first_ejection_s:.0f} s, "
        f"PRL {m.peak_prl_ng_ml:.0f} vs {ref.peak_prl_ng_ml:.0f}",
        m.volume_ml < ref.volume_ml
        and m.time_to_first_ejection_s > ref.time_to_first_ejection_s
        and m.peak_prl_ng_ml > ref.peak_prl_ng_ml,
    )


_DAY = [0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 18.0, 21.5]


def _day(kind: str = "breastfeed", times: list[float] | None = None, **extra: Any) -> Trace:
    session: dict[str, Any] = {"kind": kind, "duration_min": 16}
    session.update(extra.pop("session", {}))
    return _sim({"session": session, "parent": {"fullness": 0.5},
                 "day": {"session_times_h": times or _DAY}, **extra})


def _day_volume(tr: Trace) -> float:
    assert tr.day is not None
    return tr.day["volume_ml"]


def c20() -> Outcome:
    a = _day_volume(_day())
    b = _day_volume(_day(state={"pseudoephedrine_mg": 60}))
    return Outcome(f"{a:.0f} -> {b:.0f} mL/24 h ({100 * (b / a - 1):+.0f}%)",
                   _within(b / a - 1, -0.33, -0.08))


def c22() -> Outcome:
    a = _day_volume(_day())
    b = _day_volume(_day(state={"fatigue": 7}))
    return Outcome(f"{100 * (b / a - 1):+.1f}% over 24 h at fatigue 7/10", abs(b / a - 1) < 0.10)


def c24() -> Outcome:
    stressed = {"stress": 6}
    a = _sim(_pump(15, state=stressed)).metrics.volume_ml
    b = _sim(_pump(15, state=stressed, techniques={"relaxation": "guided_imagery"})).metrics
    return Outcome(f"{a:.0f} -> {b.volume_ml:.0f} mL ({100 * (b.volume_ml / a - 1):+.0f}%)",
                   _within(b.volume_ml / a - 1, 0.2, 1.3))


def c25() -> Outcome:
    """Hands-on pumping: more milk a day despite pumping less often (direction only).

    Morton's +48% grew over weeks of supply building in preterm mothers, which the model
    does not represent; what it can show is the mechanism (more of the stored milk removed
    per session, so faster emptying-driven synthesis) and the direction of the day total.
    """
    hands_on = {"massage": True, "compression": True}
    plain_session = _sim(_pump(15)).metrics
    hands_session = _sim(_pump(15, techniques=hands_on)).metrics
    plain_day = _day_volume(_day("pump", [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 18.0]))
    hands_day = _day_volume(_day("pump", [0.0, 4.0, 8.0, 12.0, 16.0, 20.0],
                                 techniques=hands_on))
    return Outcome(
        f"per session {plain_session.pamr:.0f}% -> {hands_session.pamr:.0f}% of stored milk "
        f"removed; {plain_day:.0f} mL/24 h (7 plain) -> {hands_day:.0f} mL/24 h "
        f"(6 hands-on, {100 * (hands_day / plain_day - 1):+.0f}%)",
        hands_session.pamr > plain_session.pamr and hands_day > plain_day,
    )


def c26() -> Outcome:
    rows = []
    ok = True
    for minutes in (2, 5, 10):
        a = _sim(_pump(minutes)).metrics
        b = _sim(_pump(minutes, session={"order": "sequential"})).metrics
        rows.append(f"{minutes} min: {a.ejections} vs {b.ejections} MEs, "
                    f"{a.volume_ml:.0f} vs {b.volume_ml:.0f} mL")
        ok = ok and a.volume_ml > b.volume_ml and a.ejections >= b.ejections
    return Outcome("; ".join(rows), ok)


def c27() -> Outcome:
    soft = _sim(_pump(15, session={"pump": {"vacuum_mmhg": 110}})).metrics.volume_ml
    mcv = _sim(_pump(15, session={"pump": {"vacuum_mmhg": 190}})).metrics.volume_ml
    hard = _sim(_pump(15, session={"pump": {"vacuum_mmhg": 300}})).metrics.volume_ml
    return Outcome(f"110: {soft:.0f}, 190: {mcv:.0f}, 300: {hard:.0f} mL",
                   soft < mcv and hard < mcv)


def c28() -> Outcome:
    vols = {r: _sim(_pump(15, session={"pump": {"cycles_per_min": r}})).metrics.volume_ml
            for r in (30, 60, 100)}
    best = max(vols, key=lambda r: vols[r])
    return Outcome(", ".join(f"{r}/min: {v:.0f} mL" for r, v in vols.items()), best == 60)


def c30() -> Outcome:
    a = _sim(_feed(15)).metrics.volume_ml
    b = _sim(_feed(15, cues={"present": True, "lead_min": 2})).metrics.volume_ml
    return Outcome(f"{a:.0f} -> {b:.0f} mL with a conditioned cue", b > a)


def c31() -> Outcome:
    v = _day_volume(_day())
    return Outcome(f"{v:.0f} mL/24 h", _within(v, 550, 950))


def c33_35() -> Outcome:
    tr = _day(times=[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 21])
    assert tr.day is not None
    per = tr.day["mean_volume_per_session_ml"]
    pamr = tr.day["mean_pamr"]
    return Outcome(f"{per:.0f} mL per feed, {pamr:.0f}% removed",
                   _within(per, 50, 102) and _within(pamr, 51, 83))


def c34() -> Outcome:
    times = [0.0, 3.0]
    full = _day(times=times, session={"duration_min": 20})
    part = _day(times=times, session={"duration_min": 4})
    assert full.day is not None and part.day is not None
    a, b = full.day["synthesised_ml"], part.day["synthesised_ml"]
    return Outcome(f"synthesised {a:.0f} mL after fuller vs {b:.0f} mL after partial removal",
                   a > b)


def newton() -> Outcome:
    ref = _sim(_feed(10, session={"sides": "left"})).metrics.volume_ml
    distract = {"at_min": 0, "kind": "stress", "amount": 6, "duration_min": 10}
    d = _sim(_feed(10, session={"sides": "left"}, events=[distract])).metrics.volume_ml
    rescued = _sim(_feed(10, session={"sides": "left"},
                         events=[distract, {"at_min": 0.5, "kind": "oxytocin_iv",
                                            "amount": 100}])).metrics.volume_ml
    return Outcome(
        f"distracted {100 * d / ref:.0f}%, distracted + oxytocin {100 * rescued / ref:.0f}% "
        "of undisturbed",
        _within(d / ref, 0.35, 0.85) and _within(rescued / ref, 0.75, 1.15),
    )


STUDIES: list[Study] = [
    Study("C1", "MEs per breastfeed", "Ramsay et al. Pediatrics 2004;113:361-7",
          "2.5 +/- 1.5 per feed", "within 1 SD (1-4)", "check", c1),
    Study("C2", "duration of one ME", "Gardner et al. BMC Pregnancy Childbirth 2015;15:156",
          "45 s - 3.5 min", "", "not expressible",
          reason="ejection duration is not measured by the model's onset-based event "
          "definition; contraction episodes are visible in the plots"),
    Study("C3", "time to first ME, breast vs pump", "Gardner 2015; Kent et al. J Hum Lact 2003",
          "~1 min breast; 1.5-2.5 min pump", "breast 20-120 s, pump 75-180 s, breast earlier",
          "check", c3),
    Study("C4", "MEs in 15-min double pumping; first two MEs' share",
          "Prime et al. Breastfeed Med 2011;6:183-90", "5.1 +/- 2.0; 62% of volume",
          "count within 1 SD; share within 15 points", "check", c4),
    Study("C5", "left and right eject together", "Prime et al. Int Breastfeed J 2009;4:10",
          "95.5% synchronous", "", "structural",
          reason="one systemic oxytocin drives both breasts, so ejections are simultaneous"),
    Study("C6", "single-breast pumping, 15 min", "Idei et al. Midwifery 2024;136:104039",
          "69.8 +/- 42.5 g", "within 1 SD", "check", c6),
    Study("C7", "intraductal pressure rises per feed", "cited in Prime 2011", "1-17", "",
          "not expressible", reason="intraductal pressure is not a separate model output"),
    Study("C8", "conditioned OT release before touch, no PRL",
          "McNeilly et al. BMJ 1983;286:257-9", "OT rose in 10/10; PRL unchanged",
          "OT > 1.5x basal before touch; PRL < 1% change", "check", c8),
    Study("C9", "OT and PRL during a feed, days 3-5", "Dawood et al. JCEM 1981;52:678-83",
          "OT 10.8 -> 22.4 at 2 min, peak 53.2; PRL x2.2 at 10 min",
          "peak within 30%; OT up 1.5x by 2 min; PRL x1.5-3.0", "fitted", c9),
    Study("C10", "OT surges; no response in 3/10 first week", "Lucas et al. BMJ 1980;281:834-5",
          "some surges < 1 min", "", "not expressible",
          reason="the typical person always responds; non-responders appear only as a share "
          "of a population run (see the population table)"),
    Study("C11", "pulse frequency early postpartum", "Uvnas-Moberg et al. PLoS One 2020",
          "about 5 per 10 min", "3-7", "fitted", c11),
    Study("C12", "latency of the breast's response to OT", "1961 intramammary-pressure study",
          "~20 s iv, ~100 s intranasal (threshold ~2 mU iv)",
          "iv 10-40 s, intranasal 60-160 s (threshold not compared)", "check", c12),
    Study("C13", "OT half-life", "Thornton et al. Am J Physiol 1990;259:R21",
          "1.5-5 min", "", "structural", reason="parameter ot_half_life = 110 s (spread 90-300)"),
    Study("C14", "neuro-secretory timing (rat)", "Wakerley & Lincoln 1973; Rossoni 2008",
          "bursts 2-4 s", "", "not expressible",
          reason="the reduced model's burst envelope lasts ~15 s; sub-second spiking is not "
          "represented"),
    Study("C15", "PRL response to nipple stimulation", "Noel et al. JCEM 1974",
          "x8.5 first 6 weeks, x6.0 at 7-28 weeks; pump similar",
          "x6-11 early, x4-8 later, pump > 70% of breast", "fitted", c15),
    Study("C16", "adrenaline blocks ME to injected OT (rabbit)", "Cross. J Endocrinol 1955;12:29",
          "blocked", "no ejection with adrenaline, ejection without", "check", c16),
    Study("C17", "alcohol lowers suckling OT release", "Wagner & Fuchs 1968 (IOM 1991)",
          "62% at 0.5-0.8 g/kg, 32% at 0.9-1.1 g/kg", "40-85% and < 55%", "fitted", c17),
    Study("C18", "alcohol spares the gland's OT response", "Cobo. Am J Obstet Gynecol 1973",
          "intact", "peak contraction within 0.02", "structural", c18),
    Study("C19", "0.4 g/kg alcohol", "Mennella et al. JCEM 2005; Pepino & Mennella 2008",
          "OT down, PRL up, less milk, later ME", "all four directions", "check", c19),
    Study("C20", "pseudoephedrine 60 mg", "Aljazaf et al. Br J Clin Pharmacol 2003;56:18-24",
          "-24% 24-h milk (CI -8% to -33%)", "-8% to -33%", "fitted", c20),
    Study("C21", "smoking: basal PRL down, increment unchanged", "Andersen et al. Clin Endocrinol"
          " 1982;17:363-8", "lower basal PRL", "", "structural",
          reason="nicotine scales basal PRL only; the suckling increment is additive"),
    Study("C22", "chronic stress/fatigue vs volume", "Hill et al. West J Nurs Res 2005",
          "not predictive", "24-h volume within 10%", "check", c22),
    Study("C23", "extra fluid does not raise volume", "Dusdieker 1985; Cochrane CD008758",
          "no effect", "", "structural",
          reason="fluid intake is not an input; only severe dehydration trims synthesis"),
    Study("C24", "relaxation tape before pumping", "Feher et al. Pediatrics 1989;83:57-60",
          "+63% volume", "+20% to +130% (stressed parent, stress 6/10)", "check", c24),
    Study("C25", "hands-on pumping", "Morton et al. J Perinatol 2009;29:757-64",
          "+48% daily volume despite fewer sessions",
          "direction: more removed per session; 6 hands-on sessions beat 7 plain "
          "(size not compared: weeks of supply building are not modelled)", "check", c25),
    Study("C26", "simultaneous vs sequential pumping", "Prime et al. Breastfeed Med 2012;7:442-7",
          "more MEs and milk at 2, 5, 10 min", "direction at each time", "check", c26),
    Study("C27", "vacuum and MCV", "Kent et al. Breastfeed Med 2008;3:11-9",
          "softer vacuum removes less", "110 < 190 mmHg; 300 (painful) < 190", "check", c27),
    Study("C28", "pump stimulus optimum", "Breastfeed Med 2019;14:177-84",
          "~190 mmHg, ~1 pulse/s", "60/min beats 30 and 100/min", "check", c28),
    Study("C29", "infant-derived vs 2-phase pattern", "Gardner et al. Int Breastfeed J 2019",
          "53.6 vs 54.2 mL", "", "not expressible",
          reason="vacuum waveforms within a cycle are not modelled"),
    Study("C30", "conditioned cue raises transfer (rat)", "Deis. J Physiol 1968;197:37-46",
          "more milk transferred", "more milk with cue", "check", c30),
    Study("C31", "24-h production", "Cox et al. Exp Physiol 1996;81:1007-20",
          "708-742 g/day", "550-950 mL", "fitted", c31),
    Study("C32", "storage capacity", "Kent et al. Exp Physiol 1999", "~210 mL per breast", "",
          "structural", reason="parameter capacity = 210 mL (spread 74-606)"),
    Study("C33/C35", "milk per feed and share removed, 11 feeds/day",
          "Daly et al. 1993; Kent et al. Pediatrics 2006;117:e387-95",
          "76 +/- 13 g per feed; 67 +/- 8% (76 +/- 20%) removed",
          "50-102 mL; 51-83%", "check", c33_35),
    Study("C34", "synthesis follows emptying", "Daly et al. Exp Physiol 1996;81:861-75",
          "faster after fuller removal", "direction", "check", c34),
    Study("N48", "distraction and injected OT (not in calibration.md)",
          "Newton & Newton. J Pediatr 1948;33:698-704 (values second-hand, not verified)",
          "distracted ~59% of undisturbed; with OT injection ~91%",
          "35-85%; 75-115%", "check", newton),
]
