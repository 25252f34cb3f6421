"""The report for a consultant: choose the days and a question, then open the printable
HTML or download the PDF.

``GET /report`` shows the form (the last 30 days by default). ``GET /report/view`` and
``GET /report/pdf`` make the report from the query (``from``, ``to``, ``question``); they
change nothing, so GET is right. A bad query gives the form again with the reasons (400);
a period with nothing in it, the same (404). The report itself is the same one the CLI
writes (``letdown.reports``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import HTMLResponse, Response

from letdown.journal.service import Journal
from letdown.web.pages.common import now, zone
from letdown.web.services import journal
from letdown.web.templating import render

if TYPE_CHECKING:
    from letdown.reports.model import Report

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
#: Query fields and the labels the form gives them.
LABELS = {"from": "From", "to": "To", "question": "Your question"}


class Refused(Exception):
    """A report request the page answers with the form and its reasons."""

    def __init__(self, status: int, problems: dict[str, str]) -> None:
        super().__init__(status)
        self.status = status
        self.problems = problems


def _typed(request: Request) -> dict[str, str]:
    return {name: request.query_params.get(name, "")[:4000] for name in LABELS}


def _day(text: str, name: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Refused(400, {name: f"{text[:40]!r} is not a date; allowed: a date such as "
                                  "2026-11-28"}) from None


def _make(request: Request, store: Journal) -> Report:
    """The report the query asks for, or ``Refused`` with what to fix."""
    from letdown.evidence import load_evidence
    from letdown.reports.gather import bounds, from_journal
    from letdown.reports.period import RequestProblem, period, question
    from letdown.web.advice import current_advice

    typed = _typed(request)
    tz = zone(request)
    today = now().astimezone(tz).date()
    try:
        start, end = period(_day(typed["from"], "from"), _day(typed["to"], "to"), today)
        asked = question(typed["question"])
    except RequestProblem as problem:
        raise Refused(400, {problem.field: str(problem)}) from None
    since, until = bounds(start, end, tz)
    dates = [w.date for w in store.list_weights()] + [d.date for d in store.list_diapers()]
    if not store.count_sessions(since=since, until=until) and not any(
            start <= day <= end for day in dates):
        raise Refused(404, {"from": f"there are no sessions, weights or diaper counts from "
                                    f"{start.isoformat()} to {end.isoformat()}; choose days "
                                    "with records"})
    found = current_advice(store, request.app.state.settings)
    return from_journal(store, start, end, today=today, zone=tz, question=asked,
                        advice=found[0] if found else None, evidence=load_evidence())


def _form(request: Request, refused: Refused | None = None) -> Response:
    today = now().astimezone(zone(request)).date()
    typed = _typed(request) if refused else {
        "from": (today - dt.timedelta(days=29)).isoformat(), "to": today.isoformat(),
        "question": ""}
    problems = refused.problems if refused else {}
    return render(request, "report_form.html", {
        "f": typed, "fe": problems, "today": today.isoformat(),
        "errors": [f"{LABELS[k]}: {v}" for k, v in problems.items()],
    }, status_code=refused.status if refused else 200)


@router.get("/report")
def report_form(request: Request) -> Response:
    return _form(request)


@router.get("/report/view")
def report_view(request: Request, store: JournalDep) -> Response:
    from letdown.reports.render import render_html

    try:
        made = _make(request, store)
    except Refused as refused:
        return _form(request, refused)
    return HTMLResponse(render_html(made))


@router.get("/report/pdf")
def report_pdf(request: Request, store: JournalDep) -> Response:
    from letdown.reports.render import render_html, render_pdf

    try:
        made = _make(request, store)
    except Refused as refused:
        return _form(request, refused)
    name = f"letdown-report-{made.start.isoformat()}-to-{made.end.isoformat()}.pdf"
    return Response(render_pdf(render_html(made)), media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{name}"',
                             "cache-control": "no-store"})
