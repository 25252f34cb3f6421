"""Reassurance first: when the answers show a normal let-down, say so before anything else.

A parent whose let-down is fine should hear that plainly, not find it under a generic
list of things to try. The web page and the CLI both use this one rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letdown.advisor.advice import Advice
    from letdown.advisor.questionnaire import Answers

#: Causes scoring below this are a faint hint, not a sign that something is wrong.
LOW_SCORE = 0.3
#: A let-down within about this many minutes of starting is within the usual range.
NORMAL_LETDOWN_MINUTES = 3.0
#: The first line when the answers show a normal let-down (web and CLI say the same).
REASSURANCE = (
    "Your let-down sounds normal: nothing in your answers points to a problem."
)


def reassuring(advice: Advice, answers: Answers | None) -> bool:
    """True when the answers show a normal let-down, so reassurance should come first.

    Only at the self-care level (no reason to see anyone), no cause above a faint
    score, and no answer that says the let-down is missing or slow: a parent whose
    let-down is fine should hear that before any list of things to try.
    """
    from letdown.evidence.schema import Level

    if advice.level is not Level.SELF_CARE:
        return False
    if any(c.score >= LOW_SCORE for c in advice.causes):
        return False
    if answers is None:
        return False
    minutes = answers.letdown_minutes
    return not answers.letdown_absent and (minutes is None or minutes <= NORMAL_LETDOWN_MINUTES)
