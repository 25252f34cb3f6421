"""Turn ranked causes into a short plan: what to try first, and why.

A technique's expected benefit is the sum, over the causes it addresses, of how
likely the cause is times how strong the technique's evidence is; dividing by
its effort puts easy, well-supported steps first. What the parent already tried
(and what the journal shows) moves a step up or down, with a note saying so.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from letdown.advisor.causes import RankedCause, Ref
from letdown.advisor.journal_facts import JournalFacts
from letdown.advisor.lookalikes import NO_MORE_STIMULATION, OWN_PLAN_FIRST, STIMULATION
from letdown.advisor.questionnaire import Answers, Outcome
from letdown.evidence.schema import Effort, Evidence, Grade, Technique

#: Most steps a plan shows (a tired parent will not read twenty).
MAX_STEPS = 10
#: When nothing specific is found, these general helps still apply.
GENERAL = ("relaxation", "sensory_cues", "warmth", "massage_compression")
#: A technique counts as clearly faster or slower in the journal beyond this many seconds.
JOURNAL_EFFECT_S = 30.0


class PlanStep(BaseModel):
    """One thing to do, with why, how, and how strong the evidence is."""

    kind: Literal["technique", "medicine"]
    id: str
    title: str
    why: str
    how: list[str]
    grade: Grade
    grade_label: str
    effort: Effort | None = None
    score: float = Field(ge=0)
    for_causes: list[str] = Field(default_factory=list)
    note: str | None = None
    caution: str | None = None
    citations: list[Ref] = Field(default_factory=list)


def _first_sentence(text: str) -> str:
    head = text.strip().split(". ")[0].rstrip(".")
    return head + "."


def _applies(tech: Technique, answers: Answers) -> bool:
    if tech.applies_to == "pump":
        return answers.pumps
    if tech.applies_to == "breast":
        return answers.breastfeeds
    return True


def _already_done(tech_id: str, answers: Answers) -> bool:
    """A step the answers say is already part of every session (so not worth suggesting)."""
    return tech_id == "double_pumping" and answers.pump is not None and bool(
        answers.pump.double_pumping
    )


def _adjust(
    tech_id: str, score: float, answers: Answers, facts: JournalFacts | None
) -> tuple[float, str | None]:
    notes: list[str] = []
    outcome = answers.outcome_of(tech_id)
    if outcome in (Outcome.helped, Outcome.somewhat):
        score *= 1.25
        notes.append("You said this helped: keep doing it.")
    elif outcome in (Outcome.no_change, Outcome.worse):
        score *= 0.4
        notes.append("You tried this without much change; give it one careful try or skip it.")
    effect = facts.techniques.get(tech_id) if facts else None
    faster = effect.faster_by_s if effect else None
    if faster is not None and faster >= JOURNAL_EFFECT_S:
        score *= 1.3
        notes.append(f"In your journal, let-down came about {faster / 60:.1f} min sooner with it.")
    elif faster is not None and faster <= -JOURNAL_EFFECT_S:
        score *= 0.6
        notes.append(f"In your journal, let-down was about {-faster / 60:.1f} min slower with it.")
    return score, " ".join(notes) or None


def build_plan(
    answers: Answers,
    causes: list[RankedCause],
    facts: JournalFacts | None,
    evidence: Evidence,
) -> list[PlanStep]:
    """Medicine steps first (they are usually the quickest fix), then techniques by value."""
    steps: list[PlanStep] = []
    cause_score = {c.id: c.score for c in causes}
    titles = {c.id: c.title for c in causes}

    for sub_id in answers.substances:
        sub = evidence.substances[sub_id]
        if sub.reassure:
            continue  # nothing to change: the escalation says to keep taking it
        linked = [cid for cid in sub.causes if cid in cause_score]
        steps.append(
            PlanStep(
                kind="medicine",
                id=sub_id,
                title=f"{sub.title}: what to do",
                why=sub.effect,
                how=[sub.what_to_do],
                grade=sub.grade,
                grade_label=sub.grade.label,
                score=round(1.0 + max((cause_score[c] for c in linked), default=0.0), 3),
                for_causes=linked,
                citations=[Ref.of(c) for c in sub.citations],
            )
        )

    # Plenty of milk, or supply settling normally: more stimulation would do harm or no good.
    calm = any(c.id in NO_MORE_STIMULATION and c.likelihood == "likely" for c in causes)
    scored: list[PlanStep] = []
    for tech in evidence.techniques.values():
        if not _applies(tech, answers) or _already_done(tech.id, answers):
            continue
        if calm and tech.id in STIMULATION:
            continue
        hits = [cid for cid in tech.addresses if cid in cause_score]
        benefit = sum(cause_score[cid] for cid in hits)
        if not hits and not causes and tech.id in GENERAL:
            benefit = 0.3
        if benefit <= 0:
            continue
        raw = benefit * tech.grade.weight / tech.effort.cost
        value, note = _adjust(tech.id, raw, answers, facts)
        hits.sort(key=lambda cid: -cause_score[cid])
        reason = (
            "Helps with: " + "; ".join(titles[c].lower() for c in hits[:2]) + ". "
            if hits
            else "A general help for the let-down. "
        )
        scored.append(
            PlanStep(
                kind="technique",
                id=tech.id,
                title=tech.title,
                why=reason + _first_sentence(tech.explanation),
                how=list(tech.how),
                grade=tech.grade,
                grade_label=tech.grade.label,
                effort=tech.effort,
                score=round(value, 3),
                for_causes=hits,
                note=note,
                caution=tech.caution,
                citations=[Ref.of(c) for c in tech.citations],
            )
        )
    # A likely look-alike's own step comes before any let-down tip: for a tongue that
    # cannot move freely or a wave of dread, let-down techniques are not the answer.
    own = {c.id for c in causes if c.id in OWN_PLAN_FIRST and c.likelihood == "likely"}
    scored.sort(key=lambda s: (not own & set(s.for_causes), -s.score, s.id))
    steps.sort(key=lambda s: -s.score)
    return (steps + scored)[: max(MAX_STEPS, len(steps))]
