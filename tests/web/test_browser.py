"""In a real browser at phone size: a guided session end to end, bad input, the advisor,
the explorer, and axe-core on every page. One Chromium for all of them (see conftest)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from tests.web.browsing import (
    serious_violations,
    sessions,
)
from tests.web.helpers import PHONE, LiveServer, SocketGuard, post_form

pytestmark = pytest.mark.browser


def test_guided_session_from_home_to_history(page: Any, live_server: LiveServer) -> None:
    before = len(sessions(live_server))
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start pumping").click()
    page.wait_for_url(re.compile(r"/session/guided"))
    timer = page.locator("#timer")
    page.get_by_role("button", name="Start breathing").click()
    assert page.locator("#pacer-label").inner_text() in ("Breathe in", "Breathe out")
    expect(timer).not_to_have_text("0:00", timeout=5000)
    assert re.fullmatch(r"\d+:\d\d", timer.inner_text())
    page.get_by_role("button", name=re.compile("Let-down! left")).click()
    assert page.get_by_role("button", name=re.compile("Let-down! left")).get_attribute(
        "aria-pressed") == "true"
    assert "recorded at" in page.locator("#letdown-status").inner_text()
    page.get_by_role("button", name="Next prompt").click()
    page.get_by_role("spinbutton", name="Left (mL)").fill("42")
    page.get_by_role("combobox", name=re.compile("^Stress")).select_option("3")
    page.get_by_role("radio", name="Home").check()
    page.get_by_role("button", name="Finish and save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    assert "Saved." in page.content()
    saved = sessions(live_server)
    assert len(saved) == before + 1
    newest = saved[0]
    assert newest["volume_left_ml"] == 42 and newest["stress"] == 3
    assert newest["letdowns"][0]["side"] == "left"
    assert {"slow_breathing", "massage"} <= set(newest["techniques"])  # marked by the page
    page.get_by_role("link", name="History").first.click()
    page.wait_for_url(re.compile("/history"))
    assert page.locator(f'a[href="/sessions/{newest["id"]}"]').count() == 1


def test_bad_input_shows_the_error_and_saves_nothing(page: Any, live_server: LiveServer) -> None:
    before = len(sessions(live_server))
    page.goto(live_server.url + "/session/guided?kind=pump&sides=left")
    assert page.get_by_role("button", name=re.compile("Let-down! right")).is_hidden()
    page.get_by_role("textbox", name="Let-down left").fill("soon")
    page.get_by_role("spinbutton", name="Left (mL)").fill("-5")
    page.get_by_role("button", name="Finish and save").click()
    alert = page.get_by_role("alert")
    assert "letdown_left" in alert.inner_text() and "volume_left_ml" in alert.inner_text()
    assert page.get_by_role("spinbutton", name="Left (mL)").input_value() == "-5"
    # each problem is also next to its field, and the field is described by it
    expect(page.locator("#e-volume_left_ml")).to_be_visible()
    expect(page.locator("#e-volume_left_ml")).to_contain_text("0 to 1000")
    volume = page.get_by_role("spinbutton", name="Left (mL)")
    expect(volume).to_have_attribute("aria-invalid", "true")
    expect(volume).to_have_accessible_description(re.compile("0 to 1000"))
    expect(page.get_by_role("textbox", name="Let-down left")).to_have_accessible_description(
        re.compile("not a time"))
    assert len(sessions(live_server)) == before


def test_reloading_keeps_the_session_start(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/session/guided")
    start = page.locator('input[name="start"]').input_value()
    page.wait_for_timeout(1100)
    page.reload()
    assert page.locator('input[name="start"]').input_value() == start
    page.goto(live_server.url + "/session/guided")  # a new session starts afresh
    assert page.locator('input[name="start"]').input_value() != start


def test_advisor_in_the_browser(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/advisor")
    if page.locator("#short-path").count():  # saved advice: the first answers are folded
        page.locator("#short-path > summary").click()
    page.locator('input[name="feeding_mode"][value="pumping"]').check()
    page.locator('input[name="stress_score"]').fill("8")
    page.locator("summary", has_text="The let-down").click()  # "Tell us more", folded
    page.locator('input[name="feels_rushed"][value="yes"]').check()
    page.get_by_role("button", name=re.compile("^(Get advice|Update my advice)$")).click()
    advice = page.locator("#advice")
    assert "Plan, most useful first" in advice.inner_text()
    assert "Sources:" not in advice.inner_text()  # folded away below the first screen
    page.get_by_text("Plan, most useful first").click()
    assert "Sources:" in advice.inner_text()


def test_explorer_follows_the_sliders(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/explorer")
    result = page.locator("#explorer-result")
    calm = result.inner_text()
    page.locator("#x-stress").fill("7")  # moving the slider fires input; no submit
    expect(page.locator("#x-stress-out")).to_have_text("7")
    expect(result).not_to_have_text(calm, timeout=10_000)
    expect(page).to_have_url(re.compile("stress=7"))
    assert page.locator("#explorer-result svg").count() == 2  # the session and the week
    expect(page.locator("#explorer-week")).to_contain_text("Day 7:")


def test_a_tandem_feed_names_both_twins(page: Any, live_server: LiveServer) -> None:
    for name in ("Ivy", "Jude"):  # runs before the accessibility check: it sees two babies
        httpx.post(f"{live_server.url}/api/v1/babies", timeout=10,
                   json={"name": name, "birth_date": "2026-10-01"})
    page.goto(live_server.url + "/sessions/new")
    page.get_by_role("radio", name="Breastfeed", exact=True).check()
    page.get_by_role("radio", name="Both", exact=True).check()
    page.get_by_text("More: sleep, drinks").click()
    twin = page.get_by_label("Feeding both twins? Second baby")
    expect(twin).to_be_visible()
    page.get_by_label("Baby", exact=True).select_option(label="Ivy")
    twin.select_option(label="Jude")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/sessions/\d+\?saved=1"))
    expect(page.locator("main")).to_contain_text("Ivy and Jude (tandem")
    found = re.search(r"/sessions/(\d+)", page.url)
    assert found is not None
    page.get_by_role("link", name="History").first.click()
    page.wait_for_url(re.compile("/history"))
    expect(page.locator(f'a[href="/sessions/{found.group(1)}"]')).to_contain_text("Ivy + Jude")


def test_every_page_has_no_serious_accessibility_problem(
    page: Any, live_server: LiveServer
) -> None:
    httpx.post(f"{live_server.url}/api/v1/babies",
               json={"name": "Ada", "birth_date": "2026-10-01"}, timeout=10)
    if not sessions(live_server):
        httpx.post(f"{live_server.url}/api/v1/sessions", timeout=10, json={
            "kind": "pump", "sides": "both", "start": "2026-01-10T08:00:00Z",
            "end": "2026-01-10T08:20:00Z", "letdowns": [{"side": "left", "at_s": 90}],
            "volume_left_ml": 30, "techniques": ["massage"], "context": "home"})
    sid = sessions(live_server)[0]["id"]
    baby = httpx.get(f"{live_server.url}/api/v1/babies", timeout=10).json()[0]["id"]
    weight = httpx.post(f"{live_server.url}/api/v1/weights", timeout=10, json={
        "baby_id": baby, "date": "2026-11-01", "grams": 4100}).json()["id"]
    httpx.post(f"{live_server.url}/api/v1/diapers", timeout=10, json={
        "baby_id": baby, "date": "2026-11-01", "wet": 6, "dirty": 2})
    count = httpx.get(f"{live_server.url}/api/v1/diapers", timeout=10).json()[0]["id"]
    post_form(live_server.url, "/media", data={"label": "Ada"},
              files={"file": ("ada.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)})
    photo = re.findall(r'href="(/media/[^"]+/delete)"',
                       httpx.get(f"{live_server.url}/media", timeout=10).text)[0]
    problems = {}
    for path in ("/", "/session", "/session/guided", "/sessions/new", f"/sessions/{sid}",
                 f"/sessions/{sid}/edit", f"/sessions/{sid}/delete", "/history", "/advisor",
                 "/explorer", "/babies", "/media", "/no-such-page", "/profile",
                 f"/babies/{baby}/edit", f"/babies/{baby}/delete",
                 f"/babies/{baby}/weights/{weight}/edit",
                 f"/babies/{baby}/weights/{weight}/delete",
                 f"/babies/{baby}/diapers/{count}/edit",
                 f"/babies/{baby}/diapers/{count}/delete", photo):
        page.goto(live_server.url + path)
        found = serious_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:  # reflow: nothing should need sideways scrolling
            found.append(f"{width} px wide, wider than the {PHONE['width']} px screen")
        if found:
            problems[path] = found
    # a form sent back with a problem shown next to its field
    page.goto(live_server.url + "/profile")
    page.get_by_label("What to call you").fill("Sam")
    page.get_by_label("Date your baby was born").fill("2999-01-01")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#e-delivery_date")).to_contain_text("future")
    found = serious_violations(page)
    if found:
        problems["/profile (with an error)"] = found
    page.goto(live_server.url + "/sessions/new")
    page.get_by_label("Let-down left").fill("soon")
    page.get_by_text("More: sleep, drinks").click()
    page.get_by_label("Sleep in the last 24 hours").fill("30")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#e-letdown_left")).to_contain_text("not a time")
    expect(page.locator("#e-sleep_hours")).to_be_visible()  # its folded part opened again
    found = serious_violations(page)
    if found:
        problems["/sessions/new (with an error)"] = found
    page.goto(live_server.url + "/advisor")
    if page.locator("#short-path").count():  # saved advice: the first answers are folded
        page.locator("#short-path > summary").click()
    page.evaluate("document.querySelectorAll('[name=feeding_mode]')"
                  ".forEach(e => e.checked = false)")
    page.locator('input[name="stress_score"]').fill("18")
    page.get_by_role("button", name=re.compile("^(Get advice|Update my advice)$")).click()
    expect(page.locator("#e-q-stress_score")).to_contain_text("0 to 10")
    expect(page.locator("#e-q-feeding_mode")).to_be_visible()
    found = serious_violations(page)
    if found:
        problems["/advisor (with an error)"] = found
    page.emulate_media(color_scheme="dark")  # at 3 a.m. the phone may be in dark mode
    for path in ("/", "/session/guided", "/history", "/advisor"):
        page.goto(live_server.url + path)
        found = serious_violations(page)
        if found:
            problems[f"{path} (dark)"] = found
    assert problems == {}


def test_server_made_no_outbound_connection(socket_guard: SocketGuard) -> None:
    """Runs after the browser tests in this module: the server only ever used loopback."""
    assert socket_guard.attempts == []
