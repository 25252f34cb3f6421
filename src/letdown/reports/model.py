"""What the consultation report says, section by section (typed, no formatting).

The model is built once (``gather``) and rendered as HTML and PDF (``render``), so the
two always say the same thing. Numbers stay numbers here; the template formats them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: What the report is, said at its top and bottom (it is not a clinical record).
WHAT_IT_IS = (
    "A parent's own records, kept with the letdown app and summarised here for a "
    "lactation consultant, midwife or doctor. It is not a diagnosis and not a clinical "
    "assessment: times and volumes were noted by the parent, and the estimates are "
    "statistical guesses from these records only.")

#: The section headings, in order (the golden-structure test guards them).
SECTIONS = (
    "About this report",
    "The parent's question",
    "What the app advises now",
    "Time to let-down",
    "Milk expressed",
    "Pump and settings",
    "Pain and stress",
    "Techniques tried",
    "Substances and medicines",
    "The baby's growth and diapers",
    "For the consultant",
    "Sources",
)


@dataclass(frozen=True)
class BabyLine:
    """A baby named in the report, with its age on the report's last day."""

    name: str
    age_days: int
    age_words: str


@dataclass(frozen=True)
class Who:
    """Who the records are about (a pseudonym only) and how the baby is fed."""

    pseudonym: str
    babies: tuple[BabyLine, ...]
    feeding_mode: str
    kinds: tuple[tuple[str, int], ...]  # (session kind in words, sessions)
    first_baby: bool | None
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class WeekRow:
    """One week of the period in a line (a month is four or five of these)."""

    start: dt.date
    end: dt.date
    sessions: int
    days_logged: int
    letdown_median_s: float | None
    letdown_noticed: int
    left_ml_per_day: float | None
    right_ml_per_day: float | None
    total_ml_per_day: float | None
    pain_median: float | None
    stress_median: float | None


@dataclass(frozen=True)
class ContextRow:
    """Time to let-down in one context (a place, a kind of session, a technique)."""

    group: str  # "Place", "Session", "Technique"
    label: str
    sessions: int
    noticed: int
    median_s: float | None


@dataclass(frozen=True)
class Letdown:
    """Time to let-down over the period and by context."""

    sessions: int
    noticed: int
    median_s: float | None
    first_week_median_s: float | None
    last_week_median_s: float | None
    chart_svg: str | None
    contexts: tuple[ContextRow, ...]


@dataclass(frozen=True)
class Volume:
    """Milk expressed (pumping or by hand), per side and per day."""

    sessions_with_volume: int
    left_ml: float
    right_ml: float
    per_day_ml: float | None
    best_day_ml: float | None
    chart_svg: str | None


@dataclass(frozen=True)
class PumpUse:
    """One pump set-up and how often it was used."""

    pump: str
    flange_mm: float | None
    suction: str | None
    cycle: str | None
    sessions: int
    median_s: float | None
    ml_per_session: float | None


@dataclass(frozen=True)
class Comfort:
    """Pain and stress (0-10) as scored by the parent."""

    pain_scored: int
    pain_median: float | None
    pain_max: int | None
    pain_4_plus: int
    stress_scored: int
    stress_median: float | None
    stress_max: int | None
    stress_4_plus: int
    felt: tuple[tuple[str, int], ...]  # ("cold", sessions) ...


@dataclass(frozen=True)
class Techniques:
    """Techniques used, and their estimated effects when there are enough sessions."""

    used: tuple[tuple[str, int], ...]  # (technique in words, sessions)
    enough: bool
    summary: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class SubstanceNote:
    """A substance or medicine the parent recorded, with letdown's curated note."""

    name: str
    sessions: int  # 0 for a regular medicine from the profile
    title: str | None
    effect: str | None
    what_to_do: str
    grade: str | None
    sources: tuple[int, ...]  # numbers in the report's source list


@dataclass(frozen=True)
class DiaperWeek:
    """One week of diaper counts for a baby."""

    start: dt.date
    days: int
    wet_mean: float
    dirty_mean: float
    days_below: int


@dataclass(frozen=True)
class GrowthPart:
    """One baby's weights on WHO's chart and its diaper counts."""

    name: str
    lines: tuple[str, ...]
    weights: tuple[str, ...]
    chart_svg: str | None
    diapers: tuple[DiaperWeek, ...]
    sources: tuple[int, ...]


@dataclass(frozen=True)
class AdvicePart:
    """The advisor's current level and why, as the app shows it to the parent."""

    level: str
    level_label: str
    who: str
    reasons: tuple[str, ...]
    first_steps: tuple[str, ...]
    sources: tuple[int, ...]


@dataclass(frozen=True)
class Report:
    """The whole consultation report."""

    start: dt.date
    end: dt.date
    made_on: dt.date
    who: Who
    question: str | None
    advice: AdvicePart | None
    letdown: Letdown
    volume: Volume
    pumps: tuple[PumpUse, ...]
    comfort: Comfort
    techniques: Techniques
    substances: tuple[SubstanceNote, ...]
    growth: tuple[GrowthPart, ...]
    weeks: tuple[WeekRow, ...]
    sources: tuple[str, ...]
    what_it_is: str = WHAT_IT_IS
    sections: tuple[str, ...] = field(default=SECTIONS)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
