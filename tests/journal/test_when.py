"""Reading times the way a tired person types them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from letdown.journal.when import (
    local_text,
    local_zone,
    mmss,
    parse_day,
    parse_minutes,
    parse_moment,
    parse_offset_seconds,
)

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 7, 2, 2, 30, tzinfo=dt.UTC)  # 03:30 in London (summer time)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("20m ago", NOW - dt.timedelta(minutes=20)),
        ("2h", NOW - dt.timedelta(hours=2)),
        ("03:10", dt.datetime(2026, 7, 2, 2, 10, tzinfo=dt.UTC)),
        ("23:40", dt.datetime(2026, 7, 1, 22, 40, tzinfo=dt.UTC)),  # last night, not tonight
        ("yesterday 03:10", dt.datetime(2026, 7, 1, 2, 10, tzinfo=dt.UTC)),
        ("2026-06-30 14:05", dt.datetime(2026, 6, 30, 13, 5, tzinfo=dt.UTC)),
        ("2026-06-30T14:05+02:00", dt.datetime(2026, 6, 30, 12, 5, tzinfo=dt.UTC)),
    ],
)
def test_parse_moment(text: str, expected: dt.datetime) -> None:
    assert parse_moment(text, now=NOW, zone=LONDON) == expected


def test_bad_moments_say_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="allowed: now, 23:40"):
        parse_moment("tea time", now=NOW, zone=LONDON)
    with pytest.raises(ValueError, match="00:00 to 23:59"):
        parse_moment("24:10", now=NOW, zone=LONDON)


def test_lengths_days_and_offsets() -> None:
    assert [parse_minutes(t) for t in ("20", "20m", "1h 5m", "1:05", "1h")] == [
        20, 20, 65, 65, 60]
    assert [parse_offset_seconds(t) for t in ("95", "95s", "1:35", "2m", "2.5m")] == [
        95, 95, 95, 120, 150]
    today = dt.date(2026, 7, 2)
    assert parse_day("yesterday", today=today) == dt.date(2026, 7, 1)
    assert parse_day("3d", today=today) == dt.date(2026, 6, 29)
    with pytest.raises(ValueError, match="not a length"):
        parse_minutes("long")
    with pytest.raises(ValueError, match="allowed: 95, 95s, 1:35 or 2m"):
        parse_offset_seconds("-3")


def test_display_in_local_time() -> None:
    assert local_text(NOW, LONDON) == "Thu 02 Jul 03:30"
    assert local_text(dt.datetime(2026, 12, 2, 2, 30, tzinfo=dt.UTC), LONDON) == "Wed 02 Dec 02:30"
    assert mmss(95.4) == "1:35" and mmss(None) == "-"


def test_zone_from_settings_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert local_zone("America/New_York") == ZoneInfo("America/New_York")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_zone(None) == ZoneInfo("Asia/Tokyo")
    with pytest.raises(ValueError, match="IANA"):
        local_zone("Mars/Olympus")


@pytest.mark.parametrize(
    "text",
    ["99999999999h ago", "0001-01-01", "0001-01-01 00:00+14:00", "9999-12-31 23:59",
     "1899-12-31 23:00", "3000-01-01", "9" * 5000 + "m ago"],
)
def test_moments_far_from_now_are_refused_not_overflowed(text: str) -> None:
    far_east = ZoneInfo("Pacific/Kiritimati")
    with pytest.raises(ValueError, match="allowed: dates from 1900 to 2999"):
        parse_moment(text, now=NOW, zone=far_east)


@pytest.mark.parametrize("text", ["99999999d", "0001-01-01", "9999-12-31", "9" * 5000 + "d"])
def test_days_far_from_today_are_refused_not_overflowed(text: str) -> None:
    with pytest.raises(ValueError, match="allowed: dates from 1900 to 2999"):
        parse_day(text, today=NOW.date())


@pytest.mark.parametrize("text", ["99999999999999999999999", "25h", "1:99", "9" * 5000])
def test_lengths_beyond_a_day_or_impossible_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="allowed: "):
        parse_minutes(text)


@pytest.mark.parametrize("text", ["1:99:99", "1:99", "9" * 5000 + ":00", "-5"])
def test_impossible_letdown_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="allowed: 95, 95s, 1:35 or 2m"):
        parse_offset_seconds(text)
