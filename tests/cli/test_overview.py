"""``letdown overview`` (what ./run shows): first-run welcome, then counts and the trend."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from letdown.cli import cli


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_first_run_is_friendly() -> None:
    out = run("overview")
    assert "Welcome to letdown." in out and "letdown log" in out
    assert "not a diagnosis" in out


def test_trend_shows_quicker_let_downs() -> None:
    now = dt.datetime.now(dt.UTC)
    # two weeks ago: let-down after about 4 minutes; this week: about 1.5 minutes
    for days, letdown in [(15, "4:00"), (16, "4:10"), (17, "3:50"),
                          (1, "1:30"), (2, "1:40"), (3, "1:20")]:
        start = (now - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M+00:00")
        run("log", "-k", "pump", "-s", "left", "--start", start, "-m", "15",
            "--letdown", letdown)
    out = run("overview")
    assert "6 sessions recorded, 3 in the last 7 days" in out
    assert "this week      1:30" in out and "2 weeks ago    4:00" in out
    assert "This week is quicker than the weeks before." in out
    assert out.count("pump (left), 15 min") == 5


@pytest.mark.postgres
def test_postgres_full_path_shows_the_same_as_sqlite_fast_path(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_show() -> tuple[str, str]:
        for day, letdown in [("2026-11-01", "2:00"), ("2026-11-02", "1:00"),
                             ("2026-11-03", "3:10")]:
            run("log", "-k", "pump", "-s", "both", "--start", f"{day} 08:00", "-m", "15",
                "--letdown", letdown, "--left-ml", "30", "--right-ml", "25.5")
        return run("overview"), run("sessions", "--limit", "2")

    on_sqlite = fill_and_show()
    monkeypatch.setenv("LETDOWN_DATABASE_URL", postgres_url)
    on_postgres = fill_and_show()
    assert on_postgres == on_sqlite
    assert "2 of 3 sessions shown" in on_postgres[1]
