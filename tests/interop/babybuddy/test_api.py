"""Reading Baby Buddy's REST API: paging, the auth header, and every way it can fail."""

from __future__ import annotations

import json
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from tests.interop.babybuddy.fake import DATA, SAVED_HOST, TOKEN, FakeBabyBuddy

from letdown.interop.babybuddy.api import fetch, origin_of
from letdown.interop.babybuddy.source import BabyBuddyProblem


def problem(url: str, token: str = TOKEN) -> str:
    with pytest.raises(BabyBuddyProblem) as caught:
        fetch(url, token, timeout=5)
    text = "\n".join(caught.value.problems)
    assert token not in text or not token.strip()
    return text


def test_reads_everything_from_the_real_responses(baby_buddy: FakeBabyBuddy) -> None:
    export = fetch(baby_buddy.url, TOKEN)
    assert (len(export.children), len(export.feedings), len(export.pumping),
            len(export.weights), len(export.changes)) == (1, 30, 30, 10, 20)
    assert export.children[0].name == "Robin Sample"
    assert export.origin == baby_buddy.url
    # every request carried the key, in Baby Buddy's header
    assert {auth for _, auth in baby_buddy.requests} == {f"Token {TOKEN}"}


def test_fake_pages_are_the_real_ones(baby_buddy: FakeBabyBuddy, httpserver: HTTPServer) -> None:
    """The fake's ?limit=10 page is byte for byte what Baby Buddy served (host aside)."""
    import urllib.request

    request = urllib.request.Request(f"{baby_buddy.url}/api/feedings/?limit=10",
                                     headers={"Authorization": f"Token {TOKEN}"})
    with urllib.request.urlopen(request) as answer:
        served = answer.read()
    saved = (DATA / "feedings_limit10.json").read_bytes()
    assert served == saved.replace(SAVED_HOST.encode(), baby_buddy.url.encode())


def test_follows_next_through_every_page(baby_buddy: FakeBabyBuddy) -> None:
    baby_buddy.page_size = 10
    export = fetch(baby_buddy.url + "/api/", TOKEN)
    assert len(export.feedings) == 30 and len(export.pumping) == 30
    asked = [path for path, _ in baby_buddy.requests if path.startswith("/api/feedings/")]
    assert asked == ["/api/feedings/?", "/api/feedings/?limit=10&offset=10",
                     "/api/feedings/?limit=10&offset=20"]


def test_next_link_to_another_host_is_asked_of_the_parents_server(
        baby_buddy: FakeBabyBuddy) -> None:
    """Behind a proxy, Baby Buddy may name another host: the key never goes there."""
    baby_buddy.page_size = 10
    baby_buddy.link_host = "http://elsewhere.invalid:9"
    export = fetch(baby_buddy.url, TOKEN)
    assert len(export.feedings) == 30


def test_bad_token_gets_baby_buddys_401_in_plain_words(baby_buddy: FakeBabyBuddy) -> None:
    text = problem(baby_buddy.url, "0" * 40)
    assert 'refused the API key (it said: "Invalid token.")' in text
    assert "LETDOWN_BABYBUDDY_TOKEN" in text


def test_empty_token_is_refused_before_asking() -> None:
    assert "no API key" in problem("http://127.0.0.1:1", " ")


@pytest.mark.parametrize(("status", "body", "kind", "expected"), [
    (403, b'{"detail":"You do not have permission to perform this action."}',
     "application/json", "does not let this account read the pumping list"),
    (404, b'{"detail":"Not found."}', "application/json", "no Baby Buddy API at"),
    (500, b"<h1>Server Error (500)</h1>", "text/html", "HTTP 500"),
    (200, b'{"count":30,"next":null,"previous":null,"results":[{"id":30,"chi',
     "application/json", "bytes, cut short)"),
    (200, b"<html>login</html>", "text/html", "did not answer with JSON (text/html"),
    (200, b'{"items": []}', "application/json", "not with a Baby Buddy list"),
])
def test_a_failing_page_midway_is_one_clear_line(
        baby_buddy: FakeBabyBuddy, status: int, body: bytes, kind: str, expected: str) -> None:
    baby_buddy.page_size = 10
    baby_buddy.faults[("pumping", 2)] = (status, body, kind)
    assert expected in problem(baby_buddy.url)


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    text = problem(f"http://127.0.0.1:{port}")
    assert "could not reach Baby Buddy" in text and "connection refused" in text


def test_a_json_server_that_is_not_baby_buddy(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/").respond_with_json({"hello": "world"})
    assert "not as Baby Buddy does" in problem(httpserver.url_for("/"))


def test_a_list_that_changes_while_read_is_refused(baby_buddy: FakeBabyBuddy) -> None:
    baby_buddy.page_size = 10
    page = json.loads((DATA / "feedings_limit10.json").read_bytes())
    page["next"] = None  # only 10 of the 30 it counts
    baby_buddy.faults[("feedings", 1)] = (200, json.dumps(page).encode(), "application/json")
    assert "changed while it was read (30 at first, 10 read)" in problem(baby_buddy.url)


def test_a_record_that_is_not_baby_buddys_names_where(baby_buddy: FakeBabyBuddy) -> None:
    baby_buddy.records["weight"][3]["date"] = "last tuesday"
    del baby_buddy.records["feedings"][0]["end"]
    text = problem(baby_buddy.url)
    assert "/api/weight/, record 4 (id 7): date: 'last tuesday' is not a date" in text
    assert "/api/feedings/, record 1 (id 30): end: missing" in text


@pytest.mark.parametrize(("given", "origin"), [
    ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ("HTTP://LocalHost:8123/api/", "http://localhost:8123"),
    ("https://baby.example.org/bb/api", "https://baby.example.org/bb"),
    ("baby.example.org", None), ("ftp://x", None), ("https://a:b@x.org", None),
    ("http://x.org:99999", None),
])
def test_origin(given: str, origin: str | None) -> None:
    if origin is None:
        with pytest.raises(BabyBuddyProblem):
            origin_of(given)
    else:
        assert origin_of(given) == origin


@pytest.mark.parametrize("url", ["http://exa mple.org", "http://" + "a" * 70 + ".org",
                                 "http://[::1", "http://\u2603.invalid:1", "http://a..b"])
def test_addresses_no_request_can_go_to_are_one_line(url: str) -> None:
    try:
        fetch(url, TOKEN, timeout=2)
    except BabyBuddyProblem as error:
        assert len(error.problems) == 1 and TOKEN not in error.problems[0]
    else:
        raise AssertionError("fetched from an impossible address")


@pytest.mark.parametrize("token", ["abc def", "caf\u00e9", "a\x00b"])
def test_tokens_no_header_can_carry_are_refused(token: str) -> None:
    assert "copy it again" in problem("http://127.0.0.1:1", token)


@given(st.one_of(st.text(max_size=40), st.text(max_size=30).map(lambda t: "http://" + t)))
def test_any_address_is_understood_or_refused_in_one_line(text: str) -> None:
    try:
        origin = origin_of(text)
    except BabyBuddyProblem as error:
        assert len(error.problems) == 1
    else:
        assert origin.startswith(("http://", "https://"))


def test_a_server_that_never_answers_times_out_in_plain_words() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)  # connections are queued but never answered
        port = sock.getsockname()[1]
        with pytest.raises(BabyBuddyProblem) as caught:
            fetch(f"http://127.0.0.1:{port}", TOKEN, timeout=0.5)
    assert caught.value.problems == [
        f"Baby Buddy did not answer within 0.5 s (http://127.0.0.1:{port}/api/); "
        "try again later"]


def test_an_id_that_is_a_list_is_a_plain_problem(baby_buddy: FakeBabyBuddy) -> None:
    """Regression: a list as an id once crashed the page check (unhashable type)."""
    baby_buddy.records["changes"][0]["id"] = []
    assert "/api/changes/, record 1: id: [] is not a whole number" in problem(baby_buddy.url)
