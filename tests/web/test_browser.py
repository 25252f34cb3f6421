"""In a real browser at phone size: a guided session end to end, bad input, the advisor,
the explorer, and axe-core on every page. One Chromium for all of them (see conftest)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from tests.web.helpers import PHONE, AttackSite, LiveServer, SocketGuard, post_form

pytestmark = pytest.mark.browser


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
    assert page.locator("#explorer-result svg").count() == 1


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


# ------------------------------------------------ other sites try to change the journal


def journal_state(server: LiveServer) -> tuple[Any, ...]:
    """What an attack would change: babies, sessions and the profile."""
    def read(path: str) -> Any:
        response = httpx.get(f"{server.url}{path}", timeout=10)
        return response.json() if response.status_code == 200 else response.status_code
    return read("/api/v1/babies"), read("/api/v1/sessions"), read("/api/v1/profile")


def attack_form(target: str, action: str, fields: dict[str, str], delay_ms: int = 0) -> str:
    """A form that sends itself as soon as the page loads (or ``delay_ms`` later)."""
    inputs = "".join(f'<input name="{k}" value="{v}">' for k, v in fields.items())
    return (f'<form method="post" action="{target}{action}">{inputs}</form>'
            f"<script>setTimeout(() => document.forms[0].submit(), {delay_ms})</script>")


def posts_to(server: LiveServer) -> Any:
    """Matches a POST to letdown: a Playwright request, or the response to one."""
    return lambda r: r.url.startswith(server.url) and getattr(r, "request", r).method == "POST"


@pytest.fixture
def attack_site() -> Any:
    with AttackSite() as site:
        yield site


@pytest.fixture
def a_session(live_server: LiveServer) -> int:
    """A session to delete, so a delete attack has something to destroy."""
    httpx.post(f"{live_server.url}/api/v1/sessions", timeout=10, json={
        "kind": "pump", "sides": "both", "start": "2026-01-11T08:00:00Z",
        "end": "2026-01-11T08:20:00Z"})
    newest: int = sessions(live_server)[0]["id"]
    return newest


def test_a_page_on_another_local_port_cannot_post_a_form(
        page: Any, live_server: LiveServer, attack_site: AttackSite, a_session: int) -> None:
    """Before: a server on 127.0.0.1:<another port> could add babies and delete sessions."""
    before = journal_state(live_server)
    attacks = {
        "/baby": attack_form(live_server.url, "/babies",
                             {"name": "Mallory", "birth_date": "2026-10-01"}),
        "/profile": attack_form(live_server.url, "/profile", {"pseudonym": "Mallory"}),
        "/delete": attack_form(live_server.url, f"/sessions/{a_session}/delete", {}),
    }
    for path, html in attacks.items():
        with page.expect_response(posts_to(live_server)) as sent:
            page.goto(attack_site.add(path, html))
        assert sent.value.status == 403, path
        expect(page.locator("body")).to_contain_text("Nothing was changed")
    assert journal_state(live_server) == before


def test_a_self_sandboxed_page_cannot_post_a_form(
        page: Any, live_server: LiveServer, attack_site: AttackSite, a_session: int) -> None:
    """A public page that sandboxes itself sends Origin: null; before, that was let through."""
    before = journal_state(live_server)
    sandbox = {"content-security-policy": "sandbox allow-scripts allow-forms"}
    for path, action, fields in (
            ("/sandboxed-baby", "/babies", {"name": "Mallory", "birth_date": "2026-10-01"}),
            ("/sandboxed-delete", f"/sessions/{a_session}/delete", {})):
        # Wait for the refused post's page to load too, so it cannot interrupt the next goto.
        with page.expect_request(posts_to(live_server)) as sent, \
                page.expect_response(posts_to(live_server)) as answered, \
                page.expect_navigation(url=lambda url: url.startswith(live_server.url)):
            page.goto(attack_site.add(path, attack_form(live_server.url, action, fields),
                                      sandbox))
        assert sent.value.header_value("origin") == "null"
        assert answered.value.status == 403
    # the same from an <iframe sandbox> inside an ordinary page
    # (a sandboxed frame runs in a process of its own: give Playwright time to watch it)
    inner = attack_form(live_server.url, "/profile", {"pseudonym": "Mallory"}, delay_ms=500)
    framed = (f'<iframe sandbox="allow-scripts allow-forms" srcdoc=\'{inner}\'></iframe>')
    with page.expect_request(posts_to(live_server)) as sent:
        page.goto(attack_site.add("/framed", framed))
    assert sent.value.header_value("origin") == "null"
    answer = sent.value.response()  # None when Chromium drops the frame (X-Frame-Options)
    assert answer is None or answer.status == 403
    assert journal_state(live_server) == before


def test_a_fetch_with_origin_null_changes_nothing(
        page: Any, live_server: LiveServer, attack_site: AttackSite, a_session: int) -> None:
    """Scripts in a sandboxed page try the JSON API every way a browser lets them."""
    before = journal_state(live_server)
    api = f"{live_server.url}/api/v1"
    script = f"""<script>
    const baby = JSON.stringify({{name: "Mallory", birth_date: "2026-10-01"}});
    const tries = [
      fetch("{api}/babies", {{method: "POST", mode: "no-cors", body: baby,
                              headers: {{"content-type": "text/plain"}}}}),
      fetch("{api}/babies", {{method: "POST", mode: "no-cors", body: new Blob([baby])}}),
      fetch("{api}/babies", {{method: "POST", body: baby,
                              headers: {{"content-type": "application/json"}}}}),
      fetch("{api}/sessions/{a_session}", {{method: "DELETE"}}),
    ];
    Promise.allSettled(tries).then(r => {{
      document.title = "done " + r.map(x => x.status).join(",");
    }});
    </script>"""
    sandbox = {"content-security-policy": "sandbox allow-scripts"}
    origins: list[str | None] = []
    page.on("request", lambda r: origins.append(r.header_value("origin"))
            if r.url.startswith(live_server.url) else None)
    page.goto(attack_site.add("/fetch", script, sandbox))
    expect(page).to_have_title(re.compile("^done "), timeout=10_000)
    assert origins and set(origins) == {"null"}
    assert journal_state(live_server) == before


# ------------------------------------------------- the guided session as a step-by-step flow


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
        saved = sessions(live_server)[0]
        assert saved["start"].startswith(before["start"][:19])
        assert [e["side"] for e in saved["letdowns"]] == ["left", "right"]
        # once saved, it is offered no more
        page.goto(live_server.url + "/session/guided")
        assert f"letdown-guided:{before['start']}" not in page.evaluate("Object.keys(localStorage)")
    finally:
        page.close()


def test_a_phone_clock_an_hour_fast_still_times_the_session(
    page: Any, live_server: LiveServer
) -> None:
    import datetime as dt

    before = len(sessions(live_server))
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
