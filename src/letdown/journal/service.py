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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from letdown.journal.records import (
    MAX_ID,
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    Kind,
    LetDown,
    ParentProfile,
    Record,
    Session,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine, Select
    from sqlalchemy.orm import Session as OrmSession

    from letdown.config import Settings
    from letdown.journal.tables import Base, SessionRow

R = TypeVar("R", bound=Record)

#: Validation context for records read back from the database: they were checked
#: when written, so "not in the future" is not re-checked (device clocks differ).
STORED = {"stored": True}


class JournalError(Exception):
    """Base class for journal errors that interfaces show to the user."""


class NotFound(JournalError, LookupError):
    """No record with that id."""


class Conflict(JournalError):
    """The write would leave the journal inconsistent; nothing was written."""


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
        """Save a new baby and return it with its id."""
        from letdown.journal.tables import BabyRow

        return self._add(BabyRow, baby)

    def get_baby(self, baby_id: int) -> Baby:
        """The baby with this id; ``NotFound`` if there is none."""
        from letdown.journal.tables import BabyRow

        return self._get(BabyRow, Baby, baby_id, "baby")

    def list_babies(self) -> list[Baby]:
        """All babies, in the order they were added."""
        from letdown.journal.tables import BabyRow

        return self._list(BabyRow, Baby)

    def update_baby(self, baby_id: int, changes: Mapping[str, Any]) -> Baby:
        """Change some fields of a baby (re-validated)."""
        from letdown.journal.tables import BabyRow

        return self._update(BabyRow, Baby, baby_id, changes, "baby")

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

    def import_all(self, data: JournalData) -> dict[str, int]:
        """Add every record of ``data`` in one transaction; all or nothing.

        Into an empty journal, ids are kept, so export-then-import gives back
        exactly the same records. Into a journal that already has records, new
        ids are assigned and references to babies are remapped; a profile in the
        file replaces the current one. Returns how many records of each type were
        added.
        """
        from letdown.journal.tables import BabyRow, DiaperRow, ProfileRow, WeightRow

        with self._write() as orm:
            keep_ids = _is_empty(orm)
            if data.profile is not None:
                row = orm.get(ProfileRow, 1) or ProfileRow(id=1)
                for name, value in _columns(data.profile).items():
                    setattr(row, name, value)
                orm.add(row)
            baby_ids: dict[int, int] = {}
            for baby in data.babies:
                baby_row = BabyRow(**_columns(baby, keep_id=keep_ids))
                orm.add(baby_row)
                orm.flush()
                if baby.id is not None:
                    baby_ids[baby.id] = baby_row.id

            def remap(baby_id: int | None, what: str) -> int | None:
                if baby_id is None:
                    return None
                if baby_id in baby_ids:
                    return baby_ids[baby_id]
                if keep_ids:
                    _require_baby(orm, baby_id, what)
                    return baby_id
                raise Conflict(f"{what}: baby_id {baby_id} is not among the imported babies")

            for session in data.sessions:
                row_s = _session_row(session, keep_id=keep_ids)
                row_s.baby_id = remap(session.baby_id, "session")
                row_s.tandem_baby_id = remap(session.tandem_baby_id, "session tandem")
                orm.add(row_s)
            for weight in data.weights:
                row_w = WeightRow(**_columns(weight, keep_id=keep_ids))
                row_w.baby_id = remap(weight.baby_id, "weight") or 0
                orm.add(row_w)
            for count in data.diapers:
                row_d = DiaperRow(**_columns(count, keep_id=keep_ids))
                row_d.baby_id = remap(count.baby_id, "diaper count") or 0
                orm.add(row_d)
            orm.flush()
            if keep_ids and orm.get_bind().dialect.name == "postgresql":
                _reset_sequences(orm)
        return {
            "profile": int(data.profile is not None),
            "babies": len(data.babies),
            "sessions": len(data.sessions),
            "weights": len(data.weights),
            "diapers": len(data.diapers),
        }

    # ----------------------------------------------------------------- helpers

    def _add(self, table: type[Base], record: R) -> R:
        with self._write() as orm:
            _require_baby(orm, getattr(record, "baby_id", None))
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


# ------------------------------------------------------------ row <-> record


def _columns(record: Record, *, keep_id: bool = False) -> dict[str, Any]:
    """A record's values as column values (enums as strings); id only when kept."""
    values = record.model_dump(mode="python")
    if not keep_id:
        values.pop("id", None)
    for key, value in values.items():
        if hasattr(value, "value") and isinstance(value.value, str):
            values[key] = value.value
    return values


def _record(model: type[R], row: Base) -> R:
    names = model.model_fields
    return model.model_validate(
        {name: getattr(row, name) for name in names if hasattr(row, name)}, context=STORED
    )


def _session_row(session: Session, *, keep_id: bool = False) -> SessionRow:
    from letdown.journal.tables import SessionRow

    row = SessionRow()
    if keep_id and session.id is not None:
        row.id = session.id
    _fill_session_row(row, session)
    return row


def _fill_session_row(row: SessionRow, session: Session) -> None:
    from letdown.journal.tables import LetDownRow

    values = _columns(session)
    values.pop("letdowns")
    row.start_utc = values.pop("start")
    row.end_utc = values.pop("end")
    values["techniques"] = [t.value for t in session.techniques]
    for name, value in values.items():
        setattr(row, name, value)
    row.letdowns = [LetDownRow(side=e.side.value, at_s=e.at_s) for e in session.letdowns]


def _session_record(row: SessionRow) -> Session:
    values: dict[str, Any] = {
        name: getattr(row, name)
        for name in Session.model_fields
        if name not in {"start", "end", "letdowns"}
    }
    values["start"] = row.start_utc
    values["end"] = row.end_utc
    values["letdowns"] = [LetDown(side=e.side, at_s=e.at_s) for e in row.letdowns]
    return Session.model_validate(values, context=STORED)


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
        query = query.where(SessionRow.start_utc >= since)
    if until is not None:
        query = query.where(SessionRow.start_utc < until)
    if kind is not None:
        query = query.where(SessionRow.kind == Kind(kind).value)
    if baby_id is not None:
        # A tandem feed belongs to both twins, so either column may name the baby.
        from sqlalchemy import or_

        query = query.where(
            or_(SessionRow.baby_id == baby_id, SessionRow.tandem_baby_id == baby_id)
        )
    return query


def _check_id(record_id: int, what: str) -> None:
    """Ids outside 1..MAX_ID cannot exist; say so before the database overflows."""
    if not 1 <= record_id <= MAX_ID:
        raise NotFound(f"no {what} with id {record_id}")


def _is_empty(orm: OrmSession) -> bool:
    from sqlalchemy import select

    from letdown.journal.tables import BabyRow, DiaperRow, ProfileRow, SessionRow, WeightRow

    return all(
        orm.scalar(select(table.id).limit(1)) is None
        for table in (ProfileRow, BabyRow, SessionRow, WeightRow, DiaperRow)
    )


def _require_baby(orm: OrmSession, baby_id: int | None, what: str = "baby_id") -> None:
    """Raise ``Conflict`` naming the field when ``baby_id`` is not a known baby."""
    from letdown.journal.tables import BabyRow

    if baby_id is not None and (not 1 <= baby_id <= MAX_ID or orm.get(BabyRow, baby_id) is None):
        raise Conflict(f"{what}: no baby with id {baby_id} (see `letdown baby list`)")


def _require_consistent(orm: OrmSession, record: Record) -> None:
    """Raise ``Conflict`` when ``record`` contradicts the journal (see ``consistency``)."""
    from letdown.journal.consistency import record_problem

    problem = record_problem(orm, record)
    if problem is not None:
        raise Conflict(problem)


def _reset_sequences(orm: OrmSession) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past them."""
    from sqlalchemy import text

    for table in ("baby", "session", "letdown", "infant_weight", "diaper_count"):
        orm.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
            )
        )


def _integrity_message(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).lower()
    if "diaper_count" in text or "uq_diaper" in text:
        return "diapers: that baby already has a count for that day (edit it instead)"
    if "foreign key" in text:
        return "baby is still referred to by sessions, weights or diaper counts; delete those first"
    return f"the journal refused the change: {getattr(error, 'orig', error)}"
