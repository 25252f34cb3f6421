"""API tokens: scope, expiry, revocation, last use; only a fingerprint is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.errors import AccountNotFound, BadAccountInput, TokenRefused
from letdown.accounts.roles import Role, Scope
from letdown.accounts.service import Accounts


def _parent(accounts: Accounts) -> int:
    return accounts.create_account("p@example.org", CANARY, Role.PARENT).id


def test_a_token_stands_for_its_account_with_its_scope(accounts: Accounts) -> None:
    owner = _parent(accounts)
    read = accounts.issue_token(owner, "read", 30)
    write = accounts.issue_token(owner, Scope.WRITE, 30)
    assert read.secret.startswith("ldt_") and len(read.secret) > 40
    assert read.secret not in repr(read)
    actor = accounts.verify_token(read.secret)
    assert (actor.account_id, actor.role, actor.scope) == (owner, Role.PARENT, Scope.READ)
    assert accounts.can_read(actor, owner) and not accounts.can_write(actor, owner)
    assert accounts.can_write(accounts.verify_token(write.secret), owner)
    with accounts.engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash, prefix FROM api_token")).all()
    assert all(read.secret not in row.token_hash for row in stored)
    assert {row.prefix for row in stored} == {read.secret[:12], write.secret[:12]}


def test_expiry(accounts: Accounts, clock: FakeClock) -> None:
    issued = accounts.issue_token(_parent(accounts), "read", 2)
    clock.advance(days=2, seconds=-1)
    accounts.verify_token(issued.secret)
    clock.advance(seconds=1)
    with pytest.raises(TokenRefused):
        accounts.verify_token(issued.secret)
    assert accounts.list_tokens(issued.info.account_id)[0].state(clock()) == "expired"


def test_revocation_works_at_once_and_only_for_the_owner(accounts: Accounts) -> None:
    owner = _parent(accounts)
    other = accounts.create_account("o@example.org", CANARY, Role.PARENT).id
    issued = accounts.issue_token(owner, "write", 30)
    with pytest.raises(AccountNotFound):
        accounts.revoke_token(other, issued.info.id)
    accounts.verify_token(issued.secret)
    accounts.revoke_token(owner, issued.info.id)
    with pytest.raises(TokenRefused):
        accounts.verify_token(issued.secret)
    accounts.revoke_token(owner, issued.info.id)  # again: harmless


def test_last_used_is_recorded(accounts: Accounts, clock: FakeClock) -> None:
    issued = accounts.issue_token(_parent(accounts), "read", 30)
    assert accounts.list_tokens(issued.info.account_id)[0].last_used is None
    clock.advance(hours=1)
    accounts.verify_token(issued.secret)
    assert accounts.list_tokens(issued.info.account_id)[0].last_used == clock()


@pytest.mark.parametrize("secret", ["", "ldt_", "ldt_" + "A" * 43, "Bearer x", "ldt_" + "x" * 500,
                                    "ldt_\x00", "ldt_\ud800"])
def test_unknown_tokens_are_refused_alike(accounts: Accounts, secret: str) -> None:
    _parent(accounts)
    with pytest.raises(TokenRefused):
        accounts.verify_token(secret)


@pytest.mark.parametrize("scope, days", [("admin", 30), ("read", 0), ("write", 366),
                                         ("read", -1)])
def test_bad_scope_or_days_write_nothing(accounts: Accounts, scope: str, days: int) -> None:
    owner = _parent(accounts)
    with pytest.raises(BadAccountInput):
        accounts.issue_token(owner, scope, days)
    assert accounts.list_tokens(owner) == []
