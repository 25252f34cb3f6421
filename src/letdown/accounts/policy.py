"""The authorization rules, pure: may this actor read or change this owner's records?

``service.Accounts.can_read/can_write`` look up the share and call these; nothing else
decides. The rules, strictest reading first:

* nobody who is not signed in reaches any record;
* a person always reaches their own records (writing needs a write scope);
* a consultant reaches a parent's records only through an unrevoked share from that
  parent; writing also needs the parent's write grant and a write scope;
* an administrator manages accounts but reads nobody's records (a practice's admin is
  not the family's clinician);
* everything else is refused (another parent, a revoked or disabled account).
"""

from __future__ import annotations

from dataclasses import dataclass

from letdown.accounts.roles import Actor, Role, Scope


@dataclass(frozen=True)
class Grant:
    """A share as the rules need it: from parent to consultant, and whether it is live."""

    parent_id: int
    consultant_id: int
    can_write: bool
    revoked: bool


def may_read(actor: Actor, owner_id: int, share: Grant | None, *,
             actor_active: bool = True) -> bool:
    """True when ``actor`` may read the records of account ``owner_id``.

    ``share`` is the share from ``owner_id`` to the actor, if one exists (revoked or not);
    ``actor_active`` is False for a disabled account."""
    if actor.is_anonymous or not actor_active:
        return False
    if actor.account_id == owner_id:
        return True
    if actor.role is not Role.CONSULTANT or share is None or share.revoked:
        return False
    return share.parent_id == owner_id and share.consultant_id == actor.account_id


def may_write(actor: Actor, owner_id: int, share: Grant | None, *,
              actor_active: bool = True) -> bool:
    """True when ``actor`` may add, change or delete the records of ``owner_id``."""
    if actor.scope is not Scope.WRITE:
        return False
    if not may_read(actor, owner_id, share, actor_active=actor_active):
        return False
    if actor.account_id == owner_id:
        return True
    return share is not None and share.can_write
