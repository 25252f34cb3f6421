"""``letdown growth``: percentiles in plain words, the chart file, and bad input refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letdown.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


def _ada() -> None:
    assert run("baby", "add", "Ada", "--born", _days_ago(40), "--sex", "female",
               "--birth-weight-g", "3400").exit_code == 0
    for grams, ago in ((3150, 37), (3390, 30), (4300, 5)):
        assert run("weight", "add", str(grams), "--date", _days_ago(ago)).exit_code == 0


def test_growth_in_plain_words_and_the_chart(tmp_path: Path) -> None:
    _ada()
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "ada.svg"
    result = run("growth", "--plot", str(target))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "percentile for girls" in out and "7.4% below birth weight" in out
    assert "Back to birth weight by day 35" in out and "WHO Child Growth Standards" in out
    svg = target.read_text()
    assert svg.startswith("<svg") and "<title" in svg and "97th" in svg
    assert [p.name for p in target.parent.iterdir()] == ["ada.svg"]  # no temporary file left


def test_without_sex_no_percentiles_and_no_chart(tmp_path: Path) -> None:
    run("baby", "add", "Ben", "--born", _days_ago(20))
    run("weight", "add", "3600")
    assert "Add the baby's sex" in run("growth").output
    result = run("growth", "--plot", str(tmp_path / "b.svg"))
    assert result.exit_code == 2 and "needs the baby's sex" in result.output
    assert not (tmp_path / "b.svg").exists()


def test_a_growth_red_flag_is_said_with_its_level_and_what_to_say() -> None:
    run("baby", "add", "Cleo", "--born", _days_ago(4), "--sex", "female",
        "--birth-weight-g", "3400")
    run("weight", "add", "3000", "--date", _days_ago(0))
    out = run("growth").output
    assert "When to get help:" in out and "[see a doctor or midwife soon]" in out
    assert "11.8% below birth weight" in out and "what to say: My baby was 3400 g" in out


def test_no_baby_yet() -> None:
    result = run("growth")
    assert result.exit_code == 2 and "letdown baby add" in result.output


@pytest.mark.parametrize(("args", "says"), [
    (["--baby", "Zed"], "no baby 'Zed'"),
    (["--plot", "chart.png"], "does not end in .svg"),
    (["--plot", "/no/such/folder/chart.svg"], "does not exist"),
    (["--nope"], "No such option"),
])
def test_bad_arguments_are_refused_plainly(args: list[str], says: str) -> None:
    _ada()
    result = run("growth", *args)
    assert result.exit_code == 2 and says in result.output
    assert "Traceback" not in result.output


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(baby=st.text(max_size=20), plot=st.text(max_size=30))
def test_generated_arguments_never_crash_and_write_nothing_unasked(
    tmp_path: Path, baby: str, plot: str
) -> None:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    before = sorted(p.name for p in out.iterdir())
    result = CliRunner().invoke(cli, ["growth", "--baby", baby, "--plot",
                                      str(out / plot) if plot else ""])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.startswith(("error:", "Usage:")), result.output
        assert sorted(p.name for p in out.iterdir()) == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_gestation_survives_export_and_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from letdown.journal.service import Journal

    _ada()
    journal = Journal.open()
    try:
        journal.update_baby(1, {"gestation_weeks": 34, "gestation_days": 2})
    finally:
        journal.close()
    out = tmp_path / ("journal.json" if fmt == "json" else "journal.zip")
    assert run("export", "--format", fmt, "-o", str(out)).exit_code == 0
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(tmp_path / "elsewhere"))
    assert run("import", str(out)).exit_code == 0
    [baby] = json.loads(run("baby", "list", "--json").output)
    assert (baby["gestation_weeks"], baby["gestation_days"]) == (34, 2)
    assert "born at 34 weeks 2 days" in run("growth").output


def test_gestation_can_be_given_changed_and_cleared_from_the_command_line() -> None:
    """A parent using only the CLI can say the baby came early (34 weeks and 5 days), so
    growth is read by corrected age; the record's own limits name the option."""
    assert run("baby", "add", "Ada", "--born", _days_ago(40), "--sex", "female",
               "--gestation", "34+5").exit_code == 0
    babies = json.loads(run("baby", "list", "--json").output)
    assert (babies[0]["gestation_weeks"], babies[0]["gestation_days"]) == (34, 5)
    edited = run("baby", "edit", "1", "--gestation", "36")
    assert edited.exit_code == 0 and "born at 36+0 weeks" in edited.output
    assert json.loads(run("baby", "list", "--json").output)[0]["gestation_days"] is None
    assert run("baby", "edit", "1", "--clear", "gestation").exit_code == 0
    assert json.loads(run("baby", "list", "--json").output)[0]["gestation_weeks"] is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=8), st.from_regex(r"\A\d{1,2}(\+\d{1,2})?\Z")))
def test_any_gestation_text_is_saved_or_refused_with_the_option_named(text: str) -> None:
    before = run("baby", "list", "--json").output
    res = CliRunner().invoke(cli, ["baby", "add", "Ben", "--born", _days_ago(3),
                                   "--gestation", text])
    assert res.exit_code in (0, 2), res.output
    if res.exit_code == 2:
        assert "--gestation" in res.output
        assert run("baby", "list", "--json").output == before  # nothing written
    else:
        run("baby", "delete", str(json.loads(run("baby", "list", "--json").output)[-1]["id"]),
            "--yes")
