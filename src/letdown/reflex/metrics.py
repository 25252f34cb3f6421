"""What a session's outcome is measured by, and the robust definitions of its discrete events.

A milk ejection starts when myoepithelial contraction rises through ``ejection_on`` (0.35);
the next one can only start after contraction has fallen below ``ejection_off`` (0.2). An
oxytocin pulse starts when population activity rises through 0.5 and re-arms below 0.2. The
crossing time is interpolated linearly between samples. Hysteresis makes the counts robust:
a small numerical difference cannot split one ejection into two, which is why the fast engine
and the high-accuracy reference count the same events.

Counts and timing use the stimulation window (from the start of the simulation, which may
include a pre-touch cue period, to the end of the session); peaks use the whole simulated
window, including any observation time after the session.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from letdown.reflex.params import value

PULSE_ON = 0.5
PULSE_OFF = 0.2

#: name -> (label, unit) for every metric, in display order
METRICS: dict[str, tuple[str, str]] = {
    "time_to_first_ejection_s": ("time to first ejection", "s"),
    "ejections": ("milk ejections", "count"),
    "volume_ml": ("milk removed", "mL"),
    "volume_per_ejection_ml": ("volume per ejection", "mL"),
    "first_ejection_share": ("share of volume from first ejection", "%"),
    "first_two_share": ("share of volume from first two ejections", "%"),
    "pamr": ("available milk removed", "%"),
    "ot_pulses": ("oxytocin pulses", "count"),
    "peak_ot_pg_ml": ("peak plasma oxytocin", "pg/mL"),
    "peak_prl_ng_ml": ("peak prolactin", "ng/mL"),
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
    t: Sequence[float] | np.ndarray, v: Sequence[float] | np.ndarray, on: float, off: float
) -> list[float]:
    """Onset times of upward crossings of ``on``, re-armed only below ``off``."""
    ta = np.asarray(t, dtype=float)
    va = np.asarray(v, dtype=float)
    out: list[float] = []
    armed = bool(va[0] < off)
    for i in range(1, len(va)):
        if armed and va[i] >= on:
            frac = (on - va[i - 1]) / (va[i] - va[i - 1])
            out.append(float(ta[i - 1] + frac * (ta[i] - ta[i - 1])))
            armed = False
        elif not armed and va[i] < off:
            armed = True
    return out


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
    """Metrics from sampled time series, plus ejection and pulse onset times."""
    window = t <= session_end + 1e-9
    tw = t[window]
    ejections = crossings(tw, contraction[window], value("ejection_on"), value("ejection_off"))
    pulses = crossings(tw, activity[window], PULSE_ON, PULSE_OFF)
    total = float(removed[-1])
    onsets = [interp(t, removed, e) for e in ejections]
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
    """Assemble Metrics from event counts and the volumes removed at the first onsets."""
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
        pamr=100.0 * total / available if available > 0 else math.nan,
        ot_pulses=pulses,
        peak_ot_pg_ml=peak_ot,
        peak_prl_ng_ml=peak_prl,
    )


def population_summary(values: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    """Mean, SD and quartiles of each metric over a population (NaNs ignored), plus the
    fraction of people with at least one ejection."""
    out: dict[str, dict[str, float]] = {}
    for key in METRICS:
        arr = np.asarray(values[key], dtype=float)
        ok = arr[~np.isnan(arr)]
        if ok.size == 0:
            out[key] = {"mean": math.nan, "sd": math.nan, "p25": math.nan, "median": math.nan,
                        "p75": math.nan, "n": 0.0}
            continue
        p25, med, p75 = np.percentile(ok, [25, 50, 75])
        out[key] = {
            "mean": float(ok.mean()),
            "sd": float(ok.std(ddof=1)) if ok.size > 1 else 0.0,
            "p25": float(p25),
            "median": float(med),
            "p75": float(p75),
            "n": float(ok.size),
        }
    return out
