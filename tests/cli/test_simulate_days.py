"""`letdown simulate --days N` and schedule files, as a user runs them.

Expectations come from the supply model's sources (see tests/reflex/test_supply.py): supply
follows removal over days (Daly et al. 1993, 1996: C33, C34) and people differ widely
(C31, C32), so a population run shows a wide band.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SCHEDULES = ROOT / "examples" / "schedules"
SCENARIOS = ROOT / "examples" / "scenarios"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["simulate", *args])


def test_days_alone_prints_one_row_per_day_per_breast() -> None:
    """C34: eight pumps a day (the default) raise synthesis over the days."""
    res = run("--days", "4")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "left mL" in lines[1] and "right mL" in lines[1] and "synthesis mL/h" in lines[1]
    rows = [line.split() for line in lines[2:6]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]
    assert float(rows[-1][5]) > float(rows[0][5])  # synthesis rose


def test_population_prints_median_and_90_percent_interval() -> None:
    """C31, C32: people differ several-fold, so the 90% interval is wide."""
    res = run("--days", "2", "--population", "300", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    day = data["per_day"][-1]
    assert day["total_ml_p5"] < day["total_ml"] < day["total_ml_p95"]
    assert day["total_ml_p95"] > 1.5 * day["total_ml_p5"]
    text = run("--days", "2", "--population", "300")
    assert "90% of people" in text.output


def test_a_schedule_file_runs_without_days_and_plots_a_week(tmp_path: Path) -> None:
    """The example week (hand expression, then pumping, from birth): colostrum days are
    small (Neville 2001) and the chart is written."""
    plot = tmp_path / "week.svg"
    res = run(str(SCHEDULES / "first-week-hand-then-pump.toml"), "--json", "--plot", str(plot))
    assert res.exit_code == 0, res.output
    days = json.loads(res.stdout)["per_day"]
    assert len(days) == 7
    assert days[0]["total_ml"] < 100 < days[-1]["total_ml"]
    assert "<svg" in plot.read_text(encoding="utf-8")


def test_a_scenario_file_with_days_repeats_its_session() -> None:
    """A scenario's breastfeed every day at its [day] times, for the days asked."""
    res = run(str(SCENARIOS / "day.toml"), "--days", "2", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["days"] == 2 and data["per_day"][0]["sessions"] >= 1


def test_days_override_a_schedule_file() -> None:
    """--days wins over the file's own number of days."""
    res = run(str(SCHEDULES / "eight-pumps-a-week.toml"), "--days", "3", "--json")
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)["per_day"]) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "0"], "--days"),
        (["--days", "3", "--compare", "a.toml", "b.toml"], "--compare"),
        (["--days", "3", "--population", "20001"], "too many"),
        (["--days", "300", "--population", "20000"], "person-days"),
        ([str(SCHEDULES / "domperidone-low-supply.toml"), "--days", "2"], "drugs.0"),
    ],
)
def test_bad_day_runs_are_refused_with_a_reason(args: list[str], message: str) -> None:
    """Exit status 2, the reason named, no traceback."""
    res = run(*args)
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert "Traceback" not in res.output


def test_a_scenario_with_events_cannot_repeat_over_days(tmp_path: Path) -> None:
    """Events (a fright, an injection) belong to one session: refused with the reason."""
    scn = tmp_path / "events.toml"
    scn.write_text('[[events]]\nat_min = 2\nkind = "stress"\namount = 5\n', encoding="utf-8")
    res = run(str(scn), "--days", "2")
    assert res.exit_code == 2, res.output
    assert "events" in res.output and "Traceback" not in res.output


def test_a_bad_schedule_writes_no_plot(tmp_path: Path) -> None:
    """Bad input: the reason, exit status 2, and nothing written."""
    bad = tmp_path / "bad.toml"
    bad.write_text('days = 3\ntimes_h = [5, 2]\n', encoding="utf-8")
    plot = tmp_path / "out.svg"
    res = run(str(bad), "--plot", str(plot))
    assert res.exit_code == 2
    assert "times must increase" in res.output
    assert not plot.exists()


_toml_values = st.one_of(
    st.integers(-5, 400).map(str), st.floats(-1, 30).map(lambda v: f"{v:.3f}"),
    st.sampled_from(['"pump"', '"hand"', '"domperidone"', "[0, 3, 6]", "[6, 3]", "true",
                     '{ kind = "hand" }', '[{ name = "cabergoline", mg_per_day = 1 }]']),
)
_toml_keys = st.sampled_from(["days", "start_day", "times_h", "sessions_per_day", "session",
                              "drugs", "name", "kind", "stress", "periods"])


@settings(max_examples=25, deadline=None)
@given(lines=st.lists(st.tuples(_toml_keys, _toml_values), max_size=5, unique_by=lambda t: t[0]))
def test_generated_schedule_files_end_in_a_result_or_a_clear_refusal(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, str]]
) -> None:
    """Whatever a schedule file holds: exit 0 or 2 with a message, never a traceback."""
    path = tmp_path_factory.mktemp("gen") / "s.toml"
    path.write_text("days = 1\n" + "".join(f"{k} = {v}\n" for k, v in lines if k != "days"),
                    encoding="utf-8")
    res = run(str(path))
    assert res.exit_code in (0, 2), res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    if res.exit_code == 2:
        assert res.output.strip()


def test_hand_expression_is_a_session_kind_that_removes_less_than_a_pump(
    tmp_path: Path,
) -> None:
    """Flaherman et al. 2012 (FLA12-HAND, training): 15 min of hand expression gave about
    half the volume of 15 min of pumping."""
    volumes = {}
    for kind in ("hand", "pump"):
        scn = tmp_path / f"{kind}.toml"
        scn.write_text(f'[session]\nkind = "{kind}"\nduration_min = 15\n', encoding="utf-8")
        res = run(str(scn), "--json")
        assert res.exit_code == 0, res.output
        volumes[kind] = json.loads(res.stdout)["metrics"]["volume_ml"]
    assert 0.3 * volumes["pump"] < volumes["hand"] < 0.75 * volumes["pump"]
