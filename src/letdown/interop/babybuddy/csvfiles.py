"""Read Baby Buddy's admin CSV export (django-import-export, every field ticked).

Five files, one per model: child, feeding, pumping, weight and diaper change. Each
is recognised by its header row, not its name (the server names downloads
``Feeding-2026-11-28.csv``). The quirks of the format, from the reference notes: CRLF
line endings; naive "YYYY-MM-DD HH:MM:SS" times in the exporting user's time zone
(``zone``); booleans ``1``/``0``; an empty cell for null; tags as comma-separated tag
PRIMARY KEYS (which cannot be turned into names: they are reported as not kept).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from letdown.interop.babybuddy.source import (
    MAX_PROBLEMS,
    BabyBuddyProblem,
    Export,
    read_records,
)

#: Largest CSV file read (years of records are a few MB).
MAX_BYTES = 200 * 2**20
#: model -> the columns its export must have (the last in each list tells them apart).
COLUMNS: dict[str, tuple[str, ...]] = {
    "children": ("id", "first_name", "last_name", "birth_date"),
    "feedings": ("id", "child_id", "start", "end", "type", "method"),
    "pumping": ("id", "child_id", "start", "end", "amount"),
    "weight": ("id", "child_id", "weight", "date"),
    "changes": ("id", "child_id", "time", "wet", "solid"),
}
#: Columns any export may have besides its model's own.
OPTIONAL = ("child_first_name", "child_last_name", "notes", "tags", "birth_time", "color",
            "amount", "duration")
NAMES = {"children": "child", "feedings": "feeding", "pumping": "pumping",
         "weight": "weight", "changes": "diaper change"}


def model_of(header: list[str]) -> str | None:
    """Which Baby Buddy model a header row belongs to, or None (by its telling columns)."""
    names = set(header)
    if "first_name" in names and "child_id" not in names:
        return "children"
    if names & {"method", "type"}:
        return "feedings"
    if names & {"wet", "solid", "color", "time"}:
        return "changes"
    if "weight" in names:
        return "weight"
    if names & {"start", "end"}:
        return "pumping"
    return None


def read_files(paths: list[Path], *, origin: str, zone: dt.tzinfo = dt.UTC) -> Export:
    """Read the CSV files (or folders of them) into one ``Export``; all problems at once."""
    export = Export(origin=origin, tag_names=False)
    problems: list[str] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
            if not found:
                problems.append(f"{path}: a folder with no .csv files in it")
            files += found
        else:
            files.append(path)
    for path in files:
        _read_file(path, export, problems, zone)
    if problems:
        raise BabyBuddyProblem(problems[:MAX_PROBLEMS] + (
            [f"... and {len(problems) - MAX_PROBLEMS} more"]
            if len(problems) > MAX_PROBLEMS else []))
    return export


def _read_file(path: Path, export: Export, problems: list[str], zone: dt.tzinfo) -> None:
    name = path.name
    try:
        if not path.is_file():
            problems.append(f"{path}: not a file; give Baby Buddy's CSV export files")
            return
        if path.stat().st_size > MAX_BYTES:
            problems.append(f"{name}: larger than {MAX_BYTES // 2**20} MB: not a Baby Buddy "
                            "export")
            return
        raw = path.read_bytes()
    except OSError as error:
        problems.append(f"{path}: cannot read it ({error.strerror or error})")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(f"{name}: not a CSV text file (byte {error.start} is not UTF-8)")
        return
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        problems.append(f"{name}: not readable as CSV ({error})")
        return
    if not table or not any(table[0]):
        problems.append(f"{name}: empty; give the CSV files from Baby Buddy's admin Export")
        return
    header = [cell.strip() for cell in table[0]]
    model = model_of(header)
    if model is None:
        shown = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
        problems.append(
            f"{name}: not a Baby Buddy admin export (its first line has {shown[:120]}); "
            "allowed: the CSV export of children, feedings, pumping, weight or diaper "
            "changes")
        return
    missing = [c for c in COLUMNS[model] if c not in header]
    unknown = [c for c in header if c not in (*COLUMNS[model], *OPTIONAL)]
    if missing or unknown:
        problems.append(
            f"{name} (a {NAMES[model]} export): "
            + (f"missing column {', '.join(missing)}" if missing else "")
            + ("; " if missing and unknown else "")
            + (f"columns Baby Buddy does not write: {', '.join(unknown)[:80]}"
               if unknown else "")
            + "; export it again from Baby Buddy's admin with every field ticked")
        return
    rows: list[dict[str, object]] = []
    lines: list[int] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{name}, line {number}: {len(cells)} cells, but the header has "
                            f"{len(header)}; the file is cut short or damaged")
            continue
        rows.append(dict(zip(header, cells, strict=True)))
        lines.append(number)
    read_records(export, model, rows, where=name, zone=zone, csv=True, problems=problems,
                 lines=lines)
