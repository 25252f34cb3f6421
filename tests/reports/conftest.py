"""One realistic month, its report model, HTML and PDF: made once for the whole module
(a PDF takes about a second), on a private data directory."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.reports.month import QUESTION, fill_month

from letdown.config import Settings
from letdown.reports.model import Report

ZONE = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Made:
    report: Report
    html: str
    pdf: bytes
    seconds: float  # rendering the PDF


def settings_in(folder: Path) -> Settings:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LETDOWN_CONFIG", str(folder / "absent-config.toml"))
        patch.delenv("LETDOWN_DATABASE_URL", raising=False)
        return Settings(data_dir=folder / "data", timezone="Europe/London")


def month_report(settings: Settings, question: str | None = QUESTION) -> Report:
    """Fill a journal with a month and gather its report (with the advisor's advice)."""
    from letdown.advisor import Answers, advise
    from letdown.advisor.journal_facts import from_journal as facts_from
    from letdown.evidence import load_evidence
    from letdown.journal.service import Journal
    from letdown.reports.gather import from_journal

    today = dt.datetime.now(ZONE).date()
    with Journal.open(settings) as journal:
        fill_month(journal, today)
        advice = advise(Answers.model_validate({"feeding_mode": "both"}),
                        facts_from(journal, today))
        return from_journal(journal, today - dt.timedelta(days=29), today, today=today,
                            zone=ZONE, question=question, advice=advice,
                            evidence=load_evidence())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Made]:
    from letdown.reports.render import render_html, render_pdf

    report = month_report(settings_in(tmp_path_factory.mktemp("month")))
    html = render_html(report)
    began = time.perf_counter()
    pdf = render_pdf(html)
    yield Made(report, html, pdf, time.perf_counter() - began)
