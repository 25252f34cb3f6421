"""Settings: where letdown keeps its data and which database it talks to.

One table of settings feeds the environment (``LETDOWN_*``), the optional
config file, ``letdown where`` and the README. Precedence, highest first:
explicit arguments, environment variables, the config file, defaults.

The config file is TOML, read from ``$LETDOWN_CONFIG`` if set, otherwise from
``<XDG config dir>/letdown/config.toml`` when it exists.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from letdown.locations import (
    APP_NAME,
    ENV_PREFIX,
    MEDIA_DIR,
    SQLITE_FILE,
    default_config_file,
    default_data_dir,
)

__all__ = ["APP_NAME", "Settings", "default_config_file", "default_data_dir", "load_settings"]


class Settings(BaseSettings):
    """Every setting letdown has. Each field's description is its documentation."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description=(
            "Directory for the database, your media and the advisor's answers "
            "(created with mode 0700)."
        ),
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy database URL. Default: a SQLite file `letdown.sqlite3` in the data "
            "directory. Server mode uses `postgresql+psycopg://...`."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address `letdown serve` listens on.")
    port: int = Field(default=8765, ge=1, le=65535, description="Port `letdown serve` uses.")
    timezone: str | None = Field(
        default=None,
        description="IANA time zone for showing times (default: the system's local zone).",
    )

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=default_config_file())
        return (init_settings, env_settings, toml)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / SQLITE_FILE

    @property
    def effective_database_url(self) -> str:
        """The URL actually used: the explicit one, or the SQLite default."""
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / MEDIA_DIR

    def ensure_data_dir(self) -> Path:
        """Create the data directory, private to this user (0700), and return it."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.data_dir, 0o700)
        return self.data_dir


def load_settings(**overrides: Any) -> Settings:
    """Read settings from defaults, the config file and the environment."""
    return Settings(**overrides)


def settings_table() -> list[tuple[str, str, str]]:
    """(environment variable, default, description) for every setting, for docs and CLI."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = "" if field.default_factory is not None else repr(field.default)
        if name == "data_dir":
            default = "XDG data dir (~/.local/share/letdown)"
        rows.append((f"{ENV_PREFIX}{name.upper()}", default, field.description or ""))
    return rows
