"""From a signed-in actor to the journal they may reach: ``journal_access``.

The one bridge between accounts and the journal's records. It asks
``Accounts.authorize`` (the single authorization point: reads the account and the share
on every call, so a revocation works at once, and audits an access to someone else's
records) and only then mints the ``letdown.journal.access.Access`` a ``Journal`` is
opened with. The CLI, the API and the pages all get their access here.

Typical use::

    access = journal_access(accounts, actor, owner_id, write=False, what="journal")
    with Journal(engine, access=access) as journal:
        sessions = journal.list_sessions()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letdown.accounts.errors import NotAllowed
from letdown.journal.access import _grant

if TYPE_CHECKING:
    from letdown.accounts.roles import Actor
    from letdown.accounts.service import Accounts
    from letdown.journal.access import Access


def journal_access(accounts: Accounts, actor: Actor, owner_id: int, *, write: bool,
                   what: str = "journal") -> Access:
    """The access ``actor`` has to the records of parent account ``owner_id``.

    ``NotAllowed`` (and an audit entry when it is another person's journal) when refused:
    nobody signed in, another parent, a consultant without an unrevoked share (or
    without a write grant when ``write``), an administrator, a disabled account, a
    read-scoped token asking to write. ``what`` names what is being looked at, for the
    owner's audit log."""
    if actor.is_anonymous or actor.account_id is None:
        raise NotAllowed("sign in first to reach a journal")
    accounts.authorize(actor, owner_id, write=write, what=what)
    if not _is_parent(accounts, owner_id):
        raise NotAllowed("only a parent's account holds a journal")
    return _grant(owner_id, write=write, actor_id=actor.account_id)


def _is_parent(accounts: Accounts, account_id: int) -> bool:
    """A consultant or an administrator has no journal, even their "own"."""
    from sqlalchemy.orm import Session as OrmSession

    from letdown.accounts.roles import Role
    from letdown.journal.tables import AccountRow

    with OrmSession(accounts.engine) as orm:
        row = orm.get(AccountRow, account_id)
        return row is not None and row.role == Role.PARENT.value
