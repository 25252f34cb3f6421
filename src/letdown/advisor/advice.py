"""``advise``: from answers (and optionally journal facts) to causes, a plan and a level.

Pure: no files, no database, no clock. The CLI and the web app gather the
answers and the journal facts and call this one function, so they can never
disagree about what to tell a parent.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from letdown.advisor.causes import RankedCause, rank_causes
from letdown.advisor.escalation import Escalation, escalate
from letdown.advisor.infant import assess_infant
from letdown.advisor.journal_facts import JournalFacts
from letdown.advisor.plan import PlanStep, build_plan
from letdown.advisor.questionnaire import Answers
from letdown.evidence import Evidence, Level, load_evidence

DISCLAIMER = (
    "This is not a diagnosis. It is general information from published evidence to help "
    "you decide what to try and whom to ask. If you are worried about yourself or your "
    "baby, contact a doctor, midwife or lactation consultant, whatever this says."
)


class Advice(BaseModel):
    """Everything the advisor says, ready to print or send as JSON."""

    level: Level
    level_label: str
    causes: list[RankedCause]
    plan: list[PlanStep]
    escalation: Escalation
    good_to_know: list[str] = Field(default_factory=list)
    journal_used: bool = False
    disclaimer: str = DISCLAIMER

    @property
    def leading_causes(self) -> list[str]:
        """Ids of the causes called likely (or the top one when none is)."""
        likely = [c.id for c in self.causes if c.likelihood == "likely"]
        return likely or [c.id for c in self.causes[:1]]


def _good_to_know(answers: Answers, causes: list[RankedCause], evidence: Evidence) -> list[str]:
    notes: list[str] = []
    shown = {c.id for c in causes}

    def myth(cause_id: str) -> None:
        text = evidence.causes[cause_id].myth
        if text and text not in notes:
            notes.append(text)

    if answers.feels_letdown is False:
        myth("low_milk_transfer")
    if answers.parent.drinking_extra_water:
        myth("dehydration")
    for cid in ("stress_anxiety", "alcohol", "fatigue"):
        if cid in shown:
            myth(cid)
    return [_as_sentence(n) for n in notes]


def _as_sentence(myth: str) -> str:
    """``belief: what the evidence says`` -> two plain sentences."""
    belief, _, finding = myth.partition(": ")
    if not finding:
        return myth
    belief = belief[0].lower() + belief[1:]
    return f"A common belief is that {belief.rstrip('.')}. In fact, {finding.rstrip('.')}."


def advise(
    answers: Answers, facts: JournalFacts | None = None, evidence: Evidence | None = None
) -> Advice:
    """The advisor's answer for these answers (and journal facts, when there are sessions)."""
    ev = evidence or load_evidence()
    usable = facts if facts is not None and facts.sessions > 0 else None
    infant = assess_infant(answers, ev)
    causes = rank_causes(answers, usable, infant, ev)
    plan = build_plan(answers, causes, usable, ev)
    escalation = escalate(answers, usable, infant, causes, ev)
    return Advice(
        level=escalation.level,
        level_label=escalation.label,
        causes=causes,
        plan=plan,
        escalation=escalation,
        good_to_know=_good_to_know(answers, causes, ev),
        journal_used=usable is not None,
    )
