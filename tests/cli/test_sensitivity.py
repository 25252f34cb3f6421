"""`letdown sensitivity` as a user runs it: a ranked table, a report, and plain refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.cli import cli
from letdown.cli import sensitivity as command

pytest.importorskip("SALib")


def test_it_ranks_parameters_and_writes_the_report(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["sensitivity", "--samples", "4", "--scenario", "calm-pump",
                                   "--metric", "volume_ml", "--top", "3",
                                   "--report", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "calm-pump: 4 base samples" in res.stdout
    assert "volume:" in res.stdout and "ST " in res.stdout
    assert "for every metric in every scenario" in res.stdout
    page = (tmp_path / "sensitivity.md").read_text(encoding="utf-8")
    assert page.startswith("# Reflex model: which parameters matter")
    assert "| volume |" in page and "sobol-calm-pump.svg" in page
    assert (tmp_path / "sobol-calm-pump.svg").read_text().lstrip().startswith("<?xml")


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8192).filter(lambda n: n < 4 or n & (n - 1) != 0))
def test_samples_that_are_not_a_power_of_two_are_refused(n: int) -> None:
    res = CliRunner().invoke(cli, ["sensitivity", "--samples", str(n)])
    assert res.exit_code == 2
    assert "power of 2" in res.stderr
    assert "Traceback" not in res.output


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=20).filter(
    lambda s: s not in command.METRICS and "\x00" not in s and not s.startswith("-")))
def test_an_unknown_metric_is_refused_with_the_allowed_ones(name: str) -> None:
    res = CliRunner().invoke(cli, ["sensitivity", "--samples", "4", "--metric", name])
    assert res.exit_code == 2
    assert "unknown metric" in res.stderr and "peak_prl_ng_ml" in res.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--scenario", "nap"], "unknown scenario 'nap'; allowed: calm-pump"),
        (["--threshold", "0"], "--threshold: must be between 0 and 1"),
        (["--threshold", "1.5"], "--threshold: must be between 0 and 1"),
        (["--samples", "0"], "--samples"),
        (["--samples", "16384"], "--samples"),  # a power of 2, but beyond what memory allows
    ],
)
def test_other_bad_options_exit_2(args: list[str], said: str) -> None:
    res = CliRunner().invoke(cli, ["sensitivity", *args])
    assert res.exit_code == 2
    assert said in res.stderr


def test_someone_elses_page_is_not_overwritten(tmp_path: Path) -> None:
    page = tmp_path / "sensitivity.md"
    page.write_text("# my notes\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["sensitivity", "--samples", "4", "--report", str(tmp_path)])
    assert res.exit_code == 2
    assert "not a sensitivity report" in res.stderr
    assert page.read_text(encoding="utf-8") == "# my notes\n"
    assert list(tmp_path.iterdir()) == [page]


def test_a_missing_report_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["sensitivity", "--report", str(tmp_path / "no" / "such")])
    assert res.exit_code == 2
    assert "does not exist" in res.stderr


def test_the_command_knows_the_analysis_names_without_importing_it() -> None:
    from letdown.reflex import sensitivity as analysis

    assert command.METRICS == analysis.METRICS
    assert tuple(analysis.SCENARIOS) == command.SCENARIOS


def test_the_same_seed_writes_the_same_report(tmp_path: Path) -> None:
    pages = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        res = CliRunner().invoke(cli, ["sensitivity", "--samples", "4", "--seed", "5",
                                       "--scenario", "breastfeed", "--report", str(folder)])
        assert res.exit_code == 0, res.output
        pages.append([(folder / f).read_bytes() for f in ("sensitivity.md",
                                                          "sobol-breastfeed.svg")])
    assert pages[0] == pages[1]
