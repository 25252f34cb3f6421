"""History: every session with filters, and charts of time-to-let-down and volume."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.responses import Response

from letdown.journal.records import MAX_ID, Kind, Place, Session, Technique
from letdown.journal.service import Journal
from letdown.web import charts
from letdown.web.forms import validate
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


class Filter(BaseModel):
    """What History's filter form asks for; each blank field means "any"."""

    model_config = ConfigDict(extra="ignore")

    kind: Kind | None = None
    context: Place | None = None
    technique: Technique | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    baby: int | None = Field(default=None, ge=1, le=MAX_ID)

    @model_validator(mode="after")
    def _in_order(self) -> Filter:
        if self.since and self.until and self.until < self.since:
            raise ValueError("until: the date is before the “From” date; "
                             "swap them or clear one")
        return self


#: The filter form's labels, so a problem names the field as the parent sees it.
LABELS = {"kind": "How", "context": "Where", "technique": "Technique used", "since": "From",
          "until": "To", "baby": "Baby"}


def read_filter(
    request: Request,
) -> tuple[Filter | None, dict[str, str], list[str], dict[str, str]]:
    """(the filter or None, what was typed, the problems in the form's own words, and
    each problem keyed by its field, to show next to it)."""
    typed = {name: request.query_params.get(name, "").strip()[:100] for name in LABELS}
    filled = {name: value for name, value in typed.items() if value}
    chosen, errors = validate(Filter, filled)
    worded: list[str] = []
    by_field: dict[str, str] = {}
    for line in errors:
        name, sep, problem = line.partition(": ")
        if sep and name in LABELS:
            worded.append(f"{LABELS[name]}: {problem}")
            by_field[name] = f"{by_field[name]} {problem}" if name in by_field else problem
        else:
            worded.append(line)
    return chosen, typed, worded, by_field


@router.get("/history")
def history(request: Request, store: JournalDep, deleted: bool = False) -> Response:
    chosen, typed, errors, by_field = read_filter(request)
    if chosen is None:
        # keep what was typed, say what is wrong, list nothing until it is fixed
        return render(request, "history.html",
                      {**_context(store, [], typed, deleted, errors), "fe": by_field},
                      status_code=422)
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

    kind, context, technique = chosen.kind, chosen.context, chosen.technique
    sessions = store.list_sessions(
        kind=kind, since=start_of(chosen.since), until=start_of(chosen.until, 1),
        baby_id=chosen.baby, limit=LIMIT,
    )
    sessions = filter_sessions(
        sessions, context=context.value if context else None,
        technique=technique.value if technique else None,
    )
    lets, volumes = letdown_points(sessions), volume_points(sessions)
    figures = [
        ("letdown-time", "Time to let-down over time",
         charts.time_chart(lets, "letdown-time", "minutes to let-down (m:ss)",
                           "Time to the first let-down, per session, over time", seconds=True,
                           zone=local)),
        ("volume-time", "Milk volume over time",
         charts.time_chart(volumes, "volume-time", "mL (both sides)",
                           "Total milk volume per session over time", zone=local)),
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
    return render(request, "history.html", {
        **_context(store, sessions, typed, deleted, []), "figures": shown,
        "min_points": charts.MIN_POINTS,
        # sessions, but too few for the time charts: say a trend is coming
        "too_few": bool(sessions) and (
            len(lets) < charts.MIN_POINTS and len(volumes) < charts.MIN_POINTS),
    })


def _context(store: Journal, sessions: list[Session], typed: dict[str, str], deleted: bool,
             errors: list[str]) -> dict[str, Any]:
    babies = store.list_babies()
    return {
        "sessions": sessions,
        "who": who_was_fed(sessions, babies),
        "babies": babies if len(babies) > 1 else [],
        "figures": [],
        "kinds": list(Kind), "places": list(Place), "techniques": list(Technique),
        "chosen": typed,
        "deleted": deleted,
        "limit": LIMIT,
        "errors": errors,
        "fe": {},
    }
