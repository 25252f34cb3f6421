"""What the accounts service returns: plain frozen values, no database rows.

A secret made for the person (a new API token or invitation code) is shown once and never
appears in a repr, so logging one of these values cannot leak it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from letdown.accounts.roles import Role, Scope


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: Role
    created: dt.datetime
    disabled: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.disabled is None


@dataclass(frozen=True)
class TokenInfo:
    """An API token as stored: never the token itself, only its first characters."""

    id: int
    account_id: int
    prefix: str
    scope: Scope
    created: dt.datetime
    expires: dt.datetime
    revoked: dt.datetime | None
    last_used: dt.datetime | None

    def state(self, now: dt.datetime) -> str:
        if self.revoked is not None:
            return "revoked"
        return "expired" if self.expires <= now else "active"


@dataclass(frozen=True)
class IssuedToken:
    """A token just made: ``secret`` is shown to the person once, then forgotten."""

    info: TokenInfo
    secret: str = field(repr=False)


@dataclass(frozen=True)
class Invitation:
    id: int
    parent_id: int
    can_write: bool
    created: dt.datetime
    expires: dt.datetime
    accepted: dt.datetime | None
    accepted_by: int | None
    revoked: dt.datetime | None


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation just made: ``code`` is given to the consultant once."""

    invitation: Invitation
    code: str = field(repr=False)


@dataclass(frozen=True)
class Share:
    id: int
    parent_id: int
    consultant_id: int
    can_write: bool
    created: dt.datetime
    revoked: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked is None


@dataclass(frozen=True)
class AuditEntry:
    """One access to another person's records: who, whose, how, what, when."""

    id: int
    at: dt.datetime
    actor_id: int | None
    owner_id: int
    action: str
    what: str
