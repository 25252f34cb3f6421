"""The audit log: every access to another person's records, appended, never changed
(part of ``service.Accounts``; the database refuses UPDATE and DELETE, migration 0007).

Entries are written by ``Accounts.authorize`` (allowed and refused accesses) and by
changes of consent; the owner reads their own log (``audit_for``), newest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letdown.accounts.errors import BadAccountInput, NotAllowed
from letdown.accounts.models import AuditEntry
from letdown.accounts.roles import Actor
from letdown.accounts.service_base import AccountsBase

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

ACTION_LENGTH = 40
WHAT_LENGTH = 200


def _clip(text: str, size: int) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= size else cleaned[: size - 3] + "..."


class AuditPart(AccountsBase):
    def _append(self, orm: OrmSession, actor_id: int | None, owner_id: int, action: str,
                what: str) -> None:
        from letdown.journal.tables import AuditEntryRow

        if not action.strip():
            raise BadAccountInput("an audit entry needs an action")
        orm.add(AuditEntryRow(at_utc=self.now(), actor_id=actor_id, owner_id=owner_id,
                              action=_clip(action, ACTION_LENGTH),
                              what=_clip(what, WHAT_LENGTH)))

    def record_access(self, actor_id: int | None, owner_id: int, action: str,
                      what: str) -> None:
        """Append one entry: ``actor_id`` did ``action`` ("read", "write"...) to ``what``
        ("session 12", "report") among ``owner_id``'s records."""
        with self._write() as orm:
            self._append(orm, actor_id, owner_id, action, what)

    def audit_for(self, actor: Actor, owner_id: int, *, limit: int = 500) -> list[AuditEntry]:
        """The owner's audit log, newest first; only the owner may read it."""
        from sqlalchemy import select

        from letdown.journal.tables import AuditEntryRow

        if actor.is_anonymous or actor.account_id != owner_id:
            raise NotAllowed("only the owner of these records can read who looked at them")
        with self._read() as orm:
            rows = orm.scalars(select(AuditEntryRow).where(AuditEntryRow.owner_id == owner_id)
                               .order_by(AuditEntryRow.id.desc()).limit(limit)).all()
            return [AuditEntry(id=r.id, at=r.at_utc, actor_id=r.actor_id, owner_id=r.owner_id,
                               action=r.action, what=r.what) for r in rows]
