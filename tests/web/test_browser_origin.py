"""Other sites try to change the journal from a real browser: a page on another local port,
a self-sandboxed page (Origin: null), a fetch. Each must leave the journal as it was."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from tests.web.browsing import (
    sessions,
)
from tests.web.helpers import AttackSite, LiveServer

pytestmark = pytest.mark.browser




def journal_state(server: LiveServer) -> tuple[Any, ...]:
    """What an attack would change: babies, sessions and the profile."""
    def read(path: str) -> Any:
        response = httpx.get(f"{server.url}{path}", timeout=10)
        return response.json() if response.status_code == 200 else response.status_code
    return read("/api/v1/babies"), read("/api/v1/sessions"), read("/api/v1/profile")


def attack_form(target: str, action: str, fields: dict[str, str], delay_ms: int = 0) -> str:
    """A form that sends itself as soon as the page loads (or ``delay_ms`` later)."""
    inputs = "".join(f'<input name="{k}" value="{v}">' for k, v in fields.items())
    return (f'<form method="post" action="{target}{action}">{inputs}</form>'
            f"<script>setTimeout(() => document.forms[0].submit(), {delay_ms})</script>")


def posts_to(server: LiveServer) -> Any:
    """Matches a POST to letdown: a Playwright request, or the response to one."""
    return lambda r: r.url.startswith(server.url) and getattr(r, "request", r).method == "POST"


@pytest.fixture
def attack_site() -> Any:
    with AttackSite() as site:
        yield site


@pytest.fixture
def a_session(live_server: LiveServer) -> int:
    """A session to delete, so a delete attack has something to destroy."""
    httpx.post(f"{live_server.url}/api/v1/sessions", timeout=10, json={
        "kind": "pump", "sides": "both", "start": "2026-01-11T08:00:00Z",
        "end": "2026-01-11T08:20:00Z"})
    newest: int = sessions(live_server)[0]["id"]
    return newest


def test_a_page_on_another_local_port_cannot_post_a_form(
        page: Any, live_server: LiveServer, attack_site: AttackSite, a_session: int) -> None:
    """Before: a server on 127.0.0.1:<another port> could add babies and delete sessions."""
    before = journal_state(live_server)
    attacks = {
        "/baby": attack_form(live_server.url, "/babies",
                             {"name": "Mallory", "birth_date": "2026-10-01"}),
        "/profile": attack_form(live_server.url, "/profile", {"pseudonym": "Mallory"}),
        "/delete": attack_form(live_server.url, f"/sessions/{a_session}/delete", {}),
    }
    for path, html in attacks.items():
        with page.expect_response(posts_to(live_server)) as sent:
            page.goto(attack_site.add(path, html))
        assert sent.value.status == 403, path
        expect(page.locator("body")).to_contain_text("Nothing was changed")
    assert journal_state(live_server) == before


def test_a_self_sandboxed_page_cannot_post_a_form(
        page: Any, live_server: LiveServer, attack_site: AttackSite, a_session: int) -> None:
    """A public page that sandboxes itself sends Origin: null; before, that was let through."""
    before = journal_state(live_server)
    sandbox = {"content-security-policy": "sandbox allow-scripts allow-forms"}
    for path, action, fields in (
            ("/sandboxed-baby", "/babies", {"name": "Mallory", "birth_date": "2026-10-01"}),
            ("/sandboxed-delete", f"/sessions/{a_session}/delete", {})):
        # Wait for the refused post's page to load too, so it cannot interrupt the next goto.
        with page.expect_request(posts_to(live_server)) as sent, \
                page.expect_response(posts_to(live_server)) as answered, \
                page.expect_navigation(url=lambda url: url.startswith(live_server.url)):
            page.goto(attack_site.add(path, attack_form(live_server.url, action, fields),
                                      sandbox))
        assert sent.value.header_value("origin") == "null"
        assert answered.value.status == 403
    # the same from an <iframe sandbox> inside an ordinary page
    # (a sandboxed frame runs in a process of its own: give Playwright time to watch it)
    inner = attack_form(live_server.url, "/profile", {"pseudonym": "Mallory"}, delay_ms=500)
    framed = (f'<iframe sandbox="allow-scripts allow-forms" srcdoc=\'{inner}\'></iframe>')
    with page.expect_request(posts_to(live_server)) as sent:
        page.goto(attack_site.add("/framed", framed))
    assert sent.value.header_value("origin") == "null"
    answer = sent.value.response()  # None when Chromium drops the frame (X-Frame-Options)
    assert answer is None or answer.status == 403
    assert journal_state(live_server) == before


def test_a_fetch_with_origin_null_changes_nothing(
        page: Any, live_server: LiveServer, attack_site: AttackSite, a_session: int) -> None:
    """Scripts in a sandboxed page try the JSON API every way a browser lets them."""
    before = journal_state(live_server)
    api = f"{live_server.url}/api/v1"
    script = f"""<script>
    const baby = JSON.stringify({{name: "Mallory", birth_date: "2026-10-01"}});
    const tries = [
      fetch("{api}/babies", {{method: "POST", mode: "no-cors", body: baby,
                              headers: {{"content-type": "text/plain"}}}}),
      fetch("{api}/babies", {{method: "POST", mode: "no-cors", body: new Blob([baby])}}),
      fetch("{api}/babies", {{method: "POST", body: baby,
                              headers: {{"content-type": "application/json"}}}}),
      fetch("{api}/sessions/{a_session}", {{method: "DELETE"}}),
    ];
    Promise.allSettled(tries).then(r => {{
      document.title = "done " + r.map(x => x.status).join(",");
    }});
    </script>"""
    sandbox = {"content-security-policy": "sandbox allow-scripts"}
    origins: list[str | None] = []
    page.on("request", lambda r: origins.append(r.header_value("origin"))
            if r.url.startswith(live_server.url) else None)
    page.goto(attack_site.add("/fetch", script, sandbox))
    expect(page).to_have_title(re.compile("^done "), timeout=10_000)
    assert origins and set(origins) == {"null"}
    assert journal_state(live_server) == before


# ------------------------------------------------- the guided session as a step-by-step flow
