"""Server mode: sign in, wrong passwords, lockout, session fixation, cookies, sign out."""

from __future__ import annotations

import pytest
from tests.web import signing
from tests.web.signing import (
    PARENT_PASSWORD,
    Practice,
    problem,
    signin_token,
)

from letdown.web.auth import COOKIE_PLAIN, COOKIE_TLS
from letdown.web.client_limit import ClientLimit

pg_practice = signing.pg_practice  # a fixture
practice = signing.practice  # a fixture
proxied_practice = signing.proxied_practice  # a fixture


def _set_cookie(response: object) -> str:
    headers = response.headers  # type: ignore[attr-defined]
    found = [v for k, v in headers.multi_items() if k == "set-cookie"
             and v.split("=", 1)[0] in (COOKIE_PLAIN, COOKIE_TLS)]
    assert len(found) == 1, found
    return str(found[0])


def test_signing_in_lands_on_the_page_asked_for(practice: Practice) -> None:
    with practice.client() as client:
        asked = client.get("/history?baby=1")
        assert asked.status_code == 303
        assert asked.headers["location"] == "/signin?next=/history%3Fbaby%3D1"
        form = client.get(asked.headers["location"])
        assert 'name="next" value="/history?baby=1"' in form.text
        done = practice.sign_in(client, next_path="/history?baby=1")
        assert done.status_code == 303 and done.headers["location"] == "/history?baby=1"
        page = client.get("/")
        assert page.status_code == 200
        assert "Signed in as <strong>parent@example.org</strong>" in page.text
        assert 'action="/signout"' in page.text
        assert client.get("/history").status_code == 200


@pytest.mark.postgres
def test_signing_in_and_out_on_postgresql(pg_practice: Practice) -> None:
    with pg_practice.client() as client:
        assert pg_practice.sign_in(client).status_code == 303
        assert client.get("/api/v1/sessions").status_code == 200
        client.post("/signout", data={"csrftoken": signin_token(client)})
        assert client.get("/api/v1/sessions").status_code == 401


def test_wrong_password_and_unknown_email_get_the_same_words(practice: Practice) -> None:
    with practice.client() as client:
        wrong = practice.sign_in(client, password=PARENT_PASSWORD + "!")
        unknown = practice.sign_in(client, email="nobody@example.org",
                                   password=PARENT_PASSWORD)
        malformed = practice.sign_in(client, email="not an address", password="x")
        for answer in (wrong, unknown, malformed):
            assert answer.status_code == 401
            assert problem(answer.text) == problem(wrong.text) != ""
            assert "set-cookie" not in answer.headers or COOKIE_PLAIN not in (
                answer.headers["set-cookie"])
            assert PARENT_PASSWORD not in answer.text
        assert 'value="parent@example.org"' in wrong.text  # the email is kept, not the password
        assert client.get("/").status_code == 303


@pytest.mark.parametrize("email", ["parent@example.org", "nobody@example.org"])
def test_lockout_looks_the_same_for_unknown_emails(practice: Practice, email: str) -> None:
    with practice.client() as client:
        for _ in range(5):
            failed = practice.sign_in(client, email=email, password="not the password!")
            assert failed.status_code == 401
        locked = practice.sign_in(client, email=email, password=PARENT_PASSWORD)
        assert locked.status_code == 429
        assert "signing in is paused until" in problem(locked.text)
        assert client.get("/").status_code == 303  # even the right password did not work
        practice.clock.advance(minutes=16)
        if email == "parent@example.org":
            assert practice.sign_in(client, email=email).status_code == 303


def test_a_client_address_that_keeps_failing_is_paused(practice: Practice) -> None:
    practice.app.state.auth.limit = ClientLimit(max_failures=3)
    with practice.client() as client:
        for n in range(3):  # three different addresses: no per-email lockout
            practice.sign_in(client, email=f"guess{n}@example.org", password="guess guess")
        paused = practice.sign_in(client)
        assert paused.status_code == 429
        assert "from this network" in problem(paused.text)
        assert client.get("/").status_code == 303


def test_a_new_session_id_at_sign_in_and_the_old_one_is_dead(practice: Practice) -> None:
    with practice.client() as client:
        client.cookies.set(COOKIE_PLAIN, "planted-by-someone-else-0123456789",
                           domain="testserver.local")
        practice.sign_in(client)
        first = client.cookies[COOKIE_PLAIN]
        assert first != "planted-by-someone-else-0123456789"
        practice.sign_in(client)  # signing in again, with the first session's cookie
        second = client.cookies[COOKIE_PLAIN]
        assert second != first
        assert client.get("/").status_code == 200
    for stale in (first, "planted-by-someone-else-0123456789"):
        with practice.client() as other:
            other.cookies.set(COOKIE_PLAIN, stale, domain="testserver.local")
            assert other.get("/").status_code == 303
            assert other.get("/api/v1/sessions").status_code == 401


def test_cookie_flags_over_plain_http(practice: Practice) -> None:
    with practice.client() as client:
        cookie = _set_cookie(practice.sign_in(client)).lower()
        parts = {p.strip().split("=")[0] for p in cookie.split(";")}
        assert {"httponly", "path", "samesite"} <= parts and "secure" not in parts
        assert "samesite=lax" in cookie and "path=/" in cookie
        assert "strict-transport-security" not in client.get("/").headers


def test_over_https_the_cookie_is_secure_and_hsts_is_sent(practice: Practice) -> None:
    with practice.client("https://testserver") as client:
        cookie = _set_cookie(practice.sign_in(client))
        assert cookie.startswith(COOKIE_TLS + "=")
        assert "; secure" in cookie.lower() and "; httponly" in cookie.lower()
        home = client.get("/")
        assert home.status_code == 200
        assert home.headers["strict-transport-security"].startswith("max-age=")
        assert "frame-ancestors 'none'" in home.headers["content-security-policy"]


def test_proxy_headers_count_only_when_trusted(practice: Practice,
                                               proxied_practice: Practice) -> None:
    https = {"x-forwarded-proto": "https"}
    with practice.client(**https) as client:  # not trusted: the header changes nothing
        cookie = _set_cookie(practice.sign_in(client))
        assert cookie.startswith(COOKIE_PLAIN + "=") and "secure" not in cookie.lower()
    with proxied_practice.client(**https) as client:
        # The browser's Origin is the https one the proxy serves.
        token = signin_token(client)
        done = client.post("/signin", headers={"origin": "https://testserver"}, data={
            "csrftoken": token, "email": "parent@example.org", "password": PARENT_PASSWORD})
        assert done.status_code == 303
        cookie = _set_cookie(done)
        assert cookie.startswith(COOKIE_TLS + "=") and "; secure" in cookie.lower()
        assert "strict-transport-security" in client.get("/signin").headers


def test_signing_out_ends_the_session_on_the_server(practice: Practice) -> None:
    with practice.client() as client:
        practice.sign_in(client)
        stolen = client.cookies[COOKIE_PLAIN]
        out = client.post("/signout", data={"csrftoken": signin_token(client)})
        assert out.status_code == 303 and out.headers["location"] == "/signin"
        assert "max-age=0" in _set_cookie(out).lower()
    with practice.client() as thief:  # a copy of the cookie made before signing out
        thief.cookies.set(COOKIE_PLAIN, stolen, domain="testserver.local")
        assert thief.get("/").status_code == 303


def test_idle_sessions_need_signing_in_again(practice: Practice) -> None:
    with practice.client() as client:
        practice.sign_in(client)
        practice.clock.advance(hours=13)
        assert client.get("/history").headers["location"] == "/signin?next=/history"


@pytest.mark.parametrize("path", ["/signin", "/signout"])
def test_forms_without_the_right_csrf_token_are_refused(practice: Practice, path: str) -> None:
    with practice.client() as client:
        practice.sign_in(client)
        form = {"email": "parent@example.org", "password": PARENT_PASSWORD}
        assert client.post(path, data=form).status_code == 403
        assert client.post(path, data={**form, "csrftoken": "forged"}).status_code == 403
        cross = client.post(path, data={**form, "csrftoken": signin_token(client)},
                            headers={"origin": "http://evil.example"})
        assert cross.status_code == 403
        assert client.get("/").status_code == 200  # still signed in: nothing happened


def test_a_consultant_and_an_admin_see_who_they_are_and_no_journal(practice: Practice) -> None:
    for email, role_words in (("consultant@example.org", "a consultant"),
                              ("admin@example.org", "an administrator")):
        with practice.client() as client:
            practice.sign_in(client, email=email)
            home = client.get("/")
            assert home.status_code == 200
            assert email in home.text and role_words in home.text
            assert 'href="/history"' not in home.text  # no journal navigation
            assert client.get("/history").status_code == 403
            api = client.get("/api/v1/sessions")
            assert api.status_code == 403 and "for parents" in api.json()["detail"]


def test_single_user_mode_has_no_sign_in(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    home = client.get("/")
    assert home.status_code == 200 and "Sign out" not in home.text
    assert "Everything stays on this device." in home.text
    assert client.get("/signin").status_code == 404


def test_another_worker_accepts_the_form_and_the_session(practice: Practice) -> None:
    """Workers share LETDOWN_SECRET_KEY and the database, not a data dir: a form opened
    from one worker can be sent to another, and the session works on both."""
    from fastapi.testclient import TestClient

    from letdown.web.app import create_app

    elsewhere = practice.settings.data_dir.parent / "other-machine"
    elsewhere.mkdir()
    other = create_app(practice.settings.model_copy(update={"data_dir": elsewhere}),
                       allowed_hosts=["testserver"], accounts=practice.accounts)
    with practice.client() as first, TestClient(other, follow_redirects=False) as second:
        token = signin_token(first)
        for name, value in first.cookies.items():
            second.cookies.set(name, value, domain="testserver.local")
        done = second.post("/signin", data={"csrftoken": token, "email": "parent@example.org",
                                            "password": PARENT_PASSWORD})
        assert done.status_code == 303
        first.cookies.set(COOKIE_PLAIN, second.cookies[COOKIE_PLAIN], domain="testserver.local")
        assert first.get("/history").status_code == 200


def test_the_per_address_pause_ends_and_other_addresses_are_not_paused() -> None:
    now = [0.0]
    limit = ClientLimit(max_failures=3, window=600, clock=lambda: now[0])
    for _ in range(3):
        limit.failed("203.0.113.7")
        now[0] += 10
    assert limit.wait("203.0.113.7") == pytest.approx(600 - 30)
    assert limit.wait("198.51.100.2") == 0
    now[0] += 571
    assert limit.wait("203.0.113.7") == 0
