"""``letdown insights``: plain words first, a forest plot on request, bad input refused."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.simulate import journal
from letdown.cli import cli
from letdown.journal.service import Journal


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def fill(n: int = 60, seed: int = 3) -> None:
    with Journal.open() as store:
        for session in journal(seed, n, {"warm_compress": -0.4, "stress": 0.3},
                               {"warm_compress": 0.2}):
            store.add_session(session)


def test_an_empty_journal_says_how_to_start() -> None:
    result = run("insights")
    assert result.exit_code == 0, result.output
    assert "No sessions recorded yet" in result.output


def test_insights_in_words_then_a_plot(tmp_path: Path) -> None:
    fill()
    plot = tmp_path / "effects.svg"
    result = run("insights", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "What works for you"
    warm = next(line for line in lines if line.startswith("- Warm compress: about "))
    assert " faster for you (sure, 18 sessions with, 42 without)." in warm
    assert lines.index(warm) < lines.index(next(line for line in lines
                                                 if "High stress" in line))
    assert any("Not enough sessions yet to tell about" in line or "but" in line
               for line in lines)
    assert f"Forest plot written to {plot}." in result.output
    assert plot.read_text().startswith("<svg")


def test_json_has_the_figures_and_the_words() -> None:
    fill()
    result = run("insights", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sessions"] == 60
    warm = next(f for f in data["factors"] if f["key"] == "technique:warm_compress")
    assert warm["verdict"] == "helps" and warm["time"]["p_helps"] > 0.95
    assert warm["time"]["low"] < -0.4 < warm["time"]["high"] or warm["time"]["high"] < 0
    assert warm["prior"] == "expected to help (weak evidence)"
    assert warm["words"].startswith("Warm compress: about")


def test_days_keeps_only_recent_sessions() -> None:
    fill()  # the simulated sessions are from June 2026, long before "now"
    result = run("insights", "--days", "7", "--json")
    assert json.loads(result.output)["sessions"] == 0


def test_a_bad_plot_file_is_refused_before_anything_is_done(tmp_path: Path) -> None:
    fill(10)
    out = tmp_path / "out"
    out.mkdir()
    for value, words in [
        (str(out / "plot.png"), "does not end in .svg"),
        (str(out / "missing" / "plot.svg"), "does not exist"),
        (str(out), "does not end in .svg"),
        ("", "empty file name"),
    ]:
        result = run("insights", "--plot", value)
        assert result.exit_code == 2, result.output
        assert "error: --plot: " in result.output and words in result.output
        assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(args=st.lists(st.one_of(
    st.sampled_from(["--days", "--plot", "--json", "-x", "0", "3651", "a.svg", "/proc/x.svg",
                     "\x00", "-1", "9" * 400]),
    st.text(max_size=12)), max_size=4))
def test_generated_arguments_end_in_0_or_2_without_a_traceback(args: list[str]) -> None:
    result = run("insights", *args)
    assert result.exit_code in (0, 2), (args, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_trend_that_needs_help_comes_first_in_words_and_in_json() -> None:
    """Issue 13: trend findings are shown by `letdown insights` too, before what helps."""
    import datetime as dt

    born = (dt.date.today() - dt.timedelta(days=5)).isoformat()
    assert run("baby", "add", "Ada", "--born", born, "--sex", "female",
               "--birth-weight-g", "3500").exit_code == 0
    assert run("weight", "add", "3100").exit_code == 0  # 11% below birth weight
    fill(20)
    words = run("insights")
    assert words.exit_code == 0, words.output
    assert words.output.startswith("When a trend needs help")
    assert words.output.index("When a trend needs help") < words.output.index(
        "What works for you")
    assert "below birth weight" in words.output and "what to say:" in words.output
    data = json.loads(run("insights", "--json").output)
    assert any(t["level"] in ("provider", "urgent") and "birth weight" in t["text"]
               for t in data["trends"])


def test_no_trend_no_heading() -> None:
    fill(20)
    assert "When a trend needs help" not in run("insights").output
