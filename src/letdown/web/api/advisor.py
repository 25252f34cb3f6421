"""The advisor over JSON: questionnaire answers in, causes, plan and escalation out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from letdown.advisor import Advice, Answers, advise
from letdown.journal.service import Journal
from letdown.web.advice import facts_from
from letdown.web.services import journal

router = APIRouter()


@router.post("/advise", tags=["advisor"], summary="Advice for questionnaire answers")
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
