"""What the browser tests share: the journal seen through the API, axe-core, m:ss, and a
guided session under way (marks, a technique, the pacer, a volume) to check it survives."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import expect
from tests.web.helpers import LiveServer


def sessions(server: LiveServer) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = httpx.get(f"{server.url}/api/v1/sessions", timeout=10).json()
    return result


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]



def mss(text: str) -> int:
    """``"1:05"`` or ``"1:02:05"`` -> seconds."""
    seconds = 0
    for part in text.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def saved_length(session: dict[str, Any]) -> float:
    import datetime as dt

    start = dt.datetime.fromisoformat(session["start"])
    end = dt.datetime.fromisoformat(session["end"])
    return (end - start).total_seconds()


def tap_two_marks_and_more(page: Any) -> dict[str, str]:
    """A session under way: a mark on each side, a technique ticked, the pacer slowed."""
    expect(page.locator("#timer")).to_have_text("0:01", timeout=5000)
    page.get_by_role("button", name=re.compile("Let-down! left")).click()
    page.get_by_role("button", name=re.compile("Let-down! right")).click()
    page.locator('input[name="techniques"][value="music"]').check()
    page.locator("#pacer-rate").fill("4")
    page.get_by_role("spinbutton", name="Left (mL)").fill("25")  # typed early, in a pause
    page.get_by_role("radio", name="Work").check()
    return {
        "start": page.locator('input[name="start"]').input_value(),
        "left": page.get_by_role("textbox", name="Let-down left").input_value(),
        "right": page.get_by_role("textbox", name="Let-down right").input_value(),
    }


def assert_resumed(page: Any, before: dict[str, str]) -> None:
    assert page.locator('input[name="start"]').input_value() == before["start"]
    assert page.get_by_role("textbox", name="Let-down left").input_value() == before["left"]
    assert page.get_by_role("textbox", name="Let-down right").input_value() == before["right"]
    assert page.locator('input[name="techniques"][value="music"]').is_checked()
    assert page.locator("#pacer-rate").input_value() == "4"
    expect(page.locator("#pacer-rate-out")).to_have_text("4")
    assert page.get_by_role("spinbutton", name="Left (mL)").input_value() == "25"
    assert page.get_by_role("radio", name="Work").is_checked()
    expect(page.get_by_role("button", name="Undo last let-down")).to_be_visible()
    expect(page.locator("#timer-note")).to_contain_text("Resumed")
    assert mss(page.locator("#timer").inner_text()) >= 2  # counted from the first start


def resume_and_save(page: Any, server: LiveServer, before: dict[str, str]) -> dict[str, Any]:
    """Take the page's offer to resume a killed session, check everything came back, end
    and save it; the saved session (the newest), whose start and marks are checked."""
    offer = page.locator("#resume-offer")
    expect(offer).to_contain_text("was not saved (2 let-downs marked)")
    page.get_by_role("button", name="Resume that session").click()
    expect(offer).to_be_hidden()
    # A second more: a resumed timer then shows 0:02 or more (counted from the first
    # start), while a fresh start would still show 0:01.
    page.wait_for_timeout(1100)
    assert_resumed(page, before)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    saved = sessions(server)[0]
    assert saved["start"].startswith(before["start"][:19])
    assert [e["side"] for e in saved["letdowns"]] == ["left", "right"]
    return saved
