"""A malformed or partly bad file is refused whole, naming the file, line and field."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.helpers import make_session, make_tandem
from letdown.interop.csvio import csv_tables, load_csv_tables
from letdown.interop.jsonio import dump_json, load_json
from letdown.interop.problems import BadJournalFile
from letdown.journal.records import Baby, JournalData


@pytest.fixture
def data() -> JournalData:
    return JournalData(
        babies=[Baby(id=1, name="Ada", birth_date=dt.date(2026, 10, 1))],
        sessions=[make_session(id=1, baby_id=1), make_session(id=2, pain=None)],
    )


def problems_of(call: object) -> list[str]:
    assert callable(call)
    with pytest.raises(BadJournalFile) as caught:
        call()
    return caught.value.problems


def test_json_syntax_error_names_line_and_column(data: JournalData) -> None:
    text = dump_json(data).replace('"name": "Ada"', '"name": Ada')
    assert problems_of(lambda: load_json(text, name="j.json")) == [
        "j.json line 6, column 33: not valid JSON (Expecting value)"]


def test_json_bad_fields_are_all_listed_with_lines(data: JournalData) -> None:
    lines = dump_json(data).splitlines()
    assert lines[8].startswith('{"id": 1,') and lines[9].startswith('{"id": 2,')
    lines[8] = lines[8].replace('"pain": 2', '"pain": 14')
    lines[9] = lines[9].replace('"sides": "both"', '"sides": "middle"')
    problems = problems_of(lambda: load_json("\n".join(lines), name="j.json"))
    assert problems == [
        "j.json line 9, session #1 (id 1), field pain: Input should be less than or equal to 10 "
        "(allowed: 0 to 10)",
        "j.json line 10, session #2 (id 2), field sides: Input should be 'left', 'right' or "
        "'both'",
    ]


def test_json_that_is_not_an_export_is_refused() -> None:
    assert "not a letdown journal export" in problems_of(lambda: load_json("[1, 2]"))[0]


def test_json_reference_to_a_missing_baby(data: JournalData) -> None:
    text = dump_json(data).replace('"baby_id": 1', '"baby_id": 7')
    assert problems_of(lambda: load_json(text, name="j.json")) == [
        "j.json line 9, session #1 (id 1), field baby_id: no baby with id 7 in this file"]


def test_csv_problems_name_file_line_and_field(data: JournalData) -> None:
    tables = csv_tables(data)
    sessions = tables["sessions.csv"].split("\r\n")
    sessions[2] = sessions[2].replace(",45.0,", ",-5,")
    tables["sessions.csv"] = "\r\n".join(sessions)
    tables["letdowns.csv"] += "9,left,10.0\r\n"
    problems = problems_of(lambda: load_csv_tables(tables, name="x.zip"))
    assert problems == [
        "letdowns.csv line 6, field session_id: no session with id '9' in sessions.csv"]
    tables["letdowns.csv"] = tables["letdowns.csv"].replace("9,left,10.0\r\n", "")
    problems = problems_of(lambda: load_csv_tables(tables, name="x.zip"))
    assert problems == ["sessions.csv line 3, field volume_left_ml: Input should be greater "
                        "than or equal to 0 (allowed: 0 to 1000)"]


def test_csv_unknown_column_and_ragged_rows(data: JournalData) -> None:
    tables = csv_tables(data)
    bad = dict(tables, **{"babies.csv": tables["babies.csv"].replace("name", "nom")})
    assert "babies.csv line 1: unknown column 'nom'" in problems_of(
        lambda: load_csv_tables(bad))[0]
    bad = dict(tables, **{"babies.csv": tables["babies.csv"] + "2,Ben\r\n"})
    assert problems_of(lambda: load_csv_tables(bad)) == [
        "babies.csv line 3: 2 cells, but the header has 8"]


def test_a_newer_format_version_is_refused() -> None:
    text = '{"format": "letdown-journal",\n"version": 5,\n"sessions": []}'
    assert problems_of(lambda: load_json(text, name="new.json")) == [
        "new.json line 2, field version: Input should be 1, 2, 3 or 4; "
        "this letdown reads versions 1 to 4"]


def test_a_tandem_twin_missing_from_the_file_is_named_by_line_and_field() -> None:
    data = JournalData(
        babies=[Baby(id=1, name="Ada", birth_date=dt.date(2026, 10, 1)),
                Baby(id=2, name="Ben", birth_date=dt.date(2026, 10, 1))],
        sessions=[make_tandem(1, 2, id=1)],
    )
    text = dump_json(data).replace('"tandem_baby_id": 2', '"tandem_baby_id": 7')
    assert problems_of(lambda: load_json(text, name="j.json")) == [
        "j.json line 10, session #1 (id 1), field tandem_baby_id: no baby with id 7 in this "
        "file"]
    tables = csv_tables(data)
    tables["babies.csv"] = "\r\n".join(tables["babies.csv"].split("\r\n")[:2]) + "\r\n"
    assert problems_of(lambda: load_csv_tables(tables, name="x.zip")) == [
        "sessions.csv line 2, field tandem_baby_id: no baby with id 2 in this file"]


def test_a_version_1_file_without_tandem_feeds_is_still_read(data: JournalData) -> None:
    text = dump_json(data).replace('"version": 4', '"version": 1')
    text = text.replace('"tandem_baby_id": null, ', "").replace('"uuid": null, ', "")
    assert "tandem_baby_id" not in text and "uuid" not in text
    assert load_json(text).sessions == data.sessions
    tables = csv_tables(data)
    old = {name: "\r\n".join(",".join(c for i, c in enumerate(line.split(",")) if i not in {1, 3})
                              for line in text_.split("\r\n"))
           for name, text_ in tables.items() if name == "sessions.csv"}
    assert "tandem_baby_id" not in old["sessions.csv"]
    assert load_csv_tables(tables | old).sessions == data.sessions


def test_a_version_3_export_from_before_gestation_is_still_read(data: JournalData) -> None:
    """Version 4 added a baby's gestation; an export made before it (no such columns or
    keys) must still import, or a parent's older backups would be refused."""
    text = dump_json(data).replace('"version": 4', '"version": 3')
    text = text.replace(', "gestation_weeks": null', "").replace(', "gestation_days": null', "")
    assert "gestation" not in text and '"version": 3' in text
    assert load_json(text).babies == data.babies
    tables = csv_tables(data)
    lines = tables["babies.csv"].split("\r\n")
    header = lines[0].split(",")
    drop = {header.index("gestation_weeks"), header.index("gestation_days")}
    tables["babies.csv"] = "\r\n".join(
        ",".join(c for i, c in enumerate(line.split(",")) if i not in drop) if line else line
        for line in lines)
    assert "gestation" not in tables["babies.csv"]
    assert load_csv_tables(tables).babies == data.babies
