"""Studies of substances and drugs: alcohol, smoking, pseudoephedrine."""

from __future__ import annotations

from typing import Any

from letdown.reflex.studies.common import (
    DAY_TIMES,
    Dist,
    Outcome,
    diff_ci,
    dist,
    feed,
    ot_release,
    pct,
    pump,
    ratio,
    registry,
    session,
    typical,
    within,
)
from letdown.reflex.studies.days import (
    day_people,
    day_schedule,
    day_typical,
    schedule,
    week,
    week_typical,
)

CHECKS, study = registry()


def _drink(dose: float) -> dict[str, float]:
    return {"alcohol_g_per_kg": dose, "hours_since_drink": 0.75}


@study("C17", "typical person: OT release 40-85% of sober at 0.65 g/kg and < 55% at 1.0 g/kg "
       "(released oxytocin over the feed is not a population output yet)")
def c17() -> Outcome:
    ref = feed(15, session={"sides": "left"})
    runs = {x: feed(15, session={"sides": "left"}, state=_drink(x)) for x in (0.65, 1.0)}
    lo, hi = (ot_release(typical(runs[x]), 900) / ot_release(typical(ref), 900)
              for x in (0.65, 1.0))
    base = dist(ref, "ot_pulses").mean
    pulses = ", ".join(f"{dist(d, 'ot_pulses').mean / base:.0%} at {x:g} g/kg"
                       for x, d in runs.items())
    return Outcome(f"{lo:.0%} at 0.65 g/kg, {hi:.0%} at 1.0 g/kg",
                   f"mean OT pulses {pulses} (released oxytocin: typical person only; "
                   "needs: an oxytocin-area output in population runs)",
                   within(lo, 0.40, 0.85) and within(hi, 0.0, 0.55) and hi < lo,
                   basis="typical")


@study("C18", "share of the population ejecting to injected OT within 5 points with and "
       "without 1 g/kg alcohol")
def c18() -> Outcome:
    ev = [{"at_min": 1, "kind": "oxytocin_iv", "amount": 100}]
    sober = session("none", 5, events=ev)
    drunk = session("none", 5, events=ev, state=_drink(1.0))
    a = dist(sober, "ejections").share(lambda v: v >= 1)
    b = dist(drunk, "ejections").share(lambda v: v >= 1)
    ta, tb = (float(typical(x).contraction.max()) for x in (sober, drunk))
    return Outcome(f"peak contraction {ta:.2f} sober, {tb:.2f} after 1 g/kg",
                   f"ejecting {100 * a:.0f}% sober, {100 * b:.0f}% after 1 g/kg",
                   abs(a - b) <= 0.05)


_SOBER, _DRUNK = pump(15), pump(15, state=_drink(0.4))


@study("C19", "directions of the population medians: OT down, PRL up, less milk, later ME")
def c19() -> Outcome:
    keys = ("peak_ot_pg_ml", "peak_prl_ng_ml", "volume_ml", "time_to_first_ejection_s")
    a = {k: dist(_SOBER, k).median for k in keys}
    b = {k: dist(_DRUNK, k).median for k in keys}
    ta, tb = typical(_SOBER).metrics, typical(_DRUNK).metrics
    return Outcome(
        f"yield {tb.volume_ml:.0f} vs {ta.volume_ml:.0f} mL, latency "
        f"{tb.time_to_first_ejection_s:.0f} vs {ta.time_to_first_ejection_s:.0f} s, "
        f"PRL {tb.peak_prl_ng_ml:.0f} vs {ta.peak_prl_ng_ml:.0f}, OT {tb.peak_ot_pg_ml:.0f} vs "
        f"{ta.peak_ot_pg_ml:.0f}",
        "medians: " + ", ".join(f"{k} {b[k]:.0f} vs {a[k]:.0f}" for k in keys),
        b["peak_ot_pg_ml"] < a["peak_ot_pg_ml"] and b["peak_prl_ng_ml"] > a["peak_prl_ng_ml"]
        and b["volume_ml"] < a["volume_ml"]
        and b["time_to_first_ejection_s"] > a["time_to_first_ejection_s"])


@study("MEN05-HORMONES", "no spread was published: the population mean change within a "
       "factor of 2 of the reported one (OT -39% to -100%; PRL +168% to +672%)")
def men05_hormones() -> Outcome:
    ot = dist(_DRUNK, "peak_ot_pg_ml").mean / dist(_SOBER, "peak_ot_pg_ml").mean - 1
    prl = dist(_DRUNK, "peak_prl_ng_ml").mean / dist(_SOBER, "peak_prl_ng_ml").mean - 1
    ta, tb = typical(_SOBER).metrics, typical(_DRUNK).metrics
    return Outcome(f"peak OT {pct(tb.peak_ot_pg_ml / ta.peak_ot_pg_ml - 1)}, peak PRL "
                   f"{pct(tb.peak_prl_ng_ml / ta.peak_prl_ng_ml - 1)}",
                   f"mean peak OT {pct(ot)}, mean peak PRL {pct(prl)}",
                   within(ot, -1.0, -0.39) and within(prl, 1.68, 6.72))


def _smoking_day(cigarettes: float) -> tuple[Dist, float]:
    """Each person's day with ``cigarettes`` a day against the same person's day without
    (a week of smoking, so supply has adapted), and the typical person's change."""
    plain = day_schedule(DAY_TIMES, days=7)
    smoke = day_schedule(DAY_TIMES, days=7, state={"cigarettes_per_day": cigarettes})
    change = ratio(day_people(smoke), day_people(plain))
    return change, day_typical(smoke) / day_typical(plain) - 1


def _smokers_day_study(first: tuple[float, float, int], second: tuple[float, float, int],
                       cigarettes: float) -> Outcome:
    """A day's milk in smokers against non-smokers: the simulated change must fall inside
    the 95% CI of the published group difference, relative to the first group's mean
    (each group as mean, SD, n in g/day)."""
    lo, hi = diff_ci(*first, *second)
    change, t = _smoking_day(cigarettes)
    return Outcome(f"{pct(t)} over 24 h at {cigarettes:g} cigarettes/day",
                   f"smoking / not: {change.text('.2f')}",
                   within(change.mean - 1, lo / first[0], hi / first[0]))


@study("VIO91-SMOKE", "population mean change of a day's milk within the 95% CI of the "
       "group difference "
       "(961 +/- 120 vs 693 +/- 110 g/d, n = 10 + 10): -38% to -17% at 6 cigarettes a day")
def vio91_smoke() -> Outcome:
    return _smokers_day_study((961, 120, 10), (693, 110, 10), 6)


@study("BER02-SMOKE", "population mean change of a day's milk within the 95% CI of the "
       "group difference "
       "(742 +/- 111 vs 743 +/- 119 g/d, n = 23 + 23): -9% to +9% at 7.1 cigarettes a day")
def ber02_smoke() -> Outcome:
    return _smokers_day_study((742, 111, 23), (743, 119, 23), 7.1)


@study("C20", "population mean change of the day's milk inside the published 95% CI "
       "(-33% to -8%)")
def c20() -> Outcome:
    """One 60 mg dose on the last of three days, against the same people's day without."""
    plain = day_schedule(DAY_TIMES)
    dose = day_schedule(DAY_TIMES, drugs=[{"name": "pseudoephedrine", "mg_per_day": 60.0,
                                           "from_day": 3, "to_day": 3}])
    a, b = day_typical(plain), day_typical(dose)
    change = ratio(day_people(dose), day_people(plain))
    return Outcome(f"{a:.0f} -> {b:.0f} mL/24 h ({pct(b / a - 1)})",
                   f"with / without: {change.text('.2f')}",
                   within(change.mean - 1, -0.33, -0.08))


def _hop92(cigarettes: float) -> dict[str, Any]:
    """HOP92: pumping only, 2 to 4 weeks; dose not given (15 a day assumed); 6 pumps a day."""
    d = schedule(15, 14.0, 6)
    d["state"] = {"cigarettes_per_day": cigarettes}
    return d


@study("HOP92-SMOKE", "smokers' population mean at 2 weeks within 1 SD of the published "
       "406 +/- 262 mL, and their mean change weeks 2 to 4 below the controls' (published "
       "-47 vs +113 mL)")
def hop92() -> Outcome:
    s, c = week(_hop92(15.0)), week(_hop92(0.0))
    w2 = Dist(s.volume[0])
    ds, dc = Dist(s.volume[-1] - s.volume[0]).mean, Dist(c.volume[-1] - c.volume[0]).mean
    ts, tc = week_typical(_hop92(15.0)), week_typical(_hop92(0.0))
    return Outcome(f"smoker {ts.volume[0][0]:.0f} mL vs control {tc.volume[0][0]:.0f} mL "
                   f"at 2 weeks",
                   f"smokers at 2 weeks {w2.text('.0f', 'mL')}; change to 4 weeks "
                   f"{ds:+.0f} vs {dc:+.0f} mL",
                   within(w2.mean, 144, 668) and ds < dc)
