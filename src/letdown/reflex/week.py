"""Run a schedule over days: the session engine for each kind of session, the day-scale
supply model (``supply``) in between, and the drugs that act on prolactin.

How the two scales meet: for each kind of session in the schedule, the session engine is
run once for every person at several levels of fullness (``sessions.GRID``), giving the
share of the stored milk that each breast gives up; the supply model then reads, at every
session of every day, the share for that person at the fullness they have then. A week of
8 sessions a day for 10,000 people therefore costs a few population runs, not 560,000
sessions. ``direct=True`` runs the engine at every session instead (the reference the
benchmark and the tests compare with).

Drugs (daily doses in mg; exposure carries over from day to day by each drug's half-life):

- dopamine antagonists raise prolactin: domperidone (ASZ17-DOMP, ASZ19-DOMP: 30 mg a day
  effective), metoclopramide (KAU81-METO: 15 mg a day raised neither prolactin nor milk,
  30-45 mg a day did; GEZ83-METO);
- dopamine agonists suppress it: bromocriptine (5 mg a day stops lactation), cabergoline
  (one 1 mg dose does, and its half-life is about 65 h);
- pseudoephedrine lowers synthesis on the day it is taken (C20: -24% 24-h milk after 60 mg).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from letdown.reflex import sessions
from letdown.reflex.params import value
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

_LABEL = "prescribing information (elimination half-life)"


@dataclass(frozen=True)
class DrugAction:
    """How the amount of a drug acting (D, mg) changes the prolactin drive: ``emax`` > 0
    raises it (antagonist, 1 + emax x D^h / (D^h + d50^h)); ``emax`` = 0 lowers it
    (agonist, 1 / (1 + (D/d50)^h)). Evidence for every row: weak (dose bands of single
    trials, prescribing information); the sizes of the prolactin changes are assumed."""

    half_life_h: float
    d50_mg: float
    hill: float
    emax: float
    source: str


DRUGS: dict[str, DrugAction] = {
    "domperidone": DrugAction(
        7.5, 15.0, 2.0, 3.0,
        "ASZ17-DOMP, ASZ19-DOMP (10 mg three times a day raised volume); size of the "
        "prolactin rise assumed (several-fold)"),
    "metoclopramide": DrugAction(
        6.0, 25.0, 8.0, 3.0,
        "KAU81-METO (5 mg three times a day: no prolactin rise; 10-15 mg: +42-50 mL per "
        "feed); GEZ83-METO"),
    "bromocriptine": DrugAction(
        15.0, 1.0, 1.5, 0.0, "lactation suppression at 2.5 mg twice a day; " + _LABEL),
    "cabergoline": DrugAction(
        65.0, 0.15, 1.5, 0.0, "lactation suppression by one 1 mg dose; " + _LABEL),
    "pseudoephedrine": DrugAction(6.0, 60.0, 1.0, 0.0, "C20 (acts on synthesis, not here)"),
}

def exposures(schedule: WeekSchedule) -> list[dict[str, float]]:
    """Each day's exposure to each drug: the amount (mg) still acting, a day's dose plus
    what is left of earlier doses by the drug's half-life (one 1 mg dose of cabergoline
    still acts a week later; domperidone is gone by the next day)."""
    out: list[dict[str, float]] = []
    level = dict.fromkeys(DRUGS, 0.0)
    for day in range(1, schedule.days + 1):
        doses = schedule.doses(day)
        for name, a in DRUGS.items():
            keep = math.exp(-math.log(2.0) * 24.0 / a.half_life_h)
            level[name] = level[name] * keep + doses[name]
        out.append(dict(level))
    return out


def prolactin_multiplier(exposure: dict[str, float]) -> float:
    """The drugs' combined effect on the prolactin drive (1 = none)."""
    mult = 1.0
    for name, a in DRUGS.items():
        d = exposure.get(name, 0.0)
        if d <= 0.0 or name == "pseudoephedrine":
            continue
        r = (d / a.d50_mg) ** a.hill
        mult *= 1.0 + a.emax * r / (1.0 + r) if a.emax > 0 else 1.0 / (1.0 + r)
    return mult


def fast_multiplier(exposure: dict[str, float]) -> float:
    """Same-day effect on synthesis (pseudoephedrine, C20), as the session model has it."""
    pse = min(exposure.get("pseudoephedrine", 0.0) / 60.0, 2.0)
    return 1.0 - value("pseudoephedrine_synthesis_cut") * pse


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


def simulate_week(
    schedule: WeekSchedule, n: int | None = None, seed: int = 0, direct: bool = False
) -> DaysResult:
    """Simulate the schedule for the typical person (``n`` None) or ``n`` people."""
    plans = [schedule.plan(day) for day in range(1, schedule.days + 1)]
    runners: dict[str, sessions.SessionRunner] = {}
    for _, session in plans:
        key = _key(session)
        if key not in runners:
            runners[key] = sessions.runner(session_scenario(schedule, session), n, seed)
    first = next(iter(runners.values()))
    capacity = first.capacity
    if n is None:
        act = np.array([sp("activation_day")])
    else:
        spread = SUPPLY_PARAMS["activation_day"].spread
        assert spread is not None
        rng = np.random.default_rng([seed, 12])
        act = np.clip(sp("activation_day") + spread.width * rng.standard_normal(n),
                      spread.lo, spread.hi)
    people = SupplyPeople(capacity=capacity, rate0=first.synthesis_ml_h, activation_day=act)
    removal: Removal
    if direct:
        def engine_removal(key: str, stored: Array) -> Array:
            return runners[key].removed(stored)

        removal = engine_removal
    else:
        removal = table_removal({k: r.table() for k, r in runners.items()}, capacity)
    days = []
    for i, ((times, session), exp) in enumerate(zip(plans, exposures(schedule), strict=True)):
        days.append(Day(
            day=schedule.start_day + i, times_h=times, kinds=(_key(session),) * len(times),
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
