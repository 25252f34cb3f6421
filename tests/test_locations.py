"""The light settings module stays in step with the full settings."""

from __future__ import annotations

from pathlib import Path

from letdown.config import Settings, load_settings
from letdown.locations import SETTING_NAMES, SQLITE_FILE, default_config_file


def test_setting_names_are_the_settings_fields() -> None:
    assert set(Settings.model_fields) == SETTING_NAMES


def test_default_sqlite_file_is_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings.sqlite_path == tmp_path / SQLITE_FILE


def test_config_file_follows_the_given_environment(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere.toml"
    assert default_config_file({"LETDOWN_CONFIG": str(chosen)}) == chosen
    assert default_config_file({}).name == "config.toml"
