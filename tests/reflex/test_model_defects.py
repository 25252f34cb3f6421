"""Defects of the reflex model found in review (issue 12), each with the behaviour a user
would notice: a scenario key that changed nothing, milk unmade between sessions, a cue that
counted twice, a cliff in the response to stress, and population bands the CLI hid."""

from __future__ import annotations

import itertools
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from letdown.reflex import model, simulate
from letdown.reflex.engine import simulate_population
from letdown.reflex.modifiers import from_scenario
from letdown.reflex.scenario import ScenarioError, from_dict, read_toml
from letdown.reflex.schedule import from_dict as schedule_from_dict
from letdown.reflex.steps import between
from letdown.reflex.stimulus import Forcing
from letdown.reflex.week import simulate_week


def _pump(**extra: object) -> dict[str, object]:
    return {"session": {"kind": "pump", "duration_min": 15}, **extra}


# --- 1. storage_capacity_ml sets the person's storage capacity ----------------------------


def _capacity(ml: float) -> dict[str, object]:
    return _pump(parent={"storage_capacity_ml": ml})


def test_storage_capacity_changes_the_volume_of_the_typical_person() -> None:
    """Kent 1999: capacity ranges 74-606 mL per breast; at the same fullness a breast that
    holds more gives more. Before the fix 100, 210 and 600 mL gave the same volume."""
    vols = [simulate(from_dict(_capacity(ml))).metrics.volume_ml for ml in (100, 210, 600)]
    assert vols[0] < 0.6 * vols[1] < vols[1] < 0.6 * vols[2], vols


def test_storage_capacity_is_per_breast_and_sets_the_milk_at_touch() -> None:
    """The field is per breast: a 300 mL breast half full holds 150 mL at touch, so a
    two-breast session had 300 mL available."""
    trace = simulate(from_dict(_capacity(300) | {"parent": {"storage_capacity_ml": 300,
                                                             "fullness": 0.5}}))
    available = trace.metrics.volume_ml * 100.0 / trace.metrics.pamr
    assert available == pytest.approx(300.0, rel=0.01)


def test_storage_capacity_moves_the_population_median() -> None:
    small = simulate_population(from_dict(_capacity(100)), 400, seed=3)["volume_ml"]
    large = simulate_population(from_dict(_capacity(500)), 400, seed=3)["volume_ml"]
    assert np.median(large) > 3.0 * np.median(small)


def test_storage_capacity_carries_into_supply_over_days() -> None:
    """A schedule (and a scenario run with --days) keeps the person's capacity: a small
    breast fills sooner, so less is made and removed over a week."""
    def week(ml: float) -> float:
        schedule = schedule_from_dict({"days": 3, "sessions_per_day": 8,
                                       "storage_capacity_ml": ml})
        return float(simulate_week(schedule).volume_left[-1].sum())

    assert week(90.0) < 0.9 * week(210.0)


# --- 2. sessions of a day never overlap, synthesis never runs backwards -------------------


def _day(times: list[float], minutes: float = 20.0) -> dict[str, object]:
    return {"session": {"kind": "pump", "duration_min": minutes},
            "day": {"session_times_h": times}}


def test_back_to_back_sessions_are_refused_with_the_half_minute_named() -> None:
    """Two 20-minute pumps exactly 20 minutes apart ran with a gap of -30 s (the quiet
    half-minute before every session was not counted): milk was unmade."""
    with pytest.raises(ScenarioError, match="half-minute"):
        from_dict(_day([0.0, 20.0 / 60.0]))


def test_sessions_spaced_by_their_whole_length_run_and_conserve_milk() -> None:
    """Stored at the start + made = removed + stored at the end, and nothing is unmade."""
    trace = simulate(from_dict(_day([0.0, 20.5 / 60.0, 2.0, 5.0])))
    day = trace.day
    assert day is not None
    assert day["synthesised_ml"] > 0.0
    balance = day["stored_start_ml"] + day["synthesised_ml"] - day["volume_ml"]
    assert balance == pytest.approx(day["stored_end_ml"], abs=0.5)
    assert np.all(np.diff(trace.removed) >= -1e-9)


def test_between_refuses_a_negative_gap() -> None:
    with pytest.raises(ValueError, match="negative"):
        between(None, None, [], [0.0] * 4, -30.0, [])  # type: ignore[arg-type]


# --- 3. a cue's learned strength counts once ----------------------------------------------


@pytest.mark.parametrize("pairings", [1, 3, 20])
def test_cue_strength_counts_once_in_the_drive_to_the_oxytocin_cells(pairings: int) -> None:
    """After a few pairings a cue is half learned (Rescorla-Wagner): it should drive the
    oxytocin cells at half strength, not at a quarter (strength squared, as it did)."""
    scenario = from_dict({"session": {"kind": "none", "duration_min": 5},
                          "cues": {"present": True, "pairings": pairings}})
    mods = from_scenario(scenario)
    k = model.constants(mods.weeks_postpartum)
    p = model.people(mods, "none", 1, None)
    on = Forcing(**{f.name: 0.0 for f in fields(Forcing)} | {"cue": 1.0})
    # where the cue signal settles with the cue on: dc/dt = (target - c) / tau_cue
    settled = model.shared_derivs(k, mods.cue, on, 0.0, 0.0, 0.0, 0.0)[1] / k.inv_tau_c
    drive = p.drive_cue * settled
    assert drive == pytest.approx(k.cue_gain * mods.cue * mods.central, rel=1e-3)


# --- 4. each point of stress costs a graded share of the milk ------------------------------

#: the most one point of stress (0-10) may take of the volume at the point before. The
#: published acute stressors move a feed by tens of percent at most (Newton & Newton 1948:
#: about -40% for a strong distraction; C24: relaxation +63% in stressed mothers), so the
#: whole scale spread over ten points leaves no room for one point to remove more than about
#: a third; before the fix one point removed over 90% (a firing threshold crossed).
MAX_STEP_LOSS = 0.35
#: ejections are whole events, so moving one stress point can shift an ejection's timing and
#: add a fraction of a millilitre; anything larger is an increase a parent would notice
RISE_TOLERANCE_ML = 1.0

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


@pytest.mark.parametrize("example", ["calm-pump", "stressed-pump", "breastfeed", None])
def test_volume_falls_gradually_with_stress(example: str | None) -> None:
    base = read_toml(EXAMPLES / f"{example}.toml") if example else _pump()
    vols = []
    for stress in range(11):
        data = dict(base)
        data["state"] = {**dict(base.get("state", {})), "stress": stress}  # type: ignore[arg-type]
        vols.append(simulate(from_dict(data)).metrics.volume_ml)
    for before, after in itertools.pairwise(vols):
        assert after <= before + RISE_TOLERANCE_ML, vols
        assert after >= (1.0 - MAX_STEP_LOSS) * before, vols
    assert vols[-1] < 0.8 * vols[0], vols  # stress still matters


# --- 5. letdown simulate --population shows the median and 90% interval ------------------


def test_simulate_population_prints_median_and_the_90_percent_interval() -> None:
    from letdown.cli import cli

    res = CliRunner().invoke(cli, ["simulate", "examples/scenarios/calm-pump.toml",
                                   "--population", "200"])
    assert res.exit_code == 0, res.output
    header = next(line for line in res.output.splitlines() if line.startswith("metric"))
    assert header.split()[1:] == ["median", "p5", "p95", "mean", "sd"]
    row = next(line for line in res.output.splitlines() if line.startswith("volume"))
    median, p5, p95 = (float(v) for v in row.split()[-5:-2])
    assert p5 < median < p95
