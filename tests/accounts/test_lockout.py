"""The lockout rule on its own: 5 failures within 15 minutes pause sign-in for 15 minutes."""

from __future__ import annotations

import datetime as dt

from letdown.accounts.lockout import LOCK, MAX_FAILURES, WINDOW, locked_until

T0 = dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC)


def _minutes(*values: float) -> list[dt.datetime]:
    return [T0 + dt.timedelta(minutes=v) for v in values]


def test_four_failures_do_not_lock() -> None:
    assert locked_until(_minutes(0, 1, 2, 3), T0 + dt.timedelta(minutes=4)) is None


def test_five_failures_in_the_window_lock_for_fifteen_minutes_after_the_last() -> None:
    failures = _minutes(0, 1, 2, 3, 4)
    last = failures[-1]
    assert locked_until(failures, last) == last + LOCK
    assert locked_until(failures, last + LOCK - dt.timedelta(seconds=1)) == last + LOCK
    assert locked_until(failures, last + LOCK) is None


def test_failures_spread_wider_than_the_window_do_not_lock() -> None:
    spread = WINDOW / (MAX_FAILURES - 1) + dt.timedelta(seconds=1)
    failures = [T0 + spread * i for i in range(MAX_FAILURES)]
    assert locked_until(failures, failures[-1]) is None


def test_order_does_not_matter() -> None:
    failures = _minutes(4, 0, 3, 1, 2)
    assert locked_until(failures, T0 + dt.timedelta(minutes=5)) == T0 + dt.timedelta(minutes=19)
