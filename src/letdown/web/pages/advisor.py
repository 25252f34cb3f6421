"""Advisor: the questionnaire as a form; causes, plan, escalation and citations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.journal.service import Journal
from letdown.web.advice import current_advice, facts_from, load_answers, save_answers
from letdown.web.forms import FormData
from letdown.web.pages.common import read_form
from letdown.web.questionnaire_form import errors_by_question, read_answers, sections
from letdown.web.services import journal
from letdown.web.templating import render

if TYPE_CHECKING:
    from letdown.advisor import Advice, Answers

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
FormDep = Annotated[FormData, Depends(read_form)]


def _answers_form(data: dict[str, object], prefix: str = "") -> list[tuple[str, str]]:
    """Saved answers flattened back into form fields (to pre-fill the questionnaire)."""
    items: list[tuple[str, str]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            items += _answers_form(value, f"{name}.")
        elif key == "tried" and isinstance(value, list):
            items += [(f"tried.{t['technique']}", str(t["outcome"])) for t in value]
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value) and key == "other_medicines":
                items.append((name, ", ".join(value)))
            else:
                items += [(name, str(v)) for v in value]
        elif isinstance(value, bool):
            items.append((name, "yes" if value else "no"))
        elif value is not None:
            items.append((name, str(value)))
    return items


def _page(request: Request, store: Journal, form: FormData, errors: list[str],
          advice: Advice | None, status: int = 200, values: dict[str, Any] | None = None,
          answers: Answers | None = None) -> Response:
    """The questionnaire (and advice); each problem in the summary and next to its question."""
    from letdown.advisor import Answers
    from letdown.advisor.reassurance import REASSURANCE, reassuring

    calm = advice is not None and reassuring(advice, answers)
    return render(
        request, "advisor.html",
        {"sections": sections(Answers), "f": form, "errors": errors, "advice": advice,
         "calm": calm, "reassurance": REASSURANCE,
         "field_errors": errors_by_question(errors, Answers, values or {})},
        status_code=status,
    )


@router.get("/advisor")
def advisor(request: Request, store: JournalDep) -> Response:
    """The questionnaire, pre-filled with the last answers, and the advice they give."""
    data_dir = request.app.state.settings.data_dir
    saved = load_answers(data_dir)
    form = FormData(_answers_form(saved.model_dump(mode="json")) if saved else [])
    found = current_advice(store, request.app.state.settings)
    return _page(request, store, form, [], found[0] if found else None, answers=saved)


@router.post("/advisor")
def advisor_submit(request: Request, store: JournalDep, form: FormDep) -> Response:
    """Check the answers; show the advice (and keep the answers for Home) or the reasons."""
    from pydantic import ValidationError

    from letdown.advisor import Answers, advise
    from letdown.journal.records import describe_errors

    values = read_answers(form, Answers)
    try:
        answers = Answers.model_validate(values)
    except ValidationError as error:
        return _page(request, store, form, describe_errors(error, Answers), None, status=422,
                     values=values)
    settings = request.app.state.settings
    save_answers(settings.data_dir, answers)
    return _page(request, store, form, [], advise(answers, facts_from(store, settings)),
                 answers=answers)
