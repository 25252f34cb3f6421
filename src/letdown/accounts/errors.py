"""What can go wrong with accounts, each as one plain line a person can act on.

No message ever contains a password, a token or an invitation code: they are built
from what is allowed, never from the secret that was typed.
"""

from __future__ import annotations

import datetime as dt


class AccountError(Exception):
    """Base of every accounts error; ``str(error)`` is the one-line message."""


class BadAccountInput(AccountError):
    """An email, password, scope or number that is not allowed (nothing was written)."""


class AccountNotFound(AccountError):
    """No account with that email or id (said only to administrators, never at sign-in)."""


class AccountExists(AccountError):
    """An account with that email already exists."""


class SignInFailed(AccountError):
    """Wrong email or password; the same words whether or not the account exists."""

    def __init__(self) -> None:
        super().__init__("the email or password is not right; try again")


class AccountLocked(AccountError):
    """Too many failed sign-ins: no password is checked until ``until`` (UTC)."""

    def __init__(self, until: dt.datetime) -> None:
        self.until = until
        super().__init__(
            "too many failed sign-ins; signing in is paused until "
            f"{until:%H:%M} UTC; try again then"
        )


class TokenRefused(AccountError):
    """An API token that is unknown, expired or revoked (the same words for each)."""

    def __init__(self) -> None:
        super().__init__("this API token is not valid (unknown, expired or revoked); "
                         "create a new one with `letdown token create`")


class InvitationRefused(AccountError):
    """An invitation code that is unknown, used, revoked or expired."""

    def __init__(self) -> None:
        super().__init__("this invitation code is not valid (unknown, already used, "
                         "withdrawn or expired); ask the parent for a new one")


class NotAllowed(AccountError):
    """The account may not do this (wrong role, or not its records)."""


class ServerExtraMissing(AccountError):
    """argon2-cffi is not installed: server mode needs the ``server`` extra."""

    def __init__(self) -> None:
        super().__init__("server mode needs the argon2-cffi package; install letdown with "
                         "the server extra: pip install 'letdown[server]'")
