"""The report's sections that quote guidance: substances and medicines, growth and
diapers, and the advisor's level. Each adds the sources it quotes to the report's
numbered source list (``cite``), so every note can point to where it comes from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from letdown.journal.records import Baby, DiaperCount, InfantWeight, ParentProfile, Session
from letdown.reports.model import AdvicePart, DiaperWeek, GrowthPart, SubstanceNote

if TYPE_CHECKING:
    from letdown.advisor import Advice
    from letdown.evidence import Citation, Evidence
    from letdown.growth.diapers import DiaperDay

#: Said for a medicine letdown has no curated note on (never silently dropped).
UNKNOWN = ("letdown has no note on this one: ask a pharmacist or doctor whether it can "
           "affect let-down or milk supply.")
NON_DROWSY = ("A non-drowsy antihistamine: not one of the substances letdown knows to "
              "slow let-down; check with a pharmacist or doctor if unsure.")


def citation_text(c: Citation) -> str:
    """One source in a line: authors, title, journal, year, DOI or PMID."""
    where = f" doi:{c.doi}" if c.doi else f" PMID {c.pmid}" if c.pmid else (
        f" {c.url}" if c.url else "")
    return f"{c.authors}. {c.title}. {c.journal}, {c.year}.{where}"


def cite(sources: list[str], citations: Sequence[Citation | str]) -> tuple[int, ...]:
    """Add each citation to ``sources`` once; their numbers (1-based), in order."""
    numbers = []
    for c in citations:
        text = c if isinstance(c, str) else citation_text(c)
        if text not in sources:
            sources.append(text)
        numbers.append(sources.index(text) + 1)
    return tuple(dict.fromkeys(numbers))


def substance_notes(sessions: Sequence[Session], profile: ParentProfile | None,
                    evidence: Evidence, sources: list[str]) -> tuple[SubstanceNote, ...]:
    """Alcohol, smoking and every medicine recorded, with the evidence base's note."""
    from letdown.advisor.medicines import match

    found: Counter[str] = Counter()
    drinks = sum(1 for s in sessions if s.alcohol_drinks)
    smoked = sum(1 for s in sessions if s.cigarettes_today)
    for s in sessions:
        found.update(set(m.strip() for m in s.medicines if m.strip()))
    regular = [m for m in (profile.regular_medicines if profile else []) if m not in found]
    notes: list[SubstanceNote] = []
    for key, count, label in (("alcohol", drinks, "Alcohol"),
                              ("nicotine", smoked, "Smoking or nicotine")):
        if count and key in evidence.substances:
            notes.append(_note(label, count, evidence, key, sources))
    for name, count in [*found.most_common(), *((m, 0) for m in regular)]:
        seen = match(name)
        if seen.substance is not None and seen.substance in evidence.substances:
            notes.append(_note(name, count, evidence, seen.substance, sources))
        else:
            notes.append(SubstanceNote(name, count, None, None,
                                       NON_DROWSY if seen.non_drowsy_antihistamine
                                       else UNKNOWN, None, ()))
    return tuple(notes)


def _note(name: str, count: int, evidence: Evidence, key: str,
          sources: list[str]) -> SubstanceNote:
    entry = evidence.substances[key]
    return SubstanceNote(name, count, entry.title, " ".join(entry.effect.split()),
                         " ".join(entry.what_to_do.split()), entry.grade.value,
                         cite(sources, entry.citations))


def growth_parts(babies: Sequence[Baby], weights: Sequence[InfantWeight],
                 diapers: Sequence[DiaperCount], start: dt.date, end: dt.date,
                 evidence: Evidence, sources: list[str]) -> tuple[GrowthPart, ...]:
    """Each baby born by the end of the period: weights on WHO's chart (up to the
    period's end) and the period's diaper counts summed up by week."""
    from letdown.growth.assess import growth_of
    from letdown.growth.who import SOURCE
    from letdown.growth.words import describe, point_line

    parts = []
    flag = evidence.red_flags.get("few_wet_diapers")
    thresholds = dict(flag.threshold) if flag is not None else None
    for baby in babies:
        if baby.birth_date > end:
            continue
        upto = [w for w in weights if w.baby_id == baby.id and w.date <= end]
        counts = [d for d in diapers if d.baby_id == baby.id and start <= d.date <= end]
        g = growth_of(baby, upto, counts, end, thresholds)
        chart = None
        if g.sex is not None and any(p.z is not None for p in g.points):
            from letdown.growth.chart import growth_svg

            chart = growth_svg(g, g.sex, f"{g.name}: weight on WHO's chart")
        weeks = _diaper_weeks(baby, counts, thresholds)
        cited = cite(sources, [f"{SOURCE}."])
        if weeks and flag is not None:
            cited += cite(sources, flag.citations)
        parts.append(GrowthPart(
            g.name, tuple(describe(g)), tuple(point_line(p) for p in g.points[-3:]),
            chart, weeks, cited))
    return tuple(parts)


def _diaper_weeks(baby: Baby, counts: Sequence[DiaperCount],
                  thresholds: dict[str, float] | None) -> tuple[DiaperWeek, ...]:
    from letdown.growth.diapers import diaper_days

    days = diaper_days(baby.birth_date, counts, thresholds)
    if not days:
        return ()
    weeks: dict[dt.date, list[DiaperDay]] = {}
    for day in days:
        week = days[0].on + dt.timedelta(days=(day.on - days[0].on).days // 7 * 7)
        weeks.setdefault(week, []).append(day)
    return tuple(
        DiaperWeek(start, len(group), sum(d.wet for d in group) / len(group),
                   sum(d.dirty for d in group) / len(group),
                   sum(1 for d in group if not d.enough))
        for start, group in weeks.items())


def advice_part(advice: Advice | None, evidence: Evidence,
                sources: list[str]) -> AdvicePart | None:
    """The advisor's level, who to see, its reasons and first steps, with sources."""
    if advice is None:
        return None
    cited: tuple[int, ...] = ()
    for reason in advice.escalation.reasons:
        flag = evidence.red_flags.get(reason.red_flag or "")
        if flag is not None:
            cited += cite(sources, flag.citations)
    reasons = tuple(dict.fromkeys(r.text for r in advice.escalation.reasons))
    return AdvicePart(advice.level.value, advice.level.label, advice.escalation.who,
                      reasons, tuple(step.title for step in advice.plan[:3]),
                      tuple(dict.fromkeys(cited)))
