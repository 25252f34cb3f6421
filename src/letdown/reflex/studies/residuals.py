"""Training findings as numbers: the simulated statistic, the published value and its spread.

Why apart from the study runs: a run returns words and a verdict, which a fit cannot
minimise. Each term here recomputes the same statistic a training study judges, on the same
scenario, and states the centre and half-width of the band that study accepts, so that
``(simulated - centre) / half_width`` is within +/-1 exactly when the study's band holds.
Only training findings appear here; ``terms()`` drops any id that is not in the training
split, so a fit built on these terms cannot see a test finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from letdown.reflex.engine import Trace
from letdown.reflex.studies import training_studies
from letdown.reflex.studies.common import DAY_TIMES, dist, feed, pump, typical
from letdown.reflex.studies.pump import _CLASSIC
from letdown.reflex.studies.stress import _DISTRACT, _LEFT


def day(times: list[float]) -> Trace:
    """The typical person through a 24-hour day of 16-minute feeds (cached)."""
    return typical({"session": {"kind": "breastfeed", "duration_min": 16},
                    "parent": {"fullness": 0.5}, "day": {"session_times_h": times}})


def day_volume(tr: Trace) -> float:
    if tr.day is None:
        raise ValueError("not a day")
    return float(tr.day["volume_ml"])


@dataclass(frozen=True)
class Term:
    """One number a training study judges: ``value()`` is the simulated statistic, accepted
    when within ``centre`` +/- ``half_width`` (the band the study derives from the paper)."""

    id: str
    label: str
    centre: float
    half_width: float
    value: Callable[[], float]

    def residual(self) -> float:
        return (self.value() - self.centre) / self.half_width


def _band(lo: float, hi: float) -> tuple[float, float]:
    return (lo + hi) / 2, (hi - lo) / 2


def _c3_breast() -> float:
    return dist(feed(15, cues={"present": True, "lead_min": 1}),
                "time_to_first_ejection_s").median


def _jon01_ratio() -> float:
    return dist(pump(15), "volume_ml").mean / dist(
        pump(15, session={"order": "sequential"}), "volume_ml").mean


def _n48(events: list[dict[str, object]]) -> Callable[[], float]:
    def ratio() -> float:
        ref = dist(feed(10, session=_LEFT), "volume_ml").mean
        return dist(feed(10, session=_LEFT, events=events), "volume_ml").mean / ref
    return ratio


def _c33_35(key: str) -> Callable[[], float]:
    """The typical person's day of 11 feeds (a day is not run for a population yet)."""
    def value() -> float:
        tr = day(times=[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 21])
        assert tr.day is not None
        return float(tr.day[key])
    return value


_OT_IV = {"at_min": 0.5, "kind": "oxytocin_iv", "amount": 100}

TERMS: list[Term] = [
    Term("C3", "median first ejection at the breast (s)", *_band(20, 120), _c3_breast),
    Term("C3", "median first ejection at the pump (s)", *_band(75, 180),
         lambda: dist(pump(15), "time_to_first_ejection_s").median),
    Term("C9", "mean peak oxytocin, first week (pg/mL)", *_band(37, 69),
         lambda: dist(feed(15, parent={"weeks_postpartum": 0.6}, session={"observe_min": 5}),
                      "peak_ot_pg_ml").mean),
    Term("RAM05-ME", "mean ejections, 10-min classic pump", 3.27, 2.05,
         lambda: dist(_CLASSIC, "ejections_seen").mean),  # counted on ultrasound
    Term("RAM05-FIRST", "mean share of the first ejection (%)", 41.38, 21.48,
         lambda: dist(_CLASSIC, "first_ejection_share").mean),
    Term("PRI09-SINGLE", "mean ejections, 15-min one-breast pump", 4.5, 1.5,
         lambda: dist(pump(15, session={"sides": "left"}), "ejections_seen").mean),
    Term("GAR19-PAMR", "mean PAMR, 15-min pump (%)", 58.2, 28.4,
         lambda: dist(pump(15), "pamr").mean),
    Term("JON01-SIM", "simultaneous / sequential yield", *_band(78.57 / 56.57, 96.80 / 46.07),
         _jon01_ratio),
    Term("MIT02-5MIN", "mean volume, 5-min one-breast pump (mL)", 60.6, 39.0,
         lambda: dist(pump(5, session={"sides": "left"}), "volume_ml").mean),
    Term("MIT02-5MIN", "mean PAMR, 5-min one-breast pump (%)", 99.4, 82.6,
         lambda: dist(pump(5, session={"sides": "left"}), "pamr").mean),
    Term("MIT02-5MIN", "mean volume, one-breast feed (mL)", 71.8, 26.3,
         lambda: dist(feed(16.6, session={"sides": "left"}), "volume_ml").mean),
    Term("N48", "distracted / undisturbed volume", *_band(0.35, 0.85), _n48([_DISTRACT])),
    Term("N48", "distracted + oxytocin / undisturbed volume", *_band(0.75, 1.15),
         _n48([_DISTRACT, _OT_IV])),
    Term("C31", "typical person's 24-hour production (mL)", *_band(550, 950),
         lambda: day_volume(day(DAY_TIMES))),
    Term("C33/C35", "typical person's milk per feed (mL)", *_band(50, 102),
         _c33_35("mean_volume_per_session_ml")),
    Term("C33/C35", "typical person's share removed per feed (%)", *_band(51, 83),
         _c33_35("mean_pamr")),
]


def terms() -> list[Term]:
    """The terms of training findings only (a term whose finding is not in the training
    split, should the split ever change, is left out)."""
    train = {s.id for s in training_studies()}
    return [t for t in TERMS if t.id in train]
