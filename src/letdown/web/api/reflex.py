"""The reflex model over JSON: the explorer's settings in, a simulated session out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from letdown.web.explorer import ExploreSettings, run

router = APIRouter()


@router.post("/simulate", tags=["reflex"], summary="Simulate one session of the typical person")
def simulate_endpoint(
    settings: ExploreSettings,
    series: Annotated[bool, Query(description="Include the time series (t in s).")] = True,
) -> dict[str, Any]:
    """Group-level model output, not a prediction for one person."""
    result: dict[str, Any] = run(settings).as_dict(series=series)
    return result
