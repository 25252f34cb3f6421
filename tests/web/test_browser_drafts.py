"""Nothing typed or tapped is lost, in a real browser at phone size: the guided session's
draft in the journal (reload, a trip to add a photo, a killed page with its storage gone,
undo), a photo added in another tab, and the Babies forms across a reload."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import expect
from tests.web.browsing import assert_resumed, resume_and_save
from tests.web.helpers import LiveServer

pytestmark = pytest.mark.browser

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
GUIDED = "/session/guided?kind=pump&sides=both"


def tap_two_marks_and_more(page: Any) -> dict[str, str]:
    """As in test_browser, but waiting for any running clock (a busy machine is slow)."""
    expect(page.locator("#timer")).to_have_text(re.compile(r"^0:0[1-9]$"), timeout=8000)
    page.get_by_role("button", name=re.compile("Let-down! left")).click()
    page.get_by_role("button", name=re.compile("Let-down! right")).click()
    page.locator('input[name="techniques"][value="music"]').check()
    page.locator("#pacer-rate").fill("4")
    page.get_by_role("spinbutton", name="Left (mL)").fill("25")
    page.get_by_role("radio", name="Work").check()
    return {
        "start": page.locator('input[name="start"]').input_value(),
        "left": page.get_by_role("textbox", name="Let-down left").input_value(),
        "right": page.get_by_role("textbox", name="Let-down right").input_value(),
    }


def server_draft(server: LiveServer, start: str) -> dict[str, Any] | None:
    """The journal's copy of a session's draft (None when there is none)."""
    found = httpx.get(f"{server.url}/api/v1/drafts/guided/{quote(start, safe='')}", timeout=10)
    state: dict[str, Any] | None = found.json()["state"] if found.status_code == 200 else None
    return state


def wait_for_draft(page: Any, server: LiveServer, start: str, marks: int) -> dict[str, Any]:
    """The draft once the page has sent it (a second after the last change)."""
    for _ in range(40):
        state = server_draft(server, start)
        if state is not None and len(state["marks"]) == marks:
            return state
        page.wait_for_timeout(100)
    raise AssertionError(f"the draft of {start} never reached the journal with {marks} marks")


def test_the_journal_keeps_the_draft_through_reload_and_undo(
    page: Any, live_server: LiveServer
) -> None:
    page.on("dialog", lambda d: d.accept())
    page.goto(live_server.url + GUIDED)
    before = tap_two_marks_and_more(page)
    kept = wait_for_draft(page, live_server, before["start"], 2)
    assert kept["fields"]["volume_left_ml"] == "25" and kept["fields"]["context"] == "work"
    assert "music" in kept["techniques"] and kept["rate"] == 4
    assert all(isinstance(m["at"], int | float) for m in kept["marks"])  # seconds, not m:ss
    page.reload()
    assert_resumed(page, before)
    page.get_by_role("button", name="Undo last let-down").click()
    assert [m["side"] for m in wait_for_draft(page, live_server, before["start"], 1)["marks"]] \
        == ["left"]
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    assert server_draft(live_server, before["start"]) is None  # saved: the draft is gone


def test_adding_a_photo_returns_to_the_running_session(
    page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    page.goto(live_server.url + GUIDED)
    before = tap_two_marks_and_more(page)
    photos = page.locator('img[src^="/media/"]').count()
    page.locator('section:has(#baby-h) a[href^="/media"]').first.click()
    page.wait_for_url(re.compile(r"/media\?return="))
    assert dialogs == []  # going to add a photo is not leaving the session
    expect(page.get_by_role("link", name="Back to your session")).to_be_visible()
    photo = tmp_path / "baby.png"
    photo.write_bytes(PNG)
    page.locator("#m-file").set_input_files(str(photo))
    page.locator("#m-label").fill("Asleep on the sofa")
    page.wait_for_timeout(1100)  # the resumed clock then shows more than a fresh one
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(re.compile(r"/session/guided\?resume="))
    assert_resumed(page, before)
    expect(page.locator('img[src^="/media/"]')).to_have_count(photos + 1)
    expect(page.locator("#baby-photo")).to_have_attribute("alt", "Asleep on the sofa")
    expect(page.get_by_role("img", name="Asleep on the sofa")).to_be_visible()


def test_a_killed_page_with_its_storage_gone_comes_back_from_the_journal(
    browser: Any, live_server: LiveServer
) -> None:
    first = browser.new_page()
    first.goto(live_server.url + GUIDED)
    before = tap_two_marks_and_more(first)
    wait_for_draft(first, live_server, before["start"], 2)
    first.evaluate("localStorage.clear()")  # the browser's storage wiped with it
    first.close()  # killed: no chance to warn or save
    page = browser.new_page()
    try:
        page.goto(live_server.url + GUIDED)
        assert page.evaluate("localStorage.getItem('letdown-guided:" + before["start"] + "')") \
            is None
        saved = resume_and_save(page, live_server, before)
        assert saved["volume_left_ml"] == 25
    finally:
        page.close()


def test_a_photo_added_in_another_tab_shows_without_reload(
    browser: Any, page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    page.goto(live_server.url + GUIDED)
    expect(page.locator("#timer")).not_to_have_text("0:00", timeout=8000)
    shown = page.locator('img[src^="/media/"]')
    before = shown.count()
    other = browser.new_page()
    try:
        other.goto(live_server.url + "/media")
        photo = tmp_path / "other.png"
        photo.write_bytes(PNG)
        other.locator("#m-file").set_input_files(str(photo))
        other.locator("#m-label").fill("From the other tab")
        other.get_by_role("button", name="Add").click()
        other.wait_for_url(re.compile(r"/media\?saved=1"))
    finally:
        other.close()
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # as when the tab is back
    expect(shown).to_have_count(before + 1)
    # the newest photo goes to the strip beside the breathing guide, on the first screen
    expect(page.locator("#baby-photo")).to_have_attribute("alt", "From the other tab")
    expect(page.get_by_role("img", name="From the other tab")).to_be_visible()
    assert page.locator("#timer").inner_text() != "0:00"  # the same page: not reloaded


def test_babies_forms_keep_what_was_typed_across_a_reload(
    page: Any, live_server: LiveServer
) -> None:
    baby = httpx.post(f"{live_server.url}/api/v1/babies",
                      json={"name": "Draft test", "birth_date": "2026-11-01"}, timeout=10).json()
    page.goto(live_server.url + "/babies")
    grams = page.locator(f"#w-grams-{baby['id']}")
    grams.fill("4210")
    page.locator("#b-name").fill("Twin two")
    page.locator("#b-birth").fill("2026-11-01")
    page.locator('input[name="sex"][value="female"]').check()
    page.locator("#b-weight").fill("2900")
    page.reload()
    assert grams.input_value() == "4210"
    assert page.locator("#b-name").input_value() == "Twin two"
    assert page.locator("#b-birth").input_value() == "2026-11-01"
    assert page.locator('input[name="sex"][value="female"]').is_checked()
    note = page.locator("[data-draft-note]").filter(has_text="Restored what you typed")
    expect(note).to_have_count(2)
    # Clear puts the empty form back
    weight_note = page.locator(f"form[data-draft='weight-{baby['id']}']").locator(
        "xpath=preceding-sibling::p[1]")
    weight_note.get_by_role("button", name="Clear").click()
    assert grams.input_value() == ""
    page.reload()
    assert grams.input_value() == "" and page.locator("#b-name").input_value() == "Twin two"
    # a successful send drops the kept copy
    page.locator("form[data-draft='baby']").get_by_role("button", name="Add baby").click()
    page.wait_for_url(re.compile(r"/babies"))
    expect(page.get_by_role("heading", name="Twin two")).to_be_visible()
    assert page.locator("#b-name").input_value() == ""
    page.reload()
    assert page.locator("#b-name").input_value() == ""
    expect(page.locator("[data-draft-note]")).to_have_count(0)
    assert not [k for k in page.evaluate("Object.keys(localStorage)")
                if k.startswith("letdown-form:/babies")]


def test_the_plain_log_form_keeps_every_kind_of_field(page: Any, live_server: LiveServer) -> None:
    httpx.post(f"{live_server.url}/api/v1/babies",
               json={"name": "Log test", "birth_date": "2026-11-01"}, timeout=10)
    page.goto(live_server.url + "/sessions/new")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.locator('input[name="start"]').fill("2026-11-28T06:15")
    page.locator("#f-baby_id").select_option(label="Log test")
    page.get_by_role("spinbutton", name="Left (mL)").fill("31")
    page.get_by_role("radio", name="Work").check()
    page.locator('input[name="techniques"][value="music"]').check()
    page.locator('textarea[name="notes"]').fill("a calm one")
    # as if the form was first shown a while ago: its "now" end was another time then
    page.evaluate("""() => {
        const key = Object.keys(localStorage).find(k => k.endsWith('/sessions/new:log'));
        const copy = JSON.parse(localStorage.getItem(key));
        copy.shown.end = '2000-01-01T00:00';
        copy.values.end = '2000-01-01T00:00';
        localStorage.setItem(key, JSON.stringify(copy));
    }""")
    page.reload()
    assert page.locator('input[name="end"]').input_value() != "2000-01-01T00:00"
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert page.locator('input[name="start"]').input_value() == "2026-11-28T06:15"
    assert page.locator("#f-baby_id").evaluate("s => s.selectedOptions[0].text") == "Log test"
    assert page.get_by_role("spinbutton", name="Left (mL)").input_value() == "31"
    assert page.get_by_role("radio", name="Work").is_checked()
    assert page.locator('input[name="techniques"][value="music"]').is_checked()
    assert page.locator('textarea[name="notes"]').input_value() == "a calm one"
    expect(page.locator("[data-draft-note]")).to_contain_text("Restored what you typed")
    kept = page.evaluate("JSON.stringify(localStorage)")
    assert "csrftoken" not in kept and "form_key" not in kept


def test_marks_tapped_offline_reach_the_journal_when_back_online(
    browser: Any, page: Any, live_server: LiveServer
) -> None:
    page.goto(live_server.url + GUIDED)
    expect(page.locator("#timer")).not_to_have_text("0:00", timeout=8000)
    start = page.locator('input[name="start"]').input_value()
    browser.set_offline(True)
    try:
        page.get_by_role("button", name=re.compile("Let-down! left")).click()
        page.wait_for_timeout(1500)  # the send fails: offline
        assert server_draft(live_server, start) is None
    finally:
        browser.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # as the phone reconnects
    assert [m["side"] for m in wait_for_draft(page, live_server, start, 1)["marks"]] == ["left"]


def test_a_reload_resumes_even_when_the_browser_hides_how_the_page_was_reached(
    page: Any, live_server: LiveServer
) -> None:
    """Some pages report no navigation entry (seen in Chromium with a replaced clock): the
    tab's own note of the session it left still resumes it on reload."""
    page.add_init_script("""
        performance.getEntriesByType = () => [];
        Object.defineProperty(performance, 'navigation', {get: () => undefined});
    """)
    page.on("dialog", lambda d: d.accept())
    page.goto(live_server.url + GUIDED)
    before = tap_two_marks_and_more(page)
    page.wait_for_timeout(1100)
    page.reload()
    assert_resumed(page, before)


def test_the_advisor_keeps_unsent_answers_across_a_reload(
    page: Any, live_server: LiveServer
) -> None:
    """A parent half-way through the advisor's questions who reloads (or whose phone
    locks and the tab is reloaded) finds the ticks and numbers as they left them."""
    open_folds = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
    page.goto(live_server.url + "/advisor")
    page.evaluate(open_folds)  # earlier advice folds the first answers away
    page.locator('input[name="feeding_mode"][value="pumping"]').check()
    page.locator("#q-baby_age_days").fill("23")
    page.locator('input[name="short.you_body"][value="chills"]').check()
    page.reload()
    page.evaluate(open_folds)
    assert page.locator('input[name="feeding_mode"][value="pumping"]').is_checked()
    assert page.locator("#q-baby_age_days").input_value() == "23"
    assert page.locator('input[name="short.you_body"][value="chills"]').is_checked()
    expect(page.locator("[data-draft-note]").filter(has_text="Restored what you typed")
           ).to_have_count(1)
    page.locator("#advisor-form button[type=submit]").first.click()  # "Get advice"
    page.wait_for_load_state()
    expect(page.locator("#advice-h")).to_be_visible()
    page.goto(live_server.url + "/advisor")  # sent: nothing kept to restore
    expect(page.locator("[data-draft-note]")).to_have_count(0)


def test_the_report_form_keeps_the_question_across_a_reload_and_back(
    page: Any, live_server: LiveServer
) -> None:
    """The question typed for the consultant survives a reload and a Back from elsewhere."""
    page.goto(live_server.url + "/report")
    page.fill("#r-question", "Is my flange the right size?")
    page.reload()
    expect(page.locator("#r-question")).to_have_value("Is my flange the right size?")
    page.goto(live_server.url + "/history")
    page.go_back()
    expect(page.locator("#r-question")).to_have_value("Is my flange the right size?")
