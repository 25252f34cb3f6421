"""Shared fixtures: every test runs with its own private data directory and config."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point letdown at a fresh data dir and a non-existent config file."""
    data = tmp_path / "letdown-data"
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(data))
    monkeypatch.setenv("LETDOWN_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("LETDOWN_DATABASE_URL", raising=False)
    monkeypatch.setenv("TZ", "Europe/London")
    yield data
