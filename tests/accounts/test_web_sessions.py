"""Web sessions: kept on the server, only a hash of the id stored, idle and absolute ends."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from accounts.conftest import CANARY, FakeClock
from letdown.accounts import web_sessions
from letdown.accounts.roles import Role
from letdown.accounts.service import Accounts
from letdown.accounts.web_sessions import WebSessions


@pytest.fixture
def sessions(accounts: Accounts, clock: FakeClock) -> WebSessions:
    return WebSessions(accounts.engine, clock=clock, hasher=accounts.hasher)


def test_a_session_finds_its_account_and_only_a_hash_is_stored(
        accounts: Accounts, sessions: WebSessions) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    started = sessions.start(parent.id)
    assert started.secret not in repr(started)
    assert len(started.secret) >= 43
    found = sessions.account_for(started.secret)
    assert found is not None and found.id == parent.id and found.role is Role.PARENT
    with accounts.engine.connect() as connection:
        rows = [repr(r) for r in connection.execute(text("SELECT * FROM web_session"))]
    assert len(rows) == 1 and started.secret not in rows[0]
    assert sessions.account_for(started.secret + "x") is None
    assert sessions.account_for("") is None
    assert sessions.account_for("x" * 5000) is None


def test_signing_in_again_replaces_the_old_session(accounts: Accounts,
                                                   sessions: WebSessions) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    first = sessions.start(parent.id)
    second = sessions.start(parent.id, replacing=first.secret)
    assert first.secret != second.secret
    assert sessions.account_for(first.secret) is None
    assert sessions.account_for(second.secret) is not None


def test_signing_out_deletes_it(accounts: Accounts, sessions: WebSessions) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    started = sessions.start(parent.id)
    sessions.end(started.secret)
    assert sessions.account_for(started.secret) is None
    with accounts.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM web_session")).scalar() == 0


def test_idle_sessions_end(accounts: Accounts, sessions: WebSessions, clock: FakeClock) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    started = sessions.start(parent.id)
    clock.advance(seconds=web_sessions.IDLE.total_seconds() - 60)
    assert sessions.account_for(started.secret) is not None  # used: the idle clock restarts
    clock.advance(seconds=web_sessions.IDLE.total_seconds() - 1)
    assert sessions.account_for(started.secret) is not None
    clock.advance(seconds=web_sessions.IDLE.total_seconds())
    assert sessions.account_for(started.secret) is None


def test_busy_sessions_end_at_their_lifetime(accounts: Accounts, sessions: WebSessions,
                                             clock: FakeClock) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    started = sessions.start(parent.id)
    step = web_sessions.IDLE / 2
    elapsed = step * 0
    while elapsed + step < web_sessions.LIFETIME:
        clock.advance(seconds=step.total_seconds())
        elapsed += step
        assert sessions.account_for(started.secret) is not None
    clock.advance(seconds=(web_sessions.LIFETIME - elapsed).total_seconds())
    assert sessions.account_for(started.secret) is None


def test_a_disabled_account_is_signed_out(accounts: Accounts, sessions: WebSessions) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    started = sessions.start(parent.id)
    with accounts.engine.begin() as connection:
        connection.execute(text("UPDATE account SET disabled_utc = created_utc"))
    assert sessions.account_for(started.secret) is None


def test_end_all_and_purge(accounts: Accounts, sessions: WebSessions, clock: FakeClock) -> None:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT)
    other = accounts.create_account("q@example.org", CANARY, Role.PARENT)
    kept = sessions.start(other.id)
    for _ in range(2):
        sessions.start(parent.id)
    assert sessions.end_all(parent.id) == 2
    assert sessions.account_for(kept.secret) is not None
    clock.advance(seconds=web_sessions.IDLE.total_seconds() + 1)
    assert sessions.purge() == 1
