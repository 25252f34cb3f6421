"""Fixtures: a fake Baby Buddy (see ``fake``), and the saved CSV export files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from tests.interop.babybuddy.fake import DATA, FakeBabyBuddy


@pytest.fixture
def baby_buddy(httpserver: HTTPServer) -> FakeBabyBuddy:
    return FakeBabyBuddy(httpserver)


@pytest.fixture
def csv_files() -> list[Path]:
    return sorted(DATA.glob("admin_export_*.csv"))
