"""``letdown db``: upgrades and the current revision."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from letdown.cli import cli
from letdown.journal.migrations.head import HEAD_REVISION


def test_upgrade_then_up_to_date(isolated_home: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["db", "upgrade"])
    assert first.exit_code == 0
    assert f"from revision none to {HEAD_REVISION}" in first.output
    assert (isolated_home / "letdown.sqlite3").exists()
    again = runner.invoke(cli, ["db", "upgrade"])
    assert f"is up to date (revision {HEAD_REVISION})" in again.output
    assert "up to date" in runner.invoke(cli, ["db", "current"]).output


def test_upgrade_reports_an_unreachable_database(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("LETDOWN_DATABASE_URL", "postgresql+psycopg://u:secret@/db?host=/nowhere")
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "cannot reach" in result.output and "secret" not in result.output
