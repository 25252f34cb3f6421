"""What a session's outcome is measured by, and the robust definitions of its discrete events.

Every metric is defined in docs/validation/metrics.md (meaning, computation, unit).

A milk ejection starts when myoepithelial contraction rises through ``ejection_on``; the
next one can only start after contraction has fallen below ``ejection_off``. An oxytocin
pulse starts when population activity rises through 0.5 and re-arms below 0.2. The crossing
time is interpolated linearly between samples. Hysteresis makes the counts robust: a small
numerical difference cannot split one ejection into two, which is why the fast engine and
the high-accuracy reference count the same events.

``ejections`` counts contraction onsets, including weak contractions that still move milk.
Studies that counted ejections by ultrasound saw something else: a duct of the breast not in
use widening by a detectable amount. ``ejections_seen`` (DuctWatch, population runs) models
that measurement; the ultrasound studies are compared with it.

Everything is measured over the session itself, from first touch (t = 0) to the end of the
session: a cue before touch may start an ejection, but the session counts it (at t = 0) only
if it is still under way at touch. Milk removed is counted from touch. Peaks use the whole
simulated window, including any observation time after the session.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from letdown.reflex.params import value

PULSE_ON = 0.5
PULSE_OFF = 0.2

#: Smallest duct widening ultrasound tells from noise: twice the largest between-feed
#: variation of a duct's diameter (coefficient of variation 1.4-8.3%, Ramsay et al.
#: Pediatrics 2004;113:361-7), i.e. a 16.6% wider duct. Evidence: weak (a detection rule
#: derived from the published baseline variation; the papers count dilations by eye).
DIAMETER_RISE = 2.0 * 0.083
#: the same rise as milk volume in the imaged duct: a duct of fixed length holds milk in
#: proportion to its diameter squared, so the volume rises by (1 + rise)^2 - 1 of what
#: the duct held just before (about 36%)
SEEN_VOLUME_RISE = (1.0 + DIAMETER_RISE) ** 2 - 1.0

#: name -> (label, unit) for every metric, in display order
METRICS: dict[str, tuple[str, str]] = {
    "time_to_first_ejection_s": ("time to first ejection", "s"),
    "ejections": ("milk ejections", "count"),
    "volume_ml": ("milk removed", "mL"),
    "volume_per_ejection_ml": ("volume per ejection", "mL"),
    "first_ejection_share": ("share of volume from first ejection", "%"),
    "first_two_share": ("share of volume from first two ejections", "%"),
    "before_first_ejection_ml": ("milk removed before the first ejection", "mL"),
    "pamr": ("available milk removed (breasts used)", "%"),
    "ot_pulses": ("oxytocin pulses", "count"),
    "peak_ot_pg_ml": ("peak plasma oxytocin", "pg/mL"),
    "peak_prl_ng_ml": ("peak prolactin", "ng/mL"),
}

#: outputs of population runs that model how a study measured something (not in Metrics):
#: name -> (label, unit); defined in docs/validation/metrics.md
MEASURED: dict[str, tuple[str, str]] = {
    "ejections_seen": ("milk ejections seen on ultrasound", "count"),
}


@dataclass(frozen=True)
class Metrics:
    """Outcome of one session (NaN where undefined, e.g. no ejection)."""

    time_to_first_ejection_s: float
    ejections: int
    volume_ml: float
    volume_per_ejection_ml: float
    first_ejection_share: float
    first_two_share: float
    before_first_ejection_ml: float
    pamr: float
    ot_pulses: int
    peak_ot_pg_ml: float
    peak_prl_ng_ml: float

    def as_dict(self) -> dict[str, float | int | None]:
        """JSON-friendly: NaN becomes None."""
        out: dict[str, float | int | None] = {}
        for key, v in asdict(self).items():
            out[key] = None if isinstance(v, float) and math.isnan(v) else v
        return out


def crossings(
    t: Sequence[float] | np.ndarray,
    v: Sequence[float] | np.ndarray,
    on: float,
    off: float,
    start: float = -math.inf,
    under_way: bool = True,
) -> list[float]:
    """Onset times of upward crossings of ``on``, re-armed only below ``off``.

    Only onsets from ``start`` on are returned; with ``under_way``, an episode that began
    before ``start`` and has not yet re-armed at ``start`` is returned once, at ``start``.
    """
    ta = np.asarray(t, dtype=float)
    va = np.asarray(v, dtype=float)
    out: list[float] = []
    armed = bool(va[0] < off)
    pending = bool(under_way and not armed and va[0] >= on and ta[0] < start)
    for i in range(1, len(va)):
        if armed and va[i] >= on:
            frac = (on - va[i - 1]) / (va[i] - va[i - 1])
            tc = float(ta[i - 1] + frac * (ta[i] - ta[i - 1]))
            armed = False
            if tc >= start:
                out.append(tc)
            else:
                pending = under_way
        elif not armed and va[i] < off:
            armed = True
            pending = False
        if pending and ta[i] >= start:
            out.append(float(start))
            pending = False
    return out


class DuctWatch:
    """Ejections seen on ultrasound: widenings of the imaged duct that ultrasound can detect.

    Ultrasound counts a milk ejection when a major duct of the breast that is not being
    suckled or pumped widens (Ramsay et al. Pediatrics 2004; Geddes, Int Breastfeed J
    2009;4:5), and the next one only after the duct has narrowed again (Geddes 2009: the
    second half of an ejection is the duct narrowing to baseline or to the next
    dilation). In the model the imaged duct's milk is the duct state of that breast. The
    eye compares the duct with its own width just before, so the rule is relative: a rise
    is seen when the duct's milk climbs to ``1 + SEEN_VOLUME_RISE`` times its lowest level
    since the last seen rise (a 16.6% wider duct); the watch re-arms when the milk has
    fallen by the same factor from its highest level since. A weak contraction that moves
    milk into a duct already partly full hardly widens it: it is an ejection onset
    (``ejections``) but is not seen.

    Vectorised over people; ``update`` is called once per step with the imaged duct's milk
    and whether the step is inside the session (from touch to its end)."""

    def __init__(self, duct_ml: np.ndarray) -> None:
        self.factor = 1.0 + SEEN_VOLUME_RISE
        self.low = np.array(duct_ml, copy=True)
        self.high = self.low.copy()
        self.armed = np.ones(self.low.shape, dtype=bool)
        self.seen = np.zeros(self.low.shape, dtype=np.int64)

    def watch(self, index: int, state: np.ndarray, counting: bool) -> None:
        """Update from the whole state (rows = states): the engine's per-step hook."""
        self.update(state[index], counting)

    def update(self, duct_ml: np.ndarray, counting: bool) -> None:
        # in place, a few array operations a step: the engine calls this every step
        np.minimum(self.low, duct_ml, out=self.low)
        np.maximum(self.high, duct_ml, out=self.high)
        hit = duct_ml >= self.low * self.factor
        hit &= self.armed
        fall = self.high >= duct_ml * self.factor
        fall &= ~self.armed
        if counting:
            self.seen += hit
        # a seen rise waits for the duct to narrow; a narrowing starts a new search
        np.copyto(self.high, duct_ml, where=hit)
        np.copyto(self.low, duct_ml, where=fall)
        self.armed ^= hit | fall


def interp(t: np.ndarray, v: np.ndarray, at: float) -> float:
    return float(np.interp(at, t, v))


def from_series(
    t: np.ndarray,
    contraction: np.ndarray,
    activity: np.ndarray,
    removed: np.ndarray,
    plasma_ot: np.ndarray,
    prl: np.ndarray,
    available_ml: float,
    session_end: float,
) -> tuple[Metrics, list[float], list[float]]:
    """Metrics from sampled time series, plus ejection and pulse onset times.

    ``removed`` is the milk removed since the start of the simulation (nothing is removed
    before touch); ``available_ml`` is the milk in the breasts used, at touch."""
    window = t <= session_end + 1e-9
    tw = t[window]
    on, off = value("ejection_on"), value("ejection_off")
    ejections = crossings(tw, contraction[window], on, off, start=0.0)
    pulses = crossings(tw, activity[window], PULSE_ON, PULSE_OFF, start=0.0, under_way=False)
    total = float(removed[-1] - interp(t, removed, 0.0))
    onsets = [interp(t, removed, e) - interp(t, removed, 0.0) for e in ejections]
    metrics = summarise(
        len(ejections),
        ejections[0] if ejections else math.nan,
        onsets[:3],
        total,
        available_ml,
        len(pulses),
        float(plasma_ot.max()),
        float(prl.max()),
    )
    return metrics, ejections, pulses


def summarise(
    n_ejections: int,
    first_time: float,
    volume_at_onsets: Sequence[float],
    total: float,
    available: float,
    pulses: int,
    peak_ot: float,
    peak_prl: float,
) -> Metrics:
    """Assemble Metrics from event counts and the volumes removed at the first onsets.

    Milk removed before the first ejection is what the breast gives without one (the milk
    already in the ducts); with no ejection it is all the milk removed."""
    v = list(volume_at_onsets) + [total] * (3 - len(volume_at_onsets))
    if n_ejections and total > 0:
        first = 100.0 * (v[1] - v[0]) / total
        two = 100.0 * (v[2] - v[0]) / total
        per = (total - v[0]) / n_ejections
    else:
        first = two = per = math.nan
    return Metrics(
        time_to_first_ejection_s=first_time,
        ejections=n_ejections,
        volume_ml=total,
        volume_per_ejection_ml=per,
        first_ejection_share=first,
        first_two_share=two,
        before_first_ejection_ml=v[0],
        pamr=100.0 * total / available if available > 0 else math.nan,
        ot_pulses=pulses,
        peak_ot_pg_ml=peak_ot,
        peak_prl_ng_ml=peak_prl,
    )


def population_summary(
    values: dict[str, np.ndarray], keys: Iterable[str] = METRICS
) -> dict[str, dict[str, float]]:
    """Mean, SD, median, quartiles and the 90% interval (5th-95th percentile) of each metric
    over a population, NaNs ignored; ``n`` counts the people for whom it is defined.

    The median and the interval matter as much as the mean: a response that differs in
    direction between people (a vacuum that is comfortable for some and painful for others)
    can move the mean one way while the typical person moves the other."""
    out: dict[str, dict[str, float]] = {}
    for key in keys:
        arr = np.asarray(values[key], dtype=float)
        ok = arr[~np.isnan(arr)]
        if ok.size == 0:
            out[key] = {"mean": math.nan, "sd": math.nan, "p5": math.nan, "p25": math.nan,
                        "median": math.nan, "p75": math.nan, "p95": math.nan, "n": 0.0}
            continue
        p5, p25, med, p75, p95 = np.percentile(ok, [5, 25, 50, 75, 95])
        out[key] = {
            "mean": float(ok.mean()),
            "sd": float(ok.std(ddof=1)) if ok.size > 1 else 0.0,
            "p5": float(p5),
            "p25": float(p25),
            "median": float(med),
            "p75": float(p75),
            "p95": float(p95),
            "n": float(ok.size),
        }
    return out
