"""History's charts: axes fit the sessions, let-down in m:ss, readable text on a phone,
colours from the page (dark mode), and a plain sentence instead of near-empty charts."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.web.helpers import minutes_ago

from letdown.journal.records import Kind
from letdown.web import charts
from letdown.web.summary import Group, Point

SOON = "A few more sessions and a trend appears"


def points(days: list[float], seconds: list[float]) -> list[Point]:
    base = dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)
    return [Point(base + dt.timedelta(days=d), s, Kind.pump)
            for d, s in zip(days, seconds, strict=True)]


def texts(svg: str) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg)


def smallest_px_on_a_phone(svg: str) -> float:
    """The smallest font, in CSS px, once the SVG is scaled to a phone-width chart."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes
    return min(sizes) * charts.PHONE_CHART_PX / width


def log(client: TestClient, hours_ago: float, letdown_s: int | None = 120, **more: object) -> None:
    body: dict[str, object] = {
        "kind": "pump", "sides": "both", "start": minutes_ago(hours_ago * 60 + 20),
        "end": minutes_ago(hours_ago * 60), "volume_left_ml": 30, "context": "home",
        "techniques": ["massage"],
        "letdowns": [] if letdown_s is None else [{"side": "left", "at_s": letdown_s}],
    }
    body.update(more)
    assert client.post("/api/v1/sessions", json=body).status_code == 201


def test_the_time_axis_spans_days_around_the_sessions_not_years() -> None:
    svg = charts.time_chart(points([0, 1, 2], [90, 130, 75]), "t1", "m:ss", "t")
    labels = texts(svg)
    assert not any(re.fullmatch(r"20\d\d", t) for t in labels)  # the old 2024-2030 axis
    days = [t for t in labels if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", t)]
    assert days and all(t.endswith("Nov") for t in days)
    first, last = charts.date_range([p.start for p in points([0, 1, 2], [1, 1, 1])])
    assert (last - first).days == 2 + 2 * charts.PAD_DAYS


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 400), min_size=1, max_size=8, unique=True))
def test_the_axis_always_holds_every_session_with_a_few_days_spare(days: list[float]) -> None:
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    starts = [base + dt.timedelta(days=d) for d in days]
    first, last = charts.date_range(starts)
    assert first < min(starts) and max(starts) < last
    assert (last - first) - (max(starts) - min(starts)) == dt.timedelta(days=2 * charts.PAD_DAYS)


def test_let_down_times_are_labelled_in_minutes_and_seconds() -> None:
    svg = charts.time_chart(points([0, 1, 2], [90, 130, 330]), "t2", "m:ss", "t", seconds=True)
    ticks = [t for t in texts(svg) if re.fullmatch(r"\d+:\d\d", t)]
    assert ticks[:3] == ["0:00", "2:00", "4:00"]
    bars = charts.bar_chart([Group("home", 3, 95.0), Group("work", 3, 200.0)], "b2", "m:ss",
                            "t", seconds=True)
    assert "3:00" in texts(bars) and "200" not in texts(bars)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 100_000, allow_nan=False))
def test_m_ss_reads_back_as_the_same_seconds(seconds: float) -> None:
    minutes, _, secs = charts.mmss(seconds).partition(":")
    assert len(secs) == 2 and int(minutes) * 60 + int(secs) == round(seconds)


def test_every_chart_s_text_is_at_least_12_px_on_a_phone() -> None:
    svgs = [
        charts.time_chart(points([0, 1, 2], [90, 130, 75]), "t3", "m:ss", "t", seconds=True),
        charts.bar_chart([Group(f"place {i}", 3, 60.0 * i) for i in range(1, 6)], "b3", "x",
                         "t", seconds=True),
    ]
    for svg in svgs:
        assert smallest_px_on_a_phone(svg) >= 12


def test_chart_colours_follow_the_page_so_dark_mode_draws_dark_charts() -> None:
    svg = charts.time_chart(points([0, 1, 2], [90, 130, 75]), "t4", "m:ss", "t")
    colours = set(re.findall(r"(?:fill|stroke): ([^;\"]+)", svg)) - {"none"}
    assert colours and all(c.startswith("var(--chart-") for c in colours)
    assert "#ffffff" not in svg  # no white background box
    css = (charts.__file__.rsplit("/", 1)[0] + "/static/app.css")
    with open(css, encoding="utf-8") as sheet:
        style = sheet.read()
    dark = style[style.index("@media (prefers-color-scheme: dark)"):]
    assert "--chart-ink: var(--text)" in style and "--text: #f3ede6" in dark


def test_under_three_sessions_history_says_a_trend_is_coming(client: TestClient) -> None:
    log(client, 5)
    log(client, 3, letdown_s=400)
    page = client.get("/history").text
    assert SOON in page and "<svg" not in page
    log(client, 1, letdown_s=200)
    page = client.get("/history").text
    assert SOON not in page
    assert 'id="letdown-time"' in page and 'id="volume-time"' in page
    assert "6:00" in page  # let-down axis in m:ss


def test_an_empty_history_says_nothing_about_trends(client: TestClient) -> None:
    page = client.get("/history").text
    assert SOON not in page and "No sessions match." in page


def test_the_days_on_the_axis_are_the_parent_s_days() -> None:
    """Evening sessions in California are on 19 Nov there, though 20 Nov in UTC."""
    from zoneinfo import ZoneInfo

    evening = [Point(dt.datetime(2026, 11, 20, h, tzinfo=dt.UTC), 100.0, Kind.pump)
               for h in (4, 5, 6)]
    local = texts(charts.time_chart(evening, "t5", "m:ss", "t",
                                    zone=ZoneInfo("America/Los_Angeles")))
    utc = texts(charts.time_chart(evening, "t6", "m:ss", "t"))
    assert "18 Nov" in local and "22 Nov" not in local
    assert "22 Nov" in utc and "18 Nov" not in utc
