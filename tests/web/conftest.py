"""Web fixtures: an app on a private data dir, a live server, one Chromium, a socket guard.

The browser is Debian's Chromium at /usr/bin/chromium driven by Playwright's Python
API (never `playwright install`). One browser per test session; a fresh context
(390x844, a phone) per test. The live server runs uvicorn in a thread of this
process on a free loopback port, so the socket guard installed here watches the
server's own outbound connections.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    FormClient,
    LiveServer,
    SocketGuard,
    is_loopback,
    make_settings,
)

from letdown.config import Settings
from letdown.web.app import create_app


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A test client on a fresh journal; its page forms carry their CSRF token."""
    with FormClient(create_app(settings, allowed_hosts=["testserver"])) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def socket_guard() -> Iterator[SocketGuard]:
    """Installed for the whole browser session: the server may only talk to loopback."""
    with SocketGuard().installed() as guard:
        yield guard
    # Checked again once every browser test has run, whichever file they are in.
    assert guard.attempts == [], f"the server tried to reach {guard.attempts}"


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, socket_guard: SocketGuard
) -> Iterator[LiveServer]:
    data = tmp_path_factory.mktemp("live") / "data"
    with LiveServer(make_settings(data)) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """Playwright itself, started once (skipped where Debian's chromium is missing)."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (./test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium context for the session, with a profile that persists."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2,
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def own_browser(playwright_driver: Any) -> Iterator[Any]:
    """A phone-sized context of the test's own, for what is context-wide in Playwright
    (a fake clock, for one): installed on the shared context it would leak into every
    later test."""
    chromium = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True,
                                   device_scale_factor=2)
    try:
        yield context
    finally:
        context.close()
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh tab at phone size; requests leaving loopback are blocked, and 5xx fail the test."""
    outside: list[str] = []

    def route(route: Any) -> None:
        from urllib.parse import urlsplit

        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or is_loopback(host):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab = browser.new_page()
    tab.route("**/*", route)
    tab.set_default_timeout(10_000)
    failures: list[str] = []
    tab.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500
           else None)
    try:
        yield tab
    finally:
        tab.close()
    assert failures == [], f"the server failed: {failures}"
    assert outside == [], f"the page tried to reach the network: {outside}"


@pytest.fixture
def server(tmp_path: Path, socket_guard: SocketGuard) -> Iterator[LiveServer]:
    """A live server of the test's own, so its data are exactly this test's (the shared
    ``live_server`` is for tests that only read what they wrote themselves)."""
    with LiveServer(make_settings(tmp_path / "data")) as live:
        yield live


@pytest.fixture
def tab(browser: Any, server: LiveServer) -> Iterator[Any]:
    """A fresh phone-sized tab (390x844) on the test's own server."""
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)
    try:
        yield page
    finally:
        page.close()
