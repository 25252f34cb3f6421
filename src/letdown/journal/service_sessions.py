"""The journal's sessions: add, read, list with filters, count, change and delete.

One part of ``Journal`` (see ``service``); a session's let-down events are stored and
loaded with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from letdown.journal.crud import JournalBase, require_consistent
from letdown.journal.records import MAX_ID, Kind, Session
from letdown.journal.rows import fill_session_row as _fill_session_row
from letdown.journal.rows import require_baby as _require_baby
from letdown.journal.rows import session_record as _session_record
from letdown.journal.rows import session_row as _session_row

if TYPE_CHECKING:
    from sqlalchemy import Select


class SessionsPart(JournalBase):
    """Sessions, the records a parent writes most."""

    def add_session(self, session: Session) -> Session:
        """Save a new session and return it with its id (any id given is ignored)."""
        with self._write() as orm:
            _require_baby(orm, session.baby_id, self.access)
            _require_baby(orm, session.tandem_baby_id, self.access, "tandem_baby_id")
            require_consistent(orm, session)
            row = _session_row(session)
            row.owner_id = self.access.owner_id
            orm.add(row)
            orm.flush()
            return _session_record(row)

    def get_session(self, session_id: int) -> Session:
        """The session with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import SessionRow

        with self._sessions() as orm:
            return _session_record(self._owned(orm, SessionRow, session_id, "session"))

    def list_sessions(
        self,
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Kind | str | None = None,
        baby_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[Session]:
        """Sessions that started in ``[since, until)``, optionally of one kind or baby.

        ``since``/``until`` must be timezone-aware. Ordered by start time, newest
        first unless ``newest_first=False``; ``limit=None`` means all. The let-down
        events of all the sessions are loaded together (``selectinload``: one more
        query per 500 sessions), never one query per session.
        """
        from sqlalchemy import select
        from sqlalchemy.orm import selectinload

        from letdown.journal.tables import SessionRow

        query = _filter_sessions(
            select(SessionRow).options(selectinload(SessionRow.letdowns))
            .where(self.access.where(SessionRow.owner_id)),
            since=since, until=until, kind=kind, baby_id=baby_id,
        )
        order = (
            (SessionRow.start_utc.desc(), SessionRow.id.desc())
            if newest_first
            else (SessionRow.start_utc.asc(), SessionRow.id.asc())
        )
        query = query.order_by(*order).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._sessions() as orm:
            return [_session_record(row) for row in orm.scalars(query)]

    def count_sessions(
        self,
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Kind | str | None = None,
        baby_id: int | None = None,
    ) -> int:
        """How many sessions match the same filters as ``list_sessions``."""
        from sqlalchemy import func, select

        from letdown.journal.tables import SessionRow

        query = _filter_sessions(
            select(func.count(SessionRow.id)).where(self.access.where(SessionRow.owner_id)),
            since=since, until=until, kind=kind,
            baby_id=baby_id,
        )
        with self._sessions() as orm:
            return int(orm.scalar(query) or 0)

    def update_session(self, session_id: int, changes: Mapping[str, Any]) -> Session:
        """Change some fields of a session; the whole session is re-validated.

        ``changes`` maps field names to new values (``None`` clears an optional
        field). Returns the updated session.
        """
        from letdown.journal.tables import SessionRow

        with self._write() as orm:
            row = self._owned(orm, SessionRow, session_id, "session")
            merged = _session_record(row).model_dump()
            merged.update(changes)
            merged["id"] = session_id
            updated = Session.model_validate(merged)
            _require_baby(orm, updated.baby_id, self.access)
            _require_baby(orm, updated.tandem_baby_id, self.access, "tandem_baby_id")
            require_consistent(orm, updated)
            _fill_session_row(row, updated)
            orm.flush()
            return _session_record(row)

    def delete_session(self, session_id: int) -> None:
        """Delete a session and its let-down events; ``NotFound`` if there is none."""
        from letdown.journal.tables import SessionRow

        with self._write() as orm:
            orm.delete(self._owned(orm, SessionRow, session_id, "session"))


def _filter_sessions(
    query: Select[Any],
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    kind: Kind | str | None,
    baby_id: int | None,
) -> Select[Any]:
    from letdown.journal.tables import SessionRow

    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise ValueError(f"{name} must be timezone-aware")
    if since is not None:
        query = query.where(SessionRow.start_utc >= _utc(since))
    if until is not None:
        query = query.where(SessionRow.start_utc < _utc(until))
    if kind is not None:
        query = query.where(SessionRow.kind == Kind(kind).value)
    if baby_id is not None and not 1 <= baby_id <= MAX_ID:
        from sqlalchemy import false

        return query.where(false())  # no baby can have that id (and SQLite cannot hold it)
    if baby_id is not None:
        # A tandem feed belongs to both twins, so either column may name the baby.
        from sqlalchemy import or_

        query = query.where(
            or_(SessionRow.baby_id == baby_id, SessionRow.tandem_baby_id == baby_id)
        )
    return query


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC; a bound at the very edge of the calendar (year 1 at UTC+14,
    say) that has no UTC equivalent becomes the calendar's own first or last moment."""
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        edge = dt.datetime.min if moment.year == dt.MINYEAR else dt.datetime.max
        return edge.replace(tzinfo=dt.UTC)


