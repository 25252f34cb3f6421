"""The authorization matrix through the service (the single point the CLI, API and pages
will use): every actor x every owner, read and write, on SQLite and PostgreSQL.

0 cases where someone reaches records they should not; and the cases that should work do.
"""

from __future__ import annotations

import pytest

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.errors import NotAllowed
from letdown.accounts.roles import ANONYMOUS, Actor, Role, Scope
from letdown.accounts.service import Accounts

PASSWORD = CANARY


def _actor(accounts: Accounts, email: str, role: Role) -> Actor:
    made = accounts.create_account(email, PASSWORD, role)
    return Actor(account_id=made.id, role=made.role)


def _consent(accounts: Accounts, parent: Actor, consultant: Actor, *,
             can_write: bool = False) -> None:
    assert parent.account_id is not None and consultant.account_id is not None
    issued = accounts.invite(parent.account_id, can_write=can_write)
    accounts.accept_invitation(consultant.account_id, issued.code)


def test_matrix(accounts: Accounts, clock: FakeClock) -> None:
    a = _actor(accounts, "a@example.org", Role.PARENT)
    b = _actor(accounts, "b@example.org", Role.PARENT)
    shared = _actor(accounts, "shared@example.org", Role.CONSULTANT)
    writer = _actor(accounts, "writer@example.org", Role.CONSULTANT)
    stranger = _actor(accounts, "stranger@example.org", Role.CONSULTANT)
    revoked = _actor(accounts, "revoked@example.org", Role.CONSULTANT)
    admin = _actor(accounts, "admin@example.org", Role.ADMIN)
    _consent(accounts, a, shared)
    _consent(accounts, a, writer, can_write=True)
    _consent(accounts, a, revoked)
    assert a.account_id and b.account_id and revoked.account_id
    accounts.revoke_share(a.account_id, revoked.account_id)
    read_token = Actor(a.account_id, Role.PARENT, Scope.READ)
    # A stale actor claiming a role it does not have in the database gets nothing more.
    forged = Actor(stranger.account_id, Role.ADMIN)

    actors = {"anonymous": ANONYMOUS, "parent A": a, "parent B": b,
              "consultant with consent": shared, "consultant allowed to write": writer,
              "consultant without consent": stranger, "revoked consultant": revoked,
              "admin": admin, "parent A, read token": read_token,
              "consultant claiming admin": forged,
              "account that does not exist": Actor(9999, Role.PARENT)}
    expected = {  # (owner A read, write), (owner B read, write)
        "anonymous": ((False, False), (False, False)),
        "parent A": ((True, True), (False, False)),
        "parent B": ((False, False), (True, True)),
        "consultant with consent": ((True, False), (False, False)),
        "consultant allowed to write": ((True, True), (False, False)),
        "consultant without consent": ((False, False), (False, False)),
        "revoked consultant": ((False, False), (False, False)),
        "admin": ((False, False), (False, False)),
        "parent A, read token": ((True, False), (False, False)),
        "consultant claiming admin": ((False, False), (False, False)),
        "account that does not exist": ((False, False), (False, False)),
    }
    got = {name: tuple((accounts.can_read(actor, owner), accounts.can_write(actor, owner))
                       for owner in (a.account_id, b.account_id))
           for name, actor in actors.items()}
    assert got == expected


def test_revoking_removes_access_on_the_next_check(accounts: Accounts) -> None:
    parent = _actor(accounts, "p@example.org", Role.PARENT)
    consultant = _actor(accounts, "c@example.org", Role.CONSULTANT)
    assert parent.account_id and consultant.account_id
    _consent(accounts, parent, consultant, can_write=True)
    assert accounts.can_write(consultant, parent.account_id)
    accounts.set_write(parent.account_id, consultant.account_id, False)
    assert accounts.can_read(consultant, parent.account_id)
    assert not accounts.can_write(consultant, parent.account_id)
    accounts.revoke_share(parent.account_id, consultant.account_id)
    assert not accounts.can_read(consultant, parent.account_id)
    assert accounts.families_of(consultant.account_id) == []
    with pytest.raises(NotAllowed):
        accounts.authorize(consultant, parent.account_id, write=False, what="session 1")


@pytest.mark.parametrize("owner_id", [0, -1, 2**63, 2**64 + 5])
def test_an_owner_id_no_account_can_have_is_refused_not_a_crash(
        accounts: Accounts, owner_id: int) -> None:
    consultant = _actor(accounts, "c@example.org", Role.CONSULTANT)
    with pytest.raises(NotAllowed):
        accounts.authorize(consultant, owner_id, write=False, what="journal")
