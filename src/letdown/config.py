"""Settings: where letdown keeps its data and which database it talks to.

One table of settings feeds the environment (``LETDOWN_*``), the optional
config file, ``letdown where`` and the README. Precedence, highest first:
explicit arguments, environment variables, the config file, defaults.

The config file is TOML, read from ``$LETDOWN_CONFIG`` if set, otherwise from
``<XDG config dir>/letdown/config.toml`` when it exists.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import Field, SecretStr, ValidationError, field_validator
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

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

__all__ = [
    "APP_NAME",
    "Settings",
    "SettingsError",
    "default_config_file",
    "default_data_dir",
    "load_settings",
]

#: Database URL schemes letdown can store a journal in (the part before ``+driver``).
DATABASE_BACKENDS = ("sqlite", "postgresql")
_URL_SCHEME = re.compile(r"^([a-z][a-z0-9]*)(\+[a-z0-9_]+)?://", re.IGNORECASE)

#: What each setting allows, in plain words, for messages.
ALLOWED = {
    "data_dir": "a folder path, such as ~/.local/share/letdown",
    "database_url": "sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE",
    "host": "an address such as 127.0.0.1",
    "port": "a whole number from 1 to 65535",
    "timezone": "an IANA time zone name such as Europe/London or America/New_York",
    "multi_user": "true or false",
    "secret_key": "a long random text, e.g. from `python3 -c 'import secrets; "
                  "print(secrets.token_urlsafe(48))'`",
    "trust_proxy": "true or false",
    "db_pool_size": "a whole number from 1 to 100",
    "db_max_overflow": "a whole number from 0 to 100",
}


class SettingsError(click.ClickException, ValueError):
    """A setting (environment variable or config file) is unusable; the message says which,
    what it holds and what is allowed, in one line.

    It is also a click exception, so any command that loads settings, wherever it does so,
    ends with that one line and exit status 2 instead of a traceback."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True, file=file)


class Settings(BaseSettings):
    """Every setting letdown has. Each field's description is its documentation."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description=(
            "Directory for the database, your media and the advisor's answers "
            "(a new one is created with mode 0700; an existing one keeps its permissions)."
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
    multi_user: bool = Field(
        default=False,
        description=(
            "Server mode for a practice (`letdown serve --multi-user`): accounts, sharing by "
            "consent. Needs PostgreSQL and a secret key."
        ),
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            "Server mode's secret (signs sessions): at least 32 random bytes, never an "
            "example value. Never shown by letdown."
        ),
    )
    trust_proxy: bool = Field(
        default=False,
        description=(
            "Server mode behind a reverse proxy (Caddy, nginx) on this machine: believe its "
            "X-Forwarded-Proto and X-Forwarded-For headers (HTTPS, the client's address). "
            "Only when letdown listens on 127.0.0.1 behind that proxy."
        ),
    )

    db_pool_size: int = Field(
        default=5, ge=1, le=100,
        description=(
            "Server mode on PostgreSQL: connections each worker keeps open per pool (it has "
            "two: accounts and journals). Keep workers x 2 x (this + DB_MAX_OVERFLOW) under "
            "PostgreSQL's max_connections."
        ),
    )
    db_max_overflow: int = Field(
        default=10, ge=0, le=100,
        description=(
            "Server mode on PostgreSQL: extra connections a pool may open for a burst, "
            "closed again when it passes."
        ),
    )

    @field_validator("data_dir", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        # An empty LETDOWN_DATA_DIR would mean "the current folder": a journal that
        # silently moves with wherever the command was typed.
        if isinstance(value, str | Path) and not str(value).strip():
            raise ValueError("empty")
        return value

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        try:
            return value.expanduser()
        except RuntimeError:  # "~name" for a user this machine does not have
            raise ValueError(
                f"{str(value).split('/', 1)[0]} is not a home folder on this machine; "
                "give a full path"
            ) from None

    @field_validator("database_url", mode="after")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        match = _URL_SCHEME.match(value)
        if match is None or match.group(1).lower() not in DATABASE_BACKENDS:
            raise ValueError("not a database URL letdown can use")
        # Only someone who set a URL pays for importing SQLAlchemy here.
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(value)
        except (ArgumentError, ValueError):
            raise ValueError("not a database URL letdown can use") from None
        return value

    @field_validator("timezone", mode="after")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone") from None
        return value

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
        """The URL actually used, as text to show: the explicit one, or the SQLite default.

        For opening the database use ``database_url_object``: a data-dir path containing
        ``?``, ``#`` or ``%`` must stay a path, not become part of a URL."""
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    def database_url_object(self) -> URL:
        """The URL to open, built from parts so a path is never parsed as a URL."""
        from sqlalchemy.engine import URL, make_url

        if self.database_url:
            return make_url(self.database_url)
        return URL.create("sqlite", database=str(self.sqlite_path))

    @property
    def uses_default_sqlite(self) -> bool:
        """True when the journal is the SQLite file in the data directory."""
        return self.database_url is None

    @property
    def media_dir(self) -> Path:
        return self.data_dir / MEDIA_DIR

    def ensure_data_dir(self) -> Path:
        """Create the data directory private to this user (0700) and return it.

        A folder that already exists keeps its permissions: the person may have made it
        (or share it) on purpose; ``exposure_warning`` says when others can read it."""
        if not self.data_dir.is_dir():
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.data_dir, 0o700)
        return self.data_dir

    def exposure_warning(self) -> str | None:
        """A warning when other users of this computer can look into the data directory."""
        try:
            mode = stat.S_IMODE(self.data_dir.stat().st_mode)
        except OSError:
            return None
        if not mode & 0o077:
            return None
        return (f"warning: other users of this computer can look into {self.data_dir} "
                f"(permissions {mode:o}); `chmod 700 {self.data_dir}` makes it private")


def load_settings(**overrides: Any) -> Settings:
    """Read settings from defaults, the config file and the environment.

    Raises ``SettingsError`` with one line naming the variable or file, what it holds and
    what is allowed, before anything is opened or written."""
    config = default_config_file()
    try:
        return Settings(**overrides)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(
            f"{config}: not a valid TOML file ({error}); allowed: lines such as "
            f'timezone = "Europe/London"; fix or remove the file') from None
    except UnicodeDecodeError:
        raise SettingsError(f"{config}: not a text file; fix or remove it") from None
    except OSError as error:
        raise SettingsError(f"{config}: cannot be read ({error.strerror})") from None
    except ValidationError as error:
        raise SettingsError(_describe(error, config, overrides)) from None


def _describe(error: ValidationError, config: Path, overrides: dict[str, Any]) -> str:
    """The first problem as one line naming where the value came from."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    value = first.get("input")
    variable = f"{ENV_PREFIX}{name.upper()}"
    if name in overrides:
        where = name
    elif variable in os.environ:
        where = variable
    elif name in Settings.model_fields:
        where = f"{name} in {config}"
    else:  # a key the config file should not have (extra="forbid")
        known = ", ".join(sorted(Settings.model_fields))
        return f"{config}: unknown setting {name!r}; allowed: {known}"
    reason = _PLAIN.get(str(first.get("type")), str(first.get("msg", "invalid")))
    reason = reason.removeprefix("Value error, ")
    if name == "database_url" and isinstance(value, str):
        value = re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", value)  # never echo a password
    if name == "secret_key":
        value = "***"  # never echo a secret, even a malformed one
    shown = f"{where} = {value!r}" if where.startswith(ENV_PREFIX) or where == name else (
        f"{name} = {value!r} in {config}")
    return f"{shown}: {reason}; allowed: {ALLOWED.get(name, 'see letdown where')}"


#: Pydantic's error types in plain words.
_PLAIN = {
    "int_parsing": "not a whole number",
    "int_from_float": "not a whole number",
    "int_type": "not a whole number",
    "greater_than_equal": "too small",
    "less_than_equal": "too large",
    "string_type": "not text",
    "path_type": "not a folder path",
    "bool_parsing": "not true or false",
    "bool_type": "not true or false",
}


def settings_table() -> list[tuple[str, str, str]]:
    """(environment variable, default, description) for every setting, for docs and CLI."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = "" if field.default_factory is not None else repr(field.default)
        if name == "data_dir":
            default = "XDG data dir (~/.local/share/letdown)"
        rows.append((f"{ENV_PREFIX}{name.upper()}", default, field.description or ""))
    return rows
