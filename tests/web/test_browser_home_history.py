"""At 390x844 in Chromium: Home's red-flag banner leads to the record, and History's charts
are readable (12 px text) and dark in dark mode, with no sideways scrolling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from tests.web.helpers import PHONE, LiveServer, minutes_ago

pytestmark = pytest.mark.browser

SMALLEST_TEXT_PX = """() => Math.min(
  ...[...document.querySelectorAll('figure.chart svg')].flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
}))"""
LUMINANCE = """([selector, property]) => {
  const colour = getComputedStyle(document.querySelector(selector))[property];
  const [r, g, b] = colour.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh tab in the phone-sized browser (390x844)."""
    tab = browser.new_page()
    try:
        yield tab
    finally:
        tab.close()


def fill(server: LiveServer) -> tuple[int, int]:
    with httpx.Client(base_url=server.url, timeout=10, headers={"Origin": server.url}) as api:
        for hours, seconds in ((100, 130), (60, 95), (30, 200), (5, 75)):
            assert api.post("/api/v1/sessions", json={
                "kind": "pump", "sides": "both", "start": minutes_ago(hours * 60 + 20),
                "end": minutes_ago(hours * 60), "volume_left_ml": 40, "context": "home",
                "letdowns": [{"side": "left", "at_s": seconds}]}).status_code == 201
        today = dt.datetime.now(ZoneInfo("Europe/London")).date()
        baby = api.post("/api/v1/babies", json={
            "name": "Ada", "birth_date": (today - dt.timedelta(days=39)).isoformat()}).json()
        count = api.post("/api/v1/diapers", json={
            "baby_id": baby["id"], "date": today.isoformat(), "wet": 1, "dirty": 3}).json()
        return int(baby["id"]), int(count["id"])


def test_home_banner_names_the_record_and_history_charts_read_well_in_the_dark(
    phone: Any, server: LiveServer
) -> None:
    baby, count = fill(server)
    phone.emulate_media(color_scheme="dark")
    phone.goto(server.url + "/")
    banner = phone.locator("section.notice")
    assert "Ada: 1 wet diaper on" in banner.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    banner.get_by_role("link", name="See or correct this record").click()
    phone.wait_for_url(f"**/babies/{baby}/diapers/{count}/edit")

    phone.goto(server.url + "/history")
    assert phone.locator("figure.chart svg").count() >= 4
    assert phone.evaluate(SMALLEST_TEXT_PX) >= 12
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # dark page, dark chart: light ink on the card's dark surface, no white box
    ink = phone.evaluate(LUMINANCE, ["figure.chart svg text", "fill"])
    surface = phone.evaluate(LUMINANCE, ["figure.chart", "backgroundColor"])
    assert ink > 0.7 and surface < 0.2
    phone.emulate_media(color_scheme="light")
    assert phone.evaluate(LUMINANCE, ["figure.chart svg text", "fill"]) < 0.3

    phone.goto(server.url + "/babies")
    assert phone.locator(f"#flag-diapers-{count}").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
