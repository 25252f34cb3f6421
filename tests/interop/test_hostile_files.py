"""Any file given to ``letdown import`` ends in exit 0 or a one-line reason and exit 2.

Never a traceback, and nothing written when the file is refused. The named cases
each ended in a traceback (or dropped values silently) before ff256c8 was fixed;
the property test generates many more: random bytes, mutated real exports (JSON
and CSV zips), deep nesting, huge numbers, CSV columns missing or added.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.helpers import make_session, make_tandem
from letdown.cli import cli
from letdown.interop.csvio import csv_tables
from letdown.interop.jsonio import dump_json
from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    ParentProfile,
)

BORN = dt.date(2026, 10, 1)
DATA = JournalData(
    profile=ParentProfile(pseudonym="Sam", conditions=["PCOS"]),
    babies=[Baby(id=1, uuid=uuid.uuid4(), name="Ada", birth_date=BORN),
            Baby(id=2, uuid=uuid.uuid4(), name="Ben", birth_date=BORN, sex="male")],
    sessions=[make_session(id=1, uuid=uuid.uuid4(), baby_id=1),
              make_tandem(1, 2, id=2, uuid=uuid.uuid4())],
    weights=[InfantWeight(id=1, uuid=uuid.uuid4(), baby_id=1, date=dt.date(2026, 11, 1),
                          grams=4100)],
    diapers=[DiaperCount(id=1, uuid=uuid.uuid4(), baby_id=2, date=dt.date(2026, 11, 1), wet=6,
                         dirty=2)],
)
JSON_TEXT = dump_json(DATA)
TABLES = csv_tables(DATA)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def zipped(tables: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def refused(path: Path) -> str:
    """Import ``path`` into a journal holding DATA: exit 2, one reason, nothing changed."""
    before = run("export").output
    result = run("import", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert run("export").output == before
    return result.output


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    """A journal holding DATA; returns a path to write the hostile file to."""
    source = tmp_path / "good.json"
    source.write_text(JSON_TEXT)
    assert run("import", str(source)).exit_code == 0
    return tmp_path / "hostile"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe\x00binary\x89PNG", "neither JSON text nor a zip of CSV files (byte 0 is not "
         "UTF-8 text)"),
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (JSON_TEXT.replace('"grams": 4100', '"grams": ' + "9" * 5000).encode(),
         "not a readable JSON export (Exceeds the limit (4300 digits)"),
        (b"[" * 200_000 + b"]" * 200_000, "brackets nested too deeply"),
        (JSON_TEXT.replace('"notes": "Pumped in the meeting room."',
                           '"notes": ' + "[" * 200_000 + "]" * 200_000).encode(),
         "brackets nested too deeply"),
        (zipped({"readme.txt": "hello"}), "no sessions.csv or babies.csv: not a letdown CSV "
         "export"),
        (b"PK\x03\x04broken", "not a readable zip of CSV files"),
        (zipped(TABLES | {"sessions.csv": TABLES["sessions.csv"].replace(
            '"[""ibuprofen""]"', "[" * 50_000 + "]" * 50_000)}),
         "sessions.csv line 2, field medicines: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...' is "
         "not a list"),
    ],
    ids=["binary", "empty", "blank", "5000-digits", "deep-nesting", "deep-in-a-record",
         "foreign-zip", "broken-zip", "deep-csv-cell"],
)
def test_hostile_files_are_refused_with_a_reason(
    journal_file: Path, content: bytes, reason: str
) -> None:
    journal_file.write_bytes(content)
    output = refused(journal_file)
    assert reason in output
    assert output.startswith("error: ") and output.endswith("Nothing was imported.\n")
    assert all(len(line) < 300 for line in output.splitlines())  # short lines, not dumps


def test_a_csv_with_a_column_missing_names_it_instead_of_dropping_values(
    journal_file: Path,
) -> None:
    lines = TABLES["sessions.csv"].split("\r\n")
    header = lines[0].split(",")
    drop = header.index("pain")
    tables = dict(TABLES)
    tables["sessions.csv"] = "\r\n".join(
        ",".join(c for i, c in enumerate(line.split(",")) if i != drop) for line in lines)
    journal_file.write_bytes(zipped(tables))
    assert refused(journal_file) == (
        "error: sessions.csv line 1: column 'pain' missing; a letdown export has every column "
        "(cells may be empty): add the missing ones, or export again\nNothing was imported.\n")


def test_a_one_line_json_problem_names_the_record(journal_file: Path) -> None:
    text = JSON_TEXT.replace("\n", " ").replace('"grams": 4100', '"grams": 99')
    journal_file.write_text(text)
    assert refused(journal_file) == (
        "error: hostile line 1, weight #1 (id 1), field grams: Input should be greater than or "
        "equal to 300 (allowed: 300 to 30000)\nNothing was imported.\n")


def test_a_duplicated_uuid_in_a_file_is_refused(journal_file: Path) -> None:
    first, second = (str(s.uuid) for s in DATA.sessions)
    journal_file.write_text(JSON_TEXT.replace(second, first))
    assert f"session #2 (id 2), field uuid: uuid {first} appears twice" in refused(journal_file)


# --------------------------------------------------------------- generated files


def _mutate_text(text: str, data: st.DataObject) -> str:
    """A real export with a few random edits: cuts, insertions, huge numbers, nesting."""
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["cut", "insert", "digits", "nest", "truncate"]))
        if edit == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)):]
        elif edit == "insert":
            text = text[:at] + data.draw(st.text(max_size=8)) + text[at:]
        elif edit == "digits":
            text = text[:at] + "9" * data.draw(st.sampled_from([20, 400, 4400, 5000])) + text[at:]
        elif edit == "nest":
            depth = data.draw(st.sampled_from([50, 900, 5000]))
            text = text[:at] + "[" * depth + "]" * depth + text[at:]
        else:
            text = text[:at]
    return text


def _mutate_tables(data: st.DataObject) -> dict[str, str]:
    """The CSV export with a column missing or added, or cells mutated."""
    tables = dict(TABLES)
    name = data.draw(st.sampled_from(sorted(tables)))
    rows = [line.split(",") for line in tables[name].split("\r\n")]
    edit = data.draw(st.sampled_from(["drop-column", "add-column", "cell", "cells"]))
    if edit == "drop-column":
        drop = data.draw(st.integers(0, len(rows[0]) - 1))
        rows = [[c for i, c in enumerate(r) if i != drop] for r in rows]
        tables[name] = "\r\n".join(",".join(r) for r in rows)
    elif edit == "add-column":
        extra = data.draw(st.sampled_from(["extra", "uuid", "id", ""]))
        tables[name] = "\r\n".join(",".join([*r, extra if i == 0 else "x"])
                                   for i, r in enumerate(rows))
    elif edit == "cell" and len(rows) > 2:
        row = data.draw(st.integers(1, len(rows) - 2))
        column = data.draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = data.draw(st.sampled_from([
            "[" * 60_000 + "]" * 60_000, "9" * 5000, "-" + "9" * 30, "1e999", "nan", "",
            '"[1, [2]]"', "\x00", "2026-02-30T00:00:00Z", "0001-01-01", "9999-12-31T23:59:59Z",
        ]))
        tables[name] = "\r\n".join(",".join(r) for r in rows)
    else:
        tables[name] = _mutate_text(tables[name], data)
    return tables


@st.composite
def hostile_files(draw: st.DrawFn) -> bytes:
    data = draw(st.data())
    kind = draw(st.sampled_from(["bytes", "json", "csv", "nesting", "number"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "json":
        return _mutate_text(JSON_TEXT, data).encode("utf-8", "surrogatepass")
    if kind == "csv":
        return zipped(_mutate_tables(data))
    if kind == "nesting":
        depth = draw(st.sampled_from([10, 1000, 200_000]))
        return (b"[" if draw(st.booleans()) else b'{"a":') * depth
    return ("9" * draw(st.integers(1, 6000))).encode()


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=hostile_files())
def test_generated_bad_files_never_crash_and_never_half_import(
    journal_file: Path, content: bytes
) -> None:
    before = run("export").output
    journal_file.write_bytes(content)
    result = run("import", str(journal_file))
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    assert max(len(line) for line in result.output.splitlines()) < 600  # lines, not dumps
    if result.exit_code != 0:
        assert "Nothing was imported" in result.output.splitlines()[-1], result.output
        assert run("export").output == before
