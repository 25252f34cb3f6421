"""Build the report model from the journal's records for a date range (pure).

``build(...)`` takes records (already read by the caller from ``Journal``) and returns a
``Report``; ``from_journal`` reads them first. Days are the parent's local days; a
session belongs to the day it started on. A month of sessions is summarised in weekly
rows, two small charts and the top factors, so the report fits on two A4 pages.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    Kind,
    ParentProfile,
    Session,
)
from letdown.reports import charts
from letdown.reports.model import (
    BabyLine,
    Comfort,
    ContextRow,
    Letdown,
    PumpUse,
    Report,
    Techniques,
    Volume,
    WeekRow,
    Who,
)
from letdown.reports.sections import advice_part, growth_parts, substance_notes

if TYPE_CHECKING:
    from letdown.advisor import Advice
    from letdown.evidence import Evidence
    from letdown.journal.service import Journal

#: Longest question kept (a paragraph); the interfaces refuse longer ones.
MAX_QUESTION = 1000
#: Pain or stress at or above this (0-10) is counted as "4 or more".
HIGH_SCORE = 4
#: Most pump set-ups and factor lines shown (the rest are summed up in one line).
TOP = 5

KIND_WORDS = {Kind.breastfeed: "breastfeeds", Kind.pump: "pumping sessions",
              Kind.hand_expression: "hand expressions"}


def words(value: str) -> str:
    """An enum value in words: ``warm_compress`` -> ``warm compress``."""
    return value.replace("_", " ")


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def local_day(session: Session, zone: dt.tzinfo) -> dt.date:
    return session.start.astimezone(zone).date()


def bounds(start: dt.date, end: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants of the first and the day after the last local day of the period."""
    since = dt.datetime.combine(start, dt.time(), zone).astimezone(dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), zone)
    return since, until.astimezone(dt.UTC)


def from_journal(journal: Journal, start: dt.date, end: dt.date, *, today: dt.date,
                 zone: dt.tzinfo, question: str | None, advice: Advice | None,
                 evidence: Evidence) -> Report:
    """The report for ``start``..``end`` (local days, both included) from ``journal``."""
    since, until = bounds(start, end, zone)
    return build(
        sessions=journal.list_sessions(since=since, until=until, newest_first=False),
        profile=journal.get_profile(), babies=journal.list_babies(),
        weights=journal.list_weights(), diapers=journal.list_diapers(),
        start=start, end=end, today=today, zone=zone, question=question, advice=advice,
        evidence=evidence)


def build(*, sessions: Sequence[Session], profile: ParentProfile | None,
          babies: Sequence[Baby], weights: Sequence[InfantWeight],
          diapers: Sequence[DiaperCount], start: dt.date, end: dt.date, today: dt.date,
          zone: dt.tzinfo, question: str | None, advice: Advice | None,
          evidence: Evidence) -> Report:
    """The report model; ``sessions`` outside the period are left out."""
    mine = sorted((s for s in sessions if start <= local_day(s, zone) <= end),
                  key=lambda s: s.start)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    sources: list[str] = []
    question = " ".join(question.split())[:MAX_QUESTION] if question else None
    return Report(
        start=start, end=end, made_on=today,
        who=_who(profile, babies, mine, end),
        question=question or None,
        advice=advice_part(advice, evidence, sources),
        letdown=_letdown(mine, days, zone),
        volume=_volume(mine, days, zone),
        pumps=_pumps(mine),
        comfort=_comfort(mine),
        techniques=_techniques(mine, evidence, zone),
        substances=substance_notes(mine, profile, evidence, sources),
        growth=growth_parts(babies, weights, diapers, start, end, evidence, sources),
        weeks=_weeks(mine, days, zone),
        sources=tuple(sources),
    )


def _who(profile: ParentProfile | None, babies: Sequence[Baby], sessions: Sequence[Session],
         end: dt.date) -> Who:
    from letdown.growth.words import age_words

    kinds = Counter(s.kind for s in sessions)
    if kinds[Kind.breastfeed] and (kinds[Kind.pump] or kinds[Kind.hand_expression]):
        mode = "breastfeeding and expressing milk"
    elif kinds[Kind.breastfeed]:
        mode = "breastfeeding only"
    elif kinds:
        mode = "expressing milk only (pump or hand)"
    else:
        mode = "no sessions in this period"
    lines = tuple(BabyLine(b.name, (end - b.birth_date).days,
                           age_words((end - b.birth_date).days))
                  for b in babies if b.birth_date <= end)
    return Who(
        pseudonym=profile.pseudonym if profile else "(no name given)",
        babies=lines, feeding_mode=mode,
        kinds=tuple((KIND_WORDS[k], n) for k, n in kinds.most_common()),
        first_baby=profile.first_baby if profile else None,
        conditions=tuple(profile.conditions) if profile else ())


def _per_day(sessions: Sequence[Session], days: Sequence[dt.date], zone: dt.tzinfo,
             value: Callable[[list[Session]], float | None]) -> list[float | None]:
    by_day: dict[dt.date, list[Session]] = {}
    for s in sessions:
        by_day.setdefault(local_day(s, zone), []).append(s)
    return [value(by_day[d]) if d in by_day else None for d in days]


def _letdown_median(sessions: Sequence[Session]) -> float | None:
    return _median([t for s in sessions if (t := s.first_letdown_s()) is not None])


def _day_volume(sessions: Sequence[Session]) -> float | None:
    values = [v for s in sessions if (v := s.total_volume_ml) is not None]
    return sum(values) if values else None


def _letdown(sessions: Sequence[Session], days: Sequence[dt.date], zone: dt.tzinfo) -> Letdown:
    week = [d for d in days[:7]], [d for d in days[-7:]]
    first = [s for s in sessions if local_day(s, zone) in week[0]]
    last = [s for s in sessions if local_day(s, zone) in week[1]]
    rows: list[ContextRow] = []

    def add(group: str, label: str, chosen: list[Session]) -> None:
        if chosen:
            rows.append(ContextRow(group, label, len(chosen),
                                   sum(1 for s in chosen if s.letdowns),
                                   _letdown_median(chosen)))

    for place in dict.fromkeys(s.context for s in sessions if s.context is not None):
        add("Place", words(place.value), [s for s in sessions if s.context is place])
    for kind in dict.fromkeys(s.kind for s in sessions):
        add("Session", words(kind.value), [s for s in sessions if s.kind is kind])
    for technique, _ in Counter(t for s in sessions for t in s.techniques).most_common(TOP):
        add("Technique", words(technique.value),
            [s for s in sessions if technique in s.techniques])
    add("Technique", "none recorded", [s for s in sessions if not s.techniques])
    chart = charts.line_chart("Time to let-down, median per day (s)", days,
                              _per_day(sessions, days, zone, _letdown_median), " s")
    return Letdown(len(sessions), sum(1 for s in sessions if s.letdowns),
                   _letdown_median(sessions), _letdown_median(first),
                   _letdown_median(last), chart, tuple(rows))


def _volume(sessions: Sequence[Session], days: Sequence[dt.date], zone: dt.tzinfo) -> Volume:
    daily = _per_day(sessions, days, zone, _day_volume)
    known = [v for v in daily if v is not None]
    chart = charts.bar_chart("Milk expressed per day (mL)", days, daily, " mL")
    return Volume(
        sessions_with_volume=sum(1 for s in sessions if s.total_volume_ml is not None),
        left_ml=sum(s.volume_left_ml or 0.0 for s in sessions),
        right_ml=sum(s.volume_right_ml or 0.0 for s in sessions),
        per_day_ml=statistics.fmean(known) if known else None,
        best_day_ml=max(known) if known else None, chart_svg=chart)


def _pumps(sessions: Sequence[Session]) -> tuple[PumpUse, ...]:
    groups: dict[tuple[str, float | None, str | None, str | None], list[Session]] = {}
    for s in sessions:
        if s.kind is not Kind.pump:
            continue
        suction = s.suction_level or (f"{s.suction_mmhg} mmHg" if s.suction_mmhg else None)
        key = (s.pump_name or "pump not named", s.flange_mm, suction, s.cycle)
        groups.setdefault(key, []).append(s)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))[:TOP]
    out = []
    for (pump, flange, suction, cycle), chosen in ordered:
        volumes = [v for s in chosen if (v := s.total_volume_ml) is not None]
        out.append(PumpUse(pump, flange, suction, cycle, len(chosen), _letdown_median(chosen),
                           statistics.fmean(volumes) if volumes else None))
    return tuple(out)


def _comfort(sessions: Sequence[Session]) -> Comfort:
    pain = [s.pain for s in sessions if s.pain is not None]
    stress = [s.stress for s in sessions if s.stress is not None]
    felt = (("cold", sum(1 for s in sessions if s.felt_cold)),
            ("rushed", sum(1 for s in sessions if s.felt_rushed)),
            ("self-conscious", sum(1 for s in sessions if s.felt_self_conscious)))
    return Comfort(
        len(pain), _median(pain), max(pain) if pain else None,
        sum(1 for p in pain if p >= HIGH_SCORE),
        len(stress), _median(stress), max(stress) if stress else None,
        sum(1 for p in stress if p >= HIGH_SCORE),
        tuple((name, n) for name, n in felt if n))


def _techniques(sessions: Sequence[Session], evidence: Evidence, zone: dt.tzinfo) -> Techniques:
    used = Counter(t for s in sessions for t in s.techniques).most_common()
    if not sessions:
        return Techniques((), False, "No sessions in this period.", ())
    from letdown.insights.effects import estimate
    from letdown.insights.words import lines

    found = estimate(sessions, evidence, zone)
    said = lines(found)
    judged = [line.text for line in said if line.verdict != "not enough"]
    waiting = [line for line in said if line.verdict == "not enough"]
    enough = any(e.time is not None for e in found.effects)
    if enough:
        summary = (f"Estimated from {found.sessions} sessions of this period "
                   f"({found.letdowns_noticed} with a let-down noticed), each factor adjusted "
                   "for the others. These are the parent's own sessions compared with each "
                   "other, not a trial: read each line as a lead, not a proof.")
    else:
        summary = ("Not enough sessions to estimate any effect yet: letdown needs at least "
                   "6 sessions, and 3 with and 3 without a factor, before it says anything "
                   "about that factor.")
    shown = judged[:TOP]
    if waiting and enough:
        shown.append(f"Too few sessions to tell for {len(waiting)} other factor"
                     f"{'s' if len(waiting) != 1 else ''}.")
    return Techniques(tuple((words(t.value), n) for t, n in used), enough, summary,
                      tuple(shown))


def _weeks(sessions: Sequence[Session], days: Sequence[dt.date], zone: dt.tzinfo
           ) -> tuple[WeekRow, ...]:
    rows = []
    for i in range(0, len(days), 7):
        week = days[i:i + 7]
        chosen = [s for s in sessions if week[0] <= local_day(s, zone) <= week[-1]]
        logged = len({local_day(s, zone) for s in chosen})

        def per_day(values: list[float], logged: int = logged) -> float | None:
            return sum(values) / logged if values and logged else None

        left = [s.volume_left_ml for s in chosen if s.volume_left_ml is not None]
        right = [s.volume_right_ml for s in chosen if s.volume_right_ml is not None]
        total = [v for s in chosen if (v := s.total_volume_ml) is not None]
        rows.append(WeekRow(
            week[0], week[-1], len(chosen), logged, _letdown_median(chosen),
            sum(1 for s in chosen if s.letdowns), per_day(left), per_day(right),
            per_day(total), _median([s.pain for s in chosen if s.pain is not None]),
            _median([s.stress for s in chosen if s.stress is not None])))
    return tuple(rows)
