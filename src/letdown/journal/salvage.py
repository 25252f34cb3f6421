"""Reading whatever is still readable out of a damaged SQLite journal.

A damaged page makes a plain ``SELECT`` stop at the first bad row, and a whole-journal
export then fails. Here each table is read in rowid order until SQLite complains, and
the rest of the table is read row by row (each lookup only touches the pages on its own
path), so one bad page costs only the rows stored on it.

The rows found are put into a fresh, empty journal at the same schema revision, which is
then upgraded and exported through ``Journal``: the result is an ordinary export that
``letdown import`` takes. When that is impossible (unknown revision, rows that no longer
make sense) the raw rows are still returned, table by table.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letdown.journal.health import read_only_uri

if TYPE_CHECKING:
    from letdown.journal.records import JournalData

#: The journal's tables, parents first (the order rows are put back in).
TABLES = ("alembic_version", "profile", "baby", "session", "letdown", "infant_weight",
          "diaper_count")
#: A row-by-row read gives up after this many lookups per table.
MAX_PROBES = 500_000


@dataclass
class Salvage:
    """What could be read from a damaged journal."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)
    """Per table, how many rows (by rowid gaps and failed lookups) could not be read."""
    problems: list[str] = field(default_factory=list)
    data: JournalData | None = None
    """The readable records as an importable journal, when they could be rebuilt."""

    def plain_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The raw rows with bytes shown as hex, ready for JSON."""
        return {table: [{k: v.hex() if isinstance(v, bytes) else v for k, v in row.items()}
                        for row in rows] for table, rows in self.rows.items()}


def salvage(path: Path) -> Salvage:
    """Everything still readable in the SQLite journal at ``path`` (never written to)."""
    found = Salvage()
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        found.problems.append(f"cannot open {path}: {error}")
        return found
    try:
        for table in TABLES:
            _read_table(connection, table, found)
    finally:
        connection.close()
    try:
        found.data = _rebuild(found)
    except Exception as error:  # any failure here still leaves the raw rows to save
        found.problems.append(f"the rows could not be rebuilt into a journal ({error}); "
                              "the raw rows are saved instead")
    return found


def _read_table(connection: sqlite3.Connection, table: str, found: Salvage) -> None:
    try:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.Error as error:
        found.problems.append(f"{table}: its description cannot be read ({error})")
        return
    if not columns:
        found.problems.append(f"{table}: missing")
        return
    names = ", ".join(f'"{c}"' for c in columns)
    rows: dict[int, dict[str, Any]] = {}
    last = 0
    failed = False
    try:
        cursor = connection.execute(f'SELECT rowid, {names} FROM "{table}" ORDER BY rowid')
        for values in cursor:
            rows[values[0]] = dict(zip(columns, values[1:], strict=True))
            last = values[0]
    except sqlite3.Error:
        failed = True
    lost = 0
    if failed:
        top = _max_rowid(connection, table, last)
        for rowid in range(last + 1, min(top, last + MAX_PROBES) + 1):
            try:
                values = connection.execute(
                    f'SELECT rowid, {names} FROM "{table}" WHERE rowid = ?', (rowid,)
                ).fetchone()
            except sqlite3.Error:
                lost += 1
                continue
            if values is not None:
                rows[values[0]] = dict(zip(columns, values[1:], strict=True))
        if lost == 0:
            lost = 1  # something was unreadable, even if no lookup showed where
    found.rows[table] = [rows[k] for k in sorted(rows)]
    if lost:
        found.unreadable[table] = lost


def _max_rowid(connection: sqlite3.Connection, table: str, last: int) -> int:
    """The largest rowid SQLite can still find, or the autoincrement counter."""
    for query, params in ((f'SELECT max(rowid) FROM "{table}"', ()),
                          ("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))):
        try:
            row = connection.execute(query, params).fetchone()
        except sqlite3.Error:
            continue
        if row and isinstance(row[0], int) and row[0] > last:
            return row[0]
    return last + 1_000  # nothing tells how far the table went: look a little way on


def _rebuild(found: Salvage) -> JournalData | None:
    """The rows as an importable journal (see module docs), or None when impossible."""
    from letdown.journal.service import Journal
    from letdown.journal.store import (
        create_journal_engine,
        known_revisions,
        sqlite_url,
        upgrade,
    )

    versions = found.rows.get("alembic_version") or []
    revision = str(versions[0].get("version_num")) if versions else None
    if revision not in known_revisions():
        found.problems.append(f"the schema revision ({revision or 'unreadable'}) is not one "
                              "this letdown knows; the raw rows are saved instead")
        return None
    with tempfile.TemporaryDirectory(prefix="letdown-salvage-") as folder:
        path = Path(folder) / "salvaged.sqlite3"
        engine = create_journal_engine(sqlite_url(path), path=path)
        try:
            upgrade(engine, revision)
            engine.dispose()
            _put_back(path, found)
            upgrade(engine)
            return Journal(engine).export_all()
        finally:
            engine.dispose()


def _put_back(path: Path, found: Salvage) -> None:
    """Insert the salvaged rows; drop or detach rows whose parent row was lost."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN")
        for table in TABLES[1:]:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            for row in found.rows.get(table, []):
                kept = {k: v for k, v in row.items() if k in columns}
                names = ", ".join(f'"{k}"' for k in kept)
                marks = ", ".join("?" for _ in kept)
                try:
                    connection.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                       list(kept.values()))
                except sqlite3.Error:
                    found.unreadable[table] = found.unreadable.get(table, 0) + 1
        orphans = {
            "letdown": "session_id NOT IN (SELECT id FROM session)",
            "infant_weight": "baby_id NOT IN (SELECT id FROM baby)",
            "diaper_count": "baby_id NOT IN (SELECT id FROM baby)",
        }
        for table, condition in orphans.items():
            dropped = connection.execute(f"DELETE FROM {table} WHERE {condition}").rowcount
            if dropped:
                found.problems.append(f"{dropped} {table.replace('_', ' ')} rows belonged to "
                                      "records that were lost and were left out")
        for column in ("baby_id", "tandem_baby_id"):
            connection.execute(f"UPDATE session SET {column} = NULL WHERE {column} IS NOT "
                               f"NULL AND {column} NOT IN (SELECT id FROM baby)")
        connection.execute("COMMIT")
    finally:
        connection.close()
