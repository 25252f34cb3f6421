"""Rows <-> records: how the journal's pydantic records map onto its tables.

Shared by ``letdown.journal.service`` (one record at a time) and
``letdown.journal.transfer`` (whole files), so both write rows the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from letdown.journal.access import SINGLE_USER, Access
from letdown.journal.errors import Conflict
from letdown.journal.records import MAX_ID, Baby, LetDown, Record, Session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from letdown.journal.tables import Base, ProfileRow, SessionRow

R = TypeVar("R", bound=Record)

#: Validation context for records read back from the database: they were checked
#: when written, so "not in the future" is not re-checked (device clocks differ).
STORED = {"stored": True}


def columns(record: Record, *, keep_id: bool = False, keep_uuid: bool = False) -> dict[str, Any]:
    """A record's values as column values (enums as strings).

    The id is kept only when asked (import into an empty journal); so is the uuid
    (import), otherwise the table gives a new record a fresh one and an edited
    record keeps its own.
    """
    values = record.model_dump(mode="python")
    if not keep_id:
        values.pop("id", None)
    if not keep_uuid or values.get("uuid") is None:
        values.pop("uuid", None)
    for key, value in values.items():
        if hasattr(value, "value") and isinstance(value.value, str):
            values[key] = value.value
    return values


def record(model: type[R], row: Base) -> R:
    """The record a row holds (not re-checked against "now": see ``STORED``)."""
    names = model.model_fields
    return model.model_validate(
        {name: getattr(row, name) for name in names if hasattr(row, name)}, context=STORED
    )


def session_row(session: Session, *, keep_id: bool = False, keep_uuid: bool = False) -> SessionRow:
    """A new row for ``session`` with its let-downs (id and uuid as for ``columns``)."""
    from letdown.journal.tables import SessionRow

    row = SessionRow()
    if keep_id and session.id is not None:
        row.id = session.id
    if keep_uuid and session.uuid is not None:
        row.uuid = session.uuid
    fill_session_row(row, session)
    return row


def fill_session_row(row: SessionRow, session: Session) -> None:
    """Copy a session's values (not its id or uuid) and let-downs onto ``row``."""
    from letdown.journal.tables import LetDownRow

    values = columns(session)
    values.pop("letdowns")
    row.start_utc = values.pop("start")
    row.end_utc = values.pop("end")
    values["techniques"] = [t.value for t in session.techniques]
    for name, value in values.items():
        setattr(row, name, value)
    row.letdowns = [LetDownRow(side=e.side.value, at_s=e.at_s) for e in session.letdowns]


def session_record(row: SessionRow) -> Session:
    """The session a row holds, with its let-downs."""
    values: dict[str, Any] = {
        name: getattr(row, name)
        for name in Session.model_fields
        if name not in {"start", "end", "letdowns"}
    }
    values["start"] = row.start_utc
    values["end"] = row.end_utc
    values["letdowns"] = [LetDown(side=e.side, at_s=e.at_s) for e in row.letdowns]
    return Session.model_validate(values, context=STORED)


def is_empty(orm: OrmSession, access: Access | None = None) -> bool:
    """True when the journal of ``access`` holds no records of any kind (``None``: when
    the whole database holds none, of any owner)."""
    from sqlalchemy import select

    from letdown.journal.tables import BabyRow, DiaperRow, ProfileRow, SessionRow, WeightRow

    def query(table: Any) -> Any:
        found = select(table.id)
        return found if access is None else found.where(access.where(table.owner_id))

    return all(
        orm.scalar(query(table).limit(1)) is None
        for table in (ProfileRow, BabyRow, SessionRow, WeightRow, DiaperRow)
    )


def profile_row(orm: OrmSession, access: Access) -> ProfileRow | None:
    """The profile of ``access``'s owner (the single-user journal's is row 1)."""
    from sqlalchemy import select

    from letdown.journal.tables import ProfileRow

    if access.owner_id is None:
        return orm.get(ProfileRow, 1)
    return orm.scalars(select(ProfileRow).where(ProfileRow.owner_id == access.owner_id)).first()


def new_profile_row(orm: OrmSession, access: Access) -> ProfileRow:
    """A new profile row for ``access``'s owner: row 1 for the single-user journal (the
    CHECK rule keeps it the only one), an id after every other for an account's."""
    from sqlalchemy import func, select

    from letdown.journal.tables import ProfileRow

    if access.owner_id is None:
        return ProfileRow(id=1)
    if orm.get_bind().dialect.name == "postgresql":
        return ProfileRow(owner_id=access.owner_id)  # its sequence starts after 1 (0008)
    # SQLite would reuse the free row 1; the write lock makes max + 1 safe.
    last = orm.scalar(select(func.max(ProfileRow.id))) or 1
    return ProfileRow(id=max(last, 1) + 1, owner_id=access.owner_id)


def normal_name(name: str) -> str:
    """How baby names are compared: trimmed, inner spaces collapsed, case ignored."""
    return " ".join(name.split()).casefold()


def refuse_same_name(orm: OrmSession, baby: Baby, baby_id: int | None = None,
                     access: Access | None = None) -> None:
    """``Conflict`` when another baby (not ``baby_id``) has the same name.

    Babies are picked by name (``--baby Ada``), so two with one name would make
    every such choice a guess.
    """
    from sqlalchemy import select

    from letdown.journal.tables import BabyRow

    key = normal_name(baby.name)
    query = select(BabyRow).where((access or SINGLE_USER).where(BabyRow.owner_id))
    for row in orm.scalars(query.order_by(BabyRow.id)):
        if row.id != baby_id and normal_name(row.name) == key:
            raise Conflict(
                f"name: there is already a baby called {row.name!r} (id {row.id}); allowed: "
                f"a different name for each baby (for example {baby.name + ' 2'!r})"
            )


def require_baby(orm: OrmSession, baby_id: int | None, access: Access | None = None,
                 what: str = "baby_id") -> None:
    """Raise ``Conflict`` naming the field when ``baby_id`` is not a known baby of this
    journal's owner (another owner's baby is just as unknown)."""
    from letdown.journal.tables import BabyRow

    if baby_id is None:
        return
    row = orm.get(BabyRow, baby_id) if 1 <= baby_id <= MAX_ID else None
    if row is None or not (access or SINGLE_USER).owns(row.owner_id):
        raise Conflict(f"{what}: no baby with id {baby_id} (see `letdown baby list`)")


def reset_sequences(orm: OrmSession) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past them."""
    from sqlalchemy import text

    for table in ("baby", "session", "letdown", "infant_weight", "diaper_count"):
        orm.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
            )
        )
