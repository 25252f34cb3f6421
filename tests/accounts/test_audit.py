"""The audit log: every access to another person's records is appended; nothing changes it."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.errors import NotAllowed
from letdown.accounts.roles import Actor, Role
from letdown.accounts.service import Accounts


def test_accesses_to_others_records_are_logged_for_the_owner(accounts: Accounts,
                                                             clock: FakeClock) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT).id
    consultant = accounts.create_account("c@example.org", CANARY, Role.CONSULTANT).id
    outsider = accounts.create_account("x@example.org", CANARY, Role.CONSULTANT).id
    me = Actor(parent, Role.PARENT)
    accounts.authorize(me, parent, write=True, what="session 1")  # own records: not logged
    accounts.accept_invitation(consultant, accounts.invite(parent).code)
    clock.advance(minutes=5)
    accounts.authorize(Actor(consultant, Role.CONSULTANT), parent, write=False,
                       what="session 12")
    with pytest.raises(NotAllowed):
        accounts.authorize(Actor(consultant, Role.CONSULTANT), parent, write=True,
                           what="session 12")
    with pytest.raises(NotAllowed):
        accounts.authorize(Actor(outsider, Role.CONSULTANT), parent, write=False,
                           what="report")
    log = accounts.audit_for(me, parent)
    assert [(e.actor_id, e.action, e.what) for e in log] == [
        (outsider, "read refused", "report"),
        (consultant, "write refused", "session 12"),
        (consultant, "read", "session 12"),
        (consultant, "share.accepted", "read only"),
    ]
    assert log[0].at == clock()
    with pytest.raises(NotAllowed):
        accounts.audit_for(Actor(consultant, Role.CONSULTANT), parent)


def test_the_database_refuses_to_change_or_delete_entries(accounts: Accounts) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT).id
    accounts.record_access(None, parent, "read", "report")
    for statement in ("UPDATE audit_entry SET what = 'nothing'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="append-only"), accounts.engine.begin() as conn:
            conn.execute(text(statement))
    assert len(accounts.audit_for(Actor(parent, Role.PARENT), parent)) == 1
