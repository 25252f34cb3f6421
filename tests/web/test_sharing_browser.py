"""Server mode in real browsers at phone size: a parent invites, a consultant accepts
through the link, the parent sees the share and who looked, then stops sharing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web.helpers import PHONE, LiveServer, SocketGuard
from tests.web.signing import (
    CONSULTANT_PASSWORD,
    PARENT_PASSWORD,
    make_accounts,
    server_settings,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def practice_server(tmp_path: Path, postgres_url: str,
                    socket_guard: SocketGuard) -> Iterator[LiveServer]:
    settings = server_settings(tmp_path / "data", postgres_url)
    make_accounts(settings).close()
    with LiveServer(settings) as live:
        yield live


def _sign_in(tab: Any, url: str, email: str, password: str) -> None:
    tab.get_by_label("Email").fill(email)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()


def test_invite_accept_see_and_stop_sharing(own_browser: Any,
                                            practice_server: LiveServer) -> None:
    """Two people, two browsers' worth of cookies (contexts of one private Chromium)."""
    url = practice_server.url
    parent = own_browser.new_page()
    consultant = own_browser.browser.new_context(viewport=PHONE, is_mobile=True,
                                                 has_touch=True).new_page()
    failures: list[str] = []
    for tab in (parent, consultant):
        tab.set_default_timeout(10_000)
        tab.on("response", lambda r: failures.append(f"{r.status} {r.url}")
               if r.status >= 500 else None)
    try:
        parent.goto(f"{url}/")
        _sign_in(parent, url, "parent@example.org", PARENT_PASSWORD)
        parent.get_by_role("link", name="Sharing").click()
        expect(parent).to_have_url(f"{url}/sharing")
        parent.get_by_role("button", name="Make an invitation code").click()
        code = parent.locator("#invitation-code").inner_text()
        link = parent.locator("#invitation-link").get_attribute("href")
        assert link and link.endswith(code)
        assert parent.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        parent.screenshot(path=str(SCREENSHOTS / "server-mode-sharing-invite.png"))

        consultant.goto(link)
        _sign_in(consultant, url, "consultant@example.org", CONSULTANT_PASSWORD)
        expect(consultant.get_by_label("Invitation code")).to_have_value(code)
        consultant.get_by_role("button", name="Accept").click()
        expect(consultant.locator("#accepted")).to_contain_text("parent@example.org")

        parent.goto(f"{url}/sharing")
        expect(parent.locator("#shares")).to_contain_text("consultant@example.org")
        expect(parent.locator("#audit")).to_contain_text("accepted your invitation")
        width = parent.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        parent.screenshot(path=str(SCREENSHOTS / "server-mode-sharing.png"), full_page=True)
        parent.get_by_role("button", name="Stop sharing").click()
        expect(parent.get_by_text("Nobody: your journal is private.")).to_be_visible()
    finally:
        parent.close()
        consultant.context.close()
    assert failures == []
