"""API tokens: issue, verify, list and revoke (part of ``service.Accounts``).

A token is random (``codes.new_token``), shown once and stored as its SHA-256; it has a
scope (read or write), an expiry of 1 to 365 days, and can be revoked at any time, which
takes effect on the very next request (every use looks the token up again).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from letdown.accounts.codes import SHOWN_PREFIX, TOKEN_PREFIX, digest, new_token
from letdown.accounts.errors import AccountNotFound, BadAccountInput, TokenRefused
from letdown.accounts.models import IssuedToken, TokenInfo
from letdown.accounts.roles import Actor, Role, Scope
from letdown.accounts.service_base import AccountsBase

if TYPE_CHECKING:
    from letdown.journal.tables import ApiTokenRow

MIN_DAYS = 1
MAX_DAYS = 365
#: ``last_used`` is written at most this often per token, so reads stay reads.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def parse_scope(scope: str) -> Scope:
    try:
        return Scope(scope.strip().lower())
    except ValueError:
        raise BadAccountInput(f"{scope!r} is not a token scope; allowed: read "
                              "(look only) or write (also add and change)") from None


def check_days(days: int) -> int:
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise BadAccountInput(f"a token cannot last {days} days; allowed: a whole number "
                              f"of days from {MIN_DAYS} to {MAX_DAYS}")
    return days


def _info(row: ApiTokenRow) -> TokenInfo:
    return TokenInfo(id=row.id, account_id=row.account_id, prefix=row.prefix,
                     scope=Scope(row.scope), created=row.created_utc,
                     expires=row.expires_utc, revoked=row.revoked_utc,
                     last_used=row.last_used_utc)


class TokensPart(AccountsBase):
    def issue_token(self, account_id: int, scope: Scope | str, days: int) -> IssuedToken:
        """A new token for the account; its secret is in the result and nowhere else."""
        from letdown.journal.tables import ApiTokenRow

        chosen = scope if isinstance(scope, Scope) else parse_scope(scope)
        check_days(days)
        now = self.now()
        secret = new_token()
        with self._write() as orm:
            account = self._account_row(orm, account_id)
            if account.disabled_utc is not None:
                raise BadAccountInput(f"account #{account_id} is disabled; "
                                      "a disabled account gets no tokens")
            row = ApiTokenRow(account_id=account_id, token_hash=digest(secret),
                              prefix=secret[:SHOWN_PREFIX], scope=chosen.value,
                              created_utc=now, expires_utc=now + dt.timedelta(days=days))
            orm.add(row)
            orm.flush()
            info = _info(row)
        return IssuedToken(info=info, secret=secret)

    def verify_token(self, secret: str) -> Actor:
        """The actor a token stands for, with the token's scope; ``TokenRefused`` (the same
        words for unknown, expired, revoked, or an account that is disabled) otherwise."""
        from sqlalchemy import select

        from letdown.journal.tables import AccountRow, ApiTokenRow

        if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
            raise TokenRefused()
        now = self.now()
        with self._read() as orm:
            found = orm.execute(
                select(ApiTokenRow, AccountRow)
                .join(AccountRow, AccountRow.id == ApiTokenRow.account_id)
                .where(ApiTokenRow.token_hash == digest(secret))
            ).first()
            if found is None:
                raise TokenRefused()
            token, account = found
            if (token.revoked_utc is not None or token.expires_utc <= now
                    or account.disabled_utc is not None):
                raise TokenRefused()
            actor = Actor(account_id=account.id, role=Role(account.role),
                          scope=Scope(token.scope))
            stale = token.last_used_utc is None or now - token.last_used_utc >= LAST_USED_EVERY
            token_id = token.id
        if stale:
            from sqlalchemy import update

            with self._write() as orm:
                orm.execute(update(ApiTokenRow).where(ApiTokenRow.id == token_id)
                            .values(last_used_utc=now))
        return actor

    def list_tokens(self, account_id: int) -> list[TokenInfo]:
        """The account's tokens, newest first (revoked and expired ones too)."""
        from sqlalchemy import select

        from letdown.journal.tables import ApiTokenRow

        with self._read() as orm:
            self._account_row(orm, account_id)
            rows = orm.scalars(select(ApiTokenRow).where(ApiTokenRow.account_id == account_id)
                               .order_by(ApiTokenRow.id.desc())).all()
            return [_info(row) for row in rows]

    def revoke_token(self, account_id: int, token_id: int) -> TokenInfo:
        """Revoke one of the account's tokens (again is harmless); it stops working now."""
        from letdown.journal.tables import ApiTokenRow

        now = self.now()
        with self._write() as orm:
            self._account_row(orm, account_id)
            row = orm.get(ApiTokenRow, token_id)
            if row is None or row.account_id != account_id:
                raise AccountNotFound(f"account #{account_id} has no token #{token_id}; "
                                      "`letdown token list` shows its tokens")
            if row.revoked_utc is None:
                row.revoked_utc = now
            orm.flush()
            return _info(row)
