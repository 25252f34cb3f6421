"""Journal fixtures: each storage test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'journal.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    assert isinstance(url, str)
    return url


@pytest.fixture
def journal(database_url: str) -> Iterator[Journal]:
    """A journal with an up-to-date schema on each backend."""
    engine = create_journal_engine(database_url)
    upgrade(engine)
    with Journal(engine) as opened:
        yield opened
