"""`letdown serve --multi-user` refuses unsafe settings with one line and exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from letdown.cli import cli

PG = "postgresql+psycopg://letdown@/practice?host=/nonexistent"
GOOD = "q8V1c2Jm0s7Kx_4nP9tYwZ3aR6eH5uL0dF2gB8vN1mC"


@pytest.mark.parametrize("env, message", [
    ({}, "server mode needs PostgreSQL, not SQLite"),
    ({"LETDOWN_DATABASE_URL": PG}, "needs a secret key and none is set"),
    ({"LETDOWN_DATABASE_URL": PG, "LETDOWN_SECRET_KEY": "changeme"}, "known example"),
    ({"LETDOWN_DATABASE_URL": PG, "LETDOWN_SECRET_KEY": "only-twenty-bytes-xy"},
     "too short (20 bytes"),
    ({"LETDOWN_DATABASE_URL": PG, "LETDOWN_SECRET_KEY": GOOD}, "cannot open the database"),
])
def test_refusals(env: dict[str, str], message: str) -> None:
    done = CliRunner(env=env).invoke(cli, ["serve", "--multi-user", "--port", "0"])
    assert done.exit_code == 2
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert GOOD not in done.output and "changeme" not in done.output


def test_the_setting_alone_turns_server_mode_on() -> None:
    done = CliRunner(env={"LETDOWN_MULTI_USER": "true"}).invoke(cli, ["serve"])
    assert done.exit_code == 2
    assert "needs PostgreSQL" in done.output


def test_a_mistyped_multi_user_setting_is_a_clean_error() -> None:
    done = CliRunner(env={"LETDOWN_MULTI_USER": "perhaps"}).invoke(cli, ["serve"])
    assert done.exit_code == 2
    assert "LETDOWN_MULTI_USER = 'perhaps': not true or false" in done.output
