"""The web app when the journal's storage refuses a write (issue 10).

A journal made by a newer letdown stands in for every storage fault (busy, full disk,
damaged, read-only): each is a ``JournalFault`` and reaches the browser the same way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.web.helpers import FormClient, make_settings

from letdown.config import Settings
from letdown.journal.service import Journal
from letdown.web.app import create_app

BABY = {"name": "Ada", "birth_date": "2026-10-01"}


def _newer_journal(tmp_path: Path) -> Settings:
    settings = make_settings(tmp_path / "data")
    Journal.open(settings).close()  # made at our revision, then "upgraded" by a newer letdown
    with sqlite3.connect(settings.sqlite_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    return settings


def test_a_write_the_storage_refuses_is_a_plain_503_and_changes_nothing(tmp_path: Path) -> None:
    settings = _newer_journal(tmp_path)
    app = create_app(settings, allowed_hosts=["testserver"])
    with FormClient(app, raise_server_exceptions=False) as client:
        assert client.get("/").status_code == 200  # reading still works
        api = client.post("/api/v1/babies", json=BABY)
        assert api.status_code == 503
        assert "made by a newer letdown" in api.json()["detail"]
        page = client.post("/babies", data=BABY)
        assert page.status_code == 503
        assert "made by a newer letdown" in page.text and "Go back" in page.text
        assert "Traceback" not in page.text
    with sqlite3.connect(settings.sqlite_path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM baby").fetchone() == (0,)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "9999_from_the_future",)


def test_a_write_with_read_only_access_is_a_plain_403_and_changes_nothing(
        tmp_path: Path) -> None:
    from journal.owners import make_family
    from letdown.journal.store import create_journal_engine, upgrade

    settings = make_settings(tmp_path / "data")
    settings.ensure_data_dir()
    engine = create_journal_engine(f"sqlite:///{settings.sqlite_path}")
    upgrade(engine)
    family = make_family(engine)
    reading = Journal(engine, access=family.access(family.parent_a, write=False))
    app = create_app(settings, journal=reading, allowed_hosts=["testserver"])
    with FormClient(app, raise_server_exceptions=False) as client:
        api = client.post("/api/v1/babies", json=BABY)
        assert api.status_code == 403
        assert "not change them" in api.json()["detail"]
        page = client.post("/babies", data=BABY)
        assert page.status_code == 403 and "not change them" in page.text
        assert "Traceback" not in page.text
    assert reading.list_babies() == []
    engine.dispose()
