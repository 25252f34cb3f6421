"""The session table, and a fast way to read it from SQLite.

``letdown sessions`` is the command people run most, so it should answer at
once. Importing SQLAlchemy and pydantic costs several hundred milliseconds on
a modest machine, far more than the query itself. So for the plain table on
the default SQLite database this module reads the rows with the standard
library's ``sqlite3`` and renders them; every other case (JSON output,
PostgreSQL, a schema that needs upgrading, unusual settings) returns ``None``
and the caller takes the full path through ``Journal``. Both paths build the
same ``SessionLine`` values and the same table, and a test checks that they
agree row for row.

``resolve_fast_settings`` resolves the three settings it needs (data dir,
database URL, time zone) with the same names, paths and precedence as
``letdown.config.Settings``, taken from ``letdown.locations``; when anything is
out of the ordinary it declines, and the full settings are used instead. A test
compares it with ``load_settings`` in each case it accepts.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letdown.journal.migrations.head import HEAD_REVISION
from letdown.journal.when import local_text, mmss
from letdown.locations import (
    ENV_PREFIX,
    SETTING_NAMES,
    SQLITE_FILE,
    default_config_file,
    default_data_dir,
)

if TYPE_CHECKING:
    from letdown.journal.records import Session

@dataclass(frozen=True)
class SessionLine:
    """What one row of the session table shows."""

    id: int
    start: dt.datetime
    kind: str
    sides: str
    duration_s: float
    first_left_s: float | None
    first_right_s: float | None
    total_ml: float | None
    pain: int | None
    stress: int | None
    baby: str = ""
    """The baby's name, or both twins' as "Ada+Ben" for a tandem feed; "" when none."""

    def first_letdown_s(self) -> float | None:
        """Seconds to the first let-down on either side (None if none was noted)."""
        times = [t for t in (self.first_left_s, self.first_right_s) if t is not None]
        return min(times) if times else None

    @classmethod
    def of(cls, session: Session, names: Mapping[int, str] | None = None) -> SessionLine:
        """The table row for a full session record.

        ``names`` maps baby ids to names; pass it only when the journal has two or more
        babies, since one baby's name on every line is noise.
        """
        from letdown.journal.records import Side

        known = names or {}
        return cls(
            id=session.id or 0, start=session.start, kind=session.kind.value,
            sides=session.sides.value, duration_s=session.duration_s,
            first_left_s=session.first_letdown_s(Side.left),
            first_right_s=session.first_letdown_s(Side.right),
            total_ml=session.total_volume_ml, pain=session.pain, stress=session.stress,
            baby=baby_label(known.get(session.baby_id or 0),
                            known.get(session.tandem_baby_id or 0)),
        )


def shown_names(babies: Iterable[tuple[int | None, str]]) -> dict[int, str]:
    """Baby id -> name for labelling sessions; empty with fewer than two babies, because
    one baby's name on every line says nothing."""
    names = {id_ or 0: name for id_, name in babies}
    return names if len(names) > 1 else {}


def baby_label(first: str | None, second: str | None, joiner: str = "+") -> str:
    """Who was fed: one name, both twins' joined ("Ada+Ben"), or "" when none is known."""
    return joiner.join(name for name in (first, second) if name)


def render_table(lines: Sequence[SessionLine], zone: dt.tzinfo) -> list[str]:
    """The session table as text lines (header, rule, one line per session)."""
    headers = ["id", "started", "kind", "sides", "min", "let-down", "mL", "pain", "stress"]
    right = {0, 4, 6, 7, 8}
    with_baby = any(s.baby for s in lines)  # a column of blanks would only be noise
    rows = []
    for s in lines:
        if s.sides == "both":
            letdown = f"L {mmss(s.first_left_s)} R {mmss(s.first_right_s)}"
        else:
            letdown = mmss(s.first_left_s if s.sides == "left" else s.first_right_s)
        rows.append([
            str(s.id), local_text(s.start, zone), s.kind.replace("_", " "), s.sides,
            f"{s.duration_s / 60:.0f}", letdown,
            "-" if s.total_ml is None else f"{s.total_ml:g}",
            "-" if s.pain is None else str(s.pain), "-" if s.stress is None else str(s.stress),
            *([s.baby or "-"] if with_baby else []),
        ])
    if with_baby:
        headers.append("baby")
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if i in right else c.ljust(w)
                  for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(padded).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


@dataclass(frozen=True)
class FastSettings:
    """The part of the settings the fast path needs."""

    sqlite_path: Path
    timezone: str | None


def resolve_fast_settings(environ: dict[str, str] | None = None) -> FastSettings | None:
    """The SQLite file and zone ``load_settings()`` would give, or None to decline."""
    env = dict(os.environ if environ is None else environ)
    if any(k.upper().startswith(ENV_PREFIX) and not k.isupper() for k in env):
        return None  # mixed-case variables: leave the subtleties to pydantic-settings
    config_file = default_config_file(env)
    values: dict[str, Any] = {}
    if config_file.is_file():
        try:
            values = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if not set(values) <= SETTING_NAMES:
            return None
    for key in ("data_dir", "database_url", "timezone"):
        if f"{ENV_PREFIX}{key.upper()}" in env:
            values[key] = env[f"{ENV_PREFIX}{key.upper()}"]
    for key in ("data_dir", "database_url", "timezone"):
        if key in values and not isinstance(values[key], str):
            return None
    if not _other_settings_look_valid(env, values):
        return None  # let the full settings say what is wrong, in one line
    url = values.get("database_url")
    if url:
        if not url.startswith("sqlite:///") or "?" in url or url == "sqlite:///:memory:":
            return None
        path = Path(url.removeprefix("sqlite:///"))
    else:
        try:
            data_dir = Path(values["data_dir"]).expanduser() if "data_dir" in values else None
        except RuntimeError:  # "~name" of a user this machine does not have
            return None
        if data_dir is not None and not str(data_dir).strip():
            return None
        path = (data_dir or default_data_dir()) / SQLITE_FILE
    zone = values.get("timezone") or None
    if zone is not None and not _is_zone(zone):
        return None  # the full settings name LETDOWN_TIMEZONE and what it allows
    return FastSettings(sqlite_path=path, timezone=zone)


def _is_zone(name: str) -> bool:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _other_settings_look_valid(env: dict[str, str], values: dict[str, Any]) -> bool:
    """False when a setting the fast path does not use is plainly wrong (a port that is
    not a number, say): the full settings must then refuse it, as every command does."""
    port = env.get(f"{ENV_PREFIX}PORT", values.get("port"))
    if port is not None:
        try:
            if not 1 <= int(str(port)) <= 65535:
                return False
        except ValueError:
            return False
    host = env.get(f"{ENV_PREFIX}HOST", values.get("host"))
    return host is None or (isinstance(host, str) and bool(host.strip()))


def _stored(moment: dt.datetime) -> str:
    """A UTC moment as the journal stores it in SQLite (see ``tables.UTCDateTime``)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _parse_stored(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _connect(path: Path) -> sqlite3.Connection | None:
    """A connection to a journal at the current schema revision, or None to decline."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(path, timeout=10)
        connection.execute("PRAGMA busy_timeout=10000")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    if version is None or version[0] != HEAD_REVISION:
        connection.close()
        return None
    return connection


def fast_session_lines(
    path: Path,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    kind: str | None = None,
    limit: int | None = 20,
) -> tuple[list[SessionLine], int] | None:
    """Newest-first rows and the total matching, read with ``sqlite3``; None to decline."""
    connection = _connect(path)
    if connection is None:
        return None
    try:
        return _lines(connection, since=since, until=until, kind=kind, limit=limit)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def fast_overview(
    path: Path, *, since: dt.datetime, recent: int
) -> tuple[int, list[SessionLine], list[SessionLine], list[str]] | None:
    """For the overview: total sessions, those since ``since``, the newest ``recent``, and
    the babies' names; None to decline."""
    connection = _connect(path)
    if connection is None:
        return None
    try:
        window, _ = _lines(connection, since=since, limit=None)
        latest, total = _lines(connection, limit=recent)
        babies = [row[0] for row in connection.execute(
            "SELECT name FROM baby WHERE owner_id IS NULL ORDER BY id")]
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return total, window, latest, babies


def _lines(
    connection: sqlite3.Connection,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    kind: str | None = None,
    limit: int | None = 20,
) -> tuple[list[SessionLine], int]:
    # The single-user journal only: accounts' records (server mode) are never listed here.
    where, params = ["s.owner_id IS NULL"], []
    if since is not None:
        where.append("s.start_utc >= ?")
        params.append(_stored(since))
    if until is not None:
        where.append("s.start_utc < ?")
        params.append(_stored(until))
    if kind is not None:
        where.append("s.kind = ?")
        params.append(kind)
    condition = " AND ".join(where)
    query = (
        "SELECT s.id, s.start_utc, s.end_utc, s.kind, s.sides, s.volume_left_ml, "
        "s.volume_right_ml, s.pain, s.stress, "
        "(SELECT MIN(at_s) FROM letdown l WHERE l.session_id = s.id AND l.side = 'left'), "
        "(SELECT MIN(at_s) FROM letdown l WHERE l.session_id = s.id AND l.side = 'right'), "
        "(SELECT name FROM baby b WHERE b.id = s.baby_id), "
        "(SELECT name FROM baby b WHERE b.id = s.tandem_baby_id) "
        f"FROM session s WHERE {condition} ORDER BY s.start_utc DESC, s.id DESC"
        + (" LIMIT ?" if limit is not None else "")
    )
    rows = connection.execute(query, [*params, *([limit] if limit is not None else [])])
    # With one baby, naming it on every line says nothing (see ``SessionLine.of``).
    twins = connection.execute("SELECT COUNT(*) FROM baby WHERE owner_id IS NULL"
                               ).fetchone()[0] > 1
    lines = []
    for (id_, start, end, kind_, sides, left_ml, right_ml, pain, stress, first_left,
         first_right, baby, twin) in rows:
        begin = _parse_stored(start)
        volumes = [v for v in (left_ml, right_ml) if v is not None]
        lines.append(SessionLine(
            id=id_, start=begin, kind=kind_, sides=sides,
            duration_s=(_parse_stored(end) - begin).total_seconds(),
            first_left_s=first_left, first_right_s=first_right,
            total_ml=sum(volumes) if volumes else None, pain=pain, stress=stress,
            baby=baby_label(baby, twin) if twins else "",
        ))
    if limit is None or len(lines) < limit:
        total = len(lines)
    else:
        total = connection.execute(
            f"SELECT COUNT(*) FROM session s WHERE {condition}", params
        ).fetchone()[0]
    return lines, int(total)
