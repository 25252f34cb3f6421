"""The Insights page and the experiment flow in a real browser at phone size (390x844)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from tests.web.helpers import LiveServer
from tests.web.test_browser_layout import (
    FIRST_SCREEN,
    GUIDED,
    no_sideways_scroll,
    off_screen,
    open_session,
    serious_violations,
)
from tests.web.test_insights_api import fill

pytestmark = pytest.mark.browser


def test_insights_then_an_experiment_then_the_guided_session(tab: Any,
                                                             server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, headers={"origin": server.url}) as api:
        fill(api)  # type: ignore[arg-type]
    tab.goto(server.url + "/insights")
    expect(tab.locator("h1")).to_have_text("What works for you")
    first = tab.locator(".insight-lines li").first
    expect(first).to_contain_text("Warm compress: about")
    assert no_sideways_scroll(tab)
    assert serious_violations(tab) == []
    tab.locator("details summary").click()
    expect(tab.locator("details img")).to_be_visible()
    # start an experiment with the thumb: pick, choose, tap
    tab.select_option("#f-target", "massage")
    tab.select_option("#f-sessions", "8")
    tab.get_by_role("button", name="Start the experiment").click()
    expect(tab.locator(".notice.ok")).to_contain_text("Experiment started")
    expect(tab.locator("#experiment")).to_contain_text("Experiment, session 1 of 8:")
    assert no_sideways_scroll(tab)
    assert serious_violations(tab) == []
    # the guided session says what to do, and the pumping screen still fits
    open_session(tab, server)
    expect(tab.locator("#experiment-assignment")).to_contain_text("session 1 of 8")
    assert off_screen(tab, FIRST_SCREEN) == {}
    assert no_sideways_scroll(tab)
    tab.goto(server.url + "/insights")
    tab.get_by_role("button", name="Stop the experiment").click()
    expect(tab.locator(".notice.ok")).to_contain_text("Experiment stopped")
    tab.goto(server.url + GUIDED)
    expect(tab.locator("#experiment-assignment")).to_have_count(0)


def test_a_refused_experiment_keeps_what_was_typed(tab: Any, server: LiveServer) -> None:
    tab.goto(server.url + "/insights")
    tab.select_option("#f-target", "pump")
    tab.fill("#f-setting", "flange_mm=99")
    tab.get_by_role("button", name="Start the experiment").click()
    expect(tab.locator("#form-errors")).to_contain_text("allowed: 10 to 40")
    expect(tab.locator("#f-setting")).to_have_value("flange_mm=99")
    expect(tab.locator("#f-target")).to_have_value("pump")
