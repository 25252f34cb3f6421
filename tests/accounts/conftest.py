"""Accounts fixtures: a service on SQLite and on PostgreSQL, a fake clock, cheap hashing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from letdown.accounts.passwords import Hasher
from letdown.accounts.service import Accounts
from letdown.journal.store import create_journal_engine, upgrade

#: A password that must never show up in a message, a repr or a log.
CANARY = "canary-Zq7-violet-heron-41"


@dataclass
class FakeClock:
    """A clock the test moves by hand."""

    now: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC))

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def cheap_hasher() -> Hasher:
    """argon2id with tiny costs: the same code path, milliseconds instead of 50+ ms."""
    return Hasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'accounts.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    assert isinstance(url, str)
    return url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(database_url: str, clock: FakeClock) -> Iterator[Accounts]:
    engine = create_journal_engine(database_url)
    upgrade(engine)
    with Accounts(engine, clock=clock, hasher=cheap_hasher()) as service:
        yield service
