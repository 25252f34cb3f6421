"""Sign-in: right and wrong passwords, lockout by the clock, unknown emails treated alike."""

from __future__ import annotations

import time

import pytest

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.errors import AccountExists, AccountLocked, SignInFailed
from letdown.accounts.passwords import Hasher
from letdown.accounts.roles import Role, Scope
from letdown.accounts.service import Accounts


def test_sign_in_with_the_right_password(accounts: Accounts) -> None:
    made = accounts.create_account("  Ops@Example.ORG ", CANARY, Role.ADMIN)
    assert made.email == "ops@example.org"
    actor = accounts.authenticate("OPS@example.org", CANARY)
    assert (actor.account_id, actor.role, actor.scope) == (made.id, Role.ADMIN, Scope.WRITE)
    with pytest.raises(AccountExists):
        accounts.create_account("ops@example.org", CANARY + "2", Role.PARENT)


def test_wrong_password_and_unknown_email_get_the_same_words(accounts: Accounts) -> None:
    accounts.create_account("p@example.org", CANARY, Role.PARENT)
    with pytest.raises(SignInFailed) as wrong:
        accounts.authenticate("p@example.org", CANARY + "!")
    with pytest.raises(SignInFailed) as unknown:
        accounts.authenticate("nobody@example.org", CANARY)
    assert str(wrong.value) == str(unknown.value)


def _fail(accounts: Accounts, email: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(SignInFailed):
            accounts.authenticate(email, "wrong password here")


@pytest.mark.parametrize("email", ["p@example.org", "nobody@example.org"])
def test_five_failures_lock_for_fifteen_minutes(accounts: Accounts, clock: FakeClock,
                                                email: str) -> None:
    """The same for an existing account and an unknown email: a lock reveals nothing."""
    accounts.create_account("p@example.org", CANARY, Role.PARENT)
    for _ in range(5):
        _fail(accounts, email, 1)
        clock.advance(minutes=2)
    # 5th failure at +8 min; now +10 min: locked until +23 min, even the right password.
    with pytest.raises(AccountLocked) as locked:
        accounts.authenticate(email, CANARY)
    assert "09:23 UTC" in str(locked.value)
    clock.advance(minutes=13, seconds=-1)
    with pytest.raises(AccountLocked):
        accounts.authenticate(email, CANARY)
    clock.advance(seconds=1)
    if email == "p@example.org":
        accounts.authenticate(email, CANARY)
    else:
        _fail(accounts, email, 1)


def test_a_success_clears_the_count(accounts: Accounts, clock: FakeClock) -> None:
    accounts.create_account("p@example.org", CANARY, Role.PARENT)
    _fail(accounts, "p@example.org", 4)
    accounts.authenticate("p@example.org", CANARY)
    clock.advance(seconds=1)
    _fail(accounts, "p@example.org", 4)
    accounts.authenticate("p@example.org", CANARY)  # 8 failures, never 5 in a row


def test_an_old_hash_is_renewed_at_sign_in(database_url: str, clock: FakeClock) -> None:
    from sqlalchemy import text

    from letdown.journal.store import create_journal_engine, upgrade

    engine = create_journal_engine(database_url)
    upgrade(engine)
    weak = Accounts(engine, clock=clock, hasher=Hasher(time_cost=1, memory_cost=8,
                                                         parallelism=1))
    weak.create_account("p@example.org", CANARY, Role.PARENT)
    stronger = Accounts(engine, clock=clock, hasher=Hasher(time_cost=2, memory_cost=16,
                                                             parallelism=1))
    stronger.authenticate("p@example.org", CANARY)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM account")).scalar_one()
    assert "m=16,t=2" in stored
    weak.close()


def test_unknown_email_costs_about_as_long_as_a_wrong_password(accounts: Accounts) -> None:
    """No shortcut for unknown accounts: both verify one argon2 hash (same costs)."""
    slow = Accounts(accounts.engine, clock=accounts.clock,
                    hasher=Hasher(time_cost=2, memory_cost=16384, parallelism=1))
    slow.create_account("p@example.org", CANARY, Role.PARENT)

    def timed(email: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            with pytest.raises(SignInFailed):
                slow.authenticate(email, "wrong password here")
            best = min(best, time.perf_counter() - started)
        return best

    slow.hasher.waste_time("warm up the throw-away hash")
    known, unknown = timed("p@example.org"), timed("nobody@example.org")
    # A shortcut would make the ratio ~0.01; the wide band tolerates a busy machine.
    assert 0.33 < unknown / known < 3.0, (known, unknown)
