"""What each session says about each factor: a 0/1 table, one column per factor.

A factor is something that was or was not true in a session: a technique used, high
stress, feeling cold, pumping at work, a 27 mm flange. Numbers are cut at plain
thresholds (stress 6 or more of 10, pain 4 or more, under 5 hours' sleep) so every effect
reads "with" against "without". Places, sides, kinds, times of day and pump settings are
categories: each level is compared with the level the parent uses most (the reference).

A value not recorded counts as "without" in the model (a technique not ticked was not
used; a feeling not ticked was not felt), but only sessions where it *was* recorded are
counted as "without" when we say how many sessions an answer rests on.

No I/O: ``build`` takes sessions and the evidence base and returns the table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from letdown.evidence import Evidence
from letdown.insights.priors import (
    NO_PRIOR,
    Prior,
    cause_prior,
    medicine_prior,
    technique_prior,
)
from letdown.journal.records import Session, Technique

#: Thresholds that turn a number into "with" / "without".
HIGH_STRESS = 6
PAIN = 4
SHORT_SLEEP_HOURS = 5.0
RECENT_DRINK_HOURS = 2.0

#: Parts of the day (local time), for "time of day".
DAY_PARTS = (("night", 0, 6), ("morning", 6, 12), ("afternoon", 12, 18), ("evening", 18, 24))

#: Factor groups, in the order they are shown.
GROUPS = ("technique", "feeling", "substance", "medicine", "place", "kind", "side",
          "time of day", "pump")


@dataclass(frozen=True)
class Factor:
    """One column: its key, a label for people, its group, and the evidence's prior."""

    key: str
    label: str
    group: str
    prior: Prior
    reference: str | None = None  # categories: the level it is compared with
    about: str = ""  # how a sentence names it: "warm compress", "sessions at work"

    @property
    def named(self) -> str:
        return self.about or self.label[0].lower() + self.label[1:]


@dataclass(frozen=True)
class Table:
    """The factors, and for each session and factor: 1 (with), 0 (without), None (not
    recorded)."""

    factors: tuple[Factor, ...]
    values: tuple[tuple[int | None, ...], ...]  # one row per session

    def column(self, index: int) -> list[int | None]:
        return [row[index] for row in self.values]


Reader = Callable[[Session], "int | None"]


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _at_least(value: float | None, bound: float) -> int | None:
    return None if value is None else int(value >= bound)


def _recent_drink(s: Session) -> int:
    if not s.alcohol_drinks:
        return 0
    hours = s.alcohol_hours_before
    return int(hours is None or hours < RECENT_DRINK_HOURS)


def _earlier_drink(s: Session) -> int:
    hours = s.alcohol_hours_before
    return int(bool(s.alcohol_drinks) and hours is not None and hours >= RECENT_DRINK_HOURS)


def day_part(moment: dt.datetime, zone: dt.tzinfo) -> str:
    hour = moment.astimezone(zone).hour
    return next(name for name, low, high in DAY_PARTS if low <= hour < high)


def _uses(technique: Technique) -> Reader:
    def read(s: Session) -> int:
        return int(technique in s.techniques)

    return read


def _fixed(evidence: Evidence) -> list[tuple[Factor, Reader]]:
    """The factors every journal has, in display order."""
    out: list[tuple[Factor, Reader]] = []
    for technique in Technique:
        label = technique.value.replace("_", " ").capitalize()
        if technique is Technique.baby_photo_video:
            label = "Baby photo or video"
        prior = technique_prior(technique, evidence)
        out.append((Factor(f"technique:{technique.value}", label, "technique", prior),
                    _uses(technique)))
    feelings: list[tuple[str, str, str, Reader]] = [
        ("stress", f"High stress ({HIGH_STRESS} or more of 10)", "stress_anxiety",
         lambda s: _at_least(s.stress, HIGH_STRESS)),
        ("pain", f"Pain ({PAIN} or more of 10)", "pain_latch",
         lambda s: _at_least(s.pain, PAIN)),
        ("cold", "Feeling cold", "cold", lambda s: _flag(s.felt_cold)),
        ("rushed", "Feeling rushed", "rushed_watched", lambda s: _flag(s.felt_rushed)),
        ("self_conscious", "Feeling self-conscious", "rushed_watched",
         lambda s: _flag(s.felt_self_conscious)),
        ("short_sleep", f"Under {SHORT_SLEEP_HOURS:g} hours' sleep", "fatigue",
         lambda s: None if s.sleep_hours is None else int(s.sleep_hours < SHORT_SLEEP_HOURS)),
    ]
    for key, label, cause, reader in feelings:
        out.append((Factor(f"feeling:{key}", label, "feeling", cause_prior(cause, evidence)),
                    reader))
    out.append((Factor("substance:drink_recent",
                       f"A drink within {RECENT_DRINK_HOURS:g} hours before",
                       "substance", cause_prior("alcohol", evidence)), _recent_drink))
    # After a couple of hours one or two drinks have mostly cleared: no expected direction.
    out.append((Factor("substance:drink_earlier",
                       f"A drink {RECENT_DRINK_HOURS:g} or more hours before", "substance",
                       NO_PRIOR), _earlier_drink))
    out.append((Factor("substance:smoked", "Smoked that day", "substance",
                       cause_prior("smoking", evidence)),
                lambda s: None if s.cigarettes_today is None else int(s.cigarettes_today > 0)))
    return out


#: Category groups: (group, label template, key in the factor, how to read the level).
def _categories(zone: dt.tzinfo) -> list[tuple[str, str, Callable[[Session], str | None]]]:
    def suction(s: Session) -> str | None:
        if s.suction_level is not None:
            return f"suction {s.suction_level}"
        return None if s.suction_mmhg is None else f"suction {s.suction_mmhg} mmHg"

    return [
        ("place", "at {}", lambda s: None if s.context is None else s.context.value),
        ("kind", "{}", lambda s: s.kind.value.replace("_", " ")),
        ("side", "{}", lambda s: "both sides" if s.sides.value == "both"
         else f"{s.sides.value} side"),
        ("time of day", "in the {}", lambda s: _part_words(day_part(s.start, zone))),
        ("pump", "{}", lambda s: None if s.flange_mm is None else f"{s.flange_mm:g} mm flange"),
        ("pump", "{}", suction),
        ("pump", "{}", lambda s: None if s.cycle is None else f"cycle {s.cycle}"),
        ("pump", "{}", lambda s: None if s.pump_name is None else f"pump {s.pump_name}"),
    ]


def _part_words(part: str) -> str:
    return "at night" if part == "night" else part


def _level_label(group: str, template: str, level: str) -> str:
    if group == "time of day" and level == "at night":
        return "At night"
    text = template.format(level)
    return text[0].upper() + text[1:]


def _about(group: str, label: str) -> str:
    """How a sentence names a category level: 'sessions at work', 'pump sessions'."""
    lowered = label.lower()
    if group in ("place", "time of day"):
        return f"sessions {lowered}"
    if group in ("kind", "side"):
        return f"{lowered} sessions"
    return f"the {lowered}"


def build(sessions: Sequence[Session], evidence: Evidence, zone: dt.tzinfo) -> Table:
    """The factor table of ``sessions`` (times of day read in ``zone``)."""
    readers = _fixed(evidence)
    rows: list[list[int | None]] = [[read(s) for _, read in readers] for s in sessions]
    factors = [factor for factor, _ in readers]
    # medicines: one factor per name (case-insensitive), by first spelling seen
    names: dict[str, str] = {}
    for s in sessions:
        for name in s.medicines:
            names.setdefault(name.casefold(), name)
    for folded, name in sorted(names.items()):
        factors.append(Factor(f"medicine:{folded}", name.capitalize(), "medicine",
                              medicine_prior(name, evidence)))
        for row, s in zip(rows, sessions, strict=True):
            row.append(int(any(m.casefold() == folded for m in s.medicines)))
    for index, (group, template, read) in enumerate(_categories(zone)):
        levels = [read(s) for s in sessions]
        counts = Counter(level for level in levels if level is not None)
        if len(counts) < 2:
            continue
        reference = max(counts, key=lambda level: (counts[level], level))
        ref_label = _level_label(group, template, reference).lower()
        for level in sorted(counts):
            if level == reference:
                continue
            label = _level_label(group, template, level)
            factors.append(Factor(f"{group}:{index}:{level}", label, group, NO_PRIOR,
                                  reference=ref_label, about=_about(group, label)))
            for row, seen in zip(rows, levels, strict=True):
                row.append(None if seen is None else int(seen == level))
    return Table(tuple(factors), tuple(tuple(row) for row in rows))
