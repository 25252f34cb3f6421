"""Persistent patterns in the parent's sessions: slower let-down, less milk, none, pain.

Each rule compares whole weeks (or most of the latest sessions), never one session, and
needs enough sessions to say anything: one bad day must not raise an alarm. "Recent" is
counted back from the newest session, so the same journal always gives the same
findings. The thresholds are expert opinion (no study sets them for a home journal):
a change of half as much again, held through a week, is the kind of lasting problem the
advisor already sends to a lactation consultant (IBCLC) when self-care has not helped;
they are constants here so a reviewer changes them in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from letdown.journal.records import Session

WEEK = dt.timedelta(days=7)
#: Sessions with a let-down needed in each of the two weeks compared.
MIN_PER_WEEK = 5
#: Let-down "rising": this week's median at least this many times last week's ...
SLOWER_RATIO = 1.5
#: ... and at least this many seconds longer ...
SLOWER_MIN_S = 60.0
#: ... with at least this share of this week's let-downs slower than last week's median.
SLOWER_SHARE = 2 / 3
#: Volume "falling": this week's median at most this share of last week's (the mirror of 1.5).
LESS_RATIO = 2 / 3
#: The latest sessions read for "no let-down" and "pain".
LATEST = 10
#: "Most" of them: at least this many of the latest sessions.
MOST = 7
#: Pain at or above this score counts (the advisor's own painful-session line).
PAIN_FROM = 4

SOURCE = ("letdown's own threshold (expert opinion): a let-down or supply problem that "
          "lasts a week despite self-care deserves a lactation consultant's look")


@dataclass(frozen=True)
class SessionTrend:
    """One persistent pattern, with the numbers behind it."""

    id: str
    text: str
    evidence: str
    before: float | None = None  # last week's median (s or mL), when compared
    now: float | None = None


def _weeks(sessions: Sequence[Session]) -> tuple[list[Session], list[Session]]:
    """This week's and last week's sessions (back from the newest), oldest first."""
    sessions = sorted(sessions, key=lambda s: s.start)
    newest = sessions[-1].start
    this = [s for s in sessions if s.start > newest - WEEK]
    last = [s for s in sessions if newest - 2 * WEEK < s.start <= newest - WEEK]
    return this, last


def _halves(values: list[float]) -> tuple[list[float], list[float]]:
    """The week's values (oldest first) in two halves: a change must hold in both."""
    mid = len(values) // 2
    return values[:mid], values[mid:]


def letdown_slower(sessions: Sequence[Session]) -> SessionTrend | None:
    """The time to the first let-down rose over a week, and stayed up."""
    this, last = _weeks(sessions)
    now = [t for s in this if (t := s.first_letdown_s()) is not None]
    before = [t for s in last if (t := s.first_letdown_s()) is not None]
    if len(now) < MIN_PER_WEEK or len(before) < MIN_PER_WEEK:
        return None
    m_now, m_before = median(now), median(before)
    slower = sum(1 for t in now if t > m_before) / len(now)
    held = all(median(half) >= SLOWER_RATIO * m_before for half in _halves(now))
    if m_now >= SLOWER_RATIO * m_before and m_now - m_before >= SLOWER_MIN_S \
            and slower >= SLOWER_SHARE and held:
        return SessionTrend(
            "letdown_slower",
            f"Your let-down has been slower all week: about {m_now / 60:.1f} min, up from "
            f"{m_before / 60:.1f} min the week before.",
            f"median time to the first let-down {m_now:.0f} s in {len(now)} sessions this "
            f"week vs {m_before:.0f} s in {len(before)} the week before",
            m_before, m_now)
    return None


def volume_falling(sessions: Sequence[Session]) -> SessionTrend | None:
    """Pumped volumes fell over a week (pumping sessions with a volume logged)."""
    this, last = _weeks([s for s in sessions if s.kind.value == "pump"] or sessions)
    now = [v for s in this if s.kind.value == "pump" and (v := s.total_volume_ml) is not None]
    before = [v for s in last if s.kind.value == "pump"
              and (v := s.total_volume_ml) is not None]
    if len(now) < MIN_PER_WEEK or len(before) < MIN_PER_WEEK:
        return None
    m_now, m_before = median(now), median(before)
    lower = sum(1 for v in now if v < m_before) / len(now)
    held = all(median(half) <= LESS_RATIO * m_before for half in _halves(now))
    if m_before > 0 and m_now <= LESS_RATIO * m_before and lower >= SLOWER_SHARE and held:
        return SessionTrend(
            "volume_falling",
            f"You have pumped less all week: about {m_now:.0f} mL a session, down from "
            f"{m_before:.0f} mL the week before.",
            f"median volume {m_now:.0f} mL in {len(now)} pumping sessions this week vs "
            f"{m_before:.0f} mL in {len(before)} the week before",
            m_before, m_now)
    return None


def latest(sessions: Sequence[Session]) -> list[Session]:
    """The newest ``LATEST`` sessions, newest first."""
    return sorted(sessions, key=lambda s: s.start, reverse=True)[:LATEST]


def no_letdown(sessions: Sequence[Session]) -> SessionTrend | None:
    """No let-down noticed in most of the latest sessions."""
    recent = latest(sessions)
    if len(recent) < LATEST:
        return None
    none = sum(1 for s in recent if not s.letdowns)
    if none >= MOST:
        return SessionTrend(
            "no_letdown",
            f"No let-down was noticed in {none} of your last {len(recent)} sessions.",
            f"{none} of the {len(recent)} newest sessions have no let-down marked")
    return None


def pain_most(sessions: Sequence[Session]) -> SessionTrend | None:
    """Pain (4/10 or more) in most of the latest sessions."""
    recent = latest(sessions)
    if len(recent) < LATEST:
        return None
    hurt = sum(1 for s in recent if (s.pain or 0) >= PAIN_FROM)
    if hurt >= MOST:
        return SessionTrend(
            "pain_most",
            f"Feeding or pumping hurt in {hurt} of your last {len(recent)} sessions.",
            f"pain {PAIN_FROM}/10 or more in {hurt} of the {len(recent)} newest sessions",
            now=float(hurt))
    return None


def session_trends(sessions: Sequence[Session]) -> list[SessionTrend]:
    """Every persistent pattern found in the sessions."""
    if not sessions:
        return []
    found = (letdown_slower(sessions), volume_falling(sessions), no_letdown(sessions),
             pain_most(sessions))
    return [t for t in found if t is not None]
