"""Drafts of guided sessions: what a running session's page has tapped and typed so far.

The guided page keeps its own copy in the browser's storage; this one, in the journal,
is what survives a browser that was killed, a storage that was wiped, or a phone that
was swapped for the laptop. One draft per session, keyed by the session's start (UTC, to
the second), holding the page's state as JSON text.

Drafts are not records. They are never exported, imported, counted by ``is_empty``, or
written to the records of an export or a backup file; a draft is removed when its
session is saved (``discard``), and one not touched for ``MAX_AGE`` is ignored and then
purged on the next save. The state's meaning belongs to the page (and its checks to the
web API, ``letdown.web.api.drafts``); here it is an opaque JSON object under a size cap.

Drafts belong to the journal's owner like records do (``letdown.journal.access``): an
account's draft is stored under "<owner id>/<key>" (a primary key cannot hold the
single-user journal's NULL owner) and stamped with ``owner_id``; every read filters by it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from letdown.journal.errors import JournalError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from letdown.journal.service import Journal
    from letdown.journal.tables import DraftRow

#: A draft not sent again within this long is ignored, then purged.
MAX_AGE = dt.timedelta(hours=24)
#: The largest state kept, as compact JSON text (characters).
MAX_STATE_CHARS = 64 * 1024
#: The longest start text accepted as a key.
MAX_KEY_CHARS = 40


class DraftTooLarge(JournalError):
    """A draft's state is over ``MAX_STATE_CHARS``: nothing was kept."""


class BadDraftKey(JournalError, ValueError):
    """A draft key that is not a session start with its time zone."""


@dataclass(frozen=True)
class Draft:
    """One kept draft: its key (the start in UTC), the page's state and when it was sent."""

    key: str
    state: dict[str, Any]
    updated: dt.datetime


def draft_key(start: str) -> str:
    """The key of the session that started at ``start`` (ISO 8601 with an offset or Z).

    The page names a session by the start the server gave it, in the server's zone;
    the key is that moment in UTC, so "…+01:00" and the same moment in "Z" are one draft.
    """
    text = start.strip()
    try:
        if len(text) > MAX_KEY_CHARS:
            raise ValueError
        moment = dt.datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise ValueError
        utc = moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise BadDraftKey(
            "key: not a session start; allowed: the start the page was given, a date and "
            "time with its zone (2026-11-29T23:30:00+00:00)") from None
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


class GuidedDrafts:
    """Save, read and drop guided-session drafts in a journal's database."""

    def __init__(self, journal: Journal) -> None:
        from sqlalchemy.orm import sessionmaker

        from letdown.journal.store import SQLITE_BEGIN_OPTION

        engine = journal.engine
        self.access = journal.access
        self._readers = sessionmaker(engine, expire_on_commit=False)
        # writes take the write lock first and pass the journal's write gate
        writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writers = sessionmaker(writer, expire_on_commit=False)

    def save(self, start: str, state: Mapping[str, Any], *,
             now: dt.datetime | None = None) -> Draft:
        """Keep ``state`` as the draft of the session started at ``start`` (replacing any).

        One transaction: the draft is replaced whole or not at all, and drafts older
        than ``MAX_AGE`` go with it. ``DraftTooLarge`` when the state is over the cap.
        """
        from sqlalchemy import delete

        from letdown.journal.tables import DraftRow

        self.access.require_write()
        key = draft_key(start)
        text = json.dumps(dict(state), separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
        if len(text) > MAX_STATE_CHARS:
            raise DraftTooLarge(
                f"draft: too large ({len(text) // 1024} kB); allowed: up to "
                f"{MAX_STATE_CHARS // 1024} kB. Shorten the notes, then it is kept again.")
        moment = _now(now)
        with self._writers() as orm, orm.begin():
            orm.execute(delete(DraftRow).where(DraftRow.updated_utc < moment - MAX_AGE))
            _upsert(orm, self._stored(key), text, moment, self.access.owner_id)
        return Draft(key, json.loads(text), moment)

    def _stored(self, key: str) -> str:
        """The primary key of this owner's draft ``key``."""
        owner = self.access.owner_id
        return key if owner is None else f"{owner}/{key}"

    def load(self, start: str, *, now: dt.datetime | None = None) -> Draft | None:
        """The recent draft of the session started at ``start``, if one is kept."""
        from letdown.journal.tables import DraftRow

        key = draft_key(start)
        with self._readers() as orm:
            row = orm.get(DraftRow, self._stored(key))
            if row is None or not self.access.owns(row.owner_id) or not _fresh(row, now):
                return None
            return _draft(row)

    def latest(self, *, now: dt.datetime | None = None) -> Draft | None:
        """The most recently sent draft still within ``MAX_AGE`` (None when there is none)."""
        from sqlalchemy import select

        from letdown.journal.tables import DraftRow

        oldest = _now(now) - MAX_AGE
        with self._readers() as orm:
            row = orm.scalars(
                select(DraftRow).where(DraftRow.updated_utc >= oldest,
                                       self.access.where(DraftRow.owner_id))
                .order_by(DraftRow.updated_utc.desc(), DraftRow.key.desc()).limit(1)
            ).first()
            return _draft(row) if row is not None else None

    def discard(self, start: str) -> bool:
        """Drop the draft of the session started at ``start``; True if there was one."""
        from sqlalchemy import delete

        from letdown.journal.tables import DraftRow

        self.access.require_write()
        key = draft_key(start)
        with self._writers() as orm, orm.begin():
            result = orm.execute(delete(DraftRow).where(
                DraftRow.key == self._stored(key), self.access.where(DraftRow.owner_id)))
        return bool(getattr(result, "rowcount", 0))

    def count(self) -> int:
        """How many drafts are kept, fresh or not."""
        from sqlalchemy import func, select

        from letdown.journal.tables import DraftRow

        with self._readers() as orm:
            return int(orm.scalar(select(func.count()).select_from(DraftRow)
                                  .where(self.access.where(DraftRow.owner_id))) or 0)


def _upsert(orm: OrmSession, key: str, text: str, moment: dt.datetime,
            owner_id: int | None) -> None:
    """Insert or replace one draft in a single statement, on SQLite and PostgreSQL."""
    from letdown.journal.tables import DraftRow

    values = {"key": key, "state": text, "updated_utc": moment, "owner_id": owner_id}
    bind = orm.get_bind()
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg = pg_insert(DraftRow).values(**values)
        orm.execute(pg.on_conflict_do_update(
            index_elements=[DraftRow.key],
            set_={"state": pg.excluded.state, "updated_utc": pg.excluded.updated_utc}))
        return
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    lite = sqlite_insert(DraftRow).values(**values)
    orm.execute(lite.on_conflict_do_update(
        index_elements=[DraftRow.key],
        set_={"state": lite.excluded.state, "updated_utc": lite.excluded.updated_utc}))


def _fresh(row: DraftRow, now: dt.datetime | None) -> bool:
    return row.updated_utc >= _now(now) - MAX_AGE


def _draft(row: DraftRow) -> Draft:
    key = row.key.rpartition("/")[2]  # an account's draft is stored as "<owner>/<key>"
    try:
        state = json.loads(row.state)
    except ValueError:  # written by hand or another tool: treat as nothing kept
        state = {}
    return Draft(key, state if isinstance(state, dict) else {}, row.updated_utc)
