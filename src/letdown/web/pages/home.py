"""Home: start a session in one tap, the last sessions, the let-down trend, advice in a line."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.journal.service import Journal
from letdown.web.services import journal
from letdown.web.sparkline import sparkline
from letdown.web.summary import letdown_points, trend, who_was_fed
from letdown.web.templating import render

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]


@router.get("/")
def home(request: Request, store: JournalDep) -> Response:
    recent = store.list_sessions(limit=30)
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
            "advice": _advice_line(request, store),
        },
    )


def _advice_line(request: Request, store: Journal) -> str | None:
    """The current advice in one line (None before any session or questionnaire)."""
    from letdown.web.advice import current_advice, inputs_key, one_line
    from letdown.web.services import services

    settings = request.app.state.settings
    own = services(request)
    key = (own.writes, inputs_key(store, settings))
    found = own.memo("advice", key, lambda: current_advice(store, settings))
    return one_line(found[0]) if found else None
