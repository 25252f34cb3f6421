"""Server mode in a real browser at phone size: sign in, see Home, sign out (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web.helpers import PHONE, LiveServer, SocketGuard
from tests.web.signing import PARENT_PASSWORD, make_accounts, server_settings

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def practice_server(tmp_path: Path, postgres_url: str,
                    socket_guard: SocketGuard) -> Iterator[LiveServer]:
    """A live server in server mode on the throw-away PostgreSQL, with three accounts."""
    settings = server_settings(tmp_path / "data", postgres_url)
    make_accounts(settings).close()
    with LiveServer(settings) as live:
        yield live


def test_a_parent_signs_in_sees_home_and_signs_out(browser: Any,
                                                   practice_server: LiveServer) -> None:
    tab = browser.new_page()
    tab.set_default_timeout(10_000)
    tab.set_viewport_size(PHONE)
    failures: list[str] = []
    tab.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500
           else None)
    try:
        tab.goto(f"{practice_server.url}/history")
        expect(tab).to_have_url(f"{practice_server.url}/signin?next=/history")
        expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
        tab.screenshot(path=str(SCREENSHOTS / "server-mode-sign-in.png"))
        tab.get_by_label("Email").fill("parent@example.org")
        tab.get_by_label("Password").fill(PARENT_PASSWORD + " wrong")
        tab.get_by_role("button", name="Sign in").click()
        expect(tab.locator("#signin-problem")).to_contain_text("not right")
        tab.get_by_label("Password").fill(PARENT_PASSWORD)
        tab.get_by_role("button", name="Sign in").click()
        expect(tab).to_have_url(f"{practice_server.url}/history")
        tab.goto(f"{practice_server.url}/")
        expect(tab.get_by_text("Signed in as")).to_contain_text("parent@example.org")
        expect(tab.get_by_role("link", name="History")).to_be_visible()
        sign_out = tab.get_by_role("button", name="Sign out")
        expect(sign_out).to_be_in_viewport()
        cookies = {c["name"]: c for c in tab.context.cookies(practice_server.url)}
        assert cookies["letdown_session"]["httpOnly"] is True
        assert cookies["letdown_session"]["sameSite"] == "Lax"
        expect(tab.locator("h1")).to_have_text("Ready when you are")  # Home, empty journal
        tab.screenshot(path=str(SCREENSHOTS / "server-mode-home.png"))
        sign_out.click()
        expect(tab).to_have_url(f"{practice_server.url}/signin")
        assert "letdown_session" not in {c["name"] for c in
                                         tab.context.cookies(practice_server.url)}
        tab.goto(f"{practice_server.url}/")
        expect(tab).to_have_url(f"{practice_server.url}/signin")
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
    finally:
        tab.close()
    assert failures == []
