"""History: every session with filters, and charts of time-to-let-down and volume."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from letdown.journal.records import MAX_ID, Kind, Place, Technique
from letdown.journal.service import Journal
from letdown.web import charts
from letdown.web.pages.common import zone
from letdown.web.services import journal
from letdown.web.summary import (
    by_context,
    by_technique,
    filter_sessions,
    letdown_points,
    volume_points,
    who_was_fed,
)
from letdown.web.templating import render

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
#: Most sessions one History page lists and charts.
LIMIT = 500


@router.get("/history")
def history(
    request: Request,
    store: JournalDep,
    kind: Annotated[Kind | None, Query()] = None,
    context: Annotated[Place | None, Query()] = None,
    technique: Annotated[Technique | None, Query()] = None,
    since: Annotated[dt.date | None, Query()] = None,
    until: Annotated[dt.date | None, Query()] = None,
    baby: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    deleted: bool = False,
) -> Response:
    local = zone(request)

    def start_of(day: dt.date | None, extra: int = 0) -> dt.datetime | None:
        """Midnight starting ``day`` (+ ``extra`` days), in UTC; None when that falls
        outside the calendar (year 1 east of UTC, the day after 9999-12-31): such a
        bound leaves nothing out."""
        if day is None:
            return None
        try:
            start = dt.datetime.combine(day + dt.timedelta(days=extra), dt.time(), tzinfo=local)
            return start.astimezone(dt.UTC)
        except OverflowError:
            return None

    babies = store.list_babies()
    sessions = store.list_sessions(
        kind=kind, since=start_of(since), until=start_of(until, 1), baby_id=baby, limit=LIMIT
    )
    sessions = filter_sessions(
        sessions, context=context.value if context else None,
        technique=technique.value if technique else None,
    )
    lets, volumes = letdown_points(sessions), volume_points(sessions)
    figures = [
        ("letdown-time", "Time to let-down over time",
         charts.time_chart(lets, "letdown-time", "minutes to let-down (m:ss)",
                           "Time to the first let-down, per session, over time", seconds=True)),
        ("volume-time", "Milk volume over time",
         charts.time_chart(volumes, "volume-time", "mL (both sides)",
                           "Total milk volume per session over time")),
    ]
    if len(sessions) >= charts.MIN_POINTS:
        # medians of one or two sessions per group say nothing yet
        figures += [
            ("letdown-context", "Time to let-down by context (median)",
             charts.bar_chart(by_context(sessions), "letdown-context",
                              "median time to let-down (m:ss)",
                              "Median time to let-down by place and feeling", seconds=True)),
            ("letdown-technique", "Time to let-down by technique (median)",
             charts.bar_chart(by_technique(sessions), "letdown-technique",
                              "median time to let-down (m:ss)",
                              "Median time to let-down by technique used", seconds=True)),
            ("volume-technique", "Volume by technique (median)",
             charts.bar_chart(by_technique(sessions, "volume"), "volume-technique",
                              "median mL", "Median volume by technique used")),
        ]
    shown = [f for f in figures if f[2]]
    return render(
        request,
        "history.html",
        {
            "sessions": sessions,
            "who": who_was_fed(sessions, babies),
            "babies": babies if len(babies) > 1 else [],
            "figures": shown,
            # sessions, but too few for the time charts: say a trend is coming
            "min_points": charts.MIN_POINTS,
            "too_few": bool(sessions) and (
                len(lets) < charts.MIN_POINTS and len(volumes) < charts.MIN_POINTS),
            "kinds": list(Kind), "places": list(Place), "techniques": list(Technique),
            "chosen": {"kind": kind, "context": context, "technique": technique,
                       "since": since, "until": until, "baby": baby},
            "deleted": deleted,
            "limit": LIMIT,
        },
    )
