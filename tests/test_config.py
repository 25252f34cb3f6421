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
