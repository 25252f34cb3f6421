"""`letdown admin` and `letdown token`: accounts and API tokens from the command line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner, Result

from letdown.cli import cli

PASSWORD = "canary-Zq7-violet-heron-41"


def run(*args: str, input: str | None = None, password: str | None = None) -> Result:
    env = {"LETDOWN_ADMIN_PASSWORD": password}
    return CliRunner(env=env).invoke(cli, list(args), input=input)


def _rows(sql: str) -> list[tuple[object, ...]]:
    from sqlalchemy import text

    from letdown.journal.store import open_engine

    engine = open_engine()
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(sql))]
    engine.dispose()
    return rows


def test_create_an_admin_with_the_password_from_the_environment() -> None:
    done = run("admin", "create", "--email", "Ops@Example.org", password=PASSWORD)
    assert done.exit_code == 0, done.output
    assert "Created admin account #1 for ops@example.org." in done.output
    assert PASSWORD not in done.output
    listed = run("admin", "list")
    assert re.search(r"#1\s+admin\s+ops@example.org", listed.output)
    (stored,) = _rows("SELECT password_hash FROM account")
    assert str(stored[0]).startswith("$argon2id$") and PASSWORD not in str(stored[0])


def test_piped_password_is_read_and_never_echoed() -> None:
    done = run("admin", "create", "--email", "c@example.org", "--role", "consultant",
               input=PASSWORD + "\n")
    assert done.exit_code == 0, done.output
    assert PASSWORD not in done.output
    assert "consultant account" in done.output


@pytest.mark.parametrize("args, password, message", [
    (["--email", "not-an-email"], PASSWORD, "is not an email address"),
    (["--email", "a@example.org"], "tiny", "shorter than 12 characters"),
    (["--email", "a@example.org"], "a@example.org", "is the email address"),
    (["--email", "a@example.org"], None, "no password was given"),
])
def test_refusals_write_nothing(args: list[str], password: str | None, message: str) -> None:
    done = run("admin", "create", *args, password=password, input="")
    assert done.exit_code == 2
    assert message in done.output
    assert "Traceback" not in done.output
    assert run("admin", "list").output.startswith("No accounts yet")


def test_a_second_account_with_the_same_email_is_refused() -> None:
    assert run("admin", "create", "--email", "a@example.org", password=PASSWORD).exit_code == 0
    again = run("admin", "create", "--email", "A@example.org ", password=PASSWORD + "x")
    assert again.exit_code == 2
    assert "already an account for a@example.org" in again.output


def test_tokens_create_list_and_revoke() -> None:
    assert run("admin", "create", "--email", "p@example.org", "--role", "parent",
               password=PASSWORD).exit_code == 0
    made = run("token", "create", "--email", "p@example.org", "--scope", "write", "--days", "7")
    assert made.exit_code == 0, made.output
    secret = re.search(r"ldt_[A-Za-z0-9_\-]+", made.output)
    assert secret is not None
    listed = run("token", "list", "--email", "p@example.org")
    assert re.search(r"#1\s+ldt_\S+…\s+write\s+active", listed.output)
    assert secret.group(0) not in listed.output
    assert _rows("SELECT token_hash FROM api_token")[0][0] != secret.group(0)

    from letdown.accounts.errors import TokenRefused
    from letdown.accounts.service import Accounts

    with Accounts.open() as accounts:
        assert accounts.verify_token(secret.group(0)).account_id == 1
    assert run("token", "revoke", "1", "--email", "p@example.org").exit_code == 0
    with Accounts.open() as accounts, pytest.raises(TokenRefused):
        accounts.verify_token(secret.group(0))
    assert "revoked" in run("token", "list", "--email", "p@example.org").output


@pytest.mark.parametrize("args, message", [
    (["create", "--email", "nobody@example.org"], "no account for 'nobody@example.org'"),
    (["create", "--email", "p@example.org", "--scope", "admin"], "'admin' is not one of"),
    (["create", "--email", "p@example.org", "--days", "0"], "0 is not in the range"),
    (["revoke", "7", "--email", "p@example.org"], "has no token #7"),
    (["revoke", "0", "--email", "p@example.org"], "0 is not in the range"),
])
def test_token_refusals(args: list[str], message: str) -> None:
    assert run("admin", "create", "--email", "p@example.org", "--role", "parent",
               password=PASSWORD).exit_code == 0
    done = run("token", *args)
    assert done.exit_code == 2, done.output
    assert message in done.output
    assert _rows("SELECT id FROM api_token") == []
