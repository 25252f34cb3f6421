"""Insights: what seems to help you, how sure that is, and an experiment to find out.

``GET /insights`` shows the plain-words lines (what helps first), the running
experiment with this session's assignment, a form to start one, and the forest plot
(``/api/v1/insights/plot.svg``). ``POST /insights/experiment`` starts an experiment
(bad input: the page again, 422, with the reasons and what was typed; nothing written);
``do=stop`` ends it. ``guided_assignment`` is what the guided
session page shows at its start (``_experiment_assignment.html``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.journal.records import Kind, Technique
from letdown.journal.service import Journal
from letdown.web.forms import FormData
from letdown.web.pages.common import read_form, see_other
from letdown.web.services import journal
from letdown.web.templating import render

if TYPE_CHECKING:
    from letdown.insights.experiments import Analysis

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
FormDep = Annotated[FormData, Depends(read_form)]

#: Techniques offered for an experiment ("other" is too vague to test).
TESTABLE = [t for t in Technique if t is not Technique.other]
PLANS = (("8", "8 sessions"), ("12", "12 sessions"), ("16", "16 sessions"),
         ("24", "24 sessions"))


def guided_assignment(store: Journal, kind: str | Kind | None) -> dict[str, Any] | None:
    """The running experiment's word for the session about to start, for the guided page:
    ``{"text": ..., "short": ..., "on": bool}``; None when no experiment runs or it does
    not apply (a pump setting, and this is not a pump session)."""
    from letdown.insights.experiment_words import next_session, next_short
    from letdown.web.api.insights import current_experiment

    try:
        found = current_experiment(store, latest=False)
    except Exception:  # the guided session must start whatever happens here
        return None
    if found is None or found.next_on is None:
        return None
    if found.experiment.parsed.kind == "pump" and str(kind) != Kind.pump.value:
        return None
    text, short = next_session(found), next_short(found)
    if text is None or short is None:
        return None
    return {"text": text, "short": short, "on": found.next_on}


def _page(request: Request, store: Journal, form: FormData | None = None,
          errors: list[str] | None = None, *, notice: str = "", status: int = 200) -> Response:
    from letdown.insights.experiment_words import status_lines
    from letdown.insights.words import lines, summary
    from letdown.web.api.insights import current_experiment, insights_for

    found = insights_for(request, store, None)
    experiment: Analysis | None = current_experiment(store)
    shown = lines(found)
    return render(request, "insights.html", {
        "summary": summary(found),
        "lines": shown,
        "has_plot": any(e.time is not None for e in found.effects),
        "experiment": experiment,
        "experiment_lines": status_lines(experiment) if experiment else [],
        "running": experiment is not None and experiment.state == "running",
        "techniques": TESTABLE,
        "plans": PLANS,
        "f": form or FormData([("target", "warm_compress"), ("sessions", "12")]),
        "errors": errors or [],
        "notice": notice,
    }, status_code=status)


@router.get("/insights")
def insights_page(request: Request, store: JournalDep, started: bool = False,
                  stopped: bool = False) -> Response:
    notice = ("Experiment started: the guided session shows what to do each time."
              if started else "Experiment stopped; what it found is kept below."
              if stopped else "")
    return _page(request, store, notice=notice)


@router.post("/insights/experiment")
def start_experiment(request: Request, store: JournalDep, form: FormDep) -> Response:
    """Start an experiment from the form (or stop the running one, ``do=stop``); on bad
    input show the page again with the reasons."""
    from letdown.insights.experiments import new_seed, schedule
    from letdown.journal.errors import Conflict
    from letdown.journal.experiments import BadTarget, Experiment, Experiments, parse_target
    from letdown.web.api.insights import current_experiment
    from letdown.web.pages.common import now

    if form.get("do") == "stop":
        return _stop(store)
    errors: list[str] = []
    target_text = form.get("setting") if form.get("target") == "pump" else form.get("target")
    try:
        target = parse_target(target_text)
    except BadTarget as error:
        errors.append(str(error))
    planned_text = form.get("sessions")
    planned = int(planned_text) if planned_text in {p for p, _ in PLANS} else 0
    if not planned:
        errors.append("sessions: choose how many sessions; allowed: "
                      + ", ".join(p for p, _ in PLANS))
    if errors:
        return _page(request, store, form, errors, status=422)
    record = Experiment(target=target.text, planned=planned, block=4, seed=(seed := new_seed()),
                        plan=schedule(planned, 4, seed), started=now())
    kept = Experiments(store)
    before = current_experiment(store, latest=False)
    if before is not None and before.state in ("finished", "clear early"):
        assert before.experiment.id is not None
        kept.stop(before.experiment.id, before.state)
    try:
        kept.start(record)
    except Conflict as error:
        return _page(request, store, form, [str(error)], status=409)
    return see_other("/insights?started=1")


def _stop(store: Journal) -> Response:
    from letdown.journal.experiments import Experiments
    from letdown.web.api.insights import current_experiment

    found = current_experiment(store, latest=False)
    if found is not None and found.experiment.id is not None:
        reason = found.state if found.state in ("finished", "clear early") else "stopped"
        Experiments(store).stop(found.experiment.id, reason)
    return see_other("/insights?stopped=1")
