"""The advisor's short path in a real browser at phone size (390x844).

A tired parent taps through at most twelve questions and gets a first answer: urgent
help first when a warning sign is ticked or typed, reassurance first when all is well.
"Tell us more" then refines the answer with the first answers kept. Each test counts
the questions it answers. The app runs on its own data folder here, so sessions and
answers saved by other browser tests cannot change the advice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web.helpers import PHONE, LiveServer, SocketGuard, make_settings
from tests.web.test_browser import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, socket_guard: SocketGuard
) -> Iterator[LiveServer]:
    with LiveServer(make_settings(tmp_path_factory.mktemp("short") / "data")) as server:
        yield server


@pytest.fixture(autouse=True)
def _no_saved_answers(live_server: LiveServer) -> None:
    from letdown.web.advice import answers_path

    answers_path(live_server.settings.data_dir).unlink(missing_ok=True)


class Parent:
    """Answers the short path the way a parent taps, counting the questions answered."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.answered: set[str] = set()

    def _in(self, question: str) -> Any:
        self.answered.add(question)
        return self.page.locator(f"#sq-{question}")

    def pick(self, question: str, label: str) -> None:
        self._in(question).get_by_role("radio", name=label, exact=True).check()

    def type(self, question: str, label: str, value: str) -> None:
        self._in(question).get_by_label(label).fill(value)

    def tick(self, question: str, *labels: str) -> None:
        box = self._in(question)
        for label in labels:
            box.get_by_role("checkbox", name=label).check()


def _first_screen_fits(page: Any) -> str:
    first = page.locator("#first-screen")
    box = first.bounding_box()
    assert page.evaluate("window.scrollY") == 0
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    text: str = first.inner_text()
    return text


def test_an_urgent_case_reaches_urgent_help_first(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/advisor")
    assert page.locator("fieldset.short-q").count() <= 12
    parent = Parent(page)
    parent.pick("feeding", "Breastfeeding")
    parent.type("age", "Age", "20")
    parent.type("temperature", "Your baby", "38.5")
    parent.tick("baby_now", "None of these")
    page.get_by_role("button", name="Get advice").click()
    assert len(parent.answered) <= 12
    first = _first_screen_fits(page)
    assert "Urgent" in first and "needs a doctor now" in first
    assert "What to say" in first and "38.5 °C" in first
    whole = page.locator("main").inner_text()
    before_break = whole.split("Once you have been seen", 1)[0]
    assert "Plan, most useful first" not in before_break  # no let-down plan before the break
    assert "Plan, most useful first" in whole.split("Once you have been seen", 1)[1]


def test_thoughts_of_harm_ticked_says_what_to_do_now(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/advisor")
    parent = Parent(page)
    parent.pick("feeding", "Pumping")
    parent.tick("you_mind", "Thoughts of harming yourself")
    page.get_by_role("button", name="Get advice").click()
    assert len(parent.answered) <= 12
    first = _first_screen_fits(page)
    assert "emergency services" in first and "What to say" in first


def test_a_reassuring_case_hears_so_first(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/advisor")
    parent = Parent(page)
    parent.pick("feeding", "Breastfeeding")
    parent.type("age", "Age", "40")
    parent.type("letdown", "Now, usually", "1")
    parent.pick("weight", "Gaining well")
    for question in ("baby_now", "you_body", "you_mind"):
        parent.tick(question, "None of these")
    page.get_by_role("button", name="Get advice").click()
    assert len(parent.answered) <= 12
    first = _first_screen_fits(page)
    assert first.split("Your advice", 1)[1].strip().startswith("Your let-down sounds normal")
    assert page.locator("#first-screen .notice.ok").count() == 1


def test_tell_us_more_refines_with_the_first_answers_kept(
    page: Any, live_server: LiveServer,
) -> None:
    page.goto(live_server.url + "/advisor")
    parent = Parent(page)
    parent.pick("feeding", "Pumping")
    parent.type("stress", "Stress", "3")
    parent.tick("baby_now", "None of these")
    page.get_by_role("button", name="Get advice").click()
    assert page.locator("#questions-h").inner_text() == "Tell us more"
    assert page.locator("form[data-draft='advisor']").count() == 1
    flange = page.get_by_label("How the flange seems to fit.")
    expect(flange).to_be_hidden()  # folded until asked for
    page.locator("summary", has_text="Pump").click()
    flange.select_option("too_small")
    page.get_by_role("button", name="Update my advice").click()
    expect(page.locator("#first-screen")).to_contain_text("flange")
    page.locator("#short-path > summary").click()  # the first answers, kept
    expect(page.locator("#sq-baby_now").get_by_role("checkbox", name="None of these")
           ).to_be_checked()
    expect(page.locator("#sq-stress").get_by_label("Stress")).to_have_value("3")


def test_a_contradiction_is_shown_next_to_it_and_nothing_typed_is_lost(
    page: Any, live_server: LiveServer,
) -> None:
    page.goto(live_server.url + "/advisor")
    parent = Parent(page)
    parent.pick("feeding", "Both")
    parent.type("diapers", "Wet diapers", "5")
    parent.tick("baby_now", "None of these", "Very sleepy")
    page.get_by_role("button", name="Get advice").click()
    expect(page.locator("#e-sq-baby_now")).to_contain_text("None of these")
    expect(page.locator("#sq-diapers").get_by_label("Wet diapers")).to_have_value("5")
    expect(page.locator("#sq-baby_now").get_by_role("checkbox", name="Very sleepy")
           ).to_be_checked()
    problems = {}
    found = serious_violations(page)
    if found:
        problems["/advisor (a contradiction)"] = found
    page.goto(live_server.url + "/advisor")
    found = serious_violations(page)
    if found:
        problems["/advisor (short path)"] = found
    assert problems == {}
