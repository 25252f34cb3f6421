"""The accounts service: the one way the CLI, the API and the pages create accounts,
sign people in, and decide who may read or change whose records.

``can_read(actor, owner_id)`` and ``can_write(actor, owner_id)`` are THE authorization
point: they read the actor's account and the share from the database on every call (so
a revocation works at once) and apply the pure rules of ``policy``. ``authorize`` does
the same, raises ``NotAllowed`` when refused, and writes the access to the owner's audit
log whenever it concerns another person's records.

Typical use::

    from letdown.accounts.service import Accounts
    with Accounts.open() as accounts:          # the configured database, schema upgraded
        admin = accounts.create_account("ops@example.org", password, Role.ADMIN)
        actor = accounts.authenticate("ops@example.org", password)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from letdown.accounts import lockout
from letdown.accounts.emails import normalise_email, quiet_normalise
from letdown.accounts.errors import AccountExists, AccountLocked, NotAllowed, SignInFailed
from letdown.accounts.models import Account
from letdown.accounts.passwords import check_password
from letdown.accounts.policy import Grant, may_read, may_write
from letdown.accounts.roles import Actor, Role, Scope
from letdown.accounts.service_base import to_account
from letdown.accounts.service_sharing import SharingPart
from letdown.accounts.service_tokens import TokensPart

if TYPE_CHECKING:
    from letdown.config import Settings

__all__ = ["Accounts"]


class Accounts(TokensPart, SharingPart):
    """Accounts, sign-in, tokens, consent and the audit log over one database engine
    whose schema is up to date (``Accounts.open()`` upgrades it first)."""

    @classmethod
    def open(cls, settings: Settings | None = None, **options: Any) -> Accounts:
        from letdown.journal.store import open_engine

        return cls(open_engine(settings), **options)

    # ------------------------------------------------------------------ accounts

    def create_account(self, email: str, password: str, role: Role | str) -> Account:
        """A new account; ``BadAccountInput`` or ``AccountExists`` and nothing written."""
        from sqlalchemy import select

        from letdown.journal.tables import AccountRow

        address = normalise_email(email)
        chosen = Role(role)
        check_password(password, address)
        hashed = self.hasher.hash(password)
        with self._write() as orm:
            if orm.scalars(select(AccountRow.id).where(AccountRow.email == address)).first():
                raise AccountExists(f"there is already an account for {address}; "
                                    "`letdown admin list` shows them")
            row = AccountRow(email=address, role=chosen.value, password_hash=hashed,
                             created_utc=self.now())
            orm.add(row)
            orm.flush()
            return to_account(row)

    def list_accounts(self, role: Role | None = None) -> list[Account]:
        from sqlalchemy import select

        from letdown.journal.tables import AccountRow

        query = select(AccountRow).order_by(AccountRow.id)
        if role is not None:
            query = query.where(AccountRow.role == role.value)
        with self._read() as orm:
            return [to_account(row) for row in orm.scalars(query).all()]

    def find_account(self, email: str) -> Account | None:
        from sqlalchemy import select

        from letdown.journal.tables import AccountRow

        with self._read() as orm:
            row = orm.scalars(select(AccountRow)
                              .where(AccountRow.email == quiet_normalise(email))).first()
            return None if row is None else to_account(row)

    # ------------------------------------------------------------------- sign-in

    def authenticate(self, email: str, password: str) -> Actor:
        """The signed-in actor, or ``SignInFailed`` (same words and about the same time
        whether or not the account exists) or ``AccountLocked`` (see ``lockout``).

        The password is checked outside any transaction (argon2 takes a while), then the
        attempt is recorded; a stored hash made with older parameters is renewed."""
        from sqlalchemy import func, select

        from letdown.journal.tables import AccountRow, LoginAttemptRow

        key = quiet_normalise(email)
        now = self.now()
        with self._read() as orm:
            # Attempts are counted by id, not time: a success clears every failure before it.
            last_success = orm.scalar(select(func.max(LoginAttemptRow.id)).where(
                LoginAttemptRow.email == key, LoginAttemptRow.succeeded.is_(True)))
            failures = orm.scalars(select(LoginAttemptRow.at_utc).where(
                LoginAttemptRow.email == key, LoginAttemptRow.succeeded.is_(False),
                LoginAttemptRow.id > (last_success or 0),
                LoginAttemptRow.at_utc >= now - lockout.LOOKBACK)).all()
            row = orm.scalars(select(AccountRow).where(AccountRow.email == key)).first()
            account = None if row is None else (row.id, row.role, row.password_hash,
                                                row.disabled_utc)
        until = lockout.locked_until(failures, now)
        if until is not None:
            raise AccountLocked(until)
        if account is None or account[3] is not None:
            self.hasher.waste_time(password)
            succeeded = False
        else:
            succeeded = self.hasher.verify(account[2], password)
        renewed = (self.hasher.hash(password)
                   if succeeded and account and self.hasher.needs_rehash(account[2]) else None)
        with self._write() as orm:
            orm.add(LoginAttemptRow(email=key, at_utc=now, succeeded=succeeded))
            if renewed is not None and account is not None:
                self._account_row(orm, account[0]).password_hash = renewed
        if not succeeded or account is None:
            raise SignInFailed()
        return Actor(account_id=account[0], role=Role(account[1]), scope=Scope.WRITE)

    # -------------------------------------------------------------- authorization

    def _decide(self, actor: Actor, owner_id: int, *, write: bool) -> bool:
        from sqlalchemy import select

        from letdown.journal.tables import AccountRow, ShareRow

        if actor.is_anonymous:
            return False
        with self._read() as orm:
            row = orm.get(AccountRow, actor.account_id)
            if row is None:
                return False
            # The role in the database decides, not the one the caller remembered.
            current = Actor(account_id=row.id, role=Role(row.role), scope=actor.scope)
            share_row = orm.scalars(select(ShareRow).where(
                ShareRow.parent_id == owner_id, ShareRow.consultant_id == row.id)).first()
            share = None if share_row is None else Grant(
                parent_id=share_row.parent_id, consultant_id=share_row.consultant_id,
                can_write=share_row.can_write, revoked=share_row.revoked_utc is not None)
            active = row.disabled_utc is None
        rule = may_write if write else may_read
        return rule(current, owner_id, share, actor_active=active)

    def can_read(self, actor: Actor, owner_id: int) -> bool:
        """May ``actor`` read the records of account ``owner_id``? (See ``policy``.)"""
        return self._decide(actor, owner_id, write=False)

    def can_write(self, actor: Actor, owner_id: int) -> bool:
        """May ``actor`` add, change or delete the records of account ``owner_id``?"""
        return self._decide(actor, owner_id, write=True)

    def authorize(self, actor: Actor, owner_id: int, *, write: bool, what: str) -> None:
        """Allow the access or raise ``NotAllowed``; an access by a signed-in person to
        someone else's records (allowed or not) goes into the owner's audit log."""
        from letdown.journal.tables import AccountRow

        if not 0 < owner_id < 2**63:  # no account has such an id (and SQLite cannot say so)
            raise NotAllowed("you do not have access to these records; the parent who "
                             "owns them can share them with you")
        allowed = self._decide(actor, owner_id, write=write)
        if not actor.is_anonymous and actor.account_id != owner_id:
            with self._write() as orm:
                if orm.get(AccountRow, owner_id) is not None:
                    action = ("write" if write else "read") + ("" if allowed else " refused")
                    self._append(orm, actor.account_id, owner_id, action, what)
        if not allowed:
            raise NotAllowed("you do not have access to these records; the parent who "
                             "owns them can share them with you")
