"""Times as people type and read them: local zone, "now", "23:40", "20m ago", "1:35".

The journal stores UTC; people think in local time, often half-asleep. These
pure helpers turn what someone types into aware datetimes and seconds, and turn
stored values back into short local text. They take ``now`` and the zone as
arguments so they can be tested without a clock; ``local_zone`` is the one
function that looks at the machine.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone(name: str | None = None) -> dt.tzinfo:
    """The zone to show times in: ``name`` (settings.timezone), else $TZ, else the system's."""
    for candidate in (name, os.environ.get("TZ", "").lstrip(":") or None):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                if candidate is name:
                    raise ValueError(
                        f"timezone: unknown time zone {name!r}; allowed: an IANA name "
                        "such as Europe/London"
                    ) from None
    localtime = Path("/etc/localtime")
    if localtime.exists():
        with localtime.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    zone = dt.datetime.now().astimezone().tzinfo
    return zone or dt.UTC


_AGO = re.compile(r"^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hr|hrs|hours?)\s*(ago)?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")

#: The years a typed date or time may fall in. Nothing a parent records is older than
#: 1900 (the journal refuses it too), and staying far from Python's year 1 and 9999
#: edges means adding a session length or converting between zones never overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999
#: Longest length of time a person may type (a session is at most 6 h; a day is plenty).
MAX_MINUTES = 24 * 60
#: Most digits in a typed number: more is a typing accident, never a real value.
_MAX_DIGITS = 12
_RANGE = f"allowed: dates from {FIRST_YEAR} to {LAST_YEAR}"


def _in_range(moment: dt.datetime, text: str) -> dt.datetime:
    """``moment`` when it is in ``FIRST_YEAR..LAST_YEAR`` (in UTC too), else ValueError."""
    try:
        utc_year = moment.astimezone(dt.UTC).year
    except (OverflowError, ValueError):
        utc_year = 0
    if not FIRST_YEAR <= moment.year <= LAST_YEAR or not FIRST_YEAR <= utc_year <= LAST_YEAR:
        raise ValueError(f"{text!r} is out of range; {_RANGE}")
    return moment


def _day_in_range(day: dt.date, text: str) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{text!r} is out of range; {_RANGE}")
    return day


def _too_many_digits(value: str) -> bool:
    return any(len(run) > _MAX_DIGITS for run in re.findall(r"\d+", value))


def parse_moment(text: str, *, now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """Read a point in time typed by a person; returns an aware datetime.

    Accepted: ``now``; ``20m ago`` / ``2h`` (before now); ``23:40`` (today, or
    yesterday if that would be in the future: at 3 a.m. "23:40" means last
    night); ``yesterday 23:40``; ISO ``2026-11-28 14:05`` or
    ``2026-11-28T14:05+01:00`` (local zone when none is given).
    """
    value = text.strip().lower()
    local_now = now.astimezone(zone)
    if value in {"now", ""}:
        return now
    if _too_many_digits(value):
        raise ValueError(f"{text[:20]!r}... is out of range; {_RANGE}")
    match = _AGO.match(value)
    if match:
        amount = float(match.group(1))
        minutes = amount * 60 if match.group(2).startswith("h") else amount
        try:
            return _in_range(now - dt.timedelta(minutes=minutes), text)
        except OverflowError:
            raise ValueError(f"{text!r} is too long ago; {_RANGE}") from None
    day_offset = 0
    if value.startswith("yesterday"):
        day_offset, value = 1, value.removeprefix("yesterday").strip()
    match = _CLOCK.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise ValueError(f"{text!r} is not a time of day; allowed: 00:00 to 23:59")
        day = local_now.date() - dt.timedelta(days=day_offset)
        moment = _at(day, hour, minute, zone)
        if day_offset == 0 and moment > now:
            moment = _at(day - dt.timedelta(days=1), hour, minute, zone)
        return moment
    try:
        parsed = dt.datetime.fromisoformat(value.upper() if "t" in value else value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a time; allowed: now, 23:40, yesterday 23:40, 20m ago, "
            "or 2026-11-28 14:05"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return _in_range(parsed, text)


def _at(day: dt.date, hour: int, minute: int, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def parse_day(text: str, *, today: dt.date) -> dt.date:
    """Read a day: ``today``, ``yesterday``, ``3d`` (3 days ago) or ``2026-11-28``."""
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    if _too_many_digits(value):
        raise ValueError(f"{text[:20]!r}... is out of range; {_RANGE}")
    match = re.match(r"^(\d+)\s*d(ays?)?(\s*ago)?$", value)
    if match:
        try:
            return _day_in_range(today - dt.timedelta(days=int(match.group(1))), text)
        except OverflowError:
            raise ValueError(f"{text!r} is too long ago; {_RANGE}") from None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a day; allowed: today, yesterday, 3d, or 2026-11-28"
        ) from None
    return _day_in_range(day, text)


_DURATION = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins)?)?$")


def parse_minutes(text: str) -> float:
    """A session length in minutes: ``20``, ``20m``, ``1h 5m``, ``1:05`` (h:mm)."""
    value = text.strip().lower()
    allowed = "allowed: 20, 20m, 1h 5m or 1:05"
    if _too_many_digits(value):
        raise ValueError(f"{text[:20]!r}... is too long; {allowed}, up to {MAX_MINUTES // 60} h")
    clock = _CLOCK.match(value)
    match = _DURATION.match(value)
    if clock:
        if int(clock.group(2)) > 59:
            raise ValueError(f"{text!r} is not a length of time (h:mm); {allowed}")
        minutes = int(clock.group(1)) * 60 + float(clock.group(2))
    elif not value or not match or not any(match.groups()):
        raise ValueError(f"{text!r} is not a length of time; {allowed}")
    else:
        minutes = int(match.group(1) or 0) * 60 + float(match.group(2) or 0)
    if minutes > MAX_MINUTES:
        raise ValueError(f"{text!r} is too long; allowed: up to {MAX_MINUTES // 60} h")
    return minutes


def parse_offset_seconds(text: str) -> float:
    """Time since the start, in seconds: ``95`` (s), ``95s``, ``1:35`` (m:ss), ``2m``, ``2.5m``."""
    value = text.strip().lower()
    allowed = "allowed: 95, 95s, 1:35 or 2m"
    if _too_many_digits(value):
        raise ValueError(f"{text[:20]!r}... is too long after the start; {allowed}")
    clock = re.match(r"^(\d+):([0-5]\d)$", value)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    match = re.match(r"^(\d+(?:\.\d+)?)\s*(s|sec|secs|m|min|mins)?$", value)
    if not match:
        raise ValueError(f"{text!r} is not a time from the start; {allowed}")
    amount = float(match.group(1))
    return amount * 60 if (match.group(2) or "s").startswith("m") else amount


def mmss(seconds: float | None) -> str:
    """Seconds as ``m:ss`` (``-`` for None)."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def clock(seconds: float, *, round_up: bool = False) -> str:
    """Seconds within a session as a parent reads them: ``1:35``, ``1:02:05``.

    Whole seconds, cut down (or, with ``round_up``, up): a let-down just after the end
    of a session then never reads as the same time as the end.
    """
    whole = max(0, math.ceil(seconds) if round_up else math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def local_text(moment: dt.datetime, zone: dt.tzinfo, *, with_year: bool = False) -> str:
    """A stored time as short local text, e.g. ``Sat 28 Nov 14:05``."""
    local = moment.astimezone(zone)
    return local.strftime("%a %d %b %Y %H:%M" if with_year else "%a %d %b %H:%M")
