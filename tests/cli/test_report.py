"""``letdown report``: a month gives two PDF pages and an HTML file, written whole and never
over an existing file without --force; bad dates, paths, questions and an empty journal
end in one line, exit 2, nothing written."""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from tests.reports.month import fill_month

from letdown.cli import cli
from letdown.journal.service import Journal


def _today() -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["report", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_month_report_is_written_and_never_over_a_file_without_force(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open() as journal:
        fill_month(journal, _today())
    tmp_path = tmp_path / "out"  # the data folder is beside it
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    code, out = _run("--question", "Is my flange right?")
    default = tmp_path / f"letdown-report-{_today().isoformat()}.pdf"
    assert code == 0, out
    assert f"Report written to {default.name}" in out
    reader = PdfReader(io.BytesIO(default.read_bytes()))
    assert len(reader.pages) <= 2
    assert "Is my flange right?" in (reader.pages[0].extract_text() or "")
    assert os.stat(default).st_mode & 0o077 == 0  # readable by the parent only

    html = tmp_path / "r.html"
    html.write_text("keep me")
    code, out = _run("--html", str(html), "--pdf", "new.pdf")
    assert code == 2
    assert out.strip().splitlines() == [
        f"error: --html: {html} already exists; add --force to overwrite it"]
    assert html.read_text() == "keep me" and not (tmp_path / "new.pdf").exists()

    code, out = _run("--from", "14d", "--to", "yesterday", "--html", str(html), "--force")
    assert code == 0, out
    assert "<h2>For the consultant</h2>" in html.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [default.name, "r.html"]  # no temps


@pytest.mark.parametrize(("args", "says"), [
    (["--from", "2026-02-30"], "--from: '2026-02-30' is not a day"),
    (["--to", "2999-01-01"], "--to: "),
    (["--from", "today", "--to", "3d"], "is after the end"),
    (["--from", "2000-01-01", "--to", "2020-01-01"], "allowed: up to 366 days"),
    (["--question", "x" * 1001], "--question: is 1001 characters long"),
    (["--question", "a\x07b"], "--question: contains characters that are not text"),
    (["--pdf", "report.txt"], "--pdf: 'report.txt' does not end in .pdf"),
    (["--html", "no/such/folder/r.html"], "--html: there is no folder no/such/folder"),
    ([], "the journal is empty"),
])
def test_bad_requests_end_in_one_line_and_write_nothing(
        args: list[str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    code, out = _run(*args)
    assert code == 2
    assert len(out.strip().splitlines()) == 1 and says in out, out
    assert list(tmp_path.iterdir()) == []


DAYS = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
    st.integers(0, 5000).map(lambda n: f"{n}d"),
    st.sampled_from(["today", "yesterday", "", " ", "2026-13-01", "0000-00-00", "30 days ago"]),
    st.text(max_size=12),
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.none() | DAYS, end=st.none() | DAYS,
       question=st.none() | st.text(max_size=40) | st.text(min_size=990, max_size=1100))
def test_any_dates_and_question_give_a_report_or_one_line(
        tmp_path: Path, start: str | None, end: str | None, question: str | None) -> None:
    """Whatever is typed: exit 0 with the file, or exit 2 with one line and no file."""
    _small_journal()
    target = tmp_path / f"{uuid.uuid4().hex}.html"
    args = ["--html", str(target)]
    for flag, value in (("--from", start), ("--to", end), ("--question", question)):
        if value is not None:
            args += [flag, value]
    code, out = _run(*args)
    assert code in (0, 2), out
    if code == 2:
        assert out.startswith("error: ") and not target.exists()
    else:
        assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


def _small_journal() -> None:
    """Ten sessions over the last ten days, once per test (the journal is kept)."""
    from letdown.journal.records import Kind, LetDown, Session, Side, Sides

    with Journal.open() as journal:
        if journal.count_sessions():
            return
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        for i in range(1, 11):
            start = now - dt.timedelta(days=i, hours=1)
            journal.add_session(Session(
                kind=Kind.pump, sides=Sides.both, start=start,
                end=start + dt.timedelta(minutes=20), volume_left_ml=50, volume_right_ml=40,
                letdowns=[LetDown(side=Side.right, at_s=60 + 7 * i)], pain=i % 4,
                pump_name="Medela", flange_mm=24))
