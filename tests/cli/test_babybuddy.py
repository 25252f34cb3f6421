"""``letdown import --from babybuddy`` and ``--from babybuddy-csv`` end to end.

The API is a local fake serving Baby Buddy's real response bodies (see
tests/interop/babybuddy/fake.py); the CSV files are its real admin export. Every
failure must end in a plain message, exit status 2, and an unchanged journal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from tests.interop.babybuddy.fake import DATA, LISTS, TOKEN, FakeBabyBuddy

from letdown.cli import cli

CSV = sorted(str(p) for p in DATA.glob("admin_export_*.csv"))
FIRST = "imported: 1 baby, 20 breastfeeds, 30 pump sessions, 10 weights, 20 diaper days"


def run(*args: str, token: str | None = TOKEN) -> Result:
    env = {"LETDOWN_BABYBUDDY_TOKEN": token} if token is not None else {}
    result = CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)
    assert TOKEN not in result.output and "Traceback" not in result.output
    return result


def journal_now() -> str:
    result = run("export")
    assert result.exit_code == 0
    return result.output


@pytest.fixture
def baby_buddy(httpserver: HTTPServer) -> FakeBabyBuddy:
    return FakeBabyBuddy(httpserver)


def test_csv_import_twice_gets_it_once() -> None:
    first = run("import", "--from", "babybuddy-csv", *CSV)
    assert first.exit_code == 0, first.output
    assert FIRST in first.output
    assert "10 feedings: bottle feeding (what the baby drank, not a let-down)" in first.output
    assert "times read as UTC (--timezone)" in first.output
    before = journal_now()
    second = run("import", "--from", "babybuddy-csv", *CSV)
    assert second.exit_code == 0
    assert "nothing new: all 81 records from Baby Buddy are already in this journal" in (
        second.output)
    assert journal_now() == before


def test_api_import_twice_with_the_key_from_the_environment(baby_buddy: FakeBabyBuddy) -> None:
    baby_buddy.page_size = 10
    first = run("import", "--from", "babybuddy", baby_buddy.url)
    assert first.exit_code == 0, first.output
    assert FIRST in first.output
    assert "not kept" in first.output and "birth time of 1 child" in first.output
    before = journal_now()
    second = run("import", "--from", "babybuddy", baby_buddy.url)
    assert "nothing new" in second.output and journal_now() == before
    sessions = json.loads(before)["sessions"]
    tagged = [r for name in ("feedings", "pumping")
              for r in json.loads((DATA / LISTS[name]).read_bytes())["results"]
              if "night" in r["tags"] and r.get("method") != "bottle"]
    assert sum("Baby Buddy tags: night" in s["notes"] for s in sessions) == len(tagged) == 12


def test_csv_with_server_then_api_adds_nothing(baby_buddy: FakeBabyBuddy) -> None:
    assert run("import", "--from", "babybuddy-csv", *CSV, "--server",
               baby_buddy.url).exit_code == 0
    before = journal_now()
    result = run("import", "--from", "babybuddy", baby_buddy.url)
    assert result.exit_code == 0 and "nothing new" in result.output
    assert "kept as they are in this journal (16" in result.output
    assert journal_now() == before


def test_token_on_the_command_line_works_and_is_never_shown(baby_buddy: FakeBabyBuddy) -> None:
    result = run("import", "--from", "babybuddy", baby_buddy.url, "--token", TOKEN, token=None)
    assert result.exit_code == 0 and FIRST in result.output


def test_dry_run_says_what_and_changes_nothing(baby_buddy: FakeBabyBuddy) -> None:
    before = journal_now()
    result = run("import", "--from", "babybuddy", baby_buddy.url, "--dry-run")
    assert result.exit_code == 0
    assert "would import: 1 baby, 20 breastfeeds" in result.output
    assert "Nothing was imported (--dry-run)." in result.output
    assert journal_now() == before


def filled() -> str:
    """A journal with records of the parent's own, to show a failed import leaves them."""
    assert run("baby", "add", "Ada", "--born", "2026-10-01").exit_code == 0
    assert run("log", "-k", "pump", "-s", "left", "-m", "15", "--ml", "40").exit_code == 0
    return journal_now()


@pytest.mark.parametrize(("fault", "expected"), [
    ((500, b"<h1>Server Error (500)</h1>", "text/html"), "Baby Buddy had a problem of its own"),
    ((200, b'{"count":30,"next":null,"previous":null,"results":[{"id":',
      "application/json"), "did not answer with JSON"),
    ((401, b'{"detail":"Invalid token."}', "application/json"), "refused the API key"),
])
def test_a_page_failing_midway_imports_nothing(
        baby_buddy: FakeBabyBuddy, fault: tuple[int, bytes, str], expected: str) -> None:
    before = filled()
    baby_buddy.page_size = 10
    baby_buddy.faults[("changes", 2)] = fault
    result = run("import", "--from", "babybuddy", baby_buddy.url)
    assert result.exit_code == 2
    assert expected in result.output and "Nothing was imported." in result.output
    assert journal_now() == before


def test_bad_token(baby_buddy: FakeBabyBuddy) -> None:
    before = filled()
    result = run("import", "--from", "babybuddy", baby_buddy.url, token="not-the-key")
    assert result.exit_code == 2
    assert 'error: Baby Buddy refused the API key (it said: "Invalid token.")' in result.output
    assert journal_now() == before


@pytest.mark.parametrize(("args", "expected"), [
    (("--from", "babybuddy", "http://127.0.0.1:1"), "no API key"),
    (("--from", "babybuddy"), "give one address"),
    (("--from", "babybuddy", "mailto:x"), "is not a web address"),
    (("--from", "babybuddy-csv"), "give the CSV files"),
    (("--from", "babybuddy-csv", "nope.csv"), "nope.csv: no such file"),
    (("--from", "babybuddy-csv", *CSV, "--timezone", "Mars/Olympus"), "is not a time zone"),
    (("--from", "babybuddy-csv", *CSV, "--token", "x"), "--token is for --from babybuddy"),
    (("--from", "fhir", "x"), "Invalid value for '--from'"),
])
def test_usage_mistakes(args: tuple[str, ...], expected: str) -> None:
    result = run("import", *args, token=None)
    assert result.exit_code == 2 and expected in result.output


@pytest.mark.parametrize(("file", "change", "expected"), [
    ("admin_export_weight.csv", ("2026-11-20", "2026-13-20"),
     "line 5 (id '7'): date: '2026-13-20' is not a date"),
    ("admin_export_feeding.csv", (",method,", ",how,"), "missing column method"),
    ("admin_export_changes.csv", ("", ""), "not a Baby Buddy admin export"),
])
def test_bad_csv_imports_nothing(tmp_path: Path, file: str, change: tuple[str, str],
                                 expected: str) -> None:
    before = filled()
    files = []
    for name in CSV:
        path = Path(name)
        text = path.read_text(encoding="utf-8").replace(*change)
        files.append(tmp_path / path.name)
        files[-1].write_text(text, encoding="utf-8")
    if file == "admin_export_changes.csv":
        files.append(tmp_path / file)
        files[-1].write_text("when,what\r\n2026-11-01,wet\r\n", encoding="utf-8")
    else:
        assert any(f.name == file for f in files)
    result = run("import", "--from", "babybuddy-csv", *map(str, files))
    assert result.exit_code == 2 and expected in result.output, result.output
    assert journal_now() == before


def test_import_help_names_baby_buddy() -> None:
    assert "letdown import --from babybuddy URL" in run("import", "--help").output
    text = run("import", "--from", "babybuddy", "--help").output
    assert "LETDOWN_BABYBUDDY_TOKEN" in text and "--timezone" in text


# ------------------------------------------------------------ generated records

values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 2**40), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["", "2026-11-20", "2026-11-20T10:00:00Z",
                                           "1899-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                           "left breast", "bottle", "1,4", "0.001", "99999"]),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3),
                                                               st.integers(), max_size=2),
)
edits = st.lists(st.tuples(st.sampled_from(sorted(LISTS)), st.integers(0, 29),
                           st.sampled_from(["id", "child", "start", "end", "time", "date",
                                            "weight", "amount", "method", "type", "wet",
                                            "solid", "notes", "tags", "birth_date",
                                            "first_name", "birth_time"]),
                           values), min_size=1, max_size=4)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
def test_generated_api_records_import_whole_or_not_at_all(
        baby_buddy: FakeBabyBuddy, edits: list[tuple[str, int, str, object]]) -> None:
    for name in LISTS:
        baby_buddy.records[name] = json.loads((DATA / LISTS[name]).read_bytes())["results"]
    for name, index, key, value in edits:
        rows = baby_buddy.records[name]
        rows[index % len(rows)][key] = value
    before = journal_now()
    result = run("import", "--from", "babybuddy", baby_buddy.url)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.output.startswith("error: ") and journal_now() == before
    else:
        again = run("import", "--from", "babybuddy", baby_buddy.url)
        assert again.exit_code == 0 and "nothing new" in again.output, again.output


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.integers(0, 4), st.integers(1, 30), st.integers(0, 10),
                                st.text(max_size=12)), min_size=1, max_size=4))
def test_generated_csv_cells_import_whole_or_not_at_all(
        tmp_path_factory: pytest.TempPathFactory,
        cells: list[tuple[int, int, int, str]]) -> None:
    import csv
    import io

    folder = tmp_path_factory.mktemp("csv")
    tables = [list(csv.reader(io.StringIO(Path(name).read_text(encoding="utf-8"),
                                          newline=""))) for name in CSV]
    for table_index, row, column, text in cells:
        table = tables[table_index]
        line = table[row % len(table)]
        line[column % len(line)] = text
    for name, table in zip(CSV, tables, strict=True):
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(table)
        (folder / Path(name).name).write_text(out.getvalue(), encoding="utf-8", newline="")
    before = journal_now()
    result = run("import", "--from", "babybuddy-csv", str(folder))
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.output.startswith("error: ") and journal_now() == before
