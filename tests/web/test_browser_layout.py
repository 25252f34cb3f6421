"""One screen while pumping, in a real browser at phone size (390x844, then 360x740).

The timer, both let-down buttons, Undo/End, the breathing strip with the baby photo beside
it, and the prompt area where the compress countdown and massage prompts appear must all
be on the first screen without scrolling; nothing may scroll sideways. Each test runs its
own server so a stored photo cannot leak into other tests.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web.helpers import LiveServer, post_form

pytestmark = pytest.mark.browser

GUIDED = "/session/guided?kind=pump&sides=both"
#: What a parent needs within thumb's reach while pumping.
FIRST_SCREEN = ["#timer", '[data-side="left"]', '[data-side="right"]', "#end-session",
                "#pacer-card", "#pacer-toggle", "#massage-prompt", "#massage-next",
                "#compress-toggle"]


def a_png(width: int = 60, height: int = 80) -> bytes:
    """A small solid-coloured PNG, made by hand (a stand-in for a baby photo)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\xf2\xc9\xa9" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def add_photo(server: LiveServer) -> None:
    response = post_form(server.url, "/media", files={"file": ("robin.png", a_png())},
                         data={"label": "Robin asleep"}, headers={"origin": server.url})
    assert response.status_code in (200, 303), response.text[:300]


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not shown"
    return dict(found)


def off_screen(page: Any, selectors: list[str]) -> dict[str, dict[str, float]]:
    """The elements (of those named) not wholly inside the first screen."""
    size = page.viewport_size
    outside = {}
    for selector in selectors:
        b = box(page, selector)
        if not (b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["width"] <= size["width"]
                and b["y"] + b["height"] <= size["height"]):
            outside[selector] = b
    return outside


def same_row(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def no_sideways_scroll(page: Any) -> bool:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width <= page.viewport_size["width"]


def open_session(page: Any, server: LiveServer) -> None:
    page.goto(server.url + GUIDED)
    # counting, and fresh: on a loaded machine the first value seen may already be 0:02+
    expect(page.locator("#timer")).to_have_text(re.compile(r"^0:0[1-9]$"), timeout=5000)


def test_timer_buttons_pacer_and_photo_share_the_first_screen(
    tab: Any, server: LiveServer
) -> None:
    add_photo(server)
    open_session(tab, server)
    assert tab.evaluate("window.scrollY") == 0
    assert off_screen(tab, [*FIRST_SCREEN, "#baby-photo"]) == {}
    pacer, photo = box(tab, "#pacer-card"), box(tab, "#baby-photo")
    assert same_row(pacer, photo) and photo["x"] >= pacer["x"] + pacer["width"]  # beside it
    assert photo["width"] >= 100 and photo["height"] >= 100
    assert tab.locator("#baby-photo").evaluate("img => img.complete && img.naturalWidth") == 60
    # a mark brings Undo in the same row as End, and moves nothing below
    tab.get_by_role("button", name="Let-down! left").click()
    expect(tab.get_by_role("button", name="Undo last let-down")).to_be_visible()
    assert box(tab, "#pacer-card") == pacer
    assert off_screen(tab, [*FIRST_SCREEN, "#undo", "#marks", "#letdown-status"]) == {}
    assert same_row(box(tab, "#undo"), box(tab, "#end-session"))
    for selector in [*FIRST_SCREEN[1:4], "#undo", "#pacer-toggle", "#massage-next",
                     "#compress-toggle"]:
        assert box(tab, selector)["height"] >= 44, selector  # thumb-sized
    assert tab.evaluate("window.scrollY") == 0 and no_sideways_scroll(tab)
    assert tab.locator("#baby-photo").get_attribute("alt") == "Robin asleep"
    assert tab.locator('input[name="techniques"][value="baby_photo_video"]').is_checked()


def test_compress_countdown_and_prompts_appear_in_place(tab: Any, server: LiveServer) -> None:
    add_photo(server)
    open_session(tab, server)
    area = box(tab, "#prompt-area")
    first = tab.locator("#massage-prompt").inner_text()
    tab.get_by_role("button", name="Next prompt").click()
    expect(tab.locator("#massage-prompt")).not_to_have_text(first)
    assert tab.locator("#massage-prompt").get_attribute("aria-live") == "polite"
    tab.get_by_role("button", name="Start compress").click()
    countdown = tab.locator("#compress-left")
    expect(countdown).to_be_visible()
    expect(countdown).to_have_text("2:59", timeout=3000)  # counting down from 3:00
    expect(tab.get_by_role("status").filter(has_text="Compress on")).to_have_count(1)
    # both show inside the first screen, in the same fixed box: nothing below moved
    assert off_screen(tab, ["#compress-left", "#compress-status", "#massage-prompt"]) == {}
    assert box(tab, "#prompt-area") == area
    assert tab.evaluate("window.scrollY") == 0
    tab.get_by_role("button", name="Stop compress").click()
    expect(tab.locator("#compress-status")).to_have_text("Compress stopped.")
    techniques = tab.locator('input[name="techniques"]:checked')
    assert {"massage", "warm_compress"} <= {
        techniques.nth(i).get_attribute("value") for i in range(techniques.count())}


def test_without_a_photo_the_strip_takes_the_width(tab: Any, server: LiveServer) -> None:
    open_session(tab, server)
    assert tab.locator("#baby-photo").count() == 0
    pacer, card = box(tab, "#pacer-card"), box(tab, "#timer-card")
    assert abs(pacer["width"] - card["width"]) < 1 and abs(pacer["x"] - card["x"]) < 1
    assert off_screen(tab, FIRST_SCREEN) == {}
    assert no_sideways_scroll(tab)


def test_the_first_screen_passes_axe_light_and_dark(tab: Any, server: LiveServer) -> None:
    add_photo(server)
    open_session(tab, server)
    tab.get_by_role("button", name="Start breathing").click()
    tab.get_by_role("button", name="Start compress").click()
    problems = {"light": serious_violations(tab)}
    tab.emulate_media(color_scheme="dark")
    problems["dark"] = serious_violations(tab)
    assert problems == {"light": [], "dark": []}
    assert off_screen(tab, FIRST_SCREEN) == {}


def test_reduced_motion_keeps_the_breathing_circle_still(tab: Any, server: LiveServer) -> None:
    tab.emulate_media(reduced_motion="reduce")
    open_session(tab, server)
    tab.get_by_role("button", name="Start breathing").click()
    expect(tab.locator("#pacer-label")).to_have_text("Breathe in")
    circle = tab.locator("#pacer-circle")
    assert circle.evaluate("c => getComputedStyle(c).transform") == "none"  # no growing
    assert circle.evaluate("c => getComputedStyle(c).transitionDuration") == "0s"


def test_a_smaller_phone_still_shows_the_timer_and_both_buttons(
    tab: Any, server: LiveServer
) -> None:
    add_photo(server)
    tab.set_viewport_size({"width": 360, "height": 740})
    open_session(tab, server)
    assert off_screen(tab, FIRST_SCREEN[:4]) == {}
    pacer, photo = box(tab, "#pacer-card"), box(tab, "#baby-photo")
    assert same_row(pacer, photo)
    tab.get_by_role("button", name="Start compress").click()
    for name in ("Stop compress", "Next prompt"):  # one line each: the box keeps its height
        assert tab.get_by_role("button", name=name).bounding_box()["height"] < 50, name
    assert no_sideways_scroll(tab)


def test_without_javascript_the_photo_still_shows(tab: Any, server: LiveServer) -> None:
    add_photo(server)
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    tab.goto(server.url + GUIDED)
    expect(tab.locator("#pacer-card")).to_be_hidden()
    expect(tab.locator("#timer-card")).to_be_hidden()  # no empty card where the clock was
    photo = box(tab, "#baby-photo")
    assert photo["height"] >= 60 and photo["width"] >= 45  # not squeezed to nothing
    assert no_sideways_scroll(tab)


def test_a_running_compress_countdown_goes_on_after_a_reload(
    tab: Any, server: LiveServer
) -> None:
    """A parent who reloads (or whose phone locked) mid-compress finds it still counting,
    not reset; one that was stopped stays stopped."""
    open_session(tab, server)
    tab.get_by_role("button", name="Start compress").click()
    expect(tab.locator("#compress-left")).to_have_text("2:58", timeout=4000)
    tab.reload()
    expect(tab.locator("#compress-status")).to_have_text("Compress on: warm, never hot.")
    expect(tab.get_by_role("button", name="Stop compress")).to_be_visible()
    left = tab.locator("#compress-left").inner_text()
    assert left <= "2:58", left  # counting on from where it was, not from 3:00
    tab.get_by_role("button", name="Stop compress").click()
    tab.reload()  # a stopped countdown stays stopped
    expect(tab.get_by_role("button", name="Start compress")).to_be_visible()
    expect(tab.locator("#compress-status")).to_have_text("")
