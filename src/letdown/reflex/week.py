"""Run a schedule over days: the session engine for each kind of session, the day-scale
supply model (``supply``) in between, and the drugs that act on prolactin.

How the two scales meet: for each kind of session in the schedule, the session engine is
run once for every person at several levels of fullness (``sessions.GRID``), giving the
share of the stored milk that each breast gives up; the supply model then reads, at every
session of every day, the share for that person at the fullness they have then. A week of
8 sessions a day for 10,000 people therefore costs a few population runs, not 560,000
sessions. ``direct=True`` runs the engine at every session instead (the reference the
benchmark and the tests compare with).

Drugs and their exposure over days are in ``drugs``.
"""

from __future__ import annotations

import math

import numpy as np

from letdown.reflex import sessions
from letdown.reflex.drugs import exposures, fast_multiplier, prolactin_multiplier
from letdown.reflex.scenario import Parent, Scenario, Session
from letdown.reflex.schedule import WeekSchedule
from letdown.reflex.supply import (
    SUPPLY_PARAMS,
    Array,
    Day,
    DaysResult,
    Removal,
    SupplyPeople,
    run,
    sp,
    table_removal,
)


def session_scenario(schedule: WeekSchedule, session: Session) -> Scenario:
    """The session engine's scenario for one of the schedule's sessions."""
    weeks = min(schedule.start_day / 7.0, 156.0)
    return Scenario(
        name=schedule.name,
        parent=Parent(weeks_postpartum=weeks, storage_capacity_ml=schedule.storage_capacity_ml),
        state=schedule.state,
        techniques=schedule.techniques, cues=schedule.cues,
        session=session.model_copy(update={"observe_min": 0.0}),
    )


def _key(session: Session) -> str:
    return session.model_dump_json()


def birth_draws(gestation_weeks: float, n: int | None, seed: int) -> tuple[Array, Array]:
    """Each person's day of secretory activation and secretory tissue at birth (the
    typical person's when ``n`` is None), for a birth at ``gestation_weeks``.

    Preterm: the tissue at birth is the share grown since lactose synthesis starts (about
    22 weeks) and activation comes later and varies more (Cregan et al. 2002)."""
    early = max(0.0, 37.0 - gestation_weeks)
    develop = max(0.2, 1.0 - sp("preterm_tissue_loss") * max(0.0, 40.0 - gestation_weeks))
    act_mid = sp("activation_day") + sp("preterm_activation_delay") * early
    birth_mid = sp("birth_secretory_share") * develop
    if n is None:
        return np.array([act_mid]), np.array([birth_mid])
    a_spread = SUPPLY_PARAMS["activation_day"].spread
    b_spread = SUPPLY_PARAMS["birth_secretory_share"].spread
    assert a_spread is not None and b_spread is not None
    rng = np.random.default_rng([seed, 12])
    wide = 1.0 + 0.1 * early
    act = np.clip(act_mid + wide * a_spread.width * rng.standard_normal(n),
                  a_spread.lo, a_spread.hi + 0.3 * early)
    sigma = math.sqrt(math.log1p(b_spread.width ** 2))
    birth = np.clip(birth_mid * np.exp(sigma * rng.standard_normal(n)),
                    b_spread.lo, b_spread.hi)
    return act, birth


def simulate_week(
    schedule: WeekSchedule, n: int | None = None, seed: int = 0, direct: bool = False
) -> DaysResult:
    """Simulate the schedule for the typical person (``n`` None) or ``n`` people."""
    plans = [schedule.day_sessions(day) for day in range(1, schedule.days + 1)]
    runners: dict[str, sessions.SessionRunner] = {}
    for plan in plans:
        for _, session in plan:
            key = _key(session)
            if key not in runners:
                runners[key] = sessions.runner(session_scenario(schedule, session), n, seed)
    first = next(iter(runners.values()))
    capacity = first.capacity
    act, birth = birth_draws(schedule.gestation_weeks, n, seed)
    people = SupplyPeople(capacity=capacity, rate0=first.synthesis_ml_h, activation_day=act,
                          birth_share=birth,
                          prolactin=np.asarray(first.p.prl_status, dtype=float))
    removal: Removal
    if direct:
        def engine_removal(key: str, stored: Array) -> Array:
            return runners[key].removed(stored)

        removal = engine_removal
    else:
        removal = table_removal({k: r.table() for k, r in runners.items()}, capacity)
    days = []
    for i, (plan, exp) in enumerate(zip(plans, exposures(schedule), strict=True)):
        days.append(Day(
            day=schedule.start_day + i, times_h=tuple(t for t, _ in plan),
            kinds=tuple(_key(session) for _, session in plan),
            prolactin=prolactin_multiplier(exp), fast=fast_multiplier(exp),
        ))
    return run(people, days, removal)


def summary(result: DaysResult) -> list[dict[str, float]]:
    """One row per day for people to read: the typical person's figures when the result
    holds one person, else the median and the 90% interval (5th-95th percentile)."""
    rows: list[dict[str, float]] = []
    single = result.volume.shape[1] == 1
    for i, day in enumerate(result.day):
        row: dict[str, float] = {"day": float(i + 1), "days_after_birth": float(day),
                                 "sessions": float(result.sessions[i]),
                                 "prolactin_drive": round(float(result.prolactin[i]), 2)}
        series = {
            "left_ml": result.volume_left[i], "right_ml": result.volume_right[i],
            "total_ml": result.volume[i], "synthesised_ml": result.synthesised[i],
            "rate_left_ml_h": result.rate_left[i], "rate_right_ml_h": result.rate_right[i],
            "share_removed_pct": result.share_removed[i],
        }
        for key, values in series.items():
            if single:
                row[key] = round(float(values[0]), 1)
            else:
                lo, mid, hi = np.percentile(values, [5.0, 50.0, 95.0])
                row[key] = round(float(mid), 1)
                row[key + "_p5"] = round(float(lo), 1)
                row[key + "_p95"] = round(float(hi), 1)
        rows.append(row)
    return rows
