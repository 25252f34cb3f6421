"""Plain summaries of sessions for the pages: trends, groups, last pump settings.

Pure functions over journal records (no I/O), so they can be tested alone and
reused by any interface. They describe; they do not judge: what a pattern
means is the advisor's job.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from letdown.journal.records import PUMP_FIELDS, Baby, Kind, Session


@dataclass(frozen=True)
class Point:
    """One session on a time chart."""

    start: dt.datetime
    value: float
    kind: Kind


@dataclass(frozen=True)
class Group:
    """Sessions sharing a context or technique: how many, and their median value."""

    name: str
    count: int
    median: float


def letdown_points(sessions: Iterable[Session]) -> list[Point]:
    """Seconds to the first let-down, oldest first, for sessions where one was noticed."""
    points = [
        Point(s.start, first, s.kind)
        for s in sessions
        if (first := s.first_letdown_s()) is not None
    ]
    return sorted(points, key=lambda p: p.start)


def volume_points(sessions: Iterable[Session]) -> list[Point]:
    """Total volume (mL), oldest first, for sessions where a volume was recorded."""
    points = [
        Point(s.start, total, s.kind)
        for s in sessions
        if (total := s.total_volume_ml) is not None
    ]
    return sorted(points, key=lambda p: p.start)


def trend(points: Sequence[Point], window: int = 5) -> tuple[float, float] | None:
    """(median of the ``window`` sessions before, median of the latest ``window``), or None.

    Medians, because one very slow session should not swing the picture.
    """
    if len(points) < 4:
        return None
    size = min(window, len(points) // 2)
    recent = [p.value for p in points[-size:]]
    earlier = [p.value for p in points[-2 * size : -size]]
    return statistics.median(earlier), statistics.median(recent)


def _group(
    sessions: Iterable[Session],
    keys: Callable[[Session], Iterable[str]],
    value: Callable[[Session], float | None],
) -> list[Group]:
    buckets: dict[str, list[float]] = defaultdict(list)
    for session in sessions:
        measured = value(session)
        if measured is None:
            continue
        for key in keys(session):
            buckets[key].append(measured)
    return sorted(
        (Group(name, len(v), statistics.median(v)) for name, v in buckets.items()),
        key=lambda g: (g.median, g.name),
    )


def _contexts(session: Session) -> list[str]:
    found = [session.context.value if session.context else "place not given"]
    found += [
        label
        for flag, label in (
            (session.felt_cold, "felt cold"),
            (session.felt_rushed, "felt rushed"),
            (session.felt_self_conscious, "felt self-conscious"),
        )
        if flag
    ]
    return found


def _techniques(session: Session) -> list[str]:
    return [t.value.replace("_", " ") for t in session.techniques] or ["no technique"]


def by_context(sessions: Iterable[Session], measure: str = "letdown") -> list[Group]:
    """Median time to let-down (or volume) per place and per felt-cold/rushed/watched."""
    return _group(sessions, _contexts, _measure(measure))


def by_technique(sessions: Iterable[Session], measure: str = "letdown") -> list[Group]:
    """Median time to let-down (or volume) per technique used (a session counts in each)."""
    return _group(sessions, _techniques, _measure(measure))


def _measure(name: str) -> Callable[[Session], float | None]:
    if name == "letdown":
        return lambda s: s.first_letdown_s()
    if name == "volume":
        return lambda s: s.total_volume_ml
    raise ValueError(f"measure: {name!r}; allowed: letdown, volume")


def last_pump_settings(sessions: Iterable[Session]) -> dict[str, object]:
    """Pump settings of the most recent pumping session that has any (to prefill the form)."""
    for session in sorted(sessions, key=lambda s: s.start, reverse=True):
        if session.kind is not Kind.pump:
            continue
        found = {name: getattr(session, name) for name in PUMP_FIELDS}
        if any(v is not None for v in found.values()):
            return {k: v for k, v in found.items() if v is not None}
    return {}


def filter_sessions(
    sessions: Iterable[Session], *, context: str | None = None, technique: str | None = None
) -> list[Session]:
    """Sessions in one place (``home``...) and/or using one technique (``massage``...)."""
    chosen = []
    for session in sessions:
        if context and (session.context is None or session.context.value != context):
            continue
        if technique and technique not in {t.value for t in session.techniques}:
            continue
        chosen.append(session)
    return chosen


def who_was_fed(sessions: Iterable[Session], babies: Sequence[Baby]) -> dict[int, str]:
    """Session id -> the baby's name ("Ada + Ben" for a tandem feed), for listing; empty
    with fewer than two babies (see ``quicklist.shown_names``)."""
    from letdown.journal.quicklist import baby_label, shown_names

    names = shown_names((b.id, b.name) for b in babies)
    labels = {
        s.id or 0: baby_label(names.get(s.baby_id or 0), names.get(s.tandem_baby_id or 0), " + ")
        for s in sessions
    }
    return {id_: label for id_, label in labels.items() if label}
