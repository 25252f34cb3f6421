"""Server mode's start-up checks: PostgreSQL, and a real secret key."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from letdown.accounts.startup import refusal
from letdown.config import load_settings

PG = "postgresql+psycopg://letdown@/practice?host=/run/postgresql"
GOOD = "q8V1c2Jm0s7Kx_4nP9tYwZ3aR6eH5uL0dF2gB8vN1mC"


@pytest.mark.parametrize("url, key, problem", [
    (None, GOOD, "needs PostgreSQL"),
    ("sqlite:////tmp/x.sqlite3", GOOD, "needs PostgreSQL"),
    (PG, None, "none is set"),
    (PG, "   ", "none is set"),
    (PG, "short-but-random-3f9", "too short (20 bytes"),
    (PG, "changeme", "known example"),
    (PG, "a" * 64, "known example"),
    (PG, "ReplaceThisWithALongRandomValueFromSecretsModule", "known example"),
    (PG, "your-secret-key-here", "known example"),
])
def test_refusals(url: str | None, key: str | None, problem: str) -> None:
    settings = load_settings(database_url=url, secret_key=key)
    reason = refusal(settings)
    assert reason is not None and problem in reason
    assert "\n" not in reason
    if key and key.strip():
        assert key not in reason


def test_a_good_configuration_passes() -> None:
    assert refusal(load_settings(database_url=PG, secret_key=SecretStr(GOOD))) is None


def test_the_key_is_not_shown_by_the_settings() -> None:
    settings = load_settings(secret_key=GOOD)
    assert GOOD not in repr(settings) and GOOD not in str(settings.model_dump())
