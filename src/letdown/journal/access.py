"""Whose records a ``Journal`` reaches, and whether it may change them.

Every record belongs to one parent account (``owner_id``), or to nobody on the
single-user journal of a laptop (``owner_id`` NULL). A ``Journal`` holds one ``Access``
and filters every read, change and delete by it; a record of another owner is exactly as
"not found" as a missing one, so ids tell nothing about other families.

An ``Access`` is a capability: the only ways to get one are ``SINGLE_USER`` (the
default, the laptop journal) and ``letdown.accounts.access.journal_access``, which asks
``Accounts.authorize`` (THE authorization point, which also writes the audit log) first.
Its constructor refuses to run outside ``_mint`` (so neither ``Access(...)`` nor
``dataclasses.replace`` makes one), and a test fails if any other module mints one, so
an interface cannot build access from a client-sent id.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letdown.journal.errors import ReadOnly

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import InstrumentedAttribute

#: True only while ``_mint`` builds an Access (per thread and per task).
_MINTING: ContextVar[bool] = ContextVar("letdown_access_minting", default=False)


@dataclass(frozen=True)
class Access:
    """Reach into the records of ``owner_id`` (None: the single-user journal).

    ``write`` False means reads only: every add, change or delete raises ``ReadOnly``.
    ``actor_id`` is who was let in (for messages and logs; None for the laptop)."""

    owner_id: int | None
    write: bool
    actor_id: int | None = None

    def __post_init__(self) -> None:
        if not _MINTING.get():
            raise TypeError("an Access comes only from letdown.accounts.access.journal_access "
                            "or is SINGLE_USER")

    @property
    def single_user(self) -> bool:
        return self.owner_id is None

    def require_write(self) -> None:
        """Raise ``ReadOnly`` unless this access may change records."""
        if not self.write:
            raise ReadOnly("you may read these records but not change them; the parent "
                           "who owns them can give you write access")

    def owns(self, owner_id: int | None) -> bool:
        """True when a row with this ``owner_id`` is inside this access."""
        return owner_id == self.owner_id

    def where(self, column: InstrumentedAttribute[int | None] | ColumnElement[int | None]
              ) -> ColumnElement[bool]:
        """The SQL condition "this row is inside this access" on an ``owner_id`` column."""
        if self.owner_id is None:
            return column.is_(None)
        return column == self.owner_id


def _mint(owner_id: int | None, *, write: bool, actor_id: int | None) -> Access:
    token = _MINTING.set(True)
    try:
        return Access(owner_id=owner_id, write=write, actor_id=actor_id)
    finally:
        _MINTING.reset(token)


SINGLE_USER = _mint(None, write=True, actor_id=None)
"""The one journal of a single-user letdown (the default everywhere)."""


def _grant(owner_id: int, *, write: bool, actor_id: int) -> Access:
    """Mint an owner's access. Only ``letdown.accounts.access`` may call this, after
    ``Accounts.authorize`` allowed it (a test checks no other module does)."""
    return _mint(owner_id, write=write, actor_id=actor_id)
