"""``letdown report``: the consultation report (HTML and/or PDF) for a date range.

Everything is checked before anything is computed (dates, the question, the files);
the report is then built from the journal (``letdown.reports``), rendered, and each file
written whole or not at all: every output goes to a temporary file beside its target
first, and only when all are complete are they renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import click

from letdown.cli.common import day_value, fail, now_utc, open_journal, refuse_live_journal, zone
from letdown.cli.paths import SafePath

if TYPE_CHECKING:
    from letdown.reports.model import Report

SUFFIXES = {"--html": (".html", ".htm"), "--pdf": (".pdf",)}


def _check_target(path: Path, flag: str, force: bool) -> Path:
    """``path`` when a report may be written there, else a one-line refusal (exit 2)."""
    allowed = SUFFIXES[flag]
    if path.suffix.lower() not in allowed:
        fail(f"{flag}: {str(path)!r} does not end in {' or '.join(allowed)}; allowed: a file "
             f"name such as report{allowed[0]}")
    try:
        mode = path.stat().st_mode if path.exists() else None
    except OSError as error:
        fail(f"{flag}: cannot use {path}: {error.strerror or error}")
    if mode is not None and stat.S_ISDIR(mode):
        fail(f"{flag}: {path} is a folder; give a file name in it, e.g. "
             f"{path / ('report' + allowed[0])}")
    if mode is not None and not stat.S_ISREG(mode):
        fail(f"{flag}: {path} is not an ordinary file; give a file name")
    if mode is not None and not force:
        fail(f"{flag}: {path} already exists; add --force to overwrite it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        fail(f"{flag}: there is no folder {parent}; create it first or choose another")
    if not os.access(parent, os.W_OK):
        fail(f"{flag}: cannot write in the folder {parent}; choose one you can write to")
    refuse_live_journal(path, flag)
    return path


def _write_all(outputs: list[tuple[Path, bytes, str]]) -> None:
    """Write every output to a temporary file, then rename them all into place; on any
    failure remove the temporary files and end with one line (nothing written)."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, payload, flag in outputs:
            temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
            temps.append((temp, path))
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as error:
                fail(f"{flag}: could not write {path}: {error.strerror or error}; "
                     "nothing was written")
        for temp, path in temps:
            os.replace(temp, path)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)


@click.command()
@click.option("--from", "start_text", metavar="DATE",
              help="First day (2026-11-01, 30d, yesterday); default: the 30 days up to --to.")
@click.option("--to", "end_text", metavar="DATE", help="Last day; default: today.")
@click.option("--question", metavar="TEXT",
              help="Your question for the consultant, in your words (printed at the top).")
@click.option("--html", "html_path", type=SafePath(path_type=Path), metavar="PATH",
              help="Write the printable HTML report here.")
@click.option("--pdf", "pdf_path", type=SafePath(path_type=Path), metavar="PATH",
              help="Write the PDF report here (default when neither is given: "
              "letdown-report-DATE.pdf in this folder).")
@click.option("--force", is_flag=True, help="Overwrite the output files if they exist.")
def report(start_text: str | None, end_text: str | None, question: str | None,
           html_path: Path | None, pdf_path: Path | None, force: bool) -> None:
    """A report of your records for a lactation consultant, midwife or doctor.

    Two A4 pages for a month: let-down times, milk, pump settings, pain and stress,
    techniques, medicines, the baby's growth and diapers, the app's advice, and a blank
    part for the consultant. Your own records, not a diagnosis.

    \b
      letdown report --pdf report.pdf
      letdown report --from 2026-11-01 --to 2026-11-30 --question "Is my flange right?" \\
        --html report.html --pdf report.pdf
    """
    from letdown.reports.period import RequestProblem
    from letdown.reports.period import period as check_period
    from letdown.reports.period import question as check_question

    tz = zone()
    today = now_utc().astimezone(tz).date()
    start = day_value(start_text, "--from") if start_text is not None else None
    end = day_value(end_text, "--to") if end_text is not None else None
    try:
        start, end = check_period(start, end, today)
        asked = check_question(question)
    except RequestProblem as problem:
        fail(f"--{problem.field}: {problem}")
    if html_path is None and pdf_path is None:
        pdf_path = Path(f"letdown-report-{end.isoformat()}.pdf")
    targets = [(p, f) for p, f in ((html_path, "--html"), (pdf_path, "--pdf")) if p]
    checked = [(_check_target(p, f, force), f) for p, f in targets]
    made = _build(start, end, today, tz, asked)
    from letdown.reports.render import render_html, render_pdf

    html = render_html(made)
    outputs = [(path, html.encode("utf-8") if flag == "--html" else render_pdf(html), flag)
               for path, flag in checked]
    _write_all(outputs)
    for path, _, _ in outputs:
        click.echo(f"Report written to {path}", err=True)


def _build(start: dt.date, end: dt.date, today: dt.date, tz: dt.tzinfo,
           asked: str | None) -> Report:
    """The report model, or a one-line refusal when there is nothing to report."""
    from letdown.cli.common import current_settings
    from letdown.evidence import load_evidence
    from letdown.reports.gather import bounds, from_journal
    from letdown.web.advice import current_advice

    with open_journal() as journal:
        if journal.is_empty():
            fail("the journal is empty: there is nothing to report yet; log a session "
                 "first (letdown log) or import a journal (letdown import)")
        since, until = bounds(start, end, tz)
        in_period = journal.count_sessions(since=since, until=until)
        records = [w for w in journal.list_weights() if start <= w.date <= end] + [
            d for d in journal.list_diapers() if start <= d.date <= end]
        if not in_period and not records:
            fail(f"--from/--to: no sessions, weights or diaper counts from "
                 f"{start.isoformat()} to {end.isoformat()}; choose days with records "
                 "(letdown sessions lists them)")
        found = current_advice(journal, current_settings())
        return from_journal(journal, start, end, today=today, zone=tz, question=asked,
                            advice=found[0] if found else None, evidence=load_evidence())
