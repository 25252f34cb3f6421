"""The journal as CSV: one file per record type, in a zip archive (or a directory).

Files: ``profile.csv`` (0 or 1 row), ``babies.csv``, ``sessions.csv``,
``letdowns.csv`` (``session_id, side, at_s``: one row per let-down),
``weights.csv`` and ``diapers.csv``. Columns are the record fields, with units in
their names. Cells: empty means "not given"; ``true``/``false``; times ISO 8601
in UTC; lists (medicines, techniques, conditions) as a JSON array such as
``["ibuprofen"]``. Opens in any spreadsheet; round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from letdown.interop.problems import (
    SECTIONS,
    BadJournalFile,
    shown,
    validated,
)
from letdown.journal.records import JournalData, LetDown, Record

LETDOWN_COLUMNS = ["session_id", "side", "at_s"]
#: A journal of many years is a few MB; more than this in a zip is not a letdown export
#: (or is a zip bomb), and is refused before it is unpacked.
MAX_UNPACKED_BYTES = 200 * 2**20
FILES = {
    "profile": "profile.csv",
    "babies": "babies.csv",
    "sessions": "sessions.csv",
    "letdowns": "letdowns.csv",
    "weights": "weights.csv",
    "diapers": "diapers.csv",
}


def _columns(section: str) -> list[str]:
    if section == "letdowns":
        return LETDOWN_COLUMNS
    return [name for name in SECTIONS[section].model_fields if name != "letdowns"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def csv_tables(data: JournalData) -> dict[str, str]:
    """File name -> CSV text for every record type (header row always present)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in FILES}
    if data.profile is not None:
        rows["profile"].append(data.profile.model_dump(mode="json"))
    for section in ("babies", "weights", "diapers"):
        rows[section] = [r.model_dump(mode="json") for r in getattr(data, section)]
    for session in data.sessions:
        plain = session.model_dump(mode="json")
        letdowns = plain.pop("letdowns")
        rows["sessions"].append(plain)
        rows["letdowns"] += [{"session_id": session.id, **e} for e in letdowns]
    tables = {}
    for section, file_name in FILES.items():
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        columns = _columns(section)
        writer.writerow(columns)
        for row in rows[section]:
            writer.writerow([_cell(row[c]) for c in columns])
        tables[file_name] = out.getvalue()
    return tables


def write_csv_zip(data: JournalData, target: Path | io.BytesIO) -> None:
    """Write the CSV files into a zip archive."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file_name, text in csv_tables(data).items():
            archive.writestr(file_name, text.encode("utf-8"))


def write_csv_dir(data: JournalData, directory: Path) -> None:
    """Write the CSV files into ``directory`` (created if needed)."""
    directory.mkdir(parents=True, exist_ok=True)
    for file_name, text in csv_tables(data).items():
        (directory / file_name).write_text(text, encoding="utf-8", newline="")


def read_csv_zip(source: Path | io.BytesIO, *, name: str = "archive") -> JournalData:
    """Read a zip of CSV files; ``BadJournalFile`` names file, line and field."""
    import zlib

    try:
        with zipfile.ZipFile(source) as archive:
            members = {info.filename: info for info in archive.infolist()}
            wanted = [members[f] for f in FILES.values() if f in members]
            if sum(info.file_size for info in wanted) > MAX_UNPACKED_BYTES:
                raise BadJournalFile([f"{name}: the CSV files in it are larger than "
                                      f"{MAX_UNPACKED_BYTES // 2**20} MB unpacked: not a "
                                      "letdown export"])
            texts = {info.filename: archive.read(info).decode("utf-8-sig") for info in wanted}
    except BadJournalFile:
        raise
    except UnicodeDecodeError as error:
        raise BadJournalFile([f"{name}: a CSV file in it is not UTF-8 text ({error.reason} "
                              f"at byte {error.start})"]) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            ValueError) as error:
        # RuntimeError: encrypted; NotImplementedError: a compression zipfile lacks.
        raise BadJournalFile([f"{name}: not a readable zip of CSV files ({error})"]) from None
    return load_csv_tables(texts, name=name)


def read_csv_dir(directory: Path) -> JournalData:
    """Read CSV files from a directory."""
    texts = {}
    for file_name in FILES.values():
        path = directory / file_name
        if path.exists():
            if not path.is_file() or path.stat().st_size > MAX_UNPACKED_BYTES:
                raise BadJournalFile([f"{path}: not a CSV file of a letdown export"])
            try:
                texts[file_name] = path.read_text(encoding="utf-8-sig")
            except OSError as error:
                raise BadJournalFile([f"{path}: cannot read it ({error.strerror})"]) from None
            except UnicodeDecodeError as error:
                raise BadJournalFile([f"{path}: not UTF-8 text ({error.reason} at byte "
                                      f"{error.start})"]) from None
    return load_csv_tables(texts, name=str(directory))


def load_csv_tables(texts: dict[str, str], *, name: str = "archive") -> JournalData:
    """Build journal data from CSV texts (file name -> text); all or nothing."""
    if FILES["sessions"] not in texts and FILES["babies"] not in texts:
        raise BadJournalFile([f"{name}: no sessions.csv or babies.csv: not a letdown CSV export"])
    problems: list[str] = []
    lines: dict[tuple[str, int], str] = {}
    parsed: dict[str, list[dict[str, Any]]] = {}
    for section, file_name in FILES.items():
        parsed[section] = []
        if file_name not in texts:
            continue
        rows, row_lines, bad = _read_table(texts[file_name], file_name, _columns(section))
        problems += bad
        parsed[section] = rows
        for index, line in enumerate(row_lines):
            lines[(section, index)] = f"{file_name} line {line}"
    if problems:
        raise BadJournalFile(problems)

    letdown_lines: dict[tuple[int, int], str] = {}
    by_session: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for index, row in enumerate(parsed["letdowns"]):
        by_session.setdefault(str(row.get("session_id", "")), []).append((index, row))
    session_ids = set()
    for s_index, row in enumerate(parsed["sessions"]):
        key = str(row.get("id", ""))
        session_ids.add(key)
        events = by_session.get(key, [])
        row["letdowns"] = [{"side": e.get("side"), "at_s": e.get("at_s")} for _, e in events]
        for j, (index, _) in enumerate(events):
            letdown_lines[(s_index, j)] = lines[("letdowns", index)]
    for index, row in enumerate(parsed["letdowns"]):
        if str(row.get("session_id", "")) not in session_ids:
            problems.append(f"{lines[('letdowns', index)]}, field session_id: no session with id "
                            f"{shown(row.get('session_id'))} in sessions.csv")
    if problems:
        raise BadJournalFile(problems)

    def where(loc: tuple[int | str, ...]) -> str:
        if len(loc) >= 4 and loc[0] == "sessions" and loc[2] == "letdowns":
            found = letdown_lines.get((int(loc[1]), int(loc[3])))
            if found:
                return found
        if loc[:1] == ("profile",):
            return lines.get(("profile", 0), f"{name} profile.csv")
        if len(loc) >= 2 and isinstance(loc[1], int):
            return lines.get((str(loc[0]), loc[1]), f"{name} {loc[0]}")
        return name

    raw = {
        "profile": parsed["profile"][0] if parsed["profile"] else None,
        "babies": parsed["babies"], "sessions": parsed["sessions"],
        "weights": parsed["weights"], "diapers": parsed["diapers"],
    }
    if len(parsed["profile"]) > 1:
        raise BadJournalFile([f"{lines[('profile', 1)]}: a second profile; allowed: one row"])
    return validated(raw, where)


def _read_table(
    text: str, file_name: str, columns: list[str]
) -> tuple[list[dict[str, Any]], list[int], list[str]]:
    """Rows as field dicts (cells decoded), the line each row starts on, and problems."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [], []
    except csv.Error as error:
        return [], [], [f"{file_name} line 1: {error}"]
    unknown = [c for c in header if c not in columns]
    if unknown:
        return [], [], [f"{file_name} line 1: unknown column {shown(unknown[0])}; allowed: "
                        + ", ".join(columns)]
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        return [], [], [f"{file_name} line 1: column {shown(twice[0])} appears twice; allowed: "
                        "each column once"]
    missing = [c for c in expected_columns(columns, header) if c not in header]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        return [], [], [f"{file_name} line 1: column{'s' if len(missing) > 1 else ''} {names} "
                        f"missing; a letdown export has every column (cells may be empty): "
                        "add the missing ones, or export again"]
    rows: list[dict[str, Any]] = []
    starts: list[int] = []
    problems: list[str] = []
    decoders = _decoders(file_name, columns)
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"{file_name} line {line}: {error}")
            break
        if not any(cells):
            line = reader.line_num + 1
            continue
        if len(cells) != len(header):
            problems.append(f"{file_name} line {line}: {len(cells)} cells, but the header has "
                            f"{len(header)}")
        else:
            row: dict[str, Any] = {}
            for column, cell in zip(header, cells, strict=True):
                try:
                    value = decoders[column](cell)
                except (ValueError, RecursionError):
                    problems.append(f"{file_name} line {line}, field {column}: {shown(cell)} "
                                    'is not a list; allowed: empty or a JSON array like '
                                    '["a", "b"]')
                    continue
                if value is not _OMIT:
                    row[column] = value
            rows.append(row)
            starts.append(line)
        line = reader.line_num + 1
    return rows, starts, problems


_OMIT = object()

#: Columns added by a later export format, newest first, each version's together: a file
#: without them is from before it (version 4 added a baby's gestation, 3 uuid, 2
#: tandem_baby_id), and may lack the columns that came after too.
ADDED_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("gestation_weeks", "gestation_days"), ("uuid",), ("tandem_baby_id",))


def expected_columns(columns: list[str], header: list[str]) -> list[str]:
    """The columns a file with ``header`` must have, given the format version it shows.

    Any other column missing is an error (never silently dropped values).
    """
    expected = list(columns)
    for added in ADDED_COLUMNS:
        if any(c in header for c in added):
            break
        expected = [c for c in expected if c not in added]
    return expected


def _decoders(file_name: str, columns: Iterable[str]) -> dict[str, Callable[[str], Any]]:
    """How to read each column's cells back into values pydantic can validate."""
    section = next(s for s, f in FILES.items() if f == file_name)
    model: type[Record] = LetDown if section == "letdowns" else SECTIONS[section]
    fields = model.model_fields

    def as_list(cell: str) -> Any:
        if not cell.strip():
            return []
        value = json.loads(cell)
        if not isinstance(value, list):
            raise ValueError("not a list")
        return value

    def optional(cell: str) -> Any:
        return None if cell == "" else cell

    def required(cell: str) -> Any:
        return _OMIT if cell == "" else cell

    def text(cell: str) -> Any:
        return cell

    decoders: dict[str, Callable[[str], Any]] = {}
    for column in columns:
        info = fields.get(column)
        annotation = str(info.annotation) if info else ""
        if column == "session_id":
            decoders[column] = required
        elif info is not None and "list" in annotation:
            decoders[column] = as_list
        elif column == "notes":
            decoders[column] = text
        elif info is not None and not info.is_required():
            decoders[column] = optional
        else:
            decoders[column] = required
    return decoders


__all__ = [
    "FILES",
    "csv_tables",
    "load_csv_tables",
    "read_csv_dir",
    "read_csv_zip",
    "write_csv_dir",
    "write_csv_zip",
]
