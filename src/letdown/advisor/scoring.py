"""The scoring framework every cause scorer uses: what a scorer sees and how it registers.

Kept apart from the scorers themselves (pump causes in ``causes_pump``, feeding and
body causes in ``causes_body``) so each file holds one kind of thing and none imports
another in a circle. The scores are a transparent heuristic for ordering, not
probabilities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from letdown.advisor.infant import InfantStatus
from letdown.advisor.journal_facts import JournalFacts
from letdown.advisor.questionnaire import Answers


@dataclass
class Context:
    """What every scorer may look at."""

    answers: Answers
    facts: JournalFacts | None
    infant: InfantStatus


Score = tuple[float, list[str]]
Scorer = Callable[[Context], Score]
SCORERS: dict[str, Scorer] = {}


def scorer(cause_id: str) -> Callable[[Scorer], Scorer]:
    def register(fn: Scorer) -> Scorer:
        SCORERS[cause_id] = fn
        return fn

    return register


def pain(c: Context) -> int:
    return c.answers.pain_score or 0
