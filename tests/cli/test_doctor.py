"""``letdown doctor`` and the CLI on a damaged journal: writes refused, data rescued."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from journal.test_health import SESSIONS, build, damage
from letdown.cli import cli

LOG = ["log", "-k", "pump", "-s", "both", "-m", "15"]


@pytest.fixture
def damaged(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real journal in the data dir, backed up once, then with a page overwritten."""
    monkeypatch.chdir(tmp_path)
    isolated_home.mkdir(mode=0o700)
    build(isolated_home / "letdown.sqlite3")
    assert CliRunner().invoke(cli, ["backup", "backups/"]).exit_code == 0
    damage(isolated_home / "letdown.sqlite3")
    return isolated_home


def test_writes_into_a_damaged_journal_are_refused(damaged: Path) -> None:
    journal = damaged / "letdown.sqlite3"
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    for command in (LOG, ["baby", "add", "Ben", "--born", "2026-10-01"],
                    ["profile", "--pseudonym", "Sam"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert "the journal is damaged" in result.stderr
        assert "run `letdown doctor`" in result.stderr
        assert "Traceback" not in result.output
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before


def test_doctor_reports_the_damage_rescues_and_points_to_the_backup(
    damaged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "integrity    PROBLEM: the journal is damaged" in result.output
    assert "schema       revision" in result.output
    assert "permissions 700, writable" in result.output and "free" in result.output
    [rescue] = damaged.glob("letdown-rescue-*.json")
    assert f"to {rescue}; import it into a fresh journal" in result.output
    newest = next((tmp_path / "backups").iterdir())
    assert f"backups      newest found: {newest}" in result.output
    rescued = json.loads(rescue.read_text())
    assert 0 < len(rescued["sessions"]) <= SESSIONS
    # The rescue goes into a fresh journal with the ordinary import.
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(tmp_path / "fresh"))
    imported = CliRunner().invoke(cli, ["import", str(rescue)])
    assert imported.exit_code == 0, imported.output
    with sqlite3.connect(tmp_path / "fresh" / "letdown.sqlite3") as connection:
        count = connection.execute("SELECT COUNT(*) FROM session").fetchone()[0]
    assert count == len(rescued["sessions"])


def test_doctor_on_a_sound_journal_is_quiet(isolated_home: Path) -> None:
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "integrity    ok" in result.output and "All is well." in result.output
    assert not list(isolated_home.glob("letdown-rescue-*"))


def test_doctor_saves_to_a_given_file_and_never_onto_the_journal(
    isolated_home: Path, tmp_path: Path
) -> None:
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    out = tmp_path / "rescue.json"
    assert CliRunner().invoke(cli, ["doctor", "-o", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text())["sessions"]) == 1
    onto = CliRunner().invoke(cli, ["doctor", "-o", str(isolated_home / "letdown.sqlite3")])
    assert onto.exit_code == 2 and "is the live journal" in onto.stderr


def test_doctor_names_a_newer_journal_and_a_bad_setting(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    with sqlite3.connect(isolated_home / "letdown.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0042'")
    newer = CliRunner().invoke(cli, ["doctor"])
    assert newer.exit_code == 1
    assert "made by a newer letdown (revision 0042); upgrade letdown" in newer.output
    monkeypatch.setenv("LETDOWN_TIMEZONE", "Nowhere/Land")
    bad = CliRunner().invoke(cli, ["doctor"])
    assert bad.exit_code == 1 and "LETDOWN_TIMEZONE = 'Nowhere/Land'" in bad.output


def test_doctor_warns_when_others_can_look_into_the_folder(isolated_home: Path) -> None:
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    isolated_home.chmod(0o755)
    result = CliRunner().invoke(cli, ["doctor"])
    assert "other users of this computer can look into it" in result.output


@pytest.mark.postgres
def test_doctor_on_postgresql_checks_the_connection_and_revision(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETDOWN_DATABASE_URL", postgres_url)
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "(current); check its integrity with the server's own tools" in result.output
    monkeypatch.setenv("LETDOWN_DATABASE_URL", postgres_url.replace("letdown_test", "nope"))
    missing = CliRunner().invoke(cli, ["doctor"])
    assert missing.exit_code == 1 and "PROBLEM: cannot reach" in missing.output


@pytest.mark.parametrize("target", ["missing/rescue.json", "/proc/rescue.json"])
def test_a_rescue_file_that_cannot_be_written_is_bad_input(
    damaged: Path, tmp_path: Path, target: str
) -> None:
    """`doctor -o` names a place the person chose: if it cannot be written there, say so
    as bad input (exit 2), like every other command's output flag."""
    result = CliRunner().invoke(cli, ["doctor", "-o", target])
    assert result.exit_code == 2, result.output
    assert "error: --output:" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "missing").exists()
