"""Importing a whole journal file: all or nothing, and never the same record twice.

Every baby, session, weight and diaper count carries a uuid that export writes
out, so import can tell a record it already holds from a new one:

* a record whose uuid is not in the journal (or that has none: files from before
  format version 3) is added; references to babies are followed through the
  babies' uuids, so a new session of a known baby lands on that baby;
* a record whose uuid is there with the same content is skipped, so importing a
  file into the journal it came from changes nothing;
* a record whose uuid is there with different content is a conflict; so is a new
  baby with the name of another baby, and a new diaper count for a day that baby
  already has one. Every conflict is listed and nothing is written.

Into an empty journal, ids are kept too, so export then import gives back the
same journal. The parent's profile is kept unless the caller asks to replace it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from letdown.journal.access import SINGLE_USER, Access
from letdown.journal.errors import Conflict
from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    ParentProfile,
    Record,
    Session,
)
from letdown.journal.rows import (
    columns,
    is_empty,
    new_profile_row,
    normal_name,
    profile_row,
    record,
    require_baby,
    reset_sequences,
    session_record,
    session_row,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from letdown.journal.tables import Base

#: (section of ``JournalData``, what to call one record, its model).
KINDS: tuple[tuple[str, str, type[Record]], ...] = (
    ("babies", "baby", Baby),
    ("sessions", "session", Session),
    ("weights", "weight", InfantWeight),
    ("diapers", "diaper count", DiaperCount),
)
#: Fields that refer to a baby: compared through the babies' uuids, not their ids.
BABY_REFS = ("baby_id", "tandem_baby_id")

ProfileOutcome = Literal["none", "added", "same", "kept", "replaced"]


@dataclass(frozen=True)
class ImportReport:
    """What an import did, per section of the file (see ``KINDS``)."""

    added: dict[str, int] = field(default_factory=dict)
    known: dict[str, int] = field(default_factory=dict)
    #: none: no profile in the file; added: there was none here; same: identical;
    #: kept: the journal's was kept; replaced: the file's replaced it.
    profile: ProfileOutcome = "none"
    journal_pseudonym: str | None = None
    file_pseudonym: str | None = None
    #: Imported records that break a rule typed-in records must follow (a weight dated
    #: before the birth, say), each named. They are imported as they are: an export is
    #: a backup, and a backup that cannot be restored would lose what it holds.
    doubtful: tuple[str, ...] = ()

    @property
    def added_total(self) -> int:
        """Records written, the profile included."""
        return sum(self.added.values()) + (self.profile in {"added", "replaced"})

    @property
    def known_total(self) -> int:
        """Records skipped because the journal already held them, identical."""
        return sum(self.known.values()) + (self.profile == "same")


class RolledBack(Exception):
    """Raised inside the import's transaction to undo a dry run; carries its report."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__("dry run: rolled back")


class ImportConflict(Conflict):
    """The file disagrees with the journal; ``conflicts`` lists each record (nothing written)."""

    def __init__(self, conflicts: list[str]) -> None:
        self.conflicts = conflicts
        super().__init__("\n".join(conflicts))


def import_records(
    orm: OrmSession, data: JournalData, access: Access = SINGLE_USER, *,
    replace_profile: bool = False
) -> ImportReport:
    """Add the records of ``data`` the journal does not hold yet, inside ``orm``'s transaction.

    Raises ``ImportConflict`` (before writing anything) when the file disagrees
    with the journal; the caller's transaction then rolls back.
    """
    from letdown.journal.consistency import record_problem
    from letdown.journal.tables import BabyRow

    keep_ids = is_empty(orm)  # ids are kept only in a database with nobody's records
    plan = _Plan(orm, data, access)
    conflicts = plan.conflicts()
    if conflicts:
        raise ImportConflict(conflicts)
    profile, journal_name = _import_profile(orm, data.profile, replace_profile, access)

    added = {section: 0 for section, _, _ in KINDS}
    baby_ids = dict(plan.known_baby_ids)
    for baby in data.babies:
        if plan.is_known("babies", baby):
            continue
        row = BabyRow(**columns(baby, keep_id=keep_ids, keep_uuid=True),
                      owner_id=access.owner_id)
        orm.add(row)
        orm.flush()
        if baby.id is not None:
            baby_ids[baby.id] = row.id
        added["babies"] += 1

    def remap(baby_id: int | None, what: str) -> int | None:
        if baby_id is None:
            return None
        if baby_id in baby_ids:
            return baby_ids[baby_id]
        if keep_ids:
            require_baby(orm, baby_id, access, what)
            return baby_id
        raise Conflict(f"{what}: baby_id {baby_id} is not among the imported babies")

    problems: list[str] = []

    def check(item: Record, index: int, section: str, **ids: int | None) -> None:
        # The rules a record typed in must follow (nothing before a birth, weights possible
        # for the age), against the babies as they will be once this file is in. A file
        # from an older letdown may break them: reported, not refused (see ImportReport).
        problem = record_problem(orm, item.model_copy(update=ids))
        if problem is not None:
            problems.append(f"{section} #{index + 1}{_ident(item)}: {problem}")

    for index, session in enumerate(data.sessions):
        if plan.is_known("sessions", session):
            continue
        new_session = session_row(session, keep_id=keep_ids, keep_uuid=True)
        new_session.owner_id = access.owner_id
        new_session.baby_id = remap(session.baby_id, "session")
        new_session.tandem_baby_id = remap(session.tandem_baby_id, "session tandem")
        check(session, index, "session", baby_id=new_session.baby_id,
              tandem_baby_id=new_session.tandem_baby_id)
        orm.add(new_session)
        added["sessions"] += 1
    for section, what, _ in KINDS[2:]:
        table = _table(section)
        for index, item in enumerate(getattr(data, section)):
            if plan.is_known(section, item):
                continue
            row_other = table(**columns(item, keep_id=keep_ids, keep_uuid=True),
                              owner_id=access.owner_id)
            row_other.baby_id = remap(item.baby_id, what) or 0  # type: ignore[attr-defined]
            check(item, index, what, baby_id=row_other.baby_id)  # type: ignore[attr-defined]
            orm.add(row_other)
            added[section] += 1
    orm.flush()
    if keep_ids and orm.get_bind().dialect.name == "postgresql":
        reset_sequences(orm)
    return ImportReport(
        added=added,
        known={section: len(plan.known[section]) for section, _, _ in KINDS},
        profile=profile,
        journal_pseudonym=journal_name,
        file_pseudonym=data.profile.pseudonym if data.profile else None,
        doubtful=tuple(problems),
    )


def _import_profile(
    orm: OrmSession, incoming: ParentProfile | None, replace: bool, access: Access
) -> tuple[ProfileOutcome, str | None]:
    """Write the file's profile unless the journal has its own (kept unless ``replace``)."""
    row = profile_row(orm, access)
    current = None if row is None else record(ParentProfile, row)
    name = current.pseudonym if current else None
    if incoming is None:
        return "none", name
    if current == incoming:
        return "same", name
    if current is not None and not replace:
        return "kept", name
    row = row or new_profile_row(orm, access)
    for column, value in columns(incoming).items():
        setattr(row, column, value)
    orm.add(row)
    return ("added" if current is None else "replaced"), name


def _table(section: str) -> type[Base]:
    from letdown.journal.tables import BabyRow, DiaperRow, SessionRow, WeightRow

    tables: dict[str, type[Base]] = {
        "babies": BabyRow, "sessions": SessionRow, "weights": WeightRow, "diapers": DiaperRow}
    return tables[section]


def _chunks(items: Sequence[uuid.UUID], size: int = 500) -> Iterator[Sequence[uuid.UUID]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _Plan:
    """What the journal already holds of a file: known records, and disagreements."""

    def __init__(self, orm: OrmSession, data: JournalData, access: Access) -> None:
        from sqlalchemy import select

        from letdown.journal.tables import BabyRow

        self.orm = orm
        self.data = data
        self.access = access
        #: uuids of the file that are records of another journal on this server
        self.elsewhere: list[uuid.UUID] = []
        #: section -> uuid -> the journal's row with that uuid
        self.found: dict[str, dict[uuid.UUID, Any]] = {}
        for section, _, _ in KINDS:
            table: Any = _table(section)
            wanted = [r.uuid for r in getattr(data, section) if r.uuid is not None]
            rows: dict[uuid.UUID, Any] = {}
            for chunk in _chunks(wanted):
                for row in orm.scalars(select(table).where(table.uuid.in_(chunk))):
                    if access.owns(row.owner_id):
                        rows[row.uuid] = row
                    else:
                        self.elsewhere.append(row.uuid)
            self.found[section] = rows
        #: section -> uuids of the file's records the journal holds identically
        self.known: dict[str, set[uuid.UUID]] = {section: set() for section, _, _ in KINDS}
        self.journal_babies = {row.id: row for row in orm.scalars(
            select(BabyRow).where(access.where(BabyRow.owner_id)))}
        self.file_babies = {b.id: b for b in data.babies if b.id is not None}
        #: the file's baby id -> the journal's id, for babies the journal holds
        self.known_baby_ids: dict[int, int] = {}
        for baby in data.babies:
            row = self.found["babies"].get(baby.uuid) if baby.uuid else None
            if row is not None and baby.id is not None:
                self.known_baby_ids[baby.id] = row.id

    def is_known(self, section: str, item: Record) -> bool:
        """True when the journal holds this record, identical (it is skipped)."""
        return getattr(item, "uuid", None) in self.known[section]

    def is_new(self, section: str, item: Record) -> bool:
        """True when no record of the journal has this record's uuid."""
        item_uuid = getattr(item, "uuid", None)
        return item_uuid is None or item_uuid not in self.found[section]

    def conflicts(self) -> list[str]:
        """Every disagreement between the file and the journal, one line each."""
        problems: list[str] = []
        for section, what, model in KINDS:
            for item in getattr(self.data, section):
                row = self.found[section].get(item.uuid) if item.uuid else None
                if row is None:
                    continue
                stored = session_record(row) if section == "sessions" else record(model, row)
                differences = self._differences(item, stored)
                if differences:
                    problems.append(
                        f"{what} {item.uuid} (id {item.id} in the file, {row.id} here) is in "
                        f"this journal with different values: {'; '.join(differences)}"
                    )
                else:
                    self.known[section].add(item.uuid)
        if self.elsewhere:
            # A record keeps its uuid from journal to journal, and one record belongs to
            # one parent: the file names records another journal here holds already.
            problems.append(
                f"{len(self.elsewhere)} record(s) of this file already belong to another "
                "journal on this server; a record belongs to one parent only: import the "
                "file into that journal, or ask its owner to share it with you")
        problems += self._name_clashes()
        problems += self._diaper_clashes()
        return problems

    def _differences(self, item: Record, stored: Record) -> list[str]:
        mine = item.model_dump(mode="json")
        theirs = stored.model_dump(mode="json")
        lines = []
        for name, value in mine.items():
            if name in {"id", "uuid"}:
                continue
            if name in BABY_REFS:
                file_baby = self.file_babies.get(value) if value is not None else None
                journal_baby = self.journal_babies.get(theirs[name])
                same = (file_baby is None and journal_baby is None) or (
                    file_baby is not None and journal_baby is not None
                    and file_baby.uuid == journal_baby.uuid)
                if not same:
                    lines.append(f"{name}: {_baby(file_baby, 'in the file')} in the file, "
                                 f"{_baby(journal_baby, 'here')} here")
            elif value != theirs[name]:
                lines.append(f"{name}: {_short(value)} in the file, {_short(theirs[name])} here")
        return lines

    def _name_clashes(self) -> list[str]:
        """New babies named like another baby (here, or earlier in the file)."""
        taken = {normal_name(row.name): row for row in self.journal_babies.values()}
        seen: dict[str, Baby] = {}
        problems = []
        for baby in self.data.babies:
            if not self.is_new("babies", baby):
                continue
            key = normal_name(baby.name)
            if key in taken:
                row = taken[key]
                problems.append(
                    f"baby {baby.name!r} (id {baby.id} in the file) has the same name as baby "
                    f"{row.id} ({row.name}) here, but is not the same record: if it is the same "
                    f"baby, the file is from an older letdown (no uuids); if not, rename one "
                    f"(letdown baby edit {row.id} --name NEW)"
                )
            elif key in seen:
                problems.append(
                    f"baby {baby.name!r} (id {baby.id} in the file) has the same name as baby "
                    f"id {seen[key].id} in the file; allowed: a different name for each baby"
                )
            seen.setdefault(key, baby)
        return problems

    def _diaper_clashes(self) -> list[str]:
        """New diaper counts for a day that baby already has one in the journal."""
        from sqlalchemy import select

        from letdown.journal.tables import DiaperRow

        new = [c for c in self.data.diapers if self.is_new("diapers", c)]
        wanted = {self.known_baby_ids[c.baby_id] for c in new if c.baby_id in self.known_baby_ids}
        if not wanted:
            return []
        days = {(row.baby_id, row.date): row for row in self.orm.scalars(
            select(DiaperRow).where(DiaperRow.baby_id.in_(sorted(wanted))))}
        problems = []
        for count in new:
            row = days.get((self.known_baby_ids.get(count.baby_id, 0), count.date))
            if row is not None:
                name = self.journal_babies[row.baby_id].name
                problems.append(
                    f"diaper count (id {count.id} in the file) is for "
                    f"{name} on {count.date}, but this journal already has a count for that "
                    f"day (id {row.id}); allowed: one count per baby per day"
                )
        return problems


def _baby(baby: Baby | Any | None, where: str) -> str:
    if baby is None:
        return "no baby"
    other = ", a baby not in this journal" if where == "in the file" and not baby.uuid else ""
    return f"{baby.name} (id {baby.id} {where}{other})"


def _ident(item: Record) -> str:
    """`` (id 7)`` for a record that has an id, so a message names it as the file does."""
    record_id = getattr(item, "id", None)
    return f" (id {record_id})" if record_id is not None else ""


def _short(value: Any, limit: int = 40) -> str:
    text = "empty" if value in (None, [], "") else repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
