"""Run a schedule over days: the session engine for each kind of session, the day-scale
supply model (``supply``) in between, and the drugs that act on prolactin.

How the two scales meet: for each kind of session in the schedule, the session engine is
run once for every person at several levels of fullness (``sessions.GRID``), giving the
share of the stored milk that each breast gives up; the supply model then reads, at every
session of every day, the share for that person at the fullness they have then. A week of
8 sessions a day for 10,000 people therefore costs a few population runs, not 560,000
sessions. ``direct=True`` runs the engine at every session instead (the reference the
benchmark and the tests compare with).

The first two weeks: the oxytocin reflex is not yet reliable (``people.reflex_maturing``),
so a schedule that starts then tabulates each session at up to three stages of its
maturing, the same people side by side in one integration, and reads each session's
removal between the two stages around its day. While the breasts may hold only colostrum
the tables also cover a few mL (``LOW_GRID``), where the milk in the ducts comes out
without an ejection.

Drugs and their exposure over days are in ``drugs``.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import Any

import numpy as np

from letdown.reflex import sessions
from letdown.reflex.drugs import exposures, fast_multiplier, prolactin_multiplier
from letdown.reflex.people import reflex_maturing
from letdown.reflex.scenario import Parent, Scenario, Session
from letdown.reflex.schedule import WeekSchedule
from letdown.reflex.supply import (
    SUPPLY_PARAMS,
    Array,
    Day,
    DaysResult,
    Removal,
    RemovalTable,
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


#: fullness levels added below ``sessions.GRID`` while the breasts may hold only colostrum
#: (a few mL): there the milk already in the ducts behind the nipple is a large share of
#: what is stored, and a baby, pump or hand takes it without an ejection (Lucas, Drewett &
#: Mitchell. BMJ 1980;281:834-5: the initiation of lactation did not depend on oxytocin
#: release; FLA12-HAND: 0.5-1 mL a session at 12-36 h). Read from the nearest level above,
#: that share was the one of a breast 8% full (17 mL), which only an ejection empties.
LOW_GRID = (0.006, 0.02, 0.045)
#: days after birth within which a schedule's removal tables include ``LOW_GRID``
LOW_GRID_DAYS = 10.0


def removal_grid(schedule: WeekSchedule) -> tuple[float, ...]:
    """Fullness levels at which each session's removal is tabulated for this schedule."""
    if schedule.start_day < LOW_GRID_DAYS:
        return LOW_GRID + sessions.GRID
    return sessions.GRID


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


#: how far the early reflex deficit has faded at the stages after birth (besides the
#: schedule's start) at which an early schedule's removal is tabulated; removal in between
#: is interpolated in it (against 5 stages, 3 moved KEN16's shares below 440 mL/d by at
#: most 1 point and FPED20's day-6 mean by 2%, at half the cost)
STAGE_LEVELS = (0.5, 0.02)


def reflex_stages(schedule: WeekSchedule) -> tuple[float, ...]:
    """How much of the early reflex deficit is left (``people.reflex_maturing``) at each
    stage at which the schedule's removal is tabulated: the start alone once the reflex is
    established, else the start and the later levels of ``STAGE_LEVELS`` the schedule
    reaches, so that a session on day 10 does not remove milk as one on day 0 would."""
    first = reflex_maturing(schedule.start_day / 7.0)
    last = reflex_maturing((schedule.start_day + schedule.days) / 7.0)
    if first <= STAGE_LEVELS[-1]:
        return (first,)
    later = [m for m in STAGE_LEVELS if m < first]
    keep = [m for m in later if m > last] + [m for m in later if m <= last][:1]
    return (first, *keep)


def _stacked(r: sessions.SessionRunner, levels: tuple[float, ...]) -> sessions.SessionRunner:
    """The runner's people once per stage, side by side (one integration for all stages):
    the same people, with the drive of each stage's remaining reflex deficit."""
    p = r.p
    if len(levels) == 1:
        return r
    d = np.asarray(p.reflex_deficit, dtype=np.float32)
    mature = np.asarray(p.drive_aff, dtype=np.float32) / (1.0 - d * p.reflex_maturing)
    parts: dict[str, list[Any]] = {f.name: [] for f in fields(p)}
    for m in levels:
        for f in fields(p):
            v = mature * (1.0 - d * m) if f.name == "drive_aff" else getattr(p, f.name)
            parts[f.name].append(v)
    changes: dict[str, Any] = {"n": p.n * len(levels)}
    for name, vals in parts.items():
        v0 = vals[0]
        if isinstance(v0, np.ndarray) and v0.ndim == 1 and v0.size == p.n:
            changes[name] = np.concatenate(vals).astype(v0.dtype)
    rest = [np.tile(v, len(levels)) if isinstance(v, np.ndarray) and v.ndim == 1
            and v.size == p.n else v for v in r.rest]
    return replace(r, p=replace(p, **changes), rest=rest)


def _staged(tables: list[Removal], levels: tuple[float, ...]) -> Removal:
    """A ``Removal`` whose key is ``session key @ days after birth``: the removal at the
    two tabulated stages around that day, weighted by how far the reflex has matured
    between them (a single stage: that one)."""

    def removal(key: str, stored: Array) -> Array:
        base, _, at = key.rpartition("@")
        if len(levels) == 1:
            return tables[0](base, stored)
        m = reflex_maturing(float(at) / 7.0)
        i = next((j for j in range(1, len(levels)) if levels[j] <= m), len(levels) - 1)
        a, b = levels[i - 1], levels[i]
        w = min(max((a - m) / (a - b), 0.0), 1.0)
        lo = tables[i - 1](base, stored)
        if w == 0.0:
            return lo
        return lo + w * (tables[i](base, stored) - lo)

    return removal


def _stage_removals(r: sessions.SessionRunner, levels: tuple[float, ...], key: str,
                    grid: tuple[float, ...], direct: bool) -> list[Removal]:
    """One ``Removal`` per stage for one session kind (tabulated, or the engine run at
    every session when ``direct``)."""
    n, s = r.p.n, len(levels)
    big = _stacked(r, levels)
    cap = r.capacity
    if direct:
        def run_stage(j: int) -> Removal:
            def removal(_key: str, stored: Array) -> Array:
                return big.removed(np.tile(stored, (1, s)))[:, j * n:(j + 1) * n]
            return removal

        return [run_stage(j) for j in range(s)]
    t = big.table(grid)
    return [table_removal({key: RemovalTable(t.grid, t.share[:, :, j * n:(j + 1) * n])}, cap)
            for j in range(s)]


def simulate_week(
    schedule: WeekSchedule, n: int | None = None, seed: int = 0, direct: bool = False
) -> DaysResult:
    """Simulate the schedule for the typical person (``n`` None) or ``n`` people."""
    plans = [schedule.day_sessions(day) for day in range(1, schedule.days + 1)]
    levels = reflex_stages(schedule)
    grid = removal_grid(schedule)
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
    by_key = {k: _staged(_stage_removals(r, levels, k, grid, direct), levels)
              for k, r in runners.items()}

    def removal(key: str, stored: Array) -> Array:
        return by_key[key.rpartition("@")[0]](key, stored)

    days = []
    for i, (plan, exp) in enumerate(zip(plans, exposures(schedule), strict=True)):
        day = schedule.start_day + i
        days.append(Day(
            day=day, times_h=tuple(t for t, _ in plan),
            kinds=tuple(f"{_key(session)}@{day + t / 24.0:.4f}" for t, session in plan),
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
