"""Advisor: the short path, "Tell us more", and the advice (causes, plan, when to get help).

The page asks the short path first (``letdown.advisor.short_path``: at most twelve
questions, every warning sign among them) and keeps the rest of the questionnaire in
folded "Tell us more" parts, which refine the advice once it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.advisor.question_list import more_sections, number_bounds
from letdown.journal.service import Journal
from letdown.web.advice import current_advice, facts_from, load_answers, save_answers
from letdown.web.forms import FormData
from letdown.web.pages.common import read_form
from letdown.web.questionnaire_form import errors_by_question, read_answers
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
          answers: Answers | None = None,
          placed_extra: dict[str, str] | None = None) -> Response:
    """The short path, then "Tell us more" (and the advice above them, once there is some).

    Each problem is in the summary and next to its question; a folded part of "Tell us
    more" that holds a problem is shown open.
    """
    from letdown.advisor import Answers
    from letdown.advisor.reassurance import REASSURANCE, reassuring
    from letdown.advisor.short_path import QUESTIONS
    from letdown.web.short_form import kept_items

    calm = advice is not None and reassuring(advice, answers)
    placed = {**errors_by_question(errors, Answers, values or {}), **(placed_extra or {})}
    more = [(s, any(q.name == k or k.startswith(q.name + ".") for q in s.questions
                    for k in placed)) for s in more_sections(Answers)]
    return render(
        request, "advisor.html",
        {"short": QUESTIONS, "numbers": number_bounds(Answers), "more": more, "f": form,
         "errors": errors, "advice": advice, "calm": calm, "reassurance": REASSURANCE,
         "field_errors": placed, "kept": kept_items(form)},
        status_code=status,
    )


@router.get("/advisor")
def advisor(request: Request, store: JournalDep) -> Response:
    """The questionnaire, pre-filled with the last answers, and the advice they give."""
    data_dir = request.app.state.settings.data_dir
    saved = load_answers(data_dir, store.access.owner_id)
    from letdown.web.short_form import short_items

    data = saved.model_dump(mode="json") if saved else {}
    form = FormData([*_answers_form(data), *short_items(data)])
    found = current_advice(store, request.app.state.settings)
    return _page(request, store, form, [], found[0] if found else None, answers=saved)


@router.post("/advisor")
def advisor_submit(request: Request, store: JournalDep, form: FormDep) -> Response:
    """Check the answers; show the advice (and keep the answers for Home) or the reasons."""
    from pydantic import ValidationError

    from letdown.advisor import Answers, advise
    from letdown.journal.records import describe_errors
    from letdown.web.short_form import read_ticks

    values = read_answers(form, Answers)
    ticks = read_ticks(form, values)
    if ticks:
        return _page(request, store, form, list(ticks.values()), None, status=422,
                     placed_extra=ticks)
    try:
        answers = Answers.model_validate(values)
    except ValidationError as error:
        return _page(request, store, form, describe_errors(error, Answers), None, status=422,
                     values=values)
    settings = request.app.state.settings
    store.access.require_write()  # the answers belong to the journal: same rule as a record
    save_answers(settings.data_dir, answers, store.access.owner_id)
    return _page(request, store, form, [], advise(answers, facts_from(store, settings)),
                 answers=answers)
