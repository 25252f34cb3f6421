"""The guided session in a real browser at phone size: ending is a step, Undo, nothing lost
on reload, navigation or a killed page, no JavaScript, back-then-save, a wrong phone clock."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web.browsing import (
    assert_resumed,
    mss,
    resume_and_save,
    saved_length,
    serious_violations,
    sessions,
    tap_two_marks_and_more,
)
from tests.web.helpers import PHONE, LiveServer

pytestmark = pytest.mark.browser


def test_end_session_stops_the_clock_at_the_tap(page: Any, live_server: LiveServer) -> None:
    before = len(sessions(live_server))
    page.goto(live_server.url + "/session/guided?kind=pump&sides=both")
    timer = page.locator("#timer")
    expect(timer).to_have_text("0:02", timeout=5000)
    page.get_by_role("button", name="End session").click()
    at_tap = mss(timer.inner_text())
    expect(page.get_by_role("heading", name=re.compile("Session ended"))).to_be_focused()
    expect(page.locator("#ended-note")).to_contain_text(f"Ended at {timer.inner_text()}")
    page.wait_for_timeout(3000)  # filling in the end form takes time ...
    assert mss(timer.inner_text()) == at_tap  # ... and the clock stays stopped
    page.get_by_role("spinbutton", name="Left (mL)").fill("30")
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    saved = sessions(live_server)
    assert len(saved) == before + 1
    assert at_tap <= saved_length(saved[0]) < at_tap + 1  # not the 3 s spent on the form


def test_keep_going_after_an_accidental_end(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/session/guided")
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Not finished? Keep going").click()
    expect(page.get_by_role("button", name="End session")).to_be_visible()
    expect(page.locator("#timer")).to_have_text("0:02", timeout=5000)  # running again
    assert page.locator("#f-end").input_value() == ""


def test_undo_takes_back_a_double_tap(page: Any, live_server: LiveServer) -> None:
    before = len(sessions(live_server))
    page.goto(live_server.url + "/session/guided?kind=pump&sides=both")
    expect(page.locator("#timer")).to_have_text("0:01", timeout=5000)
    left = page.get_by_role("button", name=re.compile("Let-down! left"))
    undo = page.get_by_role("button", name="Undo last let-down")
    expect(undo).to_be_hidden()
    left.click()
    left.click()  # the double tap
    field = page.get_by_role("textbox", name="Let-down left")
    assert re.fullmatch(r"0:0\d, 0:0\d", field.input_value())  # m:ss, never raw seconds
    expect(page.locator("#marks")).to_have_text(re.compile(r"left 0:0\d, left 0:0\d"))
    undo.click()
    assert re.fullmatch(r"0:0\d", field.input_value())
    expect(page.locator("#letdown-status")).to_contain_text("Took back the left let-down")
    undo.click()
    assert field.input_value() == ""
    expect(undo).to_be_hidden()
    assert left.get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name=re.compile("Let-down! right")).click()
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    saved = sessions(live_server)
    assert len(saved) == before + 1
    assert [e["side"] for e in saved[0]["letdowns"]] == ["right"]


def test_a_reload_keeps_the_start_and_the_marks(page: Any, live_server: LiveServer) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    page.goto(live_server.url + "/session/guided?kind=pump&sides=both")
    before = tap_two_marks_and_more(page)
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('letdown-guided:{before['start']}'))")
    assert kept["fields"]["volume_left_ml"] == "25" and kept["fields"]["context"] == "work"
    assert [m["side"] for m in kept["marks"]] == ["left", "right"] and kept["rate"] == "4"
    page.wait_for_timeout(1100)
    page.reload()
    assert dialogs == ["beforeunload"]  # leaving with unsaved marks asks first
    assert_resumed(page, before)
    assert page.evaluate("localStorage.getItem('letdown-guided-current')") == before["start"]
    # saved: the kept copy goes (and saving does not ask)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    assert dialogs == ["beforeunload"]
    kept = page.evaluate("Object.keys(localStorage)")
    assert "letdown-guided-current" not in kept and f"letdown-guided:{before['start']}" not in kept


def test_going_to_another_page_and_back_keeps_the_marks(
    page: Any, live_server: LiveServer
) -> None:
    page.on("dialog", lambda d: d.accept())
    page.goto(live_server.url + "/session/guided?kind=pump&sides=both")
    before = tap_two_marks_and_more(page)
    page.goto(live_server.url + "/media")  # to add a photo, say
    page.wait_for_timeout(1100)
    page.go_back()
    page.wait_for_url(re.compile(r"/session/guided"))
    assert_resumed(page, before)


def test_without_javascript_the_guided_page_says_so(page: Any, live_server: LiveServer) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.goto(live_server.url + "/session/guided?kind=pump")
    note = page.locator("noscript .card")  # Playwright's text search skips <noscript>
    expect(note).to_be_visible()
    expect(note).to_contain_text("The guided session needs JavaScript")
    expect(page.locator("#timer")).to_be_hidden()  # no clock frozen at 0:00
    expect(page.locator("#pacer-card")).to_be_hidden()
    note.locator('a[href="/sessions/new?kind=pump"]').click()
    page.wait_for_url(re.compile(r"/sessions/new\?kind=pump"))
    expect(page.get_by_role("button", name="Save")).to_be_visible()


def test_back_then_save_lands_on_the_saved_session(page: Any, live_server: LiveServer) -> None:
    before = len(sessions(live_server))
    page.goto(live_server.url + "/session/guided?kind=pump&sides=left")
    page.get_by_role("button", name="End session").click()
    page.get_by_role("spinbutton", name="Left (mL)").fill("12")
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    first = page.url
    page.go_back()
    page.wait_for_url(re.compile(r"/session/guided"))
    expect(page.locator("#letdown-status")).to_contain_text("saved already")
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    assert page.url == first
    assert len(sessions(live_server)) == before + 1


def test_the_guided_steps_pass_axe_and_fit_the_phone(page: Any, live_server: LiveServer) -> None:
    page.on("dialog", lambda d: d.accept())
    page.goto(live_server.url + "/session/guided?kind=pump&sides=both")
    page.get_by_role("button", name=re.compile("Let-down! left")).click()
    expect(page.get_by_role("button", name="Undo last let-down")).to_be_visible()
    undo = page.get_by_role("button", name="Undo last let-down").bounding_box()
    assert undo and undo["height"] >= 44  # a thumb-sized target
    problems = {"with a mark": serious_violations(page)}
    page.get_by_role("button", name="End session").click()
    problems["ended"] = serious_violations(page)
    page.emulate_media(color_scheme="dark")
    problems["ended, dark"] = serious_violations(page)
    assert problems == {"with a mark": [], "ended": [], "ended, dark": []}
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_killed_page_offers_its_session_back(browser: Any, live_server: LiveServer) -> None:
    first = browser.new_page()
    first.goto(live_server.url + "/session/guided?kind=pump&sides=both")
    before = tap_two_marks_and_more(first)
    first.close()  # killed: no chance to warn or save
    page = browser.new_page()
    try:
        page.goto(live_server.url + "/session/guided?kind=pump&sides=both")
        assert page.locator('input[name="start"]').input_value() != before["start"]
        resume_and_save(page, live_server, before)
        # once saved, it is offered no more
        page.goto(live_server.url + "/session/guided")
        assert f"letdown-guided:{before['start']}" not in page.evaluate("Object.keys(localStorage)")
    finally:
        page.close()


def test_a_phone_clock_an_hour_fast_still_times_the_session(
    own_browser: Any, live_server: LiveServer
) -> None:
    import datetime as dt

    before = len(sessions(live_server))
    page = own_browser.new_page()  # its own context: the fake clock must not leak
    page.set_default_timeout(10_000)
    page.clock.install(time=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    page.goto(live_server.url + "/session/guided?kind=pump&sides=left")
    expect(page.locator("#timer")).to_have_text(re.compile(r"^0:0[0-3]$"))  # not 1:00:00
    page.clock.run_for(3000)
    page.get_by_role("button", name="End session").click()
    at_tap = mss(page.locator("#timer").inner_text())
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))  # no "end is in the future"
    saved = sessions(live_server)
    assert len(saved) == before + 1
    assert abs(saved_length(saved[0]) - at_tap) < 2
