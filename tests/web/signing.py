"""Server-mode fixtures for the sign-in tests: a practice (accounts, a fake clock) and
its app, on SQLite or on the throw-away PostgreSQL; clients that sign in like a browser.

The app itself does not care which database it runs on; ``letdown serve --multi-user``
is what refuses SQLite. Most tests run on SQLite for speed; the ``pg_practice`` variant
runs the same app on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.web.helpers import form_tokens

from letdown.accounts.passwords import Hasher
from letdown.accounts.roles import Role
from letdown.accounts.service import Accounts
from letdown.config import Settings
from letdown.journal.store import create_journal_engine, upgrade
from letdown.web.app import create_app

#: Passwords that must never show up in a log line or a page.
PARENT_PASSWORD = "canary-Zq7-violet-heron-41-parent"
CONSULTANT_PASSWORD = "canary-Qk2-amber-lynx-88-consultant"
ADMIN_PASSWORD = "canary-Wd5-slate-owl-19-admin"
PASSWORDS = {"parent@example.org": PARENT_PASSWORD,
             "consultant@example.org": CONSULTANT_PASSWORD,
             "admin@example.org": ADMIN_PASSWORD}
SECRET_KEY = "q8V1c2Jm0s7Kx_4nP9tYwZ3aR6eH5uL0dF2gB8vN1mC"
_PROBLEM = re.compile(r'<p class="notice danger" role="alert" id="signin-problem">(.*?)</p>',
                      re.S)


@dataclass
class FakeClock:
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def server_settings(data_dir: Path, database_url: str | None = None,
                    **extra: Any) -> Settings:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LETDOWN_CONFIG", str(data_dir.parent / "absent-config.toml"))
        patch.delenv("LETDOWN_DATABASE_URL", raising=False)
        return Settings(data_dir=data_dir, timezone="Europe/London", multi_user=True,
                        secret_key=SECRET_KEY, database_url=database_url, **extra)


def make_accounts(settings: Settings, clock: FakeClock | None = None) -> Accounts:
    """The practice's accounts (cheap argon2 costs), with a parent, a consultant, an admin."""
    settings.ensure_data_dir()
    engine = create_journal_engine(settings.database_url_object())
    upgrade(engine)
    options: dict[str, Any] = {"hasher": Hasher(time_cost=1, memory_cost=8, parallelism=1)}
    if clock is not None:
        options["clock"] = clock
    accounts = Accounts(engine, **options)
    for email, password in PASSWORDS.items():
        role = Role(email.split("@")[0])
        accounts.create_account(email, password, role)
    return accounts


@dataclass
class Practice:
    app: FastAPI
    accounts: Accounts
    clock: FakeClock
    settings: Settings

    def client(self, base_url: str = "http://testserver", **headers: str) -> TestClient:
        return TestClient(self.app, base_url=base_url, follow_redirects=False,
                          headers=headers or None)

    def sign_in(self, client: TestClient, email: str = "parent@example.org",
                password: str | None = None, next_path: str = "/") -> httpx.Response:
        token = signin_token(client)
        return client.post("/signin", data={
            "csrftoken": token, "email": email, "next": next_path,
            "password": PASSWORDS.get(email, "") if password is None else password})


def signin_token(client: TestClient) -> str:
    """The sign-in form's CSRF token, read from the page as a browser would."""
    return form_tokens(client.get("/signin").text)["/signin"]


def problem(page: str) -> str:
    """The message the sign-in page shows (empty when none)."""
    found = _PROBLEM.search(page)
    return found.group(1).strip() if found else ""


def _practice(where: Path, database_url: str | None, **extra: Any) -> Iterator[Practice]:
    clock = FakeClock()
    settings = server_settings(where / "data", database_url, **extra)
    accounts = make_accounts(settings, clock)
    app = create_app(settings, allowed_hosts=["testserver"], accounts=accounts)
    try:
        yield Practice(app, accounts, clock, settings)
    finally:
        accounts.close()


@pytest.fixture
def practice(tmp_path: Path) -> Iterator[Practice]:
    """Server mode on SQLite (fast), a fake clock, three accounts."""
    yield from _practice(tmp_path, None)


@pytest.fixture
def pg_practice(tmp_path: Path, postgres_url: str) -> Iterator[Practice]:
    """The same on the throw-away PostgreSQL."""
    yield from _practice(tmp_path, postgres_url)


@pytest.fixture
def proxied_practice(tmp_path: Path) -> Iterator[Practice]:
    """Server mode behind a trusted reverse proxy (LETDOWN_TRUST_PROXY=true)."""
    yield from _practice(tmp_path / "proxied", None, trust_proxy=True)
