"""What the report says when there is little to go on: it says so plainly, and every
section is still there."""

from __future__ import annotations

import datetime as dt
import re

from letdown.evidence import load_evidence
from letdown.journal.records import Kind, LetDown, Session, Side, Sides
from letdown.reports.gather import build
from letdown.reports.render import render_html

UTC = dt.UTC


def _few(today: dt.date, n: int) -> list[Session]:
    start = dt.datetime.combine(today - dt.timedelta(days=2), dt.time(8), UTC)
    return [Session(kind=Kind.pump, sides=Sides.left, start=start + dt.timedelta(hours=3 * i),
                    end=start + dt.timedelta(hours=3 * i, minutes=15),
                    letdowns=[LetDown(side=Side.left, at_s=90)], volume_left_ml=40,
                    medicines=["Wondermed 5 mg"])
            for i in range(n)]


def _report(sessions: list[Session], today: dt.date) -> str:
    made = build(sessions=sessions, profile=None, babies=[], weights=[], diapers=[],
                 start=today - dt.timedelta(days=6), end=today, today=today, zone=UTC,
                 question="  Is this\nnormal?  ", advice=None, evidence=load_evidence())
    assert made.question == "Is this normal?"
    assert not made.techniques.enough
    return render_html(made)


def test_a_few_sessions_say_plainly_that_effects_cannot_be_estimated() -> None:
    today = dt.datetime.now(UTC).date()
    html = _report(_few(today, 3), today)
    assert "Not enough sessions to estimate any effect yet" in html
    assert "No advice yet" in html
    assert "No baby recorded." in html
    # a medicine letdown does not know is named, with the advice to ask, never dropped
    assert re.search(r"Wondermed 5 mg</strong> \(3 sessions\).*ask a pharmacist", html)
    assert len(re.findall(r"<h2>", html)) == 12


def test_a_period_with_no_sessions_still_renders_every_section() -> None:
    today = dt.datetime.now(UTC).date()
    html = _report([], today)
    assert "No let-down times noted in this period." in html
    assert "No volumes recorded in this period." in html
    assert "No pumping sessions in this period." in html
    assert len(re.findall(r"<h2>", html)) == 12
