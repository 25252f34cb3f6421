"""Populations over days for the studies: schedules run once for the virtual group, cached.

Why apart from the studies: the 24-hour studies (``supply``, ``substances``, ``stress``,
``techniques``) and the studies over weeks (``weeks``) share these runs. Each schedule is
simulated by the day-scale supply model (``week.simulate_week``) once for ``N_DAYS`` people
from the shared seed (the same people in every arm) and once for the typical person; a run
is reused while no parameter (session or supply) has changed.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np

from letdown.reflex.params import PARAMS
from letdown.reflex.prolactin import PROLACTIN_PARAMS
from letdown.reflex.studies.common import SEED
from letdown.reflex.supply import SUPPLY_PARAMS, DaysResult

#: people in each day-long population run (a week of sessions costs a few session runs)
N_DAYS = 500


def _key(d: dict[str, Any]) -> str:
    params = [(k, p.value, repr(p.spread)) for k, p in PARAMS.items()]
    for table in (SUPPLY_PARAMS, PROLACTIN_PARAMS):
        params += [(k, p.value, repr(p.spread)) for k, p in table.items()]
    return json.dumps([d, params], sort_keys=True)


@cache
def _week(key: str, typical: bool) -> DaysResult:
    from letdown.reflex.schedule import from_dict
    from letdown.reflex.week import simulate_week

    return simulate_week(from_dict(json.loads(key)[0]), None if typical else N_DAYS, SEED)


def week(d: dict[str, Any]) -> DaysResult:
    """The ``N_DAYS`` people through schedule ``d`` (cached)."""
    return _week(_key(d), False)


def week_typical(d: dict[str, Any]) -> DaysResult:
    """The typical person through schedule ``d`` (cached)."""
    return _week(_key(d), True)


def clear_cache() -> None:
    _week.cache_clear()


def schedule(days: int, start_day: float, per_day: int, kind: str = "pump",
             minutes: float = 15.0, drugs: list[dict[str, Any]] | None = None,
             gestation: float = 40.0) -> dict[str, Any]:
    """A schedule mapping: ``per_day`` evenly spaced sessions from ``start_day`` after a
    birth at ``gestation`` weeks."""
    return {"days": days, "start_day": start_day, "sessions_per_day": per_day,
            "session": {"kind": kind, "duration_min": minutes}, "drugs": drugs or [],
            "gestation_weeks": gestation}


def daily(name: str, mg: float) -> list[dict[str, Any]]:
    """A schedule's drugs: ``name`` at ``mg`` a day on every day."""
    return [{"name": name, "mg_per_day": mg}]


def last_day(r: DaysResult) -> np.ndarray:
    v: np.ndarray = r.volume[-1]
    return v


def typical_last_day(d: dict[str, Any]) -> float:
    return float(week_typical(d).volume[-1][0])


def day_schedule(times: list[float], kind: str = "breastfeed", minutes: float = 16.0,
                 days: int = 3, **sections: Any) -> dict[str, Any]:
    """A 24-hour study as a schedule: the same day repeated ``days`` times from 8 weeks
    after birth (established lactation), so the day read (the last) is near steady state
    for the person's storage and synthesis; ``sections`` add state, techniques or drugs."""
    d: dict[str, Any] = {"days": days, "start_day": 56.0, "times_h": times,
                         "session": {"kind": kind, "duration_min": minutes}}
    d.update(sections)
    return d


def day_people(d: dict[str, Any]) -> np.ndarray:
    """Each person's milk removed on the schedule's last day (mL)."""
    return last_day(week(d))


def day_typical(d: dict[str, Any]) -> float:
    """The typical person's milk removed on the schedule's last day (mL)."""
    return typical_last_day(d)
