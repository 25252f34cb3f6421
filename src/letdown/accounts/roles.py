"""Roles and the actor: who is asking, as the authorization rules see them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What an account is for. Stored as its value (CHECK constraint in migration 0007)."""

    PARENT = "parent"
    """Owns a journal; shares it with consultants of their choice."""
    CONSULTANT = "consultant"
    """Sees the journals parents share with them, and nothing else."""
    ADMIN = "admin"
    """Manages accounts; created only by `letdown admin create`; reads no journal."""


class Scope(StrEnum):
    """What an API token (or a signed-in page) may do with the records it reaches."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Actor:
    """The authenticated person behind a request, or nobody (``ANONYMOUS``).

    ``scope`` narrows what they may do: a read-scoped API token can never write, even
    its owner's own records. A signed-in page session has ``Scope.WRITE``."""

    account_id: int | None
    role: Role | None
    scope: Scope = Scope.WRITE

    @property
    def is_anonymous(self) -> bool:
        return self.account_id is None or self.role is None

    def __repr__(self) -> str:
        who = "anonymous" if self.is_anonymous else f"{self.role} #{self.account_id}"
        return f"Actor({who}, {self.scope})"


ANONYMOUS = Actor(account_id=None, role=None, scope=Scope.READ)
