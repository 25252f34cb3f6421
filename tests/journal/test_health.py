"""A damaged journal: found before any write, refused, and what is readable rescued."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from journal.helpers import make_session
from letdown.journal.faults import JournalDamaged, NewerJournal
from letdown.journal.records import Baby
from letdown.journal.salvage import salvage
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine, current_revision, journal_state, upgrade

SESSIONS = 300


def build(path: Path, sessions: int = SESSIONS) -> None:
    """A journal big enough to span many pages, checkpointed into the main file."""
    engine = create_journal_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Journal(engine) as journal:
        baby = journal.add_baby(Baby(name="Ada", birth_date=dt.date(2026, 10, 1)))
        for number in range(sessions):
            journal.add_session(make_session(notes=f"session {number} " + "x" * 200,
                                             baby_id=baby.id))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def damage(path: Path) -> None:
    """Overwrite one page of session rows near the middle of the file, as a failing disk
    might (a page of rows, not of an index, so that some rows are really lost: which page
    is in the middle depends on the schema's tables and indexes)."""
    data = path.read_bytes()
    page = 4096
    pages = range(len(data) // page)
    middle = len(pages) // 2
    rows = next(n for n in sorted(pages, key=lambda n: abs(n - middle))
                if b"x" * 200 in data[n * page:(n + 1) * page])
    with open(path, "r+b") as handle:
        handle.seek(rows * page)
        handle.write(b"\xa5" * page)


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    build(path)
    damage(path)
    return path


def test_a_write_into_a_damaged_journal_is_refused(damaged: Path) -> None:
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    engine = create_journal_engine(f"sqlite:///{damaged}")
    with Journal(engine) as journal, pytest.raises(JournalDamaged, match="letdown doctor"):
        journal.add_session(make_session())
    assert journal_state(engine).checked and journal_state(engine).damage
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_reads_do_not_pay_for_the_check(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    build(path, sessions=3)
    engine = create_journal_engine(f"sqlite:///{path}")
    with Journal(engine) as journal:
        assert len(journal.list_sessions()) == 3
        assert not journal_state(engine).checked
        journal.add_session(make_session())
        assert journal_state(engine).checked and journal_state(engine).damage is None


def test_what_is_readable_is_rescued_as_an_importable_journal(damaged: Path) -> None:
    found = salvage(damaged)
    assert found.data is not None
    assert found.unreadable  # the damaged page cost some rows ...
    readable = len(found.data.sessions)
    assert 0 < readable <= SESSIONS  # ... but not everything
    assert [b.name for b in found.data.babies] == ["Ada"]
    rebuilt = create_journal_engine(f"sqlite:///{damaged.with_name('fresh.sqlite3')}")
    upgrade(rebuilt)
    with Journal(rebuilt) as fresh:
        fresh.import_all(found.data)
        assert fresh.count_sessions() == readable


def test_a_newer_journal_is_never_upgraded_or_downgraded(database_url: str) -> None:
    """On SQLite and PostgreSQL alike."""
    from sqlalchemy import text

    from letdown.journal.store import downgrade, ensure_schema

    first = create_journal_engine(database_url)
    upgrade(first)
    with Journal(first) as journal:
        journal.add_session(make_session())
    with first.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    first.dispose()
    engine = create_journal_engine(database_url)
    assert ensure_schema(engine) is False
    for attempt in (lambda: upgrade(engine), lambda: downgrade(engine, "base")):
        with pytest.raises(NewerJournal, match=r"newer letdown \(revision 0099\); upgrade"):
            attempt()
    with Journal(engine) as journal:
        assert journal.count_sessions() == 1  # reading still works
        with pytest.raises(NewerJournal):
            journal.add_session(make_session())
        assert journal.count_sessions() == 1
    assert current_revision(engine) == "0099"
    engine.dispose()


def _sqlite_error(kind: type[sqlite3.Error], text: str, code: int) -> sqlite3.Error:
    error = kind(text)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(("error", "message"), [
    (_sqlite_error(sqlite3.OperationalError, "database is locked", 5),
     "another letdown is writing to the journal; try again in a moment"),
    (_sqlite_error(sqlite3.OperationalError, "database or disk is full", 13),
     "the disk is full: free some space; nothing was saved"),
    (_sqlite_error(sqlite3.DatabaseError, "file is not a database", 26),
     "the journal is damaged (file is not a database)"),
    (_sqlite_error(sqlite3.OperationalError, "attempt to write a readonly database", 8),
     "is read-only"),
    (OSError(28, "No space left on device"), "the disk is full"),
])
def test_faults_become_plain_messages(error: BaseException, message: str) -> None:
    from letdown.journal.faults import as_fault

    assert message in str(as_fault(error, where=Path("/tmp/j.sqlite3")))


def test_errors_that_are_not_faults_are_not_swallowed() -> None:
    from sqlalchemy.exc import IntegrityError

    from letdown.journal.faults import as_fault

    wrapped = IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    for error in (wrapped, sqlite3.IntegrityError("x"), ValueError("bug"), KeyError("bug")):
        assert as_fault(error) is None
