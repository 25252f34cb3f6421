"""``journal_access``: the bridge from a signed-in actor to a journal, through authorize."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.access import journal_access
from letdown.accounts.errors import NotAllowed
from letdown.accounts.roles import Actor, Role, Scope
from letdown.accounts.service import Accounts
from letdown.journal.tables import AccountRow


def _people(accounts: Accounts) -> tuple[Actor, Actor]:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT).id
    consultant = accounts.create_account("c@example.org", CANARY, Role.CONSULTANT).id
    return Actor(parent, Role.PARENT), Actor(consultant, Role.CONSULTANT)


def test_own_access_is_not_audited_and_a_consultants_is(accounts: Accounts) -> None:
    parent, consultant = _people(accounts)
    owner = parent.account_id or 0
    mine = journal_access(accounts, parent, owner, write=True)
    assert (mine.owner_id, mine.write, mine.actor_id) == (owner, True, owner)
    assert accounts.audit_for(parent, owner) == []
    with pytest.raises(NotAllowed):
        journal_access(accounts, consultant, owner, write=False, what="sessions")
    accounts.accept_invitation(consultant.account_id or 0, accounts.invite(owner).code)
    theirs = journal_access(accounts, consultant, owner, write=False, what="sessions")
    assert (theirs.owner_id, theirs.write) == (owner, False)
    log = [(e.actor_id, e.action, e.what) for e in accounts.audit_for(parent, owner)]
    assert log == [(consultant.account_id, "read", "sessions"),
                   (consultant.account_id, "share.accepted", "read only"),
                   (consultant.account_id, "read refused", "sessions")]


def test_a_disabled_account_or_a_read_token_cannot_write(accounts: Accounts,
                                                         clock: FakeClock) -> None:
    parent, _ = _people(accounts)
    owner = parent.account_id or 0
    with pytest.raises(NotAllowed):
        journal_access(accounts, Actor(owner, Role.PARENT, Scope.READ), owner, write=True)
    assert not journal_access(accounts, Actor(owner, Role.PARENT, Scope.READ), owner,
                              write=False).write
    with accounts.engine.begin() as db:
        db.execute(update(AccountRow).where(AccountRow.id == owner)
                   .values(disabled_utc=clock.now))
    with pytest.raises(NotAllowed):
        journal_access(accounts, parent, owner, write=False)
