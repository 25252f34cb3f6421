"""A local app is still reachable from other sites in the same browser: guard against it."""

from __future__ import annotations

import io
import json
import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from tests.web.helpers import FormClient, SocketGuard, form_token, form_tokens

from letdown.config import Settings
from letdown.web.app import create_app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_foreign_host_header_is_refused(client: TestClient) -> None:
    """DNS rebinding: a hostile name pointing at 127.0.0.1 gets nothing."""
    assert client.get("/api/v1/sessions", headers={"host": "evil.example"}).status_code == 400


def test_any_host_name_when_listening_beyond_loopback(settings: Settings) -> None:
    """With --host 0.0.0.0 a phone on the home network reaches it by the laptop's address,
    once paired; a paired phone is still refused a post from another site."""
    wide = settings.model_copy(update={"host": "0.0.0.0"})
    app = create_app(wide)
    lan_host = {"host": "192.168.1.20:8765"}
    with TestClient(app) as lan:
        assert lan.get("/healthz", headers=lan_host).status_code == 200
        assert lan.get("/", headers=lan_host).status_code == 401  # not paired yet
        code = app.state.pairing.code
        assert lan.get(f"/pair?code={code}", headers=lan_host).status_code == 200
        cross = lan.post("/api/v1/babies", json={"name": "Ada", "birth_date": "2026-10-01"},
                         headers={**lan_host, "origin": "https://evil.example"})
        assert cross.status_code == 403
        same = lan.post("/api/v1/babies", json={"name": "Ada", "birth_date": "2026-10-01"},
                        headers={**lan_host, "origin": "http://192.168.1.20:8765"})
        assert same.status_code == 201
    with TestClient(create_app(settings)) as local:
        assert local.get("/healthz", headers={"host": "192.168.1.20"}).status_code == 400


def test_cross_site_post_is_refused_and_saves_nothing(client: TestClient) -> None:
    response = client.post(
        "/sessions/new",
        data={"kind": "pump", "sides": "both", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:20"},
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert client.get("/api/v1/sessions").json() == []


def test_pages_forbid_anything_but_our_own_origin(client: TestClient) -> None:
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    # other sites learn nothing; our own forms still name their origin (not "null")
    assert headers["referrer-policy"] == "same-origin"


def test_socket_guard_catches_outbound_connections() -> None:
    """The guard used by the browser tests really refuses and records a connection."""
    guard = SocketGuard()
    with guard.installed():
        with pytest.raises(OSError, match="socket guard"):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            with socket.create_connection(server.getsockname(), timeout=1):
                pass
    assert guard.attempts == ["resolve 192.0.2.1"]


# ------------------------------------------------------------- exact origin

SERVED = "http://127.0.0.1:8765"
BABY = {"name": "Ada", "birth_date": "2026-10-01"}


@pytest.fixture
def local(settings: Settings) -> Iterator[FormClient]:
    """A browser-like client on the real loopback address and port letdown serves."""
    with FormClient(create_app(settings), base_url=SERVED) as test_client:
        yield test_client


HOSTILE = [
    pytest.param({"origin": "null"}, id="sandboxed page: Origin null"),
    pytest.param({"origin": "http://127.0.0.1:3000"}, id="another local server's port"),
    pytest.param({"origin": "https://127.0.0.1:8765"}, id="another scheme"),
    pytest.param({"origin": "http://localhost:8765"}, id="another host name"),
    pytest.param({"origin": "http://127.0.0.1"}, id="default port"),
    pytest.param({"referer": "http://127.0.0.1:3000/attack.html"}, id="Referer: another port"),
    pytest.param({"sec-fetch-site": "cross-site"}, id="no Origin, Sec-Fetch-Site cross-site"),
    pytest.param({"sec-fetch-site": "same-site"}, id="no Origin, Sec-Fetch-Site same-site"),
]


@pytest.mark.parametrize("headers", HOSTILE)
def test_a_change_from_any_other_origin_is_refused(local: FormClient,
                                                   headers: dict[str, str]) -> None:
    """Before: Origin null passed, and so did any page on 127.0.0.1 whatever its port."""
    api = local.post("/api/v1/babies", json=BABY, headers=headers)
    assert api.status_code == 403 and "Nothing was changed" in api.text
    deleted = local.delete("/api/v1/sessions/1", headers=headers)
    form = local.post("/babies", data=BABY, headers=headers)  # with a valid token
    assert (deleted.status_code, form.status_code) == (403, 403)
    assert local.get("/api/v1/babies").json() == []


@pytest.mark.parametrize("headers", [
    pytest.param({"origin": SERVED}, id="Origin: this app"),
    pytest.param({"origin": SERVED.upper().replace("HTTP:", "http:")}, id="Origin in capitals"),
    pytest.param({"referer": f"{SERVED}/babies"}, id="Referer: this app"),
    pytest.param({"sec-fetch-site": "same-origin"}, id="Sec-Fetch-Site same-origin"),
    pytest.param({}, id="no header: curl or a script on this machine"),
])
def test_a_change_from_this_app_is_accepted(local: FormClient, headers: dict[str, str]) -> None:
    assert local.post("/api/v1/babies", json=BABY, headers=headers).status_code == 201
    assert local.post("/babies", data={**BABY, "name": "Ben"}, headers=headers).status_code == 200
    assert [b["name"] for b in local.get("/api/v1/babies").json()] == ["Ada", "Ben"]


@given(origin=st.one_of(
    st.none(), st.just("null"), st.text(max_size=40),
    st.builds(lambda scheme, host, port: f"{scheme}://{host}{port}",
              st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
              st.sampled_from(["127.0.0.1", "localhost", "127.0.0.1.evil", "[::1]", ""]),
              st.sampled_from(["", ":8765", ":3000", ":80", ":99999", ":x"]))),
    fetch_site=st.one_of(st.none(), st.sampled_from(
        ["same-origin", "same-site", "cross-site", "none", "garbage"])))
@examples(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_only_the_exact_origin_may_change_anything(
        local: FormClient, origin: str | None, fetch_site: str | None) -> None:
    """Whatever the headers say, a change goes through only from exactly this origin
    (or from no page at all), and nothing fails with a 500."""
    headers = {k: v for k, v in (("origin", origin), ("sec-fetch-site", fetch_site))
               if v is not None and v.isprintable() and v.isascii()}
    # A name of its own each time: the journal refuses a second baby of the same name.
    name = f"Ada {len(local.get('/api/v1/babies').json()) + 1}"
    response = local.post("/api/v1/babies", json={**BABY, "name": name}, headers=headers)
    sent_origin = headers.get("origin")
    exact = sent_origin is not None and sent_origin.strip().lower() in (
        SERVED, "http://127.0.0.1:8765/")
    no_page = "origin" not in headers and headers.get("sec-fetch-site") in (None, "same-origin")
    assert response.status_code == (201 if exact or no_page else 403), (headers, response.text)


# ------------------------------------------------------------ the JSON API's body


@pytest.mark.parametrize("content_type", [
    "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x", None])
def test_the_api_takes_a_body_only_as_json(local: FormClient, content_type: str | None) -> None:
    """A form on another site can send these without asking first; JSON it cannot."""
    body = json.dumps(BABY).encode()
    headers = {"content-type": content_type} if content_type else {}
    for method, path in (("POST", "/api/v1/babies"), ("PUT", "/api/v1/profile"),
                         ("PATCH", "/api/v1/babies/1"), ("POST", "/api/v1/advise")):
        response = local.request(method, path, content=body, headers=headers)
        if content_type is None:  # httpx adds no type: the request still names none
            assert "content-type" not in response.request.headers
        assert response.status_code == 415, (method, path, response.text)
        assert "Content-Type: application/json" in response.text
    assert local.get("/api/v1/babies").json() == []
    assert local.post("/api/v1/babies", content=body,
                      headers={"content-type": "application/json"}).status_code == 201


# ------------------------------------------------------------ the forms' CSRF token


def test_every_form_that_changes_something_carries_a_token(local: FormClient) -> None:
    local.post("/api/v1/babies", json=BABY)
    local.post("/api/v1/babies", json={**BABY, "name": "Ben"})
    local.post("/api/v1/weights", json={"baby_id": 1, "date": "2026-11-01", "grams": 4100})
    local.post("/api/v1/diapers", json={"baby_id": 1, "date": "2026-11-01", "wet": 6, "dirty": 2})
    local.post("/api/v1/sessions", json={"kind": "pump", "sides": "both",
                                         "start": "2026-01-10T08:00:00Z",
                                         "end": "2026-01-10T08:20:00Z"})
    pages = ["/profile", "/advisor", "/sessions/new", "/session/guided", "/sessions/1/edit",
             "/sessions/1/delete", "/babies", "/babies/1/edit", "/babies/2/delete",
             "/babies/1/weights/1/edit", "/babies/1/weights/1/delete",
             "/babies/1/diapers/1/edit", "/babies/1/diapers/1/delete", "/media"]
    for path in pages:
        page = local.get(path).text
        posts = len(re.findall(r'<form\b[^>]*method="post"', page))
        assert posts >= 1 and len(form_tokens(page)) == posts, path
        first_field = re.search(r'<form\b[^>]*method="post"[^>]*>\s*<input([^>]*)>', page)
        assert first_field and 'name="csrftoken"' in first_field.group(1), path


def test_a_form_without_its_token_saves_nothing(settings: Settings) -> None:
    with TestClient(create_app(settings), base_url=SERVED) as browser:
        browser.get("/profile")  # the page sets the token's cookie
        missing = browser.post("/profile", data={"pseudonym": "Sam"})
        wrong = browser.post("/profile", data={"csrftoken": "forged", "pseudonym": "Sam"})
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert "send it again" in missing.text and "Nothing was saved" in missing.text
        with TestClient(create_app(settings), base_url=SERVED) as other:
            token = form_token(other, "/profile")  # another browser's token
        stolen = browser.post("/profile", data={"csrftoken": token, "pseudonym": "Sam"})
        assert stolen.status_code == 403
        no_cookie = TestClient(browser.app, base_url=SERVED).post(
            "/babies", data={**BABY, "csrftoken": token})
        assert no_cookie.status_code == 403
        assert browser.get("/api/v1/profile").status_code == 404
        assert browser.get("/api/v1/babies").json() == []


def test_an_upload_is_checked_before_its_file_is_read(local: FormClient,
                                                      settings: Settings) -> None:
    token = form_token(local, "/media")
    body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
            b"Content-Type: image/png\r\n\r\n" + PNG + b"\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"csrftoken\"\r\n\r\n"
            + token.encode() + b"\r\n--b--\r\n")
    late = local.post("/media", content=body,
                      headers={"content-type": "multipart/form-data; boundary=b"})
    assert late.status_code == 403
    wrong = local.post("/media", data={"csrftoken": "forged"},
                       files={"file": ("a.png", io.BytesIO(PNG))})
    assert wrong.status_code == 403
    assert not settings.media_dir.exists() or not any(settings.media_dir.iterdir())
    good = local.post("/media", files={"file": ("a.png", io.BytesIO(PNG))})
    assert good.status_code == 200 and len(list(settings.media_dir.iterdir())) == 1


@pytest.mark.parametrize(("content_type", "body", "status"), [
    ("application/x-www-form-urlencoded", b"pseudonym=\xff\xfe&csrftoken=x", 400),
    ("multipart/form-data", b"--b\r\n", 400),
    ("multipart/form-data;boundary=b", b"--b\r\n", 400),
    ("multipart/form-data; boundary=b", b"garbage\xff", 400),
    ("text/plain", b"pseudonym=Sam", 403),
])
def test_a_garbled_form_gets_a_reason_not_a_crash(local: FormClient, content_type: str,
                                                  body: bytes, status: int) -> None:
    local.get("/profile")  # with the token's cookie, as a browser would have
    response = local.post("/profile", content=body, headers={"content-type": content_type})
    assert response.status_code == status, response.text
    assert local.get("/api/v1/profile").status_code == 404


@given(cookie=st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80))
@examples(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_cookie_header_makes_a_crash(local: FormClient, cookie: str) -> None:
    """A Cookie header the CSRF check cannot read is refused with a reason, never a 500."""
    raw = cookie.encode("latin-1")
    for method, path in (("GET", "/"), ("POST", "/profile"), ("POST", "/api/v1/babies")):
        kwargs: dict[str, Any] = {"json": BABY} if path.startswith("/api/") else {
            "data": {"pseudonym": "Sam"}}
        response = local.request(method, path, headers={"cookie": raw},
                                 **kwargs)
        assert response.status_code < 500, (cookie, response.text)
