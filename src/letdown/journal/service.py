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

from typing import TYPE_CHECKING

from letdown.journal.errors import Conflict as Conflict
from letdown.journal.errors import JournalError as JournalError
from letdown.journal.errors import NotFound as NotFound
from letdown.journal.records import JournalData
from letdown.journal.rows import STORED as STORED
from letdown.journal.rows import is_empty as _is_empty
from letdown.journal.service_family import FamilyPart
from letdown.journal.service_sessions import SessionsPart

if TYPE_CHECKING:
    from letdown.config import Settings
    from letdown.journal.access import Access
    from letdown.journal.transfer import ImportReport


class Journal(SessionsPart, FamilyPart):
    """Read and write a letdown journal stored in a SQLAlchemy database.

    ``Journal(engine)`` wraps an engine whose schema is already up to date (see
    ``letdown.journal.store``); ``Journal.open()`` opens the configured database
    and upgrades it first. Use it as a context manager, or call ``close()``.
    Its methods come in parts by record kind: ``service_sessions`` and
    ``service_family``, over the transactions in ``crud``.

    ``access`` (``letdown.journal.access``) decides whose records every method reaches;
    without one it is the single-user journal, as on a laptop. In server mode get it
    from ``letdown.accounts.access.journal_access``, never from a client-sent id.
    """

    @classmethod
    def open(cls, settings: Settings | None = None, *, access: Access | None = None) -> Journal:
        """Open the journal named by ``settings`` (default: environment and config file),
        reaching the records of ``access`` (default: the single-user journal)."""
        from letdown.journal.store import open_engine

        return cls(open_engine(settings), access=access)

    # -------------------------------------------------------------- everything

    def is_empty(self) -> bool:
        """True when the journal holds no records of any kind."""
        with self._sessions() as orm:
            return _is_empty(orm, self.access)

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
                report = import_records(orm, data, self.access,
                                        replace_profile=replace_profile)
                if dry_run:
                    raise RolledBack(report)
        except RolledBack as undone:
            return undone.report
        return report

