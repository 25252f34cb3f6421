"""Reflex explorer: sliders for stress, alcohol, vacuum, warmth, cues and flange fit.

Works as a plain GET form; with JavaScript the result part is fetched again
(``?part=result``) as a slider moves, so the traces follow the sliders.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from letdown.journal.records import describe_errors
from letdown.web import explorer
from letdown.web.templating import render

router = APIRouter()


def _settings(params: dict[str, Any]) -> tuple[explorer.ExploreSettings, list[str]]:
    values: dict[str, Any] = {}
    for name, field in explorer.ExploreSettings.model_fields.items():
        if field.annotation is bool:
            values[name] = params.get(name) in ("on", "true", "1", "yes")
        elif params.get(name) not in (None, ""):
            values[name] = params[name]
    try:
        return explorer.ExploreSettings.model_validate(values), []
    except ValidationError as error:
        return explorer.BASELINE, describe_errors(error, explorer.ExploreSettings)


@router.get("/explorer")
def explorer_page(
    request: Request, part: Annotated[str | None, Query(max_length=10)] = None
) -> Response:
    settings, errors = _settings(dict(request.query_params))
    trace, baseline = explorer.run(settings), explorer.run(explorer.BASELINE)
    context = {
        "s": settings, "errors": errors, "figure": explorer.figure(settings),
        "metrics": explorer.metric_rows(trace, baseline),
        "week_figure": explorer.week_figure(settings), "week": explorer.week_rows(settings),
        "fields": explorer.ExploreSettings.model_fields,
    }
    name = "_explorer_result.html" if part == "result" else "explorer.html"
    return render(request, name, context, status_code=422 if errors else 200)
