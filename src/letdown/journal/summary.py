"""Small summaries of a journal for the overview: counts and the let-down trend.

Pure functions over ``Session`` records. The trend is descriptive only (how the
median time to the first let-down moved week by week); it is not advice, and it
says nothing when there is too little data to compare.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class HasLetdown(Protocol):
    """Anything with a start time and a first let-down (a Session or a table line)."""

    @property
    def start(self) -> dt.datetime: ...

    def first_letdown_s(self) -> float | None: ...

#: Fewest sessions with a noted let-down in a week before its median is compared.
MIN_SESSIONS_PER_WEEK = 3
#: A change in the weekly median smaller than this fraction is shown as "about the same".
SAME_WITHIN = 0.15


@dataclass(frozen=True)
class WeekLetdown:
    """Median seconds to the first let-down over one 7-day window."""

    ends: dt.datetime
    median_s: float | None
    sessions: int


def weekly_letdown(
    sessions: Sequence[HasLetdown], *, now: dt.datetime, weeks: int = 4
) -> list[WeekLetdown]:
    """The last ``weeks`` 7-day windows ending at ``now``, newest first."""
    out = []
    for back in range(weeks):
        end = now - dt.timedelta(days=7 * back)
        start = end - dt.timedelta(days=7)
        times = [
            first for s in sessions
            if start <= s.start < end and (first := s.first_letdown_s()) is not None
        ]
        out.append(WeekLetdown(end, statistics.median(times) if times else None, len(times)))
    return out


def trend_words(weeks: Sequence[WeekLetdown]) -> str | None:
    """"quicker", "slower" or "about the same" for this week against the weeks before."""
    if len(weeks) < 2 or weeks[0].median_s is None or weeks[0].sessions < MIN_SESSIONS_PER_WEEK:
        return None
    earlier = [w for w in weeks[1:] if w.median_s is not None
               and w.sessions >= MIN_SESSIONS_PER_WEEK]
    if not earlier:
        return None
    before = statistics.median(w.median_s for w in earlier if w.median_s is not None)
    change = (weeks[0].median_s - before) / before if before else 0.0
    if abs(change) < SAME_WITHIN:
        return "about the same as the weeks before"
    return "quicker than the weeks before" if change < 0 else "slower than the weeks before"
