"""Request bodies: refused by length before reading, counted when chunked, uploads streamed.

The real server's memory under 200 MB bodies is watched in ``test_limits_server``.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from starlette.types import Message
from tests.web.fuzzing import TRACEBACK, seeded_client, snapshot, walk_routes
from tests.web.helpers import make_settings, multipart_head, token_part

from letdown.config import Settings
from letdown.web import limits, media
from letdown.web.app import create_app

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JSON = {"content-type": "application/json"}


def _stored(settings: Settings) -> list[str]:
    """Every file in the media folder, hidden temporary ones included."""
    folder = settings.media_dir
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _chunks(data: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    """The body as a generator: the client then sends it chunked, without a length."""
    for start in range(0, len(data), size):
        yield data[start:start + size]


# ------------------------------------------------------------- by Content-Length


@pytest.mark.parametrize(("path", "declared"), [
    ("/api/v1/babies", 2 * MB), ("/babies", 2 * MB), ("/profile", 2 * MB),
    ("/media", 200 * MB),
])
def test_a_body_declared_too_large_is_refused_before_a_byte_is_read(
    settings: Settings, path: str, declared: int
) -> None:
    import asyncio

    app = create_app(settings, allowed_hosts=["testserver"])
    read: list[int] = []
    sent: list[Message] = []

    async def receive() -> Message:
        read.append(1)
        return {"type": "http.request", "body": b"x" * 1024, "more_body": len(read) < 3}

    async def send(message: Message) -> None:
        sent.append(message)

    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 5000), "server": ("testserver", 80),
        "headers": [(b"host", b"testserver"), (b"content-length", str(declared).encode()),
                    (b"content-type", b"application/json")],
    }
    # In a thread of its own: the browser tests' Playwright keeps an event loop running on
    # this one for the whole session, and asyncio.run refuses to nest.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    assert read == []  # not one chunk of the body was read
    assert sent[0]["status"] == 413
    reason = sent[1]["body"].decode()
    assert "Too much data" in reason and "allowed: up to" in reason
    if path.startswith("/api/"):
        assert json.loads(reason)["detail"].startswith("Too much data")
    else:  # a page a parent can read, with the way back to the form
        headers = dict(sent[0]["headers"])
        assert headers[b"content-type"].startswith(b"text/html")
        assert "<h1>That was too large to save</h1>" in reason
        assert f'href="{path}"' in reason and "Nothing was saved" in reason


def test_the_refused_page_never_links_to_another_site() -> None:
    for path in ("//evil.example/x", "https://evil.example", "x", ""):
        assert b'href="/"' in limits.refused_page("Too much data", path)
    assert b"&lt;script&gt;" in limits.refused_page("<script>", "/media")


def test_the_json_api_refuses_a_large_body_with_a_reason(client: TestClient) -> None:
    big = json.dumps({"name": "A" * (2 * MB), "birth_date": "2024-01-01"}).encode()
    response = client.post("/api/v1/babies", content=big, headers=JSON)
    assert response.status_code == 413
    assert "allowed: up to 1 MB" in response.json()["detail"]
    assert client.get("/api/v1/babies").json() == []


# -------------------------------------------------------------- chunked, counted


def test_a_chunked_json_body_is_stopped_once_over_the_limit(client: TestClient) -> None:
    big = json.dumps({"name": "A" * (2 * MB), "birth_date": "2024-01-01"}).encode()
    response = client.post("/api/v1/babies", content=_chunks(big), headers=JSON)
    assert response.status_code == 413
    assert "allowed: up to 1 MB" in response.json()["detail"]
    assert client.get("/api/v1/babies").json() == []


def test_a_chunked_form_body_is_stopped_with_a_page_that_says_why(client: TestClient) -> None:
    body = b"name=" + b"A" * (2 * MB) + b"&birth_date=2024-01-01"
    response = client.post("/babies", content=_chunks(body),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert "Too much data" in response.text and "Traceback" not in response.text
    assert "A" * 100 not in client.get("/babies").text


def test_a_small_chunked_body_is_still_accepted(client: TestClient) -> None:
    body = json.dumps({"name": "Ada", "birth_date": "2024-01-01"}).encode()
    response = client.post("/api/v1/babies", content=_chunks(body, 7), headers=JSON)
    assert response.status_code == 201


# ---------------------------------------------------------------- media uploads


def test_an_upload_over_its_kind_limit_is_refused_and_leaves_nothing(
    client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(media.MAX_BYTES, "image", 4096)
    photo = PNG + b"\x00" * 8192
    response = client.post("/media", files={"file": ("baby.png", io.BytesIO(photo))},
                           data={"label": "Ada"})
    assert response.status_code == 413
    assert "images up to 0 MB" in response.text or "too big" in response.text
    assert 'value="Ada"' in response.text  # the description typed is kept
    assert _stored(settings) == []


def test_a_refused_type_is_stopped_at_its_name_and_leaves_nothing(
    client: TestClient, settings: Settings
) -> None:
    response = client.post("/media", files={"file": ("x.exe", io.BytesIO(b"MZ" * 5000))})
    assert response.status_code == 422 and "not a type we keep" in response.text
    fake = client.post("/media", files={"file": ("baby.png", io.BytesIO(b"GIF89a" * 10))})
    assert fake.status_code == 422 and "does not contain a real .png" in fake.text
    assert _stored(settings) == []


def test_two_files_or_no_file_are_refused_with_a_reason(
    client: TestClient, settings: Settings
) -> None:
    two = client.post("/media", files=[("file", ("a.png", io.BytesIO(PNG))),
                                       ("file", ("b.png", io.BytesIO(PNG)))])
    assert two.status_code == 422 and "one file at a time" in two.text
    none = client.post("/media", data={"label": "Ada"})
    assert none.status_code == 422 and "choose a photo" in none.text
    garbled = client.post("/media", content=b"--xyz\r\nnonsense",
                          headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert garbled.status_code in (400, 403, 422) and "Traceback" not in garbled.text
    cut_short = client.post("/media", content=token_part(client, "xyz")
                            + multipart_head("xyz", "a.png") + PNG,
                            headers={"content-type": "multipart/form-data; boundary=xyz"})
    assert cut_short.status_code == 400 and "cut short" in cut_short.text
    assert _stored(settings) == []


def test_a_chunked_upload_is_streamed_and_kept(client: TestClient, settings: Settings) -> None:
    boundary = "b0undary"
    photo = PNG + os.urandom(300_000)
    body = token_part(client, boundary) + (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nAda\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"ada.png\"\r\nContent-Type: image/png\r\n\r\n").encode() + photo + (
            f"\r\n--{boundary}--\r\n").encode()
    response = client.post("/media", content=_chunks(body, 4096), follow_redirects=False,
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 303
    stored = [name for name in _stored(settings) if not name.endswith(".label")]
    assert len(stored) == 1 and not stored[0].startswith(".")
    assert (settings.media_dir / stored[0]).read_bytes() == photo
    assert (settings.media_dir / f"{stored[0]}.label").read_text() == "Ada"


# ------------------------------------------------- hostile JSON bodies to the API


def _api_writes() -> list[tuple[str, str]]:
    """(method, path) of every API route that reads a body, ids filled with 1."""

    from letdown.web.app import create_app as build

    app = build(make_settings(Path("/nonexistent/letdown-bodies")))
    found = set()
    for path, route in walk_routes(app.routes):
        for method in route.methods & {"POST", "PUT", "PATCH"}:
            if path.startswith("/api/"):
                found.add((method, re.sub(r"\{[a-z_]+\}", "1", path)))
    return sorted(found)


def _hostile_json() -> st.SearchStrategy[str]:
    huge = st.sampled_from(["9" * 5000, "-" + "9" * 5000, "1e99999", "99999999999999999999"])
    deep = st.integers(min_value=1000, max_value=200_000).map(
        lambda n: "[" * n + "]" * n)
    deep_object = st.integers(min_value=1000, max_value=100_000).map(
        lambda n: '{"a":' * n + "1" + "}" * n)
    fields = st.sampled_from(["name", "birth_date", "baby_id", "grams", "wet", "start",
                              "letdowns", "pseudonym", "kind", "id", "volume_left_ml"])
    with_huge = st.builds(lambda k, v: "{" + json.dumps(k) + ": " + v + "}", fields, huge)
    return st.one_of(
        deep, deep_object, with_huge, huge,
        st.binary(max_size=64).map(lambda b: b.decode("latin-1")),
        st.sampled_from(["", "null", "[]", '"x"', "{", '{"name": "\\ud800"}',
                         '{"name": "' + "A" * 200_000 + '"}']),
    )


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path"), _api_writes())
def test_hostile_json_bodies_get_a_4xx_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, method: str, path: str
) -> None:
    with seeded_client(tmp_path_factory.mktemp("bodies") / "data") as client:
        before = snapshot(client)

        @hypothesis_settings(max_examples=8, deadline=None,
                             suppress_health_check=list(HealthCheck))
        @given(body=_hostile_json())
        def run(body: str) -> None:
            response = client.request(method, path, content=body.encode("utf-8", "replace"),
                                      headers=JSON)
            assert 400 <= response.status_code < 500, (body[:80], response.text[:200])
            detail = response.json()["detail"]
            assert detail and TRACEBACK not in response.text
            assert "error parsing the body" not in str(detail)  # says what was wrong
            assert snapshot(client) == before

        run()


def test_a_partial_upload_left_by_a_killed_server_is_removed_by_the_next_upload(
    client: TestClient, settings: Settings
) -> None:
    settings.media_dir.mkdir(parents=True)
    old = settings.media_dir / ".0123456789abcdef.mp4.part"
    old.write_bytes(b"\x00" * 1000)
    os.utime(old, (time.time() - 7 * 3600, time.time() - 7 * 3600))
    recent = settings.media_dir / ".fedcba9876543210.mp4.part"  # another upload, running
    recent.write_bytes(b"\x00" * 1000)
    client.post("/media", files={"file": ("ada.png", io.BytesIO(PNG))})
    assert not old.exists() and recent.exists()
