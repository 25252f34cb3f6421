"""Trend findings through the advisor: the same levels and the same "what to say".

Each pattern (``sessions``) and each baby's growth (``letdown.growth``) is put to the
advisor as the answers a parent would give ("my let-down used to take 1 minute, now 3";
the baby's birth weight, latest weight, percentiles after the first two weeks, latest
diaper count), and the advisor's own escalation decides the level and the sentence to
use when calling. Nothing here re-implements a threshold the evidence base holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from letdown.advisor.escalation import escalate
from letdown.advisor.infant import assess_infant
from letdown.advisor.questionnaire import Answers
from letdown.evidence.schema import Evidence, Grade, Level
from letdown.growth.assess import EARLY_DAYS, Growth, growth_of
from letdown.journal.records import Baby, DiaperCount, InfantWeight, Session
from letdown.trends.sessions import SOURCE, SessionTrend, session_trends

#: Gain per day under this, between 2 weeks and 2 months, counts as slow (see README).
SLOW_GAIN_G_PER_DAY = 20.0
SLOW_GAIN_UNTIL_DAYS = 61
SLOW_GAIN_SOURCE = ("letdown's own threshold (expert opinion): breastfed babies usually gain "
                    "about 20-35 g a day in the first two months once back to birth weight; "
                    "WHO's weight-velocity standards, which would give the 5th percentile, "
                    "are not shipped yet (see src/letdown/growth/SOURCE.md)")
#: The advisor's red flags a baby's growth can raise.
GROWTH_FLAGS = ("weight_loss_over_10pct", "not_back_to_birth_weight", "percentile_crossing",
                "few_wet_diapers", "weight_trend_concern")


@dataclass(frozen=True)
class Finding:
    """A trend that needs (or may need) someone, in the advisor's terms."""

    id: str
    level: Level
    text: str
    evidence: str
    source: str
    what_to_say: str | None = None
    baby: str | None = None
    grade: Grade = Grade.EXPERT_OPINION

    @property
    def urgent(self) -> bool:
        return self.level is Level.URGENT


def _through_advisor(answers: dict[str, Any], evidence: Evidence, today: dt.date,
                     wanted: Iterable[str] | None = None) -> list[Any]:
    """The advisor's reasons (above self-care) for these answers."""
    parsed = Answers.model_validate(answers, context={"today": today})
    infant = assess_infant(parsed, evidence)
    reasons = escalate(parsed, None, infant, [], evidence).reasons
    keep = set(wanted) if wanted is not None else None
    return [r for r in reasons if r.level is not Level.SELF_CARE
            and (keep is None or r.red_flag in keep)]


def _session_finding(t: SessionTrend, evidence: Evidence, today: dt.date) -> Finding:
    level, said = Level.IBCLC, None
    if t.id == "letdown_slower" and t.before is not None and t.now is not None:
        # The advisor's own rule for a let-down slower than it used to be.
        reasons = _through_advisor({"feeding_mode": "both",
                                    "letdown_minutes": round(t.now / 60, 1),
                                    "usual_letdown_minutes": round(t.before / 60, 1),
                                    "problem_since_days": 7}, evidence, today)
        if reasons:
            level, said = reasons[0].level, reasons[0].what_to_say
    elif t.id == "pain_most":
        said = (f"I have had pain in most feeds or pumping sessions lately "
                f"({int(t.now or 0)} of my last 10).")
    elif t.id == "no_letdown":
        said = "Most of my recent feeds or pumping sessions have had no let-down I could notice."
    elif t.id == "volume_falling":
        said = "The amount I pump has been falling for a week. Could you help me find out why?"
    return Finding(t.id, level, t.text, t.evidence, SOURCE, said)


def _growth_answers(g: Growth) -> dict[str, Any]:
    infant: dict[str, Any] = {"birth_date": g.birth_date}
    if g.birth_weight_g is not None:
        infant["birth_weight_g"] = g.birth_weight_g
    weighed = [p for p in g.points if not p.is_birth]
    if weighed:
        infant["current_weight_g"] = weighed[-1].grams
        infant["weighed_on"] = weighed[-1].on
    infant["percentiles"] = [
        {"age_days": p.age_days, "percentile": round(p.percentile, 2)}
        for p in g.points if p.percentile is not None and p.age_days >= EARLY_DAYS
    ][-50:]
    if g.diapers and (g.today - g.diapers[-1].on).days <= 1:
        infant["wet_diapers_per_day"] = min(g.diapers[-1].wet, 30)
        infant["stools_per_day"] = min(g.diapers[-1].dirty, 30)
    v = g.velocity
    if (v is not None and (v.start - g.birth_date).days >= EARLY_DAYS
            and (v.end - g.birth_date).days <= SLOW_GAIN_UNTIL_DAYS
            and v.grams_per_day < SLOW_GAIN_G_PER_DAY):
        infant["weight_trend"] = "not_gaining_well"
    return {"feeding_mode": "both", "baby_age_days": max(g.age_days, 0), "infant": infant}


def _growth_findings(g: Growth, evidence: Evidence) -> list[Finding]:
    answers = _growth_answers(g)
    try:
        reasons = _through_advisor(answers, evidence, g.today, GROWTH_FLAGS)
    except ValueError:  # e.g. a weight the advisor reads as a typo: say nothing, not crash
        return []
    out = []
    for r in reasons:
        flag = r.red_flag or ""
        entry = evidence.red_flags.get(flag)
        source = "; ".join(c.title for c in entry.citations) if entry is not None else ""
        evidence_text = r.text.rstrip(".")
        if flag == "weight_trend_concern" and g.velocity is not None:
            v = g.velocity
            evidence_text = (f"gain {v.grams_per_day:.0f} g a day from {v.start:%d %b} to "
                             f"{v.end:%d %b} (under {SLOW_GAIN_G_PER_DAY:g} g a day)")
            source = SLOW_GAIN_SOURCE
            text = (f"{g.name} gained only about {v.grams_per_day:.0f} g a day over "
                    f"{v.days} days.")
        else:
            text = f"{g.name}: {r.text[0].lower()}{r.text[1:]}"
        grade = entry.grade if entry is not None and source != SLOW_GAIN_SOURCE \
            else Grade.EXPERT_OPINION
        out.append(Finding(flag or "growth", r.level, text, evidence_text, source,
                           r.what_to_say, g.name, grade))
    return out


def find_trends(
    sessions: Sequence[Session],
    babies: Iterable[Baby],
    weights: Sequence[InfantWeight],
    diapers: Sequence[DiaperCount],
    today: dt.date,
    evidence: Evidence,
) -> list[Finding]:
    """Every trend that needs someone, most serious first."""
    found = [_session_finding(t, evidence, today) for t in session_trends(sessions)]
    thresholds = dict(evidence.red_flags["few_wet_diapers"].threshold)
    for baby in babies:
        if baby.birth_date > today:
            continue
        g = growth_of(baby, weights, diapers, today, thresholds)
        found.extend(_growth_findings(g, evidence))
    return sorted(found, key=lambda f: -f.level.rank)


def render(findings: Sequence[Finding]) -> str:
    """The findings as plain text (for ``letdown insights`` and the like)."""
    if not findings:
        return "No trend in the journal needs a professional right now."
    lines = []
    for f in findings:
        lines.append(f"[{f.level.label}] {f.text}")
        lines.append(f"    why: {f.evidence}")
        if f.what_to_say:
            lines.append(f"    what to say: {f.what_to_say}")
        if f.source:
            lines.append(f"    source: {f.source} (evidence: {f.grade.value.replace('_', ' ')})")
    return "\n".join(lines)
