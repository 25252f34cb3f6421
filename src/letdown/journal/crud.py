"""The journal's storage plumbing: transactions and the add/get/list/update/delete steps.

``Journal`` (in ``service``) is assembled from this base and one part per record kind
(``service_sessions``, ``service_family``), so each file holds one kind of thing and
stays short enough to read. Nothing here is public: interfaces use ``Journal``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from letdown.journal.access import SINGLE_USER, Access
from letdown.journal.errors import Conflict, NotFound
from letdown.journal.records import MAX_ID, Record
from letdown.journal.rows import columns as _columns
from letdown.journal.rows import record as _record
from letdown.journal.rows import require_baby as _require_baby

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session as OrmSession

    from letdown.journal.tables import Base

R = TypeVar("R", bound=Record)
#: An extra rule checked inside a write: (transaction, record, its id or None when new,
#: the journal's access).
Check = Callable[["OrmSession", Any, "int | None", Access], None]


class JournalBase:
    """A SQLAlchemy engine with one reader and one writer session factory.

    Writes take SQLite's write lock at BEGIN (``IMMEDIATE``), so two writers queue
    instead of failing half-way; each write is one transaction.

    ``access`` says whose records this journal reaches (``letdown.journal.access``;
    default: the single-user journal). Every read, change and delete below filters by
    it, every insert is stamped with it, and a record outside it is "not found".
    """

    def __init__(self, engine: Engine, *, access: Access | None = None) -> None:
        from sqlalchemy.orm import sessionmaker

        from letdown.journal.store import SQLITE_BEGIN_OPTION

        self.engine = engine
        self.access = access or SINGLE_USER
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writers = sessionmaker(writer, expire_on_commit=False)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
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

        self.access.require_write()
        with self._writers() as orm:
            try:
                with orm.begin():
                    yield orm
            except IntegrityError as error:
                raise Conflict(_integrity_message(error)) from error

    def _add(self, table: type[Base], record: R, check: Check | None = None) -> R:
        with self._write() as orm:
            _require_baby(orm, getattr(record, "baby_id", None), self.access)
            if check is not None:
                check(orm, record, None, self.access)
            require_consistent(orm, record)
            row = table(**_columns(record), owner_id=self.access.owner_id)
            orm.add(row)
            orm.flush()
            return _record(type(record), row)

    def _get(self, table: type[Base], model: type[R], record_id: int, what: str) -> R:
        check_id(record_id, what)
        with self._sessions() as orm:
            return _record(model, self._owned(orm, table, record_id, what))

    def _owned(self, orm: OrmSession, table: type[Base], record_id: int, what: str) -> Any:
        """The row with this id inside this journal's access; ``NotFound`` (the very same
        words) whether it is missing or another owner's, so ids leak nothing."""
        check_id(record_id, what)
        row = orm.get(table, record_id)
        if row is None or not self.access.owns(row.owner_id):  # type: ignore[attr-defined]
            raise NotFound(f"no {what} with id {record_id}")
        return row

    def _list(self, table: type[Base], model: type[R], baby_id: int | None = None) -> list[R]:
        from sqlalchemy import select

        if baby_id is not None and not 1 <= baby_id <= MAX_ID:
            return []  # no baby can have that id (and SQLite cannot hold it)
        query = select(table).where(self.access.where(table.owner_id))  # type: ignore[attr-defined]
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
        check_id(record_id, what)
        with self._write() as orm:
            row = self._owned(orm, table, record_id, what)
            merged = _record(model, row).model_dump()
            merged.update(changes)
            merged["id"] = record_id
            updated = model.model_validate(merged)
            _require_baby(orm, getattr(updated, "baby_id", None), self.access)
            if check is not None:
                check(orm, updated, record_id, self.access)
            require_consistent(orm, updated)
            for name, value in _columns(updated).items():
                setattr(row, name, value)
            orm.flush()
            return _record(model, row)

    def _delete(self, table: type[Base], record_id: int, what: str) -> None:
        check_id(record_id, what)
        with self._write() as orm:
            orm.delete(self._owned(orm, table, record_id, what))


def check_id(record_id: int, what: str) -> None:
    """Ids outside 1..MAX_ID cannot exist; say so before the database overflows."""
    if not 1 <= record_id <= MAX_ID:
        raise NotFound(f"no {what} with id {record_id}")


def require_consistent(orm: OrmSession, record: Record) -> None:
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

