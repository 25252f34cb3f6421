"""Guided-session drafts in the journal: kept, replaced, found, dropped, aged out, capped."""

from __future__ import annotations

import datetime as dt

import pytest

from letdown.journal.drafts import (
    MAX_STATE_CHARS,
    BadDraftKey,
    DraftTooLarge,
    GuidedDrafts,
    draft_key,
)
from letdown.journal.service import Journal

NOW = dt.datetime(2026, 11, 29, 23, 0, tzinfo=dt.UTC)
START = "2026-11-29T23:30:00+01:00"


def test_a_draft_is_kept_replaced_and_dropped(journal: Journal) -> None:
    drafts = GuidedDrafts(journal)
    drafts.save(START, {"marks": [{"side": "left", "at": 95}]}, now=NOW)
    drafts.save(START, {"marks": [{"side": "left", "at": 95}, {"side": "right", "at": 100}]},
                now=NOW + dt.timedelta(seconds=5))
    found = drafts.load("2026-11-29T22:30:00Z", now=NOW)  # the same moment, in UTC
    assert found is not None and len(found.state["marks"]) == 2
    assert drafts.count() == 1
    assert drafts.discard(START) is True
    assert drafts.load(START, now=NOW) is None
    assert drafts.discard(START) is False


def test_latest_is_the_newest_recent_draft_and_old_ones_are_purged(journal: Journal) -> None:
    drafts = GuidedDrafts(journal)
    drafts.save("2026-11-27T10:00:00Z", {"n": 1}, now=NOW - dt.timedelta(hours=30))
    drafts.save("2026-11-29T20:00:00Z", {"n": 2}, now=NOW - dt.timedelta(hours=2))
    drafts.save("2026-11-29T21:00:00Z", {"n": 3}, now=NOW - dt.timedelta(hours=1))
    latest = drafts.latest(now=NOW)
    assert latest is not None and latest.state == {"n": 3}
    assert drafts.load("2026-11-27T10:00:00Z", now=NOW) is None  # over 24 h: ignored
    assert drafts.latest(now=NOW + dt.timedelta(hours=26)) is None
    drafts.save("2026-11-29T22:00:00Z", {"n": 4}, now=NOW)  # a save purges the stale one
    assert drafts.count() == 3


def test_drafts_are_not_records(journal: Journal) -> None:
    GuidedDrafts(journal).save(START, {"marks": []}, now=NOW)
    assert journal.is_empty()
    assert journal.export_all().sessions == []


def test_too_large_or_badly_keyed_drafts_keep_nothing(journal: Journal) -> None:
    drafts = GuidedDrafts(journal)
    with pytest.raises(DraftTooLarge, match="up to 64 kB"):
        drafts.save(START, {"notes": "x" * MAX_STATE_CHARS}, now=NOW)
    for bad in ("", "yesterday", "2026-11-29T23:30:00", "9" * 100):
        with pytest.raises(BadDraftKey, match="key: not a session start"):
            drafts.save(bad, {}, now=NOW)
    assert drafts.count() == 0


def test_keys_name_the_moment_not_its_spelling() -> None:
    assert draft_key("2026-11-29T23:30:00+01:00") == "2026-11-29T22:30:00Z"
    assert draft_key("2026-11-29T22:30:00.400Z") == "2026-11-29T22:30:00Z"
