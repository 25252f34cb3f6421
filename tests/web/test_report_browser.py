"""At 390x844 in Chromium: from History to the report page, the printable report shows
every section without sideways scrolling, and the PDF downloads, with no network."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from tests.reports.month import fill_month
from tests.web.helpers import LiveServer

from letdown.journal.service import Journal

pytestmark = pytest.mark.browser

#: Set to a folder to keep the screenshots (the README's come from here).
SHOTS = os.environ.get("LETDOWN_SHOTS")
SECTIONS = [
    "About this report", "The parent's question", "What the app advises now",
    "Time to let-down", "Milk expressed", "Pump and settings", "Pain and stress",
    "Techniques tried", "Substances and medicines", "The baby's growth and diapers",
    "For the consultant", "Sources",
]


def test_the_report_at_phone_size_then_the_pdf(tab: Any, server: LiveServer,
                                               tmp_path: Path) -> None:
    with Journal.open(server.settings) as journal:
        fill_month(journal, dt.datetime.now(ZoneInfo("Europe/London")).date())
    outside: list[str] = []
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        (server.url, "data:")) else (outside.append(route.request.url), route.abort()))
    tab.goto(server.url + "/history")
    tab.get_by_role("link", name="Report for your consultant").click()
    expect(tab.locator("h1")).to_have_text("Report for your consultant")
    tab.fill("#r-question", "Is my flange the right size?")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / "22-report-form.png"))
    tab.get_by_role("button", name="Open the printable report").click()
    expect(tab.locator("blockquote")).to_have_text("Is my flange the right size?")
    headings = tab.locator("h2")
    expect(headings).to_have_count(len(SECTIONS))
    for i, name in enumerate(SECTIONS):
        heading = headings.nth(i)
        expect(heading).to_have_text(name)
        heading.scroll_into_view_if_needed()
        expect(heading).to_be_in_viewport()
    for chart in tab.locator("figure.chart-box svg").all():
        box = chart.bounding_box()
        assert box is not None and 250 < box["width"] <= 390
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    if SHOTS:
        tab.evaluate("window.scrollTo(0, 0)")
        tab.screenshot(path=str(Path(SHOTS) / "22-report-consultant.png"))
    tab.go_back()
    with tab.expect_download() as waiting:
        tab.get_by_role("button", name="Download the PDF").click()
    download = waiting.value
    assert download.suggested_filename.startswith("letdown-report-")
    saved = tmp_path / "report.pdf"
    download.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    assert len(reader.pages) <= 2
    assert "Is my flange the right size?" in (reader.pages[0].extract_text() or "")
    assert outside == []
