"""The advisor: from a short questionnaire (and the journal) to causes, a plan and a level.

``advise(answers, facts=None)`` is the one entry point; it is pure, so the CLI
and the web app give the same advice for the same answers.
"""

from letdown.advisor.advice import DISCLAIMER, Advice, advise
from letdown.advisor.journal_facts import JournalFacts, journal_facts
from letdown.advisor.questionnaire import Answers, answers_schema

__all__ = [
    "DISCLAIMER",
    "Advice",
    "Answers",
    "JournalFacts",
    "advise",
    "answers_schema",
    "journal_facts",
]
