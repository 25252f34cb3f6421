"""Web sessions for server mode: a signed-in browser, kept on the server.

The browser's cookie holds only a random id (256 bits, ``secrets``); the database keeps
its SHA-256 (``codes.digest``), the account, and three times. A session ends:

* when the person signs out (the row is deleted, so the old cookie is worth nothing);
* after ``IDLE`` without a request (a phone left on a table);
* ``LIFETIME`` after sign-in, however busy (a stolen cookie does not last for ever);
* when the account is disabled (checked on every request).

Signing in always makes a NEW id and deletes the one the browser had (no session
fixation: an id someone planted before sign-in is never promoted to a signed-in one).
The ids never appear in a repr, a message or a log line.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from letdown.accounts.codes import digest
from letdown.accounts.models import Account
from letdown.accounts.service_base import AccountsBase, to_account

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

#: Signed out after this long without a request: long enough for a night of feeds
#: two to three hours apart, short enough that a lost phone does not stay signed in.
IDLE = dt.timedelta(hours=12)
#: Signed out this long after signing in, however busy the session.
LIFETIME = dt.timedelta(days=7)
#: ``last_seen`` is written at most this often per session, so page views stay reads.
TOUCH_EVERY = dt.timedelta(minutes=1)
#: The longest cookie value looked up (ids made here are 43 characters).
MAX_ID_LENGTH = 100


@dataclass(frozen=True)
class StartedSession:
    """A session just made: ``secret`` goes into the cookie once and is kept nowhere."""

    secret: str = field(repr=False)
    account: Account
    expires: dt.datetime


class WebSessions(AccountsBase):
    """Start, look up and end web sessions (same engine and clock as ``Accounts``)."""

    idle: dt.timedelta = IDLE
    lifetime: dt.timedelta = LIFETIME

    def start(self, account_id: int, *, replacing: str | None = None) -> StartedSession:
        """A new session for the account; the browser's previous one (``replacing``), if
        any, is deleted in the same transaction."""
        now = self.now()
        secret = secrets.token_urlsafe(32)
        from letdown.journal.tables import WebSessionRow

        with self._write() as orm:
            if replacing:
                self._delete(orm, replacing)
            account = self._account_row(orm, account_id)
            orm.add(WebSessionRow(id_hash=digest(secret), account_id=account_id,
                                  created_utc=now, last_seen_utc=now,
                                  expires_utc=now + self.lifetime))
            return StartedSession(secret=secret, account=to_account(account),
                                  expires=now + self.lifetime)

    def account_for(self, secret: str) -> Account | None:
        """The signed-in account behind a cookie value, or None (unknown, idle too long,
        past its lifetime, or the account disabled). Ended sessions are deleted."""
        from sqlalchemy import select, update

        from letdown.journal.tables import AccountRow, WebSessionRow

        if not secret or len(secret) > MAX_ID_LENGTH:
            return None
        now = self.now()
        hashed = digest(secret)
        with self._read() as orm:
            found = orm.execute(
                select(WebSessionRow, AccountRow)
                .join(AccountRow, AccountRow.id == WebSessionRow.account_id)
                .where(WebSessionRow.id_hash == hashed)).first()
            if found is None:
                return None
            row, account_row = found
            over = (row.expires_utc <= now or row.last_seen_utc + self.idle <= now
                    or account_row.disabled_utc is not None)
            stale = now - row.last_seen_utc >= TOUCH_EVERY
            account, row_id = to_account(account_row), row.id
        if over:
            self.end(secret)
            return None
        if stale:
            with self._write() as orm:
                orm.execute(update(WebSessionRow).where(WebSessionRow.id == row_id)
                            .values(last_seen_utc=now))
        return account

    def account(self, account_id: int) -> Account:
        """The account with this id (``AccountNotFound`` if none)."""
        with self._read() as orm:
            return to_account(self._account_row(orm, account_id))

    def end(self, secret: str) -> None:
        """Delete the session (signing out); an unknown one is ignored."""
        if not secret or len(secret) > MAX_ID_LENGTH:
            return
        with self._write() as orm:
            self._delete(orm, secret)

    def end_all(self, account_id: int) -> int:
        """Delete every session of an account (a password change, a disabled account)."""
        from sqlalchemy import delete

        from letdown.journal.tables import WebSessionRow

        with self._write() as orm:
            done = orm.execute(delete(WebSessionRow)
                               .where(WebSessionRow.account_id == account_id))
            return int(getattr(done, "rowcount", 0) or 0)

    def purge(self) -> int:
        """Delete sessions that have ended by time (run now and then; harmless anytime)."""
        from sqlalchemy import delete, or_

        from letdown.journal.tables import WebSessionRow

        now = self.now()
        with self._write() as orm:
            done = orm.execute(delete(WebSessionRow).where(or_(
                WebSessionRow.expires_utc <= now,
                WebSessionRow.last_seen_utc <= now - self.idle)))
            return int(getattr(done, "rowcount", 0) or 0)

    @staticmethod
    def _delete(orm: OrmSession, secret: str) -> None:
        from sqlalchemy import delete

        from letdown.journal.tables import WebSessionRow

        if len(secret) <= MAX_ID_LENGTH:
            orm.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == digest(secret)))
