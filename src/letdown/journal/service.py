"""The journal's public API: the one way every interface reads and writes records.

The CLI, the web app and the advisor all go through ``Journal``; none of them
touch tables or SQL. Methods take and return the pydantic records from
``letdown.journal.records``, so validation happens once, in one place.

Guarantees:

* Every write is one transaction: it happens completely or not at all.
* Invalid records raise ``pydantic.ValidationError`` (use
  ``records.describe_errors`` to show it); nothing is written.
* A missing id raises ``NotFound``; a write that would break the journal's
  integrity (unknown baby, a second diaper count for the same day, deleting a
  baby that still has records) raises ``Conflict`` with a message for people.

Typical use::

    from letdown.journal.service import Journal
    with Journal.open() as journal:             # the configured database, schema upgraded
        saved = journal.add_session(Session(kind="pump", sides="both", start=..., end=...))
        recent = journal.list_sessions(limit=20)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from letdown.journal.errors import Conflict as Conflict
from letdown.journal.errors import JournalError as JournalError
from letdown.journal.errors import NotFound as NotFound
from letdown.journal.records import (
    MAX_ID,
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    Kind,
    ParentProfile,
    Record,
    Session,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine, Select
    from sqlalchemy.orm import Session as OrmSession

    from letdown.config import Settings
    from letdown.journal.tables import Base
    from letdown.journal.transfer import ImportReport

from letdown.journal.rows import STORED as STORED
from letdown.journal.rows import columns as _columns
from letdown.journal.rows import fill_session_row as _fill_session_row
from letdown.journal.rows import is_empty as _is_empty
from letdown.journal.rows import record as _record
from letdown.journal.rows import refuse_same_name as _refuse_same_name
from letdown.journal.rows import require_baby as _require_baby
from letdown.journal.rows import session_record as _session_record
from letdown.journal.rows import session_row as _session_row

R = TypeVar("R", bound=Record)
#: An extra rule checked inside a write: (transaction, record, its id or None when new).
Check = Callable[["OrmSession", Any, "int | None"], None]


class Journal:
    """Read and write a letdown journal stored in a SQLAlchemy database.

    ``Journal(engine)`` wraps an engine whose schema is already up to date (see
    ``letdown.journal.store``); ``Journal.open()`` opens the configured database
    and upgrades it first. Use it as a context manager, or call ``close()``.
    """

    def __init__(self, engine: Engine) -> None:
        from sqlalchemy.orm import sessionmaker

        from letdown.journal.store import SQLITE_BEGIN_OPTION

        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writers = sessionmaker(writer, expire_on_commit=False)

    @classmethod
    def open(cls, settings: Settings | None = None) -> Journal:
        """Open the journal named by ``settings`` (default: environment and config file)."""
        from letdown.journal.store import open_engine

        return cls(open_engine(settings))

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[OrmSession]:
        """One transaction around the reads and writes: commit on success, roll back on error."""
        from sqlalchemy.exc import IntegrityError

        with self._writers() as orm:
            try:
                with orm.begin():
                    yield orm
            except IntegrityError as error:
                raise Conflict(_integrity_message(error)) from error

    # ----------------------------------------------------------------- sessions

    def add_session(self, session: Session) -> Session:
        """Save a new session and return it with its id (any id given is ignored)."""
        with self._write() as orm:
            _require_baby(orm, session.baby_id)
            _require_baby(orm, session.tandem_baby_id, "tandem_baby_id")
            _require_consistent(orm, session)
            row = _session_row(session)
            orm.add(row)
            orm.flush()
            return _session_record(row)

    def get_session(self, session_id: int) -> Session:
        """The session with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import SessionRow

        _check_id(session_id, "session")
        with self._sessions() as orm:
            row = orm.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"no session with id {session_id}")
            return _session_record(row)

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
            select(SessionRow).options(selectinload(SessionRow.letdowns)),
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
            select(func.count(SessionRow.id)), since=since, until=until, kind=kind,
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

        _check_id(session_id, "session")
        with self._write() as orm:
            row = orm.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"no session with id {session_id}")
            merged = _session_record(row).model_dump()
            merged.update(changes)
            merged["id"] = session_id
            updated = Session.model_validate(merged)
            _require_baby(orm, updated.baby_id)
            _require_baby(orm, updated.tandem_baby_id, "tandem_baby_id")
            _require_consistent(orm, updated)
            _fill_session_row(row, updated)
            orm.flush()
            return _session_record(row)

    def delete_session(self, session_id: int) -> None:
        """Delete a session and its let-down events; ``NotFound`` if there is none."""
        from letdown.journal.tables import SessionRow

        _check_id(session_id, "session")
        with self._write() as orm:
            row = orm.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"no session with id {session_id}")
            orm.delete(row)

    # ------------------------------------------------------------------ babies

    def add_baby(self, baby: Baby) -> Baby:
        """Save a new baby and return it with its id; ``Conflict`` if the name is taken."""
        from letdown.journal.tables import BabyRow

        return self._add(BabyRow, baby, check=_refuse_same_name)

    def get_baby(self, baby_id: int) -> Baby:
        """The baby with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import BabyRow

        return self._get(BabyRow, Baby, baby_id, "baby")

    def list_babies(self) -> list[Baby]:
        """All babies, in the order they were added."""
        from letdown.journal.tables import BabyRow

        return self._list(BabyRow, Baby)

    def update_baby(self, baby_id: int, changes: Mapping[str, Any]) -> Baby:
        """Change some fields of a baby (re-validated); ``Conflict`` if the name is taken."""
        from letdown.journal.tables import BabyRow

        return self._update(BabyRow, Baby, baby_id, changes, "baby", check=_refuse_same_name)

    def delete_baby(self, baby_id: int) -> None:
        """Delete a baby; ``Conflict`` while sessions, weights or diapers refer to it."""
        from letdown.journal.tables import BabyRow

        self._delete(BabyRow, baby_id, "baby")

    # ----------------------------------------------------------------- weights

    def add_weight(self, weight: InfantWeight) -> InfantWeight:
        """Save an infant weight and return it with its id."""
        from letdown.journal.tables import WeightRow

        return self._add(WeightRow, weight)

    def get_weight(self, weight_id: int) -> InfantWeight:
        """The weight with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import WeightRow

        return self._get(WeightRow, InfantWeight, weight_id, "weight")

    def list_weights(self, baby_id: int | None = None) -> list[InfantWeight]:
        """Weights (of one baby, or all), oldest first."""
        from letdown.journal.tables import WeightRow

        return self._list(WeightRow, InfantWeight, baby_id=baby_id)

    def update_weight(self, weight_id: int, changes: Mapping[str, Any]) -> InfantWeight:
        """Change some fields of a weight (re-validated)."""
        from letdown.journal.tables import WeightRow

        return self._update(WeightRow, InfantWeight, weight_id, changes, "weight")

    def delete_weight(self, weight_id: int) -> None:
        """Delete a weight; ``NotFound`` if there is none."""
        from letdown.journal.tables import WeightRow

        self._delete(WeightRow, weight_id, "weight")

    # ----------------------------------------------------------------- diapers

    def add_diapers(self, count: DiaperCount) -> DiaperCount:
        """Save a day's diaper count; ``Conflict`` if that baby already has one that day."""
        from letdown.journal.tables import DiaperRow

        return self._add(DiaperRow, count)

    def get_diapers(self, count_id: int) -> DiaperCount:
        """The diaper count with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import DiaperRow

        return self._get(DiaperRow, DiaperCount, count_id, "diaper count")

    def list_diapers(self, baby_id: int | None = None) -> list[DiaperCount]:
        """Daily diaper counts (of one baby, or all), oldest first."""
        from letdown.journal.tables import DiaperRow

        return self._list(DiaperRow, DiaperCount, baby_id=baby_id)

    def update_diapers(self, count_id: int, changes: Mapping[str, Any]) -> DiaperCount:
        """Change some fields of a diaper count (re-validated)."""
        from letdown.journal.tables import DiaperRow

        return self._update(DiaperRow, DiaperCount, count_id, changes, "diaper count")

    def delete_diapers(self, count_id: int) -> None:
        """Delete a diaper count; ``NotFound`` if there is none."""
        from letdown.journal.tables import DiaperRow

        self._delete(DiaperRow, count_id, "diaper count")

    # ----------------------------------------------------------------- profile

    def get_profile(self) -> ParentProfile | None:
        """The parent profile, or None before one is set."""
        from letdown.journal.tables import ProfileRow

        with self._sessions() as orm:
            row = orm.get(ProfileRow, 1)
            return None if row is None else _record(ParentProfile, row)

    def set_profile(self, profile: ParentProfile) -> ParentProfile:
        """Create or replace the parent profile."""
        from letdown.journal.tables import ProfileRow

        with self._write() as orm:
            row = orm.get(ProfileRow, 1) or ProfileRow(id=1)
            for name, value in _columns(profile).items():
                setattr(row, name, value)
            orm.add(row)
            orm.flush()
            return _record(ParentProfile, row)

    def update_profile(self, changes: Mapping[str, Any]) -> ParentProfile:
        """Change some fields of the profile; ``NotFound`` before one is set."""
        current = self.get_profile()
        if current is None:
            raise NotFound("no profile yet: set one with a pseudonym first")
        merged = current.model_dump()
        merged.update(changes)
        return self.set_profile(ParentProfile.model_validate(merged))

    def delete_profile(self) -> None:
        """Remove the parent profile (no error if there is none)."""
        from letdown.journal.tables import ProfileRow

        with self._write() as orm:
            row = orm.get(ProfileRow, 1)
            if row is not None:
                orm.delete(row)

    # -------------------------------------------------------------- everything

    def is_empty(self) -> bool:
        """True when the journal holds no records of any kind."""
        with self._sessions() as orm:
            return _is_empty(orm)

    def export_all(self) -> JournalData:
        """Every record in the journal, ids included (oldest first)."""
        return JournalData(
            profile=self.get_profile(),
            babies=self.list_babies(),
            sessions=self.list_sessions(newest_first=False),
            weights=self.list_weights(),
            diapers=self.list_diapers(),
        )

    def import_all(
        self, data: JournalData, *, replace_profile: bool = False, dry_run: bool = False
    ) -> ImportReport:
        """Add the records of ``data`` the journal does not hold yet; all or nothing.

        Records are recognised by their uuid: one already here is skipped, so
        importing a file twice changes nothing; one here with other values is a
        conflict (``transfer.ImportConflict`` lists them all; nothing is written).
        Into an empty journal ids are kept, so export-then-import gives back exactly
        the same records. The journal's profile is kept unless ``replace_profile``.
        ``dry_run`` does everything, reports it, and rolls it back. See
        ``letdown.journal.transfer``.
        """
        from letdown.journal.transfer import RolledBack, import_records

        try:
            with self._write() as orm:
                report = import_records(orm, data, replace_profile=replace_profile)
                if dry_run:
                    raise RolledBack(report)
        except RolledBack as undone:
            return undone.report
        return report

    # ----------------------------------------------------------------- helpers

    def _add(self, table: type[Base], record: R, check: Check | None = None) -> R:
        with self._write() as orm:
            _require_baby(orm, getattr(record, "baby_id", None))
            if check is not None:
                check(orm, record, None)
            _require_consistent(orm, record)
            row = table(**_columns(record))
            orm.add(row)
            orm.flush()
            return _record(type(record), row)

    def _get(self, table: type[Base], model: type[R], record_id: int, what: str) -> R:
        _check_id(record_id, what)
        with self._sessions() as orm:
            row = orm.get(table, record_id)
            if row is None:
                raise NotFound(f"no {what} with id {record_id}")
            return _record(model, row)

    def _list(self, table: type[Base], model: type[R], baby_id: int | None = None) -> list[R]:
        from sqlalchemy import select

        if baby_id is not None and not 1 <= baby_id <= MAX_ID:
            return []  # no baby can have that id (and SQLite cannot hold it)
        query = select(table)
        if baby_id is not None:
            query = query.where(table.baby_id == baby_id)  # type: ignore[attr-defined]
        order = [table.date] if hasattr(table, "date") else []
        query = query.order_by(*order, table.id)  # type: ignore[attr-defined]
        with self._sessions() as orm:
            return [_record(model, row) for row in orm.scalars(query)]

    def _update(
        self,
        table: type[Base],
        model: type[R],
        record_id: int,
        changes: Mapping[str, Any],
        what: str,
        check: Check | None = None,
    ) -> R:
        _check_id(record_id, what)
        with self._write() as orm:
            row = orm.get(table, record_id)
            if row is None:
                raise NotFound(f"no {what} with id {record_id}")
            merged = _record(model, row).model_dump()
            merged.update(changes)
            merged["id"] = record_id
            updated = model.model_validate(merged)
            _require_baby(orm, getattr(updated, "baby_id", None))
            if check is not None:
                check(orm, updated, record_id)
            _require_consistent(orm, updated)
            for name, value in _columns(updated).items():
                setattr(row, name, value)
            orm.flush()
            return _record(model, row)

    def _delete(self, table: type[Base], record_id: int, what: str) -> None:
        _check_id(record_id, what)
        with self._write() as orm:
            row = orm.get(table, record_id)
            if row is None:
                raise NotFound(f"no {what} with id {record_id}")
            orm.delete(row)


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


def _check_id(record_id: int, what: str) -> None:
    """Ids outside 1..MAX_ID cannot exist; say so before the database overflows."""
    if not 1 <= record_id <= MAX_ID:
        raise NotFound(f"no {what} with id {record_id}")


def _require_consistent(orm: OrmSession, record: Record) -> None:
    """Raise ``Conflict`` when ``record`` contradicts the journal (see ``consistency``)."""
    from letdown.journal.consistency import record_problem

    problem = record_problem(orm, record)
    if problem is not None:
        raise Conflict(problem)


def _integrity_message(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).lower()
    if "diaper_count" in text or "uq_diaper" in text:
        return "diapers: that baby already has a count for that day (edit it instead)"
    if "foreign key" in text:
        return "baby is still referred to by sessions, weights or diaper counts; delete those first"
    return f"the journal refused the change: {getattr(error, 'orig', error)}"
