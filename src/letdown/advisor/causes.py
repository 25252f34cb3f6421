"""Rank the likely causes, each with the answers that point to it.

One small scoring function per cause in the evidence base (a test checks that
none is missing): pump causes live in ``causes_pump``, feeding and body causes in
``causes_body``, look-alike conditions in ``lookalikes``. Each returns a score
between 0 and 1 and the reasons, in the parent's own terms, so the output can
always say *why* a cause is listed. The scores are a transparent heuristic for
ordering, not probabilities.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from letdown.advisor import causes_body, causes_pump  # noqa: F401  (registers the scorers)
from letdown.advisor.infant import InfantStatus
from letdown.advisor.journal_facts import JournalFacts
from letdown.advisor.lookalikes import LOOKALIKES, Lookalike
from letdown.advisor.questionnaire import Answers
from letdown.advisor.scoring import SCORERS, Context, Score, Scorer, scorer
from letdown.evidence.schema import Citation, Evidence, Grade

__all__ = [
    "LIKELY_FROM",
    "SCORERS",
    "SHOW_FROM",
    "Context",
    "RankedCause",
    "Ref",
    "Score",
    "Scorer",
    "rank_causes",
    "scorer",
]

#: Causes scoring below this are not shown.
SHOW_FROM = 0.2
#: Causes scoring at least this are called "likely"; the rest "possible".
LIKELY_FROM = 0.5


class Ref(BaseModel):
    """A short reference and where to read it."""

    text: str
    url: str

    @classmethod
    def of(cls, citation: Citation) -> Ref:
        return cls(text=citation.short(), url=citation.locator())


class RankedCause(BaseModel):
    """One likely cause, with why the advisor thinks so."""

    id: str
    title: str
    score: float = Field(ge=0, le=1)
    likelihood: str = Field(description="likely or possible")
    reasons: list[str]
    explanation: str
    grade: Grade
    myth: str | None = None
    citations: list[Ref] = Field(description="Where the evidence comes from.")


def _lookalike(fn: Lookalike) -> Scorer:
    return lambda c: fn(c.answers, c.infant)


# Conditions that look like a let-down problem but are not (their own module).
for _cid, _fn in LOOKALIKES.items():
    SCORERS[_cid] = _lookalike(_fn)


def rank_causes(
    answers: Answers, facts: JournalFacts | None, infant: InfantStatus, evidence: Evidence
) -> list[RankedCause]:
    """All causes scoring at least ``SHOW_FROM``, most likely first."""
    ctx = Context(answers=answers, facts=facts, infant=infant)
    ranked: list[RankedCause] = []
    for cause_id, fn in SCORERS.items():
        raw, reasons = fn(ctx)
        score = round(min(1.0, raw), 3)
        if score < SHOW_FROM or not reasons:
            continue
        cause = evidence.causes[cause_id]
        ranked.append(
            RankedCause(
                id=cause_id,
                title=cause.title,
                score=score,
                likelihood="likely" if score >= LIKELY_FROM else "possible",
                reasons=reasons,
                explanation=cause.explanation,
                grade=cause.grade,
                myth=cause.myth,
                citations=[Ref.of(c) for c in cause.citations],
            )
        )
    ranked.sort(key=lambda r: (-r.score, r.id))
    return ranked
