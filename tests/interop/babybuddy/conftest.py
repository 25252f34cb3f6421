"""Fixtures: a fake Baby Buddy (see ``fake``), and the saved CSV export files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from tests.interop.babybuddy.fake import DATA, FakeBabyBuddy

from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade


@pytest.fixture
def baby_buddy(httpserver: HTTPServer) -> FakeBabyBuddy:
    return FakeBabyBuddy(httpserver)


@pytest.fixture
def csv_files() -> list[Path]:
    return sorted(DATA.glob("admin_export_*.csv"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def journal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Journal]:
    """An empty journal with an up-to-date schema, on SQLite and on PostgreSQL."""
    url = (f"sqlite:///{tmp_path / 'journal.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engine = create_journal_engine(url)
    upgrade(engine)
    with Journal(engine) as opened:
        yield opened
