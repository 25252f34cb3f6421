"""The pure helpers behind the pages: summaries, form reading, media checks, sparkline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from letdown.journal.records import Session
from letdown.web.forms import FormData, FormError, parse_seconds, read_session
from letdown.web.media import MediaError, check_upload
from letdown.web.sparkline import sparkline
from letdown.web.summary import by_technique, last_pump_settings, letdown_points, trend

BASE = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC)


def session(hours: int, letdown: float | None, **extra: Any) -> Session:
    start = BASE + dt.timedelta(hours=hours)
    values: dict[str, Any] = {"kind": "pump", "sides": "left", "start": start,
                              "end": start + dt.timedelta(minutes=20)}
    if letdown is not None:
        values["letdowns"] = [{"side": "left", "at_s": letdown}]
    values.update(extra)
    return Session.model_validate(values)


def test_trend_compares_latest_sessions_with_the_ones_before() -> None:
    sessions = [session(h, s) for h, s in enumerate([400, 380, 420, 390, 200, 180, 220, 150])]
    sessions.append(session(9, None))  # no let-down marked: left out
    points = letdown_points(reversed(sessions))
    assert [p.value for p in points][:2] == [400, 380]  # oldest first whatever the input order
    assert trend(points, window=4) == (395, 190)
    assert trend(points[:3]) is None


def test_by_technique_medians_and_counts() -> None:
    groups = by_technique([
        session(0, 100, techniques=["warm_compress"]), session(1, 300, techniques=[]),
        session(2, 140, techniques=["warm_compress", "massage"]),
    ])
    assert [(g.name, g.count, g.median) for g in groups] == [
        ("warm compress", 2, 120), ("massage", 1, 140), ("no technique", 1, 300)]


def test_pump_settings_come_from_the_latest_pumping_session() -> None:
    older = session(0, None, flange_mm=21, pump_name="Old")
    newer = session(5, None, flange_mm=24, suction_level="6")
    fed = session(9, None, kind="breastfeed")
    assert last_pump_settings([older, fed, newer]) == {"flange_mm": 24, "suction_level": "6"}


@pytest.mark.parametrize(("text", "seconds"), [("95", 95), ("1:35", 95), ("1:02:05", 3725),
                                               ("12.5", 12.5)])
def test_parse_seconds(text: str, seconds: float) -> None:
    assert parse_seconds(text, "letdown_left") == seconds


@pytest.mark.parametrize("text", ["soon", "-3", "1:2:3:4", "nan"])
def test_parse_seconds_refuses(text: str) -> None:
    with pytest.raises(FormError, match="letdown_left"):
        parse_seconds(text, "letdown_left")


def test_form_reading_gathers_every_problem_at_once() -> None:
    form = FormData([("kind", "pump"), ("sides", "left"), ("start", "2026-01-10T08:00"),
                     ("end", "2026-01-10T08:20"), ("letdown_left", "x"), ("pain", "12")])
    record, _, errors = read_session(form, dt.UTC, BASE + dt.timedelta(hours=1))
    assert record is None
    assert [e.split(":")[0] for e in errors] == ["letdown_left", "pain"]


def test_media_checks_content_not_just_the_name() -> None:
    assert check_upload("a.JPEG", b"\xff\xd8\xff\xe0" + b"\x00" * 12, 100) == ("jpg", "image")
    with pytest.raises(MediaError, match=r"real \.png"):
        check_upload("a.png", b"GIF89a" + b"\x00" * 10, 100)
    with pytest.raises(MediaError, match="too big"):
        check_upload("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, 16 * 2**20)


def test_sparkline_draws_higher_values_higher() -> None:
    svg = sparkline([100, 300])
    assert svg.startswith("<svg") and "<title" in svg
    path = svg.split('d="M')[1].split('"')[0]
    first_y, last_y = (float(p.split(",")[1]) for p in path.split(" L"))
    assert last_y < first_y  # SVG y grows downwards
    assert sparkline([5]) == ""
