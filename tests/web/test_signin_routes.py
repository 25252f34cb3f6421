"""Server mode: no route of the app gives anything to someone not signed in; API tokens
are checked on every request with their scope; ``next=`` never leads off the site."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from starlette.routing import Mount, Route
from tests.web import signing
from tests.web.fuzzing import walk_routes
from tests.web.signing import Practice

from letdown.web.client_limit import ClientLimit
from letdown.web.signin import safe_next

practice = signing.practice  # a fixture

#: Reached without signing in, by design.
PUBLIC = {"/signin", "/signout", "/healthz"}
ORIGIN = "http://testserver"


def _concrete(path: str) -> str:
    """A route path with every parameter filled in (``{id}`` -> 1, ``{p:path}`` -> a/b)."""
    path = re.sub(r"\{[^}:]+:path\}", "a/b", path)
    return re.sub(r"\{[^}]+\}", "1", path)


def _every_route(practice: Practice) -> list[tuple[str, str]]:
    """(method, path) for every route of the app, included routers too."""
    found = []
    for route in practice.app.routes:
        if isinstance(route, Mount):
            found.append(("GET", route.path + "/app.css"))
        elif isinstance(route, Route) and not isinstance(route, APIRoute):
            found += [(method, route.path) for method in sorted(route.methods or {"GET"})]
    for path, api_route in walk_routes(practice.app.routes):
        found += [(method, _concrete(path)) for method in sorted(api_route.methods)]
    return found


def test_anonymous_requests_to_every_route_get_nothing(practice: Practice) -> None:
    routes = _every_route(practice)
    assert len(routes) > 60  # the whole app, pages and API, is enumerated
    seen_public = set()
    with practice.client() as client:
        for method, path in routes:
            body = {"json": {}} if path.startswith("/api/") and method != "GET" else {}
            answer = client.request(method, path, **body)
            if path in PUBLIC:
                seen_public.add(path)
                assert answer.status_code in (200, 403), (method, path)  # 403: no CSRF token
                continue
            if path.startswith("/static/"):
                assert answer.status_code == 200 and "text/css" in answer.headers["content-type"]
                continue
            if path.startswith("/api/"):
                assert answer.status_code == 401, (method, path, answer.status_code)
                if method != "HEAD":
                    assert set(answer.json()) == {"detail"}
                    assert "sign in" in answer.json()["detail"]
            else:
                assert answer.status_code == 303, (method, path, answer.status_code)
                assert urlsplit(answer.headers["location"]).path == "/signin"
                assert answer.text == ""
    assert seen_public == PUBLIC


def test_head_requests_are_guarded_too(practice: Practice) -> None:
    with practice.client() as client:
        assert client.head("/history").status_code == 303
        assert client.head("/api/v1/sessions").status_code == 401


def _token(practice: Practice, scope: str, days: int = 30) -> str:
    parent = practice.accounts.find_account("parent@example.org")
    assert parent is not None
    return practice.accounts.issue_token(parent.id, scope, days).secret


BABY = {"name": "Ada", "birth_date": "2026-06-01"}


def test_api_tokens_by_scope_expiry_and_revocation(practice: Practice) -> None:
    write, read = _token(practice, "write"), _token(practice, "read", days=1)
    with practice.client() as client:
        def call(method: str, token: str | None, **kwargs: object) -> tuple[int, str]:
            headers = {"authorization": f"Bearer {token}"} if token else {}
            answer = client.request(method, "/api/v1/babies", headers=headers, **kwargs)
            detail = answer.json().get("detail", "") if answer.status_code >= 400 else ""
            return answer.status_code, str(detail)

        assert call("POST", None, json=BABY)[0] == 401
        assert call("POST", "ldt_made-up-token", json=BABY)[0] == 401
        assert call("POST", write, json=BABY)[0] == 201
        assert call("GET", read)[0] == 200
        status, detail = call("POST", read, json=BABY)
        assert status == 403 and "may only read" in detail
        assert call("DELETE", read)[0] in (403, 405)
        basic = client.get("/api/v1/babies", headers={"authorization": "Basic cDpw"})
        assert basic.status_code == 401 and "Bearer" in basic.json()["detail"]
        assert basic.headers["www-authenticate"].startswith("Bearer")
        practice.clock.advance(days=1, seconds=1)  # the read token has expired
        status, detail = call("GET", read)
        assert status == 401 and "expired" in detail
        parent = practice.accounts.find_account("parent@example.org")
        assert parent is not None
        for info in practice.accounts.list_tokens(parent.id):
            practice.accounts.revoke_token(parent.id, info.id)
        assert call("GET", write)[0] == 401  # revoked: refused at once
        assert client.get("/history", headers={"authorization": f"Bearer {write}"}
                          ).status_code == 303  # tokens are for the API, not pages


NASTY_NEXT = [
    "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "/\n/evil.example", " //evil.example", "https://evil.example/",
    "http:evil.example", "javascript:alert(1)", "/%2F%2Fevil.example", "/signin",
    "/signout", "evil.example", "", "/\x00/evil", "/é/\u3000/evil", "/..//evil.example",
]


def _same_origin_path(location: str) -> bool:
    resolved = urlsplit(urljoin(ORIGIN + "/signin", location))
    return (f"{resolved.scheme}://{resolved.netloc}" == ORIGIN
            and location.startswith("/") and not location.startswith("//")
            and "\\" not in location)


@pytest.mark.parametrize("next_path", NASTY_NEXT)
def test_next_never_leaves_the_site(practice: Practice, next_path: str) -> None:
    with practice.client() as client:
        done = practice.sign_in(client, next_path=next_path)
        assert done.status_code == 303
        assert _same_origin_path(done.headers["location"]), done.headers["location"]


@given(st.one_of(st.text(max_size=60), st.from_regex(r"\A[/\\]{1,3}[a-z.:@%/\\\t]{0,20}\Z"),
                 st.builds(lambda a, b: f"{a}//{b}", st.sampled_from(["", "/", "http:"]),
                           st.text(max_size=20))))
@examples(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_safe_next_is_always_a_path_on_this_site(value: str) -> None:
    chosen = safe_next(value)
    assert _same_origin_path(chosen)
    assert chosen == value or chosen == "/"


@given(st.text(max_size=40))
@examples(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_generated_next_values_redirect_on_this_site(practice: Practice, value: str) -> None:
    with practice.client() as client:
        page = client.get("/signin", params={"next": value})
        assert page.status_code == 200
        shown = re.search(r'name="next" value="([^"]*)"', page.text)
        assert shown is not None
        done = practice.sign_in(client, next_path=value)
        assert done.status_code == 303
        assert _same_origin_path(done.headers["location"])


def test_api_refusals_are_json_with_a_reason(practice: Practice) -> None:
    with practice.client() as client:
        answer = client.post("/api/v1/babies", json=BABY)
        assert answer.status_code == 401
        assert json.loads(answer.text)["detail"].startswith("sign in first")


@pytest.mark.parametrize("email", ["consultant@example.org", "admin@example.org"])
def test_a_consultant_or_admin_reaches_no_journal_route(practice: Practice, email: str) -> None:
    """Without a family opened, a consultant (and an administrator, always) reaches no
    journal route."""
    with practice.client() as client:
        practice.sign_in(client, email=email)
        for method, path in _every_route(practice):
            if path in PUBLIC or path.startswith("/static/") or path == "/":
                continue
            if email.startswith("consultant") and path.startswith("/families"):
                continue  # their own family list: tests/web/test_families_matrix.py
            body = {"json": {}} if path.startswith("/api/") and method != "GET" else {}
            answer = client.request(method, path, **body)
            if (method, path) == ("GET", "/invitations/accept") and email.startswith("consult"):
                assert answer.status_code == 200  # a consultant's own page (test_sharing)
                continue
            assert answer.status_code == 403, (method, path, answer.status_code)
        assert client.get("/").status_code == 200


@given(email=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
       password=st.text(st.characters(blacklist_categories=("Cs",)), max_size=1500))
@examples(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_generated_sign_in_forms_get_an_answer_never_a_500(practice: Practice, email: str,
                                                         password: str) -> None:
    practice.clock.advance(minutes=31)  # no lockout carried over between examples
    practice.app.state.auth.limit = ClientLimit()
    with practice.client() as client:
        answer = practice.sign_in(client, email=email, password=password)
        assert answer.status_code in (401, 429), answer.text
        assert "Not signed in" in answer.text
