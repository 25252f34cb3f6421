"""Consent: a parent invites a consultant, the consultant accepts, the parent revokes
(part of ``service.Accounts``).

An invitation code is random, kept as its SHA-256, expires (1 to 30 days, 7 by default)
and works once: accepting is one conditional UPDATE, so two people can never both use it.
Accepting creates the share (or reopens a revoked one), read-only unless the parent's
invitation allowed changes. Revoking a share takes effect on the next request: every
access asks ``can_read``/``can_write`` again. Each change of consent is written to the
parent's audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from letdown.accounts.codes import digest, new_invitation_code, normalise_code
from letdown.accounts.errors import AccountNotFound, BadAccountInput, InvitationRefused, NotAllowed
from letdown.accounts.models import Invitation, IssuedInvitation, Share
from letdown.accounts.roles import Role
from letdown.accounts.service_audit import AuditPart

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from letdown.journal.tables import InvitationRow, ShareRow

INVITATION_DAYS = 7
MAX_INVITATION_DAYS = 30


def _invitation(row: InvitationRow) -> Invitation:
    return Invitation(id=row.id, parent_id=row.parent_id, can_write=row.can_write,
                      created=row.created_utc, expires=row.expires_utc,
                      accepted=row.accepted_utc, accepted_by=row.accepted_by,
                      revoked=row.revoked_utc)


def _share(row: ShareRow) -> Share:
    return Share(id=row.id, parent_id=row.parent_id, consultant_id=row.consultant_id,
                 can_write=row.can_write, created=row.created_utc, revoked=row.revoked_utc)


class SharingPart(AuditPart):
    def _require_role(self, orm: OrmSession, account_id: int, role: Role, doing: str) -> None:
        row = self._account_row(orm, account_id)
        if row.role != role.value or row.disabled_utc is not None:
            raise NotAllowed(f"only an active {role.value} account can {doing}")

    def invite(self, parent_id: int, *, days: int = INVITATION_DAYS,
               can_write: bool = False) -> IssuedInvitation:
        """A new single-use invitation from a parent; its code is in the result only."""
        from letdown.journal.tables import InvitationRow

        if not 1 <= days <= MAX_INVITATION_DAYS:
            raise BadAccountInput(f"an invitation cannot last {days} days; allowed: "
                                  f"1 to {MAX_INVITATION_DAYS} days")
        now = self.now()
        code = new_invitation_code()
        with self._write() as orm:
            self._require_role(orm, parent_id, Role.PARENT, "invite a consultant")
            row = InvitationRow(parent_id=parent_id, code_hash=digest(normalise_code(code)),
                                can_write=can_write, created_utc=now,
                                expires_utc=now + dt.timedelta(days=days))
            orm.add(row)
            orm.flush()
            return IssuedInvitation(invitation=_invitation(row), code=code)

    def accept_invitation(self, consultant_id: int, code: str) -> Share:
        """Use an invitation code: the consultant now sees that parent's records."""
        from sqlalchemy import select, update

        from letdown.journal.tables import InvitationRow, ShareRow

        now = self.now()
        hashed = digest(normalise_code(code))
        with self._write() as orm:
            self._require_role(orm, consultant_id, Role.CONSULTANT, "accept an invitation")
            invitation = orm.scalars(
                select(InvitationRow).where(InvitationRow.code_hash == hashed)).first()
            if invitation is None or invitation.parent_id == consultant_id:
                raise InvitationRefused()
            used = orm.execute(
                update(InvitationRow)
                .where(InvitationRow.id == invitation.id, InvitationRow.accepted_utc.is_(None),
                       InvitationRow.revoked_utc.is_(None), InvitationRow.expires_utc > now)
                .values(accepted_utc=now, accepted_by=consultant_id)
                .execution_options(synchronize_session=False))
            if getattr(used, "rowcount", 0) != 1:
                raise InvitationRefused()
            parent_id, can_write = invitation.parent_id, invitation.can_write
            share = orm.scalars(select(ShareRow).where(
                ShareRow.parent_id == parent_id,
                ShareRow.consultant_id == consultant_id)).first()
            if share is None:
                share = ShareRow(parent_id=parent_id, consultant_id=consultant_id,
                                 can_write=can_write, created_utc=now)
                orm.add(share)
            else:
                share.revoked_utc, share.created_utc, share.can_write = None, now, can_write
            orm.flush()
            self._append(orm, consultant_id, parent_id, "share.accepted",
                         "can change records" if can_write else "read only")
            return _share(share)

    def revoke_invitation(self, parent_id: int, invitation_id: int) -> None:
        """Withdraw an unused invitation (a used one is ended by ``revoke_share``)."""
        from letdown.journal.tables import InvitationRow

        with self._write() as orm:
            row = orm.get(InvitationRow, invitation_id)
            if row is None or row.parent_id != parent_id:
                raise AccountNotFound(f"you have no invitation #{invitation_id}")
            if row.revoked_utc is None:
                row.revoked_utc = self.now()

    def revoke_share(self, parent_id: int, consultant_id: int) -> Share:
        """End a consultant's access to the parent's records, from the next request on."""
        with self._write() as orm:
            row = self._share_row(orm, parent_id, consultant_id)
            if row.revoked_utc is None:
                row.revoked_utc = self.now()
                self._append(orm, parent_id, parent_id, "share.revoked",
                             f"consultant #{consultant_id}")
            orm.flush()
            return _share(row)

    def set_write(self, parent_id: int, consultant_id: int, can_write: bool) -> Share:
        """Allow or stop changes by a consultant the parent shares with."""
        with self._write() as orm:
            row = self._share_row(orm, parent_id, consultant_id)
            if row.revoked_utc is not None:
                raise NotAllowed("this share was revoked; invite the consultant again")
            if row.can_write != can_write:
                row.can_write = can_write
                self._append(orm, parent_id, parent_id,
                             "share.write" if can_write else "share.read_only",
                             f"consultant #{consultant_id}")
            orm.flush()
            return _share(row)

    def shares_of(self, parent_id: int) -> list[Share]:
        """Everyone the parent shares with (or did), newest first."""
        from sqlalchemy import select

        from letdown.journal.tables import ShareRow

        with self._read() as orm:
            rows = orm.scalars(select(ShareRow).where(ShareRow.parent_id == parent_id)
                               .order_by(ShareRow.id.desc())).all()
            return [_share(row) for row in rows]

    def open_invitations(self, parent_id: int) -> list[Invitation]:
        """The parent's invitations not yet used, withdrawn or expired, newest first."""
        from sqlalchemy import select

        from letdown.journal.tables import InvitationRow

        now = self.now()
        with self._read() as orm:
            rows = orm.scalars(select(InvitationRow).where(
                InvitationRow.parent_id == parent_id, InvitationRow.accepted_utc.is_(None),
                InvitationRow.revoked_utc.is_(None), InvitationRow.expires_utc > now)
                .order_by(InvitationRow.id.desc())).all()
            return [_invitation(row) for row in rows]

    def families_of(self, consultant_id: int) -> list[Share]:
        """The live shares a consultant has: the families they may see."""
        from sqlalchemy import select

        from letdown.journal.tables import ShareRow

        with self._read() as orm:
            rows = orm.scalars(select(ShareRow).where(
                ShareRow.consultant_id == consultant_id, ShareRow.revoked_utc.is_(None))
                .order_by(ShareRow.parent_id)).all()
            return [_share(row) for row in rows]

    @staticmethod
    def _share_row(orm: OrmSession, parent_id: int, consultant_id: int) -> ShareRow:
        from sqlalchemy import select

        from letdown.journal.tables import ShareRow

        row = orm.scalars(select(ShareRow).where(
            ShareRow.parent_id == parent_id, ShareRow.consultant_id == consultant_id)).first()
        if row is None:
            raise AccountNotFound(f"you do not share with consultant #{consultant_id}")
        return row
