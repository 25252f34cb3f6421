"""Turn journal sessions into the few facts the advisor can use.

The questionnaire says what a parent remembers; the journal says what actually
happened. This module condenses a list of sessions into ``JournalFacts`` (recent
pain, time to let-down by place, what each technique seemed to do) with no I/O,
so the advisor stays pure and testable. "Recent" is measured back from the
newest session, not from the clock, so the same journal always gives the same
facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from statistics import median
from typing import Protocol

from pydantic import BaseModel, Field

from letdown.advisor.journal_infant import BabyFacts, baby_facts
from letdown.journal.records import Baby, DiaperCount, InfantWeight, Session
from letdown.journal.records import Technique as JournalTechnique

#: How far back from the newest session counts as recent.
RECENT = dt.timedelta(days=7)
#: At most this many of the newest sessions are read.
WINDOW = 500
#: Minimum sessions on each side of a comparison before reporting it.
MIN_SESSIONS = 2

#: The journal's technique names -> the evidence base's technique ids.
TECHNIQUE_MAP: dict[JournalTechnique, str] = {
    JournalTechnique.warm_compress: "warmth",
    JournalTechnique.massage: "massage_compression",
    JournalTechnique.breast_compression: "massage_compression",
    JournalTechnique.slow_breathing: "relaxation",
    JournalTechnique.music: "relaxation",
    JournalTechnique.guided_imagery: "relaxation",
    JournalTechnique.baby_photo_video: "sensory_cues",
    JournalTechnique.baby_sounds: "sensory_cues",
    JournalTechnique.baby_scent: "sensory_cues",
    JournalTechnique.skin_to_skin: "skin_to_skin",
    JournalTechnique.comfortable_seat: "privacy_comfort",
}


class TechniqueEffect(BaseModel):
    """Time to let-down with and without one technique, from the journal."""

    technique: str = Field(description="Evidence-base technique id.")
    sessions_with: int
    sessions_without: int
    median_with_s: float | None = None
    median_without_s: float | None = None

    @property
    def faster_by_s(self) -> float | None:
        """Seconds saved with the technique (negative: slower); None when too few sessions."""
        if (
            self.median_with_s is None
            or self.median_without_s is None
            or self.sessions_with < MIN_SESSIONS
            or self.sessions_without < MIN_SESSIONS
        ):
            return None
        return self.median_without_s - self.median_with_s


class JournalFacts(BaseModel):
    """What the journal says, condensed for the advisor."""

    sessions: int = Field(description="Sessions considered.")
    recent_sessions: int = Field(description="Sessions in the 7 days up to the newest one.")
    recent_pain_scores: list[int] = Field(default_factory=list)
    recent_stress_scores: list[int] = Field(default_factory=list)
    median_letdown_s_by_place: dict[str, float] = Field(default_factory=dict)
    sessions_by_place: dict[str, int] = Field(default_factory=dict)
    median_letdown_s: float | None = None
    sessions_without_letdown: int = 0
    share_felt_cold: float | None = None
    share_felt_rushed_or_watched: float | None = None
    alcohol_sessions: int = 0
    median_alcohol_letdown_s: float | None = None
    pump_sessions: int = 0
    flange_sizes_mm: list[float] = Field(default_factory=list)
    medicines: list[str] = Field(default_factory=list)
    techniques: dict[str, TechniqueEffect] = Field(default_factory=dict)
    babies: list[BabyFacts] = Field(
        default_factory=list, description="Each baby's latest weight and diaper count."
    )
    as_of: dt.date | None = Field(
        default=None, description="Today, for the babies' ages (set when babies are given)."
    )

    @property
    def recent_pain_max(self) -> int | None:
        return max(self.recent_pain_scores) if self.recent_pain_scores else None

    @property
    def recent_painful_sessions(self) -> int:
        """Recent sessions with pain 4/10 or more."""
        return sum(1 for p in self.recent_pain_scores if p >= 4)

    @property
    def recent_stress_median(self) -> float | None:
        return median(self.recent_stress_scores) if self.recent_stress_scores else None

    @property
    def usable(self) -> bool:
        """True when there is anything to go on: sessions, or babies with a date."""
        return self.sessions > 0 or (bool(self.babies) and self.as_of is not None)

    def place_delay_s(self, slow: str, base: str = "home") -> float | None:
        """How much longer let-down takes at ``slow`` than at ``base`` (median, seconds)."""
        counts = self.sessions_by_place
        if counts.get(slow, 0) < MIN_SESSIONS or counts.get(base, 0) < MIN_SESSIONS:
            return None
        a = self.median_letdown_s_by_place.get(slow)
        b = self.median_letdown_s_by_place.get(base)
        if a is None or b is None:
            return None
        return a - b


def _median(values: list[float]) -> float | None:
    return float(median(values)) if values else None


def journal_facts(
    sessions: Iterable[Session],
    babies: Iterable[BabyFacts] = (),
    today: dt.date | None = None,
) -> JournalFacts:
    """Condense sessions (any order), and the babies' numbers as of ``today``."""
    items = sorted(sessions, key=lambda s: s.start)
    infants = list(babies) if today is not None else []
    if not items:
        return JournalFacts(sessions=0, recent_sessions=0, babies=infants, as_of=today)
    newest = items[-1].start
    recent = [s for s in items if newest - s.start <= RECENT]

    times: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    all_times: list[float] = []
    without = 0
    for s in items:
        first = s.first_letdown_s()
        place = s.context.value if s.context is not None else None
        if place is not None:
            counts[place] = counts.get(place, 0) + 1
        if first is None:
            without += 1
            continue
        all_times.append(first)
        if place is not None:
            times.setdefault(place, []).append(first)

    cold = [s.felt_cold for s in items if s.felt_cold is not None]
    rushed = [
        bool(s.felt_rushed or s.felt_self_conscious)
        for s in items
        if s.felt_rushed is not None or s.felt_self_conscious is not None
    ]
    drinking = [s for s in items if s.alcohol_drinks]
    drink_times = [t for s in drinking if (t := s.first_letdown_s()) is not None]

    effects: dict[str, TechniqueEffect] = {}
    timed = [(s, t) for s in items if (t := s.first_letdown_s()) is not None]
    used_ids = {TECHNIQUE_MAP[t] for s in items for t in s.techniques if t in TECHNIQUE_MAP}
    for tech_id in sorted(used_ids):
        with_t = [t for s, t in timed if tech_id in _ids(s)]
        without_t = [t for s, t in timed if tech_id not in _ids(s)]
        effects[tech_id] = TechniqueEffect(
            technique=tech_id,
            sessions_with=len(with_t),
            sessions_without=len(without_t),
            median_with_s=_median(with_t),
            median_without_s=_median(without_t),
        )

    medicines = sorted({m.strip().lower() for s in items for m in s.medicines})
    return JournalFacts(
        sessions=len(items),
        recent_sessions=len(recent),
        recent_pain_scores=[s.pain for s in recent if s.pain is not None],
        recent_stress_scores=[s.stress for s in recent if s.stress is not None],
        median_letdown_s_by_place={k: float(median(v)) for k, v in sorted(times.items())},
        sessions_by_place=dict(sorted(counts.items())),
        median_letdown_s=_median(all_times),
        sessions_without_letdown=without,
        share_felt_cold=(sum(cold) / len(cold)) if cold else None,
        share_felt_rushed_or_watched=(sum(rushed) / len(rushed)) if rushed else None,
        alcohol_sessions=len(drinking),
        median_alcohol_letdown_s=_median(drink_times),
        pump_sessions=sum(1 for s in items if s.kind.value == "pump"),
        flange_sizes_mm=sorted({s.flange_mm for s in items if s.flange_mm is not None}),
        medicines=medicines,
        techniques=effects,
        babies=infants,
        as_of=today,
    )


def _ids(session: Session) -> set[str]:
    return {TECHNIQUE_MAP[t] for t in session.techniques if t in TECHNIQUE_MAP}


class JournalReader(Protocol):
    """What ``from_journal`` reads (``letdown.journal.service.Journal`` has it)."""

    def list_sessions(self, *, limit: int | None = ...) -> list[Session]: ...
    def list_babies(self) -> list[Baby]: ...
    def list_weights(self) -> list[InfantWeight]: ...
    def list_diapers(self) -> list[DiaperCount]: ...


def from_journal(journal: JournalReader, today: dt.date) -> JournalFacts | None:
    """Facts from a journal's newest sessions and its babies; None when it holds neither."""
    sessions = journal.list_sessions(limit=WINDOW)
    babies = baby_facts(journal.list_babies(), journal.list_weights(), journal.list_diapers())
    if not sessions and not babies:
        return None
    return journal_facts(sessions, babies, today)
