"""The checks both interfaces apply to a report request: the period and the question.

Each problem is one sentence saying what was wrong, what is allowed and what to do,
so the CLI (exit 2) and the web page (400) refuse with the same words.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from letdown.journal.records import EARLIEST

#: The default period: the last 30 days, today included.
DEFAULT_DAYS = 30
#: Longest period (a year and a day: a report is a summary, not an archive).
MAX_DAYS = 366
#: Longest question, in characters.
MAX_QUESTION = 1000


class RequestProblem(ValueError):
    """A report request that cannot be made; ``field`` names what to fix."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__(text)
        self.field = field


def period(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period to report on (defaults: the 30 days up to today), or ``RequestProblem``."""
    for name, day in (("from", start), ("to", end)):
        if day is not None and day < EARLIEST:
            raise RequestProblem(name, f"{day.isoformat()} is before {EARLIEST.year}; "
                                 f"allowed: a day from {EARLIEST.isoformat()} to today")
    end = end if end is not None else today
    start = start if start is not None else max(EARLIEST,
                                                end - dt.timedelta(days=DEFAULT_DAYS - 1))
    if end > today:
        raise RequestProblem("to", f"{end.isoformat()} is in the future; allowed: today "
                             f"({today.isoformat()}) or earlier")
    if start > end:
        raise RequestProblem("from", f"{start.isoformat()} is after the end "
                             f"{end.isoformat()}; allowed: a start on or before the end")
    days = (end - start).days + 1
    if days > MAX_DAYS:
        raise RequestProblem("from", f"the period is {days} days; allowed: up to {MAX_DAYS} "
                             "days (make one report per month or per year)")
    return start, end


def question(text: str | None) -> str | None:
    """The parent's question tidied (spaces and line breaks joined), None when empty; a
    question that is too long or holds control characters is a ``RequestProblem``."""
    if text is None:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\r\t"
           for c in text):
        raise RequestProblem("question", "contains characters that are not text (control "
                             "characters); allowed: ordinary letters, digits and punctuation")
    tidy = " ".join(text.split())
    if len(tidy) > MAX_QUESTION:
        raise RequestProblem("question", f"is {len(tidy)} characters long; allowed: up to "
                             f"{MAX_QUESTION}; shorten it to the main question")
    return tidy or None
