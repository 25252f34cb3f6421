"""The report page: History links to it, the form defaults to the last 30 days, the
printable HTML and the PDF come from a GET, and a bad query gets the form back with the
reason (4xx), nothing made."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from tests.reports.month import fill_month

from letdown.config import Settings
from letdown.journal.service import Journal


def _today() -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def test_history_links_to_the_form_which_defaults_to_the_last_30_days(
        client: TestClient) -> None:
    assert 'href="/report">Report for your consultant</a>' in client.get("/history").text
    page = client.get("/report")
    assert page.status_code == 200
    today = _today()
    assert f'name="from" value="{(today - dt.timedelta(days=29)).isoformat()}"' in page.text
    assert f'name="to" value="{today.isoformat()}"' in page.text
    assert 'formaction="/report/pdf"' in page.text


def test_the_report_opens_as_html_and_downloads_as_pdf(client: TestClient,
                                                       settings: Settings) -> None:
    with Journal.open(settings) as journal:
        fill_month(journal, _today())
    query = {"question": "Why is work slower?"}
    page = client.get("/report/view", params=query)
    assert page.status_code == 200
    assert "<h2>For the consultant</h2>" in page.text and "Why is work slower?" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    pdf = client.get("/report/pdf", params=query)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith('attachment; filename="letdown-report-')
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) <= 2


@pytest.mark.parametrize(("query", "status", "says"), [
    ({"from": "yesterday"}, 400, "From: &#39;yesterday&#39; is not a date"),
    ({"to": "2999-01-01"}, 400, "To: 2999-01-01 is in the future"),
    ({"from": "2026-01-10", "to": "2026-01-01"}, 400, "is after the end"),
    ({"from": "2001-01-01", "to": "2003-01-01"}, 400, "allowed: up to 366 days"),
    ({"to": "0001-01-01"}, 400, "To: 0001-01-01 is before"),
    ({"question": "q" * 1001}, 400, "Your question: is 1001 characters long"),
    ({"question": "a\x00b"}, 400, "control characters"),
    ({}, 404, "there are no sessions, weights or diaper counts"),
])
@pytest.mark.parametrize("path", ["/report/view", "/report/pdf"])
def test_a_bad_query_gets_the_form_back_with_the_reason(
        client: TestClient, path: str, query: dict[str, str], status: int, says: str) -> None:
    page = client.get(path, params=query)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert says in page.text and 'id="report-form"' in page.text
