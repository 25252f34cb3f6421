"""What works for me over JSON: factor effects, the forest plot, and n-of-1 experiments.

``GET /insights`` gives every factor's effect in words and numbers (as ``letdown
insights --json``); ``GET /insights/plot.svg`` the forest plot. ``GET /experiments/
current`` says where the running (or last) experiment stands; ``POST /experiments``
starts one from a strict body (unknown fields, a target that is not a technique or a
pump setting, a session count that is not whole blocks: 422 with the reason, nothing
written; another one running: 409); ``POST /experiments/current/stop`` ends it. Like
every unsafe API request these need the app's own origin and a JSON body.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from letdown.journal.service import Journal
from letdown.web.api.errors import as_http_errors
from letdown.web.services import journal, services

if TYPE_CHECKING:
    from letdown.insights.effects import Insights
    from letdown.insights.experiments import Analysis

router = APIRouter(tags=["what works for me"])
JournalDep = Annotated[Journal, Depends(journal)]


class NewExperiment(BaseModel):
    """What to test, and for how many sessions."""

    model_config = ConfigDict(extra="forbid")

    target: Annotated[str, StringConstraints(min_length=1, max_length=120)] = Field(
        description="A technique (warm_compress, music, ...) or a pump setting as name=value "
                    "(suction_level=5, cycle=expression, flange_mm=27, suction_mmhg=180).")
    sessions: StrictInt = Field(default=12, ge=4, le=60, description="Sessions (4-60).")
    block: Literal[2, 4] = Field(default=4, description="Sessions per balanced block.")
    seed: StrictInt | None = Field(default=None, ge=0, le=2**31 - 1,
                                   description="Seed of the random plan (default: fresh).")


def insights_for(request: Request, store: Journal, days: int | None) -> Insights:
    """The journal's insights, computed once per change of the journal (memoised)."""
    from letdown.evidence import load_evidence
    from letdown.insights.effects import estimate
    from letdown.journal.when import local_zone

    own = services(request)
    zone = local_zone(request.app.state.settings.timezone)

    def compute() -> Insights:
        since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days) if days else None
        return estimate(store.list_sessions(since=since, newest_first=False),
                        load_evidence(), zone)

    day = dt.datetime.now(dt.UTC).date() if days else None
    return own.memo("insights", (own.writes, days, day), compute)


def current_experiment(store: Journal, *, latest: bool = True) -> Analysis | None:
    """The running experiment's analysis (or the last one's, with ``latest``)."""
    from letdown.evidence import load_evidence
    from letdown.insights.experiments import analyse
    from letdown.journal.experiments import Experiments

    kept = Experiments(store)
    found = kept.running() or (kept.latest() if latest else None)
    if found is None:
        return None
    return analyse(found, store.list_sessions(since=found.started, newest_first=False),
                   load_evidence())


Days = Annotated[int | None, Query(ge=1, le=3650, description="Only the last N days.")]


@router.get("/insights", summary="What seems to help you, and how sure")
def get_insights(request: Request, store: JournalDep, days: Days = None) -> dict[str, Any]:
    from letdown.insights.plain import as_plain
    from letdown.insights.words import summary

    found = insights_for(request, store, days)
    return {"summary": summary(found), **as_plain(found)}


@router.get("/insights/plot.svg", summary="The forest plot (SVG)",
            responses={200: {"content": {"image/svg+xml": {}}},
                       404: {"description": "No factor has enough sessions yet."}})
def get_plot(request: Request, store: JournalDep, days: Days = None) -> Response:
    from letdown.insights.plot import forest_svg

    svg = forest_svg(insights_for(request, store, days))
    if svg is None:
        raise HTTPException(404, detail="No plot yet: no factor has enough sessions with and "
                                        "without it (3 of each).")
    return Response(svg, media_type="image/svg+xml")


@router.get("/experiments/current", summary="The running (or last) experiment")
def get_experiment(store: JournalDep) -> dict[str, Any] | None:
    """Where it stands, the next session's assignment and what it found; null if none."""
    from letdown.insights.plain import experiment_plain

    found = current_experiment(store)
    return None if found is None else experiment_plain(found)


@router.post("/experiments", status_code=201, summary="Start an experiment",
             responses={409: {"description": "Another experiment is running."},
                        422: {"description": "Not something to test, or not whole blocks."}})
def start_experiment(store: JournalDep, body: NewExperiment) -> dict[str, Any]:
    from letdown.insights.experiments import new_seed, schedule
    from letdown.insights.plain import experiment_plain
    from letdown.journal.experiments import BadTarget, Experiment, Experiments, parse_target

    try:
        target = parse_target(body.target)
    except BadTarget as error:
        raise HTTPException(422, detail=str(error)) from None
    if body.sessions % body.block:
        raise HTTPException(422, detail=f"sessions: {body.sessions} is not a whole number of "
                                        f"blocks of {body.block}; allowed: a multiple of "
                                        f"{body.block}")
    seed = new_seed() if body.seed is None else body.seed
    record = Experiment(target=target.text, planned=body.sessions, block=body.block,
                        seed=seed, plan=schedule(body.sessions, body.block, seed),
                        started=dt.datetime.now(dt.UTC))
    kept = Experiments(store)
    with as_http_errors():
        before = current_experiment(store, latest=False)
        if before is not None and before.state in ("finished", "clear early"):
            assert before.experiment.id is not None
            kept.stop(before.experiment.id, before.state)
        kept.start(record)
    found = current_experiment(store)
    assert found is not None
    return experiment_plain(found)


@router.post("/experiments/current/stop", summary="Stop the running experiment",
             responses={404: {"description": "No experiment is running."}})
def stop_experiment(store: JournalDep) -> dict[str, Any]:
    from letdown.insights.plain import experiment_plain
    from letdown.journal.experiments import Experiments

    found = current_experiment(store, latest=False)
    if found is None:
        raise HTTPException(404, detail="No experiment is running; nothing to stop.")
    assert found.experiment.id is not None
    reason = found.state if found.state in ("finished", "clear early") else "stopped"
    with as_http_errors():
        Experiments(store).stop(found.experiment.id, reason)
    after = current_experiment(store)
    assert after is not None
    return experiment_plain(after)
