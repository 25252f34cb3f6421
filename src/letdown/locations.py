"""Where letdown looks for its config file and keeps its data: the light part of settings.

Kept apart from ``letdown.config`` (which imports pydantic-settings, a few hundred
milliseconds) so the fast session listing in ``letdown.journal.quicklist`` can resolve the
same paths without that import. Both read their names and defaults from here, and a test
checks that ``SETTING_NAMES`` lists exactly the fields of ``config.Settings``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "letdown"
#: Prefix of every environment variable that sets a setting.
ENV_PREFIX = "LETDOWN_"
#: Environment variable naming the config file.
CONFIG_ENV = "LETDOWN_CONFIG"
#: The SQLite journal's file name inside the data directory.
SQLITE_FILE = "letdown.sqlite3"
#: The parent's uploaded baby photos, videos and sounds, inside the data directory.
MEDIA_DIR = "media"
#: The advisor questionnaire's last saved answers, inside the data directory.
ANSWERS_FILE = "advisor-answers.json"
#: Where past backups are noted (for ``letdown doctor``), inside the data directory.
BACKUP_RECORD = "backups.json"
#: Every setting's name (the fields of ``config.Settings``).
SETTING_NAMES = frozenset({"data_dir", "database_url", "host", "port", "timezone", "multi_user",
                           "secret_key", "trust_proxy", "db_pool_size", "db_max_overflow"})


def default_config_file(environ: Mapping[str, str] | None = None) -> Path:
    """The config file letdown reads: ``$LETDOWN_CONFIG`` or the XDG default."""
    explicit = (os.environ if environ is None else environ).get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_path  # ~10 ms: only when the default is needed

    return user_config_path(APP_NAME) / "config.toml"


def default_data_dir() -> Path:
    """The XDG data directory (``~/.local/share/letdown`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)
