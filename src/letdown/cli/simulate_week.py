"""``letdown simulate --days N`` (or a schedule file): supply over days, not one session.

Kept apart from ``cli/simulate.py`` so the session command stays as it was; imports of the
model happen inside the functions (``letdown --help`` stays fast).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

#: a population over days keeps (days x people) figures in memory: bound both
MAX_PEOPLE = 20_000
MAX_PERSON_DAYS = 2_000_000

DEFAULT_SCHEDULE: dict[str, Any] = {
    "name": "eight pumps a day", "start_day": 14, "sessions_per_day": 8,
    "session": {"kind": "pump", "duration_min": 15},
}


def wants_days(paths: tuple[str, ...], days: int | None) -> bool:
    """True for ``--days`` or a single file that holds a schedule."""
    if days is not None:
        return True
    if len(paths) != 1:
        return False
    from letdown.reflex.scenario import read_toml
    from letdown.reflex.schedule import is_schedule

    try:
        return is_schedule(read_toml(paths[0]))
    except ValueError:
        return False  # the scenario loader reports it


def _from_scenario(data: dict[str, Any], days: int) -> dict[str, Any]:
    """A scenario file run over days: its session every day, at its [day] times."""
    from letdown.reflex.scenario import from_dict

    scn = from_dict(data)  # a bad scenario is reported as a scenario
    if scn.events:
        raise ValueError("events: [[events]] act within one session and cannot repeat over "
                         "days; remove them, or run the file without --days")
    out: dict[str, Any] = {
        "name": scn.name, "description": scn.description, "days": days,
        "start_day": round(7.0 * scn.parent.weeks_postpartum, 3),
        "storage_capacity_ml": scn.parent.storage_capacity_ml,
        "session": scn.session.model_dump(exclude={"observe_min"}, exclude_none=True),
        "state": scn.state.model_dump(exclude={"pseudoephedrine_mg"}),
        "techniques": scn.techniques.model_dump(), "cues": scn.cues.model_dump(),
    }
    if scn.day is not None:
        out["times_h"] = list(scn.day.session_times_h)
    if scn.state.pseudoephedrine_mg:
        out["drugs"] = [{"name": "pseudoephedrine", "mg_per_day": scn.state.pseudoephedrine_mg}]
    return out


def load_schedule(paths: tuple[str, ...], days: int | None) -> Any:
    """The schedule to run; ScenarioError (a clear message) for anything wrong."""
    from letdown.reflex.scenario import ScenarioError, read_toml
    from letdown.reflex.schedule import from_dict, is_schedule

    if not paths:
        data: dict[str, Any] = dict(DEFAULT_SCHEDULE)
    else:
        data = read_toml(paths[0])
        if not is_schedule(data):
            try:
                data = _from_scenario(data, days or 7)
            except ScenarioError:
                raise
            except ValueError as error:
                raise ScenarioError(f"invalid scenario for --days:\n  {error}") from None
    if days is not None:
        data = {**data, "days": days}
    return from_dict(data)


def _table(rows: list[dict[str, float]], band: bool) -> list[str]:
    if band:
        head = (f"{'day':>4}{'after birth':>12}{'total mL (median, 90% of people)':>36}"
                f"{'synthesis mL/h L/R':>21}{'removed %':>11}")
        lines = [head]
        for r in rows:
            interval = f"{r['total_ml']:.0f} ({r['total_ml_p5']:.0f}-{r['total_ml_p95']:.0f})"
            lines.append(f"{r['day']:>4.0f}{r['days_after_birth']:>12.0f}{interval:>36}"
                         f"{r['rate_left_ml_h']:>12.1f} / {r['rate_right_ml_h']:<6.1f}"
                         f"{r['share_removed_pct']:>11.0f}")
        return lines
    head = (f"{'day':>4}{'after birth':>12}{'left mL':>9}{'right mL':>10}{'total mL':>10}"
            f"{'synthesis mL/h L/R':>21}{'removed %':>11}")
    lines = [head]
    for r in rows:
        lines.append(f"{r['day']:>4.0f}{r['days_after_birth']:>12.0f}{r['left_ml']:>9.0f}"
                     f"{r['right_ml']:>10.0f}{r['total_ml']:>10.0f}"
                     f"{r['rate_left_ml_h']:>12.1f} / {r['rate_right_ml_h']:<6.1f}"
                     f"{r['share_removed_pct']:>11.0f}")
    return lines


def run_days(
    paths: tuple[str, ...], days: int | None, population: int | None, seed: int,
    as_json: bool, plot_path: str | None,
) -> None:
    """Simulate, print (text or JSON) and optionally plot; the caller has checked paths."""
    from letdown.cli.simulate import _fail, _write_failed
    from letdown.reflex.scenario import ScenarioError
    from letdown.reflex.week import simulate_week, summary

    try:
        schedule = load_schedule(paths, days)
    except ScenarioError as error:
        _fail(str(error))
    if population is not None and (
        population > MAX_PEOPLE or population * schedule.days > MAX_PERSON_DAYS
    ):
        _fail(f"--population: {population} people over {schedule.days} days is too many; "
              f"allowed: up to {MAX_PEOPLE} people and {MAX_PERSON_DAYS:,} person-days "
              "(fewer people or fewer days)")
    result = simulate_week(schedule, n=population, seed=seed)
    rows = summary(result)
    who = (f"{population} virtual parents (seed {seed})" if population is not None
           else "the typical parent")
    if as_json:
        click.echo(json.dumps({"name": schedule.name, "days": schedule.days,
                               "start_day": schedule.start_day,
                               "gestation_weeks": schedule.gestation_weeks,
                               "people": population or 1,
                               "seed": seed if population is not None else None,
                               "per_day": rows}, indent=2))
    else:
        born = ("" if schedule.gestation_weeks == 40.0
                else f" (born at {schedule.gestation_weeks:g} weeks)")
        click.echo(f"{schedule.name}: {schedule.days} days from day {schedule.start_day:g} "
                   f"after birth{born}; {who}")
        for line in _table(rows, population is not None):
            click.echo(line)
        click.echo("\nSynthesis: how fast an empty breast makes milk that day.\n"
                   "Removed: the share of the milk in the breasts a session took, on average.")
        click.echo("A model of group-level physiology, not a prediction for one person.")
    if plot_path is not None:
        from letdown.reflex.plot_week import plot_week

        try:
            out = plot_week(rows, plot_path, f"{schedule.name}: milk per day ({who})")
        except OSError as error:
            _write_failed("--plot", Path(plot_path), error)
        click.echo(f"plot written to {out}", err=True)
