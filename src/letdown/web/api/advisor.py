"""The advisor over JSON: questionnaire answers in, causes, plan and escalation out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from letdown.advisor import Advice, Answers, advise
from letdown.advisor.answers_json import AnswersError, load_json
from letdown.advisor.short_path import schema_entry
from letdown.journal.service import Journal
from letdown.web.advice import facts_from
from letdown.web.services import journal

router = APIRouter()


async def strict_body(request: Request) -> None:
    """Refuse what JSON parsers quietly accept: a question given twice, NaN, Infinity.

    FastAPI's own parsing keeps the last of two equal keys, so ``{"stress_score": 2,
    "stress_score": 9}`` would be advised on one of them without a word. The bytes are
    checked by the same strict reader as ``letdown advise --answers`` (it runs before
    the body is validated as ``Answers``, and the body is cached, so it is read once).
    """
    try:
        load_json(await request.body())
    except AnswersError as error:
        reason = " ".join(line.strip() for line in error.lines).replace("answers file", "body")
        raise HTTPException(status_code=422, detail=reason) from None


@router.post("/advise", tags=["advisor"], summary="Advice for questionnaire answers",
             dependencies=[Depends(strict_body)],
             # the short path (the questions to ask first), as `letdown advise --schema` has it
             openapi_extra={"x-short-path": schema_entry()})
def advise_endpoint(
    request: Request,
    answers: Answers,
    store: Annotated[Journal, Depends(journal)],
    use_journal: Annotated[
        bool, Query(description="Also use the journal's sessions, babies, weights and diapers "
                    "(as `letdown advise` does).")
    ] = True,
) -> Advice:
    """Not a diagnosis: red flags in the answers always raise the escalation level."""
    facts = facts_from(store, request.app.state.settings) if use_journal else None
    return advise(answers, facts)
