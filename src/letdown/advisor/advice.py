"""``advise``: from answers (and optionally journal facts) to causes, a plan and a level.

Pure: no files, no database, no clock. The CLI and the web app gather the
answers and the journal facts and call this one function, so they can never
disagree about what to tell a parent.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from pydantic import BaseModel, Field

from letdown.advisor.causes import RankedCause, rank_causes
from letdown.advisor.escalation import Escalation, escalate
from letdown.advisor.infant import InfantStatus, assess_infant
from letdown.advisor.journal_facts import JournalFacts
from letdown.advisor.journal_infant import with_baby
from letdown.advisor.medicines import Match, match_all
from letdown.advisor.plan import PlanStep, build_plan
from letdown.advisor.questionnaire import Answers
from letdown.evidence import Evidence, Level, load_evidence
from letdown.evidence.schema import max_level

#: Heading of the plan when the level is urgent: the plan waits until the parent is seen.
AFTER_CARE = "Once you have been seen: what may help the let-down"
#: Display order when being seen comes first, and when the plan can start at once.
URGENT_ORDER = ["urgent_action", "what_to_say", "after_care_break", "causes", "plan"]
USUAL_ORDER = ["level", "what_to_say", "causes", "plan"]

DISCLAIMER = (
    "This is not a diagnosis. It is general information from published evidence to help "
    "you decide what to try and whom to ask. If you are worried about yourself or your "
    "baby, contact a doctor, midwife or lactation consultant, whatever this says."
)


class MedicineSeen(BaseModel):
    """A medicine the parent typed, and what the advisor recognised it as."""

    name: str
    recognised_as: str | None = Field(
        description="A substance id from the evidence base; None when it needs a pharmacist."
    )


class Advice(BaseModel):
    """Everything the advisor says, ready to print or send as JSON."""

    level: Level
    level_label: str
    causes: list[RankedCause]
    plan: list[PlanStep]
    escalation: Escalation
    good_to_know: list[str] = Field(default_factory=list)
    medicines: list[MedicineSeen] = Field(
        default_factory=list, description="The typed-in medicines and how each was read."
    )
    journal_used: bool = False
    from_journal: list[str] = Field(
        default_factory=list, description="Baby numbers taken from the journal, per baby."
    )
    priority: Literal["get_seen_first", "plan"] = Field(
        default="plan",
        description="'get_seen_first' when the level is urgent: show the urgent reasons and "
        "what to say first and alone, then the plan after a break; otherwise 'plan'.",
    )
    order: list[str] = Field(
        default_factory=lambda: list(USUAL_ORDER),
        description="The order in which to show the parts of this advice.",
    )
    plan_heading: str = Field(
        default="What to try", description="The heading to put above the causes and the plan."
    )
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
    answers, infant, from_journal = _with_journal_babies(answers, facts, ev)
    matches = match_all(answers.other_medicines)
    answers = _with_typed_medicines(answers, matches)
    causes = rank_causes(answers, usable, infant, ev)
    plan = build_plan(answers, causes, usable, ev)
    escalation = escalate(answers, usable, infant, causes, ev, matches)
    urgent = escalation.level is Level.URGENT
    return Advice(
        priority="get_seen_first" if urgent else "plan",
        order=list(URGENT_ORDER if urgent else USUAL_ORDER),
        plan_heading=AFTER_CARE if urgent else "What to try",
        level=escalation.level,
        level_label=escalation.label,
        causes=causes,
        plan=plan,
        escalation=escalation,
        good_to_know=_good_to_know(answers, causes, ev),
        medicines=[
            MedicineSeen(
                name=m.name,
                recognised_as=m.substance
                or ("non_drowsy_antihistamine" if m.non_drowsy_antihistamine else None),
            )
            for m in matches
        ],
        journal_used=usable is not None or bool(from_journal),
        from_journal=from_journal,
    )


def _with_journal_babies(
    answers: Answers, facts: JournalFacts | None, ev: Evidence
) -> tuple[Answers, InfantStatus, list[str]]:
    """The answers completed from the journal's babies, their red flags, and what was used.

    Each baby is checked; the answers of the most worrying one go on to the rest of the
    advisor, and every baby's red flags are kept (named when there are several), so one
    twin's warning sign is never hidden by the other's good numbers.
    """
    if facts is None or facts.as_of is None or not facts.babies:
        return answers, assess_infant(answers, ev), []
    runs = []
    for baby in facts.babies:
        merged, used = with_baby(answers, baby, facts.as_of)
        runs.append((baby.name, merged, used, assess_infant(merged, ev)))

    def severity(status: InfantStatus) -> tuple[int, int]:
        levels = [ev.red_flags[k].level for k in status.flags]
        return (max_level(*levels).rank if levels else -1, len(levels))

    worst = max(runs, key=lambda run: severity(run[3]))
    many = len(runs) > 1
    flags: dict[str, str] = {}
    for name, _, _, status in runs:
        for key, text in status.flags.items():
            text = f"{name}: {text}" if many else text
            flags[key] = f"{flags[key]}; {text}" if key in flags else text
    notes = [f"{name}: {', '.join(used)}" for name, _, used, _ in runs if used]
    return worst[1], dataclasses.replace(worst[3], flags=flags), notes


def _with_typed_medicines(answers: Answers, matches: list[Match]) -> Answers:
    """The answers with typed medicines that are in the substance table ticked as well."""
    extra = [m.substance for m in matches if m.substance and m.substance not in answers.substances]
    if not extra:
        return answers
    return answers.model_copy(
        update={"substances": [*answers.substances, *dict.fromkeys(extra)]}
    )
