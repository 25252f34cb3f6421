"""The reflex explorer: slider values in, a simulated session (and a baseline) out.

A thin layer over ``letdown.reflex.explore``: it declares the sliders' ranges
once (for the page, the API and validation alike), runs the model for the
chosen settings and for a relaxed, typical baseline, and caches results, since
the same positions are asked for again and again while a slider moves.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from letdown.reflex import Trace


class ExploreSettings(BaseModel):
    """What the explorer's sliders set (the model's own bounds, narrowed to useful ranges)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["pump", "breastfeed"] = Field("pump", description="pump or breastfeed.")
    stress: float = Field(0.0, ge=0, le=10, allow_inf_nan=False,
                          description="Acute stress, 0 (calm) to 10.")
    alcohol_g_per_kg: float = Field(0.0, ge=0, le=1.5, allow_inf_nan=False,
                                    description="Alcohol, g per kg body weight (0-1.5).")
    vacuum_mmhg: float = Field(190.0, ge=50, le=300, allow_inf_nan=False,
                               description="Pump vacuum, mmHg (50-300; pumping only).")
    warmth: bool = Field(False, description="Warm compress (when: see warmth_timing).")
    cues: bool = Field(False, description="Baby cues: photo, sounds, scent.")
    relaxation: bool = Field(False, description="Slow breathing or other relaxation.")
    flange_fit: Literal["good", "too_small", "too_large"] = Field(
        "good", description="How the pump flange fits (pumping only)."
    )
    warmth_timing: Literal["before", "during", "both"] = Field(
        "both", description="Warm compress 10 minutes before, during, or both."
    )
    massage: bool = Field(False, description="Breast massage while pumping or feeding.")
    nipple_shield: Literal["none", "fitted", "small"] = Field(
        "none", description="A nipple shield: none, one that fits, or one too small."
    )
    sessions_per_day: int = Field(8, ge=1, le=12,
                                  description="Sessions a day, for the week (1-12).")


BASELINE = ExploreSettings()


@lru_cache(maxsize=256)
def run(settings: ExploreSettings) -> Trace:
    """The simulated 20-minute session for these settings (cached)."""
    from letdown.reflex import explore

    return explore(
        stress=settings.stress, alcohol_g_per_kg=settings.alcohol_g_per_kg,
        vacuum_mmHg=settings.vacuum_mmhg, warmth=settings.warmth, cues=settings.cues,
        flange_fit=settings.flange_fit, kind=settings.kind, relaxation=settings.relaxation,
        duration_min=20.0, warmth_timing=settings.warmth_timing, massage=settings.massage,
        nipple_shield=settings.nipple_shield,
    )


def metric_rows(trace: Trace, baseline: Trace) -> list[dict[str, Any]]:
    """(label, value, unit, baseline value) for each headline metric."""
    from letdown.reflex import METRICS

    shown = ("time_to_first_ejection_s", "ejections", "volume_ml", "ot_pulses",
             "peak_ot_pg_ml", "pamr")
    mine, base = trace.metrics.as_dict(), baseline.metrics.as_dict()
    rows = []
    for key in shown:
        label, unit = METRICS[key]
        rows.append({"key": key, "label": label, "unit": unit,
                     "value": _round(mine.get(key)), "baseline": _round(base.get(key))})
    return rows


def _round(value: Any) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, int):
        return value
    return round(float(value), 1)


@lru_cache(maxsize=128)
def figure(settings: ExploreSettings) -> str:
    """The traces of these settings against the baseline, as inline SVG (cached)."""
    from letdown.web.charts import trace_chart

    return trace_chart(run(settings), run(BASELINE), "explorer",
                       "Simulated plasma oxytocin, contraction and milk removed over "
                       "20 minutes: these settings against a calm, typical baseline")


#: virtual parents behind the week's band: enough for a steady 90% interval, quick to run
WEEK_PEOPLE = 200
WEEK_START_DAY = 28


@lru_cache(maxsize=64)
def week(settings: ExploreSettings) -> list[dict[str, float]]:
    """Seven days of these sessions, ``sessions_per_day`` a day, for a population: one
    row per day (median and 90% interval). Every session is as the sliders set it."""
    from letdown.reflex.schedule import from_dict
    from letdown.reflex.week import simulate_week, summary

    session: dict[str, Any] = {"kind": settings.kind, "duration_min": 15.0}
    if settings.kind == "pump":
        session["pump"] = {"vacuum_mmhg": settings.vacuum_mmhg,
                           "flange_fit": settings.flange_fit}
    schedule = from_dict({
        "name": "explorer week", "days": 7, "start_day": WEEK_START_DAY,
        "sessions_per_day": settings.sessions_per_day, "session": session,
        "state": {"stress": settings.stress, "alcohol_g_per_kg": settings.alcohol_g_per_kg},
        "techniques": {"warmth": settings.warmth, "massage": settings.massage,
                       "relaxation": "breathing" if settings.relaxation else "none"},
        "cues": {"present": settings.cues},
    })
    return summary(simulate_week(schedule, n=WEEK_PEOPLE, seed=0))


def week_rows(settings: ExploreSettings) -> list[dict[str, Any]]:
    """Day 1 and day 7, for these settings and the baseline, in words for the page."""
    mine, base = week(settings), week(BASELINE)
    return [{"day": int(m["day"]), "median": round(m["total_ml"]),
             "low": round(m["total_ml_p5"]), "high": round(m["total_ml_p95"]),
             "baseline": round(b["total_ml"])}
            for m, b in ((mine[0], base[0]), (mine[-1], base[-1]))]


@lru_cache(maxsize=64)
def week_figure(settings: ExploreSettings) -> str:
    """The week's milk per day with the population band, against the baseline week."""
    from letdown.web.charts import week_chart

    return week_chart(week(settings), week(BASELINE), "explorer-week",
                      f"Simulated milk per day over a week of {settings.sessions_per_day} "
                      "sessions a day: median of 200 virtual parents with the range of "
                      "90% of them, against the baseline of 8 calm sessions a day")
