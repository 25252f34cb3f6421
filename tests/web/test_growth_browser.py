"""At 390x844 in Chromium: the Babies page's growth chart fits the phone and reads, and
Home's trend findings open to show why and what to say, one-handed, with no network."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from tests.web.helpers import LiveServer, minutes_ago

pytestmark = pytest.mark.browser

#: Set to a folder to keep the screenshots (the README's come from here).
SHOTS = os.environ.get("LETDOWN_SHOTS")


SMALLEST_TEXT_PX = """() => {
  const svg = document.querySelector('figure.growth-chart svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll('text')].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


def fill(server: LiveServer) -> None:
    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    with httpx.Client(base_url=server.url, timeout=10, headers={"Origin": server.url}) as api:
        baby = api.post("/api/v1/babies", json={
            "name": "Robin", "birth_date": (today - dt.timedelta(days=75)).isoformat(),
            "sex": "female", "birth_weight_g": 3350}).json()
        for day, grams in ((3, 3120), (10, 3400), (21, 3950), (42, 4700), (70, 5350)):
            assert api.post("/api/v1/weights", json={
                "baby_id": baby["id"], "grams": grams,
                "date": (today - dt.timedelta(days=75 - day)).isoformat()}).status_code == 201
        for i, pain in enumerate((1, 2, 6, 6, 7, 5, 6, 7, 6, 6)):
            start = 60 * 8 * (10 - i)
            assert api.post("/api/v1/sessions", json={
                "kind": "pump", "sides": "both", "start": minutes_ago(start + 20),
                "end": minutes_ago(start), "pain": pain, "volume_left_ml": 40,
                "letdowns": [{"side": "left", "at_s": 100}]}).status_code == 201


def test_growth_chart_and_trend_at_phone_size(browser: Any, server: LiveServer) -> None:
    fill(server)
    tab = browser.new_page()
    try:
        tab.goto(server.url + "/babies")
        chart = tab.locator("figure.growth-chart svg")
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] <= 390 and box["width"] > 300
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        assert "percentile for girls" in tab.locator(".growth-words").inner_text()
        smallest = tab.evaluate(SMALLEST_TEXT_PX)
        assert smallest >= 12, f"chart text as small as {smallest:.1f} px"
        if SHOTS:
            tab.evaluate("document.querySelector('.growth-words li:nth-child(3)')"
                         ".scrollIntoView({block: 'start'})")
            tab.screenshot(path=str(Path(SHOTS) / "19-babies-growth.png"))
        tab.goto(server.url + "/")
        finding = tab.locator(".trend-finding").first
        assert "hurt in 8 of your last 10 sessions" in finding.inner_text()
        finding.locator("summary").click()
        assert "When you call:" in finding.inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        if SHOTS:
            tab.evaluate("document.querySelector('#trends-h').scrollIntoView({block: 'start'})")
            tab.screenshot(path=str(Path(SHOTS) / "20-home-trend.png"))
    finally:
        tab.close()
