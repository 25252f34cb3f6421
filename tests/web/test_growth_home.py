"""Home shows the trend findings (not one bad day), with what to say, and stays quiet."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from letdown.config import Settings
from letdown.journal.records import Session
from letdown.journal.service import Journal


def _sessions(settings: Settings, pains: list[int]) -> None:
    journal = Journal.open(settings)
    now = dt.datetime.now(dt.UTC)
    try:
        for i, pain in enumerate(pains):
            start = now - dt.timedelta(hours=8 * (len(pains) - i))
            journal.add_session(Session.model_validate({
                "kind": "pump", "sides": "both", "start": start,
                "end": start + dt.timedelta(minutes=20), "pain": pain,
                "letdowns": [{"side": "left", "at_s": 90}]}))
    finally:
        journal.close()


def test_pain_in_most_sessions_shows_on_home_with_what_to_say(
    client: TestClient, settings: Settings
) -> None:
    _sessions(settings, [1, 1, 6, 7, 6, 8, 6, 7, 6, 7])
    page = client.get("/").text
    assert "A trend that needs help" in page
    assert "hurt in 8 of your last 10 sessions" in page
    assert "When you call:" in page and "See a lactation consultant (IBCLC)." in page


def test_a_calm_journal_shows_no_trend(client: TestClient, settings: Settings) -> None:
    _sessions(settings, [1, 2, 1, 0, 7, 1, 2, 1, 1, 2])
    assert "A trend that needs help" not in client.get("/").text
