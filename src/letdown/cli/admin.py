"""``letdown admin`` and ``letdown token``: server mode's accounts from the command line.

``admin create`` is the only way an administrator account comes to exist (no default
account, no default password). The password is read from a hidden prompt, typed twice,
or from ``LETDOWN_ADMIN_PASSWORD`` (for scripts); it is never echoed, printed or logged.
``token create`` prints a new API token once; only its SHA-256 is kept.

All of them work on the configured database (``LETDOWN_DATABASE_URL``). Bad input ends
with one line and exit status 2, and nothing written.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from letdown.cli.common import fail

if TYPE_CHECKING:
    from letdown.accounts.models import Account
    from letdown.accounts.service import Accounts

PASSWORD_VARIABLE = "LETDOWN_ADMIN_PASSWORD"
ROLES = ("admin", "consultant", "parent")
#: A token id or days beyond this is refused by click before any database is opened.
MAX_ID = 2**31 - 1


@contextmanager
def open_accounts() -> Iterator[Accounts]:
    """The configured database's accounts; account errors become one line and exit 2."""
    from letdown.accounts.errors import AccountError
    from letdown.accounts.service import Accounts
    from letdown.cli.common import current_settings, fail_fault

    settings = current_settings()
    try:
        accounts = Accounts.open(settings)
    except Exception as error:  # the database cannot be opened at all
        fail_fault(error, settings)
    try:
        yield accounts
    except AccountError as error:
        fail(str(error), "Nothing was changed.")
    except Exception as error:
        fail_fault(error, settings)
    finally:
        accounts.close()


def _when(moment: dt.datetime | None) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M} UTC"


def _read_password() -> str:
    """From LETDOWN_ADMIN_PASSWORD, one line of piped input, or a hidden prompt typed twice;
    never echoed."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():  # piped in: one line, read without any prompt or echo
        line = sys.stdin.readline()
        if not line:
            fail(f"no password was given; pipe it in, type it at the prompt, or set "
                 f"{PASSWORD_VARIABLE}", "Nothing was changed.")
        return line.removesuffix("\n").removesuffix("\r")
    try:
        typed: str = click.prompt("Password", hide_input=True, confirmation_prompt=True,
                                  show_default=False)
    except (click.Abort, EOFError):
        fail(f"no password was given; type it twice at the prompt, or set {PASSWORD_VARIABLE}",
             "Nothing was changed.")
    return typed


def _account(accounts: Accounts, email: str) -> Account:
    from letdown.accounts.emails import normalise_email

    found = accounts.find_account(normalise_email(email))
    if found is None:
        fail(f"there is no account for {email.strip()!r}; `letdown admin list` shows them")
    return found


@click.group()
def admin() -> None:
    """Server mode (in progress): create and list accounts."""


@admin.command("create")
@click.option("--email", required=True, help="The account's email address (its sign-in name).")
@click.option("--role", type=click.Choice(ROLES), default="admin", show_default=True,
              help="admin manages accounts; consultant and parent accounts can also be "
                   "made here.")
def admin_create(email: str, role: str) -> None:
    """Create an account; the password is asked twice (or read from LETDOWN_ADMIN_PASSWORD)."""
    from letdown.accounts.emails import normalise_email
    from letdown.accounts.errors import BadAccountInput
    from letdown.accounts.passwords import check_password

    try:
        address = normalise_email(email)
        password = _read_password()
        check_password(password, address)  # before the database is opened
    except BadAccountInput as error:
        fail(str(error), "Nothing was changed.")
    with open_accounts() as accounts:
        made = accounts.create_account(address, password, role)
    click.echo(f"Created {made.role.value} account #{made.id} for {made.email}.")


@admin.command("list")
def admin_list() -> None:
    """List every account: id, role, email, created, and whether it is disabled."""
    with open_accounts() as accounts:
        found = accounts.list_accounts()
    if not found:
        click.echo("No accounts yet. `letdown admin create --email E` makes the first one.")
        return
    for item in found:
        state = "" if item.active else f"  disabled {_when(item.disabled)}"
        click.echo(f"#{item.id:<5} {item.role.value:<10} {item.email}  "
                   f"created {_when(item.created)}{state}")


@click.group()
def token() -> None:
    """Server mode (in progress): API tokens for an account."""


_EMAIL = click.option("--email", required=True, help="Whose token: the account's email.")


@token.command("create")
@_EMAIL
@click.option("--scope", type=click.Choice(["read", "write"]), default="read",
              show_default=True, help="read: look only; write: also add and change.")
@click.option("--days", type=click.IntRange(1, 365), default=30, show_default=True,
              help="How long the token works (1 to 365 days).")
def token_create(email: str, scope: str, days: int) -> None:
    """Make an API token and print it once (only its fingerprint is kept)."""
    with open_accounts() as accounts:
        issued = accounts.issue_token(_account(accounts, email).id, scope, days)
    info = issued.info
    click.echo(f"Token #{info.id} ({info.scope.value}), works until {_when(info.expires)}:")
    click.echo(f"  {issued.secret}")
    click.echo("Copy it now: letdown keeps only a fingerprint and cannot show it again.")


@token.command("list")
@_EMAIL
def token_list(email: str) -> None:
    """List an account's tokens (never the tokens themselves)."""
    with open_accounts() as accounts:
        account = _account(accounts, email)
        tokens = accounts.list_tokens(account.id)
        now = accounts.now()
    if not tokens:
        click.echo(f"{account.email} has no API tokens.")
        return
    for info in tokens:
        click.echo(f"#{info.id:<5} {info.prefix}…  {info.scope.value:<5}  "
                   f"{info.state(now):<7}  until {_when(info.expires)}  "
                   f"last used {_when(info.last_used)}")


@token.command("revoke")
@click.argument("token_id", metavar="ID", type=click.IntRange(1, MAX_ID))
@_EMAIL
def token_revoke(token_id: int, email: str) -> None:
    """Revoke a token now (its ID is in `letdown token list`)."""
    with open_accounts() as accounts:
        info = accounts.revoke_token(_account(accounts, email).id, token_id)
    click.echo(f"Token #{info.id} is revoked; it no longer works.")
