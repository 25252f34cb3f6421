"""Settings: defaults, environment, config file, and the private data directory."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from letdown.cli import cli
from letdown.config import load_settings


def test_default_database_is_sqlite_in_data_dir(isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.data_dir == isolated_home
    assert settings.effective_database_url == f"sqlite:///{isolated_home / 'letdown.sqlite3'}"


def test_environment_overrides_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('port = 9000\nhost = "127.0.0.2"\n')
    monkeypatch.setenv("LETDOWN_PORT", "9100")
    settings = load_settings()
    assert settings.port == 9100
    assert settings.host == "127.0.0.2"


def test_bad_setting_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETDOWN_PORT", "99999")
    with pytest.raises(ValueError, match="LETDOWN_PORT"):
        load_settings()


def test_data_dir_is_private(isolated_home: Path) -> None:
    load_settings().ensure_data_dir()
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700


def test_where_prints_paths(isolated_home: Path) -> None:
    result = CliRunner().invoke(cli, ["where"])
    assert result.exit_code == 0
    assert str(isolated_home) in result.output
    assert "sqlite" in result.output


def test_where_hides_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETDOWN_DATABASE_URL", "postgresql+psycopg://u:secret@localhost/db")
    result = CliRunner().invoke(cli, ["where"])
    assert "secret" not in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "letdown" in result.output


# ---------------------------------------------------------------- bad settings (issue 10)

from hypothesis import given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from letdown.config import SettingsError  # noqa: E402
from letdown.locations import SETTING_NAMES  # noqa: E402

LOG = ["log", "-k", "pump", "-s", "both", "-m", "15"]
#: Every kind of command that reads settings: writes, reads, maintenance.
COMMANDS = [LOG, ["sessions", "--json"], ["sessions"], ["overview"], ["show", "1"], ["export"],
            ["where"],
            ["db", "current"], ["db", "upgrade"], ["backup", "copy.sqlite3"],
            ["baby", "add", "Ada", "--born", "2026-10-01"], ["weight", "list"],
            ["advise", "--answers", "answers.json"], ["doctor"]]
BAD = {
    "LETDOWN_PORT": ("abc", "LETDOWN_PORT"),
    "LETDOWN_TIMEZONE": ("Mars/Olympus_Mons", "LETDOWN_TIMEZONE"),
    "LETDOWN_DATA_DIR": ("", "LETDOWN_DATA_DIR"),
    "LETDOWN_DATABASE_URL": ("not a url", "LETDOWN_DATABASE_URL"),
}


def _session_count(data: Path) -> int:
    import sqlite3

    path = data / "letdown.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM session").fetchone()[0])


@pytest.mark.parametrize("variable", sorted(BAD))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_bad_setting_stops_every_command_first(
    command: list[str], variable: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.json").write_text('{"feeding_mode": "both"}')
    value, named = BAD[variable]
    monkeypatch.setenv(variable, value)
    result = CliRunner().invoke(cli, command)
    if command == ["doctor"]:  # doctor reports it among its findings, exit 1
        assert result.exit_code == 1 and named in result.output
        assert not isolated_home.exists()
        return
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and named in lines[0]
    assert "allowed" in lines[0]
    assert not isolated_home.exists()  # nothing created, let alone written
    assert not (tmp_path / "copy.sqlite3").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_config_file_that_is_not_toml_stops_every_command(
    command: list[str], isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.json").write_text('{"feeding_mode": "both"}')
    (tmp_path / "config.toml").write_text('timezone = "Europe/London\nport = 80\n')
    result = CliRunner().invoke(cli, command)
    if command == ["doctor"]:  # doctor reports it among its findings, exit 1
        assert result.exit_code == 1 and "config.toml: not a valid TOML file" in result.output
        return
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "config.toml: not a valid TOML file" in lines[0]
    assert not isolated_home.exists()


def test_log_with_a_mistyped_zone_saves_nothing(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: `log` saved, then failed on the zone, so a retry made a duplicate."""
    assert CliRunner().invoke(cli, LOG).exit_code == 0
    monkeypatch.setenv("LETDOWN_TIMEZONE", "Europe/Lodnon")
    result = CliRunner().invoke(cli, LOG)
    assert result.exit_code == 2
    assert "LETDOWN_TIMEZONE = 'Europe/Lodnon': unknown time zone" in result.stderr
    assert _session_count(isolated_home) == 1


def test_where_with_a_port_that_is_not_a_number_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LETDOWN_PORT", "abc")
    result = CliRunner().invoke(cli, ["where"])
    assert result.exit_code == 2
    assert result.stderr == ("error: LETDOWN_PORT = 'abc': not a whole number; allowed: a "
                             "whole number from 1 to 65535\n")


def test_an_unknown_key_in_the_config_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("prot = 8000\n")
    with pytest.raises(SettingsError, match="unknown setting 'prot'; allowed: data_dir"):
        load_settings()


def test_a_password_in_a_bad_database_url_is_not_echoed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LETDOWN_DATABASE_URL", "mysql://me:hunter2@db/x")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "hunter2" not in str(caught.value) and "LETDOWN_DATABASE_URL" in str(caught.value)


_env_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=40)


@hypothesis_settings(max_examples=150, deadline=None)
@given(variable=st.sampled_from(sorted(f"LETDOWN_{name.upper()}" for name in SETTING_NAMES)),
       value=_env_text)
def test_any_setting_value_loads_or_is_refused_in_one_line(variable: str, value: str) -> None:
    import os

    old = os.environ.get(variable)
    os.environ[variable] = value
    try:
        load_settings()
    except SettingsError as error:
        message = str(error)
        assert "\n" not in message
        assert variable in message and "allowed" in message
    finally:
        if old is None:
            del os.environ[variable]
        else:
            os.environ[variable] = old


def test_an_existing_data_folder_keeps_its_permissions(
    isolated_home: Path,
) -> None:
    """Regression: letdown chmod-ed any existing folder to 0700; now it warns instead."""
    isolated_home.mkdir(mode=0o755)
    isolated_home.chmod(0o755)
    result = CliRunner().invoke(cli, LOG)
    assert result.exit_code == 0
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o755
    assert "other users of this computer can look into" in result.stderr
    assert f"chmod 700 {isolated_home}" in result.stderr


def test_a_new_data_folder_is_private_and_no_warning(isolated_home: Path) -> None:
    result = CliRunner().invoke(cli, LOG)
    assert result.exit_code == 0 and result.stderr == ""
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700
