"""Each journal keeps its own advisor answers: on a server one parent's answers never shape
another's advice, and someone who may only read cannot save answers into a journal."""

from __future__ import annotations

from pathlib import Path

from tests.web.helpers import FormClient, make_settings

from letdown.advisor import Answers
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, upgrade
from letdown.web.advice import load_answers, save_answers
from letdown.web.app import create_app


def test_answers_are_kept_per_journal(tmp_path: Path) -> None:
    mine = Answers.model_validate({"feeding_mode": "pumping"})
    save_answers(tmp_path, mine, owner_id=7)
    assert load_answers(tmp_path, 7) == mine
    assert load_answers(tmp_path, 8) is None  # another parent on the same server
    assert load_answers(tmp_path) is None  # the laptop journal


def test_read_only_access_cannot_save_answers(tmp_path: Path) -> None:
    from journal.owners import make_family

    settings = make_settings(tmp_path / "data")
    settings.ensure_data_dir()
    engine = create_journal_engine(f"sqlite:///{settings.sqlite_path}")
    upgrade(engine)
    family = make_family(engine)
    reading = Journal(engine, access=family.access(family.parent_a, write=False))
    app = create_app(settings, journal=reading, allowed_hosts=["testserver"])
    with FormClient(app, raise_server_exceptions=False) as client:
        page = client.post("/advisor", data={"feeding_mode": "pumping"})
        assert page.status_code == 403 and "not change them" in page.text
    assert not list(settings.data_dir.glob("advisor-answers*.json"))
    engine.dispose()
