"""Diaper counts for the baby's day of life: enough wet and dirty ones for the age?

The numbers expected each day are the advisor's red-flag thresholds in the evidence
base (``few_wet_diapers`` in red_flags.toml: about one wet diaper on day 1, rising to
six or more from day 5, and three or more dirty ones a day from day 4 to 6 weeks; ABM
Protocol #3, 2017, and Nommsen-Rivers 2008, cited there), read from one place so a
reviewer changes a number once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from letdown.journal.records import DiaperCount


@dataclass(frozen=True)
class DiaperDay:
    """One day's count next to what is expected for that day of life."""

    on: dt.date
    age_days: int  # days since birth, as the advisor counts them ("day 3" = 3 days old)
    wet: int
    dirty: int
    wet_expected: int
    dirty_expected: int | None  # None when no minimum applies at this age

    @property
    def enough(self) -> bool:
        """At least the expected wet and (where one applies) dirty diapers."""
        dirty_ok = self.dirty_expected is None or self.dirty >= self.dirty_expected
        return self.wet >= self.wet_expected and dirty_ok


def thresholds() -> dict[str, float]:
    """The evidence base's diaper thresholds (``few_wet_diapers``)."""
    from letdown.evidence import load_evidence

    return dict(load_evidence().red_flags["few_wet_diapers"].threshold)


def expected(age_days: int, t: dict[str, float]) -> tuple[int, int | None]:
    """Minimum wet and dirty diapers at an age in days, as the advisor reads its thresholds."""
    wet = int(t["wet_from_day5"]) if age_days >= 5 else int(t[f"wet_day{max(age_days, 1)}"])
    stools = t.get("stools_from_day4", 0)
    dirty = int(stools) if stools and 4 <= age_days <= t["stools_until_day"] else None
    return wet, dirty


def diaper_days(
    birth_date: dt.date, counts: Iterable[DiaperCount], t: dict[str, float] | None = None
) -> list[DiaperDay]:
    """Each counted day (oldest first) with what is expected for that day of life."""
    t = t if t is not None else thresholds()
    out = []
    for c in sorted(counts, key=lambda c: c.date):
        if c.date < birth_date:
            continue
        day = (c.date - birth_date).days
        wet, dirty = expected(day, t)
        out.append(DiaperDay(c.date, day, c.wet, c.dirty, wet, dirty))
    return out
