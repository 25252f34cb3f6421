"""Home: start a session in one tap, the last sessions, the let-down trend, advice in a line."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.journal.service import Journal
from letdown.web.services import journal
from letdown.web.sparkline import sparkline
from letdown.web.summary import letdown_points, trend, who_was_fed
from letdown.web.templating import render

router = APIRouter()
#: Sessions Home reads for its list and let-down trend.
RECENT = 30
JournalDep = Annotated[Journal, Depends(journal)]


@router.get("/")
def home(request: Request, store: JournalDep) -> Response:
    recent = store.list_sessions(limit=RECENT)
    points = letdown_points(recent)
    return render(
        request,
        "home.html",
        {
            "recent": recent[:5],
            "who": who_was_fed(recent[:5], store.list_babies()),
            "count": len(recent),
            "points": points,
            "trend": trend(points),
            "spark": sparkline([p.value for p in points]),
            **(advice := _advice(request, store)),
            **_trends(request, store, recent, advice["raised"]),
        },
    )


#: The trends compare the newest session's week with the week before it.
TREND_SPAN = dt.timedelta(days=14)


def _trends(
    request: Request, store: Journal, recent: list[Any], raised: set[str]
) -> dict[str, Any]:
    """Persistent problems (``letdown.trends``) not already shown by the advice line.

    Urgent ones go to the top of the page (``trends_urgent``), the rest below the advice.
    Computed once per write (the same memo as the advice), so Home stays fast.
    """
    from letdown.evidence import load_evidence
    from letdown.journal.when import local_zone
    from letdown.trends.findings import find_trends
    from letdown.web.services import services

    settings = request.app.state.settings
    today = dt.datetime.now(local_zone(settings.timezone)).date()
    own = services(request)

    def compute() -> list[Any]:
        sessions = recent
        if recent:  # the two weeks before the newest session (``recent`` may cover them)
            since = recent[0].start - TREND_SPAN
            if len(recent) == RECENT and recent[-1].start > since:
                sessions = store.list_sessions(since=since)
        return find_trends(sessions, store.list_babies(), store.list_weights(),
                           store.list_diapers(), today, load_evidence())

    found = [f for f in own.memo("trends", (own.writes, today), compute)
             if f.id not in raised]
    return {"trends_urgent": [f for f in found if f.urgent],
            "trends": [f for f in found if not f.urgent]}


def _advice(request: Request, store: Journal) -> dict[str, Any]:
    """The current advice in one line (None before any session or questionnaire), and why:
    the logged records behind its red flags (``flags``, each linking to its record) and
    its other red-flag reasons in the advisor's words (``reasons``)."""
    from letdown.evidence import load_evidence
    from letdown.journal.when import local_zone
    from letdown.web.advice import current_advice, inputs_key, one_line
    from letdown.web.record_flags import record_flags
    from letdown.web.services import services

    settings = request.app.state.settings
    own = services(request)
    key = (own.writes, inputs_key(store, settings))
    found = own.memo("advice", key, lambda: current_advice(store, settings))
    if not found:
        return {"advice": None, "flags": [], "reasons": [], "raised": set()}
    advice = found[0]
    raised = {r.red_flag for r in advice.escalation.reasons if r.red_flag}
    today = dt.datetime.now(local_zone(settings.timezone)).date()
    flags = [
        f for f in record_flags(store.list_babies(), store.list_weights(), store.list_diapers(),
                                today, load_evidence())
        if raised.intersection(f.flag_ids)
    ]
    shown = {i for f in flags for i in f.flag_ids}
    reasons = [r.text for r in advice.escalation.reasons
               if r.red_flag and r.red_flag not in shown]
    return {"advice": one_line(advice), "flags": flags, "reasons": reasons, "raised": raised}
