"""The accounts service's plumbing: transactions, the clock and the password hasher.

Writes take SQLite's write lock at BEGIN (``IMMEDIATE``), as the journal's do, so two
writers queue instead of failing half-way; on PostgreSQL single-use steps (accepting an
invitation) are one conditional UPDATE, so two people can never both use one code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Self

from letdown.accounts.errors import AccountNotFound
from letdown.accounts.models import Account
from letdown.accounts.passwords import Hasher
from letdown.accounts.roles import Role

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session as OrmSession

    from letdown.journal.tables import AccountRow

#: Returns the current time, timezone-aware (tests pass a fake one).
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AccountsBase:
    """An engine, a clock and a hasher; reader and writer session factories."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now,
                 hasher: Hasher | None = None) -> None:
        from sqlalchemy.orm import sessionmaker

        from letdown.journal.store import SQLITE_BEGIN_OPTION

        self.engine = engine
        self.clock = clock
        self.hasher = hasher or Hasher()
        self._readers = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writers = sessionmaker(writer, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.engine.url.render_as_string(hide_password=True)})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def now(self) -> dt.datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the accounts clock must return timezone-aware times")
        return now

    @contextmanager
    def _read(self) -> Iterator[OrmSession]:
        with self._readers() as orm, orm.begin():
            yield orm

    @contextmanager
    def _write(self) -> Iterator[OrmSession]:
        """One transaction: commit on success, roll back on any error."""
        with self._writers() as orm, orm.begin():
            yield orm

    @staticmethod
    def _account_row(orm: OrmSession, account_id: int) -> AccountRow:
        from letdown.journal.tables import AccountRow

        row = orm.get(AccountRow, account_id)
        if row is None:
            raise AccountNotFound(f"there is no account #{account_id}; "
                                  "`letdown admin list` shows them")
        return row


def to_account(row: AccountRow) -> Account:
    return Account(id=row.id, email=row.email, role=Role(row.role), created=row.created_utc,
                   disabled=row.disabled_utc)
