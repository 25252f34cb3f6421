"""The sign-in lockout rule, pure: too many failures in a short time pause signing in.

``MAX_FAILURES`` failed attempts within ``WINDOW`` lock the address for ``LOCK`` after the
last of them. Attempts made while locked are refused without checking the password and
are not counted, so the lock ends on time (a guesser gains nothing by hammering). The same
rule applies to an email no account has, so a lockout does not reveal which exist. A
successful sign-in clears the count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
LOCK = dt.timedelta(minutes=15)
#: How far back attempts can matter: anything older cannot lock anyone now.
LOOKBACK = WINDOW + LOCK


def locked_until(failures: Sequence[dt.datetime], now: dt.datetime) -> dt.datetime | None:
    """When the lock ends, or None when not locked.

    ``failures``: the times of counted failed attempts since the last success (any order)."""
    times = sorted(failures)
    until: dt.datetime | None = None
    for first, last in zip(times, times[MAX_FAILURES - 1:], strict=False):
        if last - first <= WINDOW:
            end = last + LOCK
            until = end if until is None or end > until else until
    return until if until is not None and until > now else None
