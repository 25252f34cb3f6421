"""Adding a photo from inside a running session: back to the session, never to another site."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.web.pages.media import safe_return

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
SESSION = "/session/guided?resume=2026-11-29T23%3A30%3A00%2B00%3A00"
HOSTILE = ["//evil.com", "https://evil.com", "/\\evil.com", "\\\\evil.com", "/\\/evil.com",
           "http:/evil.com", "javascript:alert(1)", "evil.com", "/ /evil.com", "/\t/evil.com",
           "//evil.com/session/guided", "/%0a/evil.com\n", "/\x00", "", "/" + "a" * 400,
           "///evil.com", "https:evil.com", "/session\\..\\evil"]


def test_after_an_upload_the_parent_goes_back_to_the_running_session(
    client: TestClient,
) -> None:
    page = client.get("/media", params={"return": SESSION})
    assert f'href="{SESSION.replace("&", "&amp;")}"' in page.text
    assert 'name="return"' in page.text
    done = client.post("/media", files={"file": ("baby.png", io.BytesIO(PNG))},
                       data={"return": SESSION, "label": "Ada"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == SESSION
    listed = client.get("/api/v1/media").json()
    assert [(i["kind"], i["label"]) for i in listed] == [("image", "Ada")]
    assert listed[0]["url"].startswith("/media/")


def test_a_refused_upload_keeps_the_way_back(client: TestClient) -> None:
    refused = client.post("/media", files={"file": ("baby.png", io.BytesIO(b"no"))},
                          data={"return": SESSION})
    assert refused.status_code == 422 and f'value="{SESSION}"' in refused.text


@pytest.mark.parametrize("address", HOSTILE)
def test_no_return_address_leads_to_another_site(client: TestClient, address: str) -> None:
    assert safe_return(address) is None
    page = client.get("/media", params={"return": address})
    assert page.status_code == 200 and "Back to your session" not in page.text
    done = client.post("/media", files={"file": ("baby.png", io.BytesIO(PNG))},
                       data={"return": address}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/media?saved=1"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.sampled_from(HOSTILE).flatmap(
    lambda bad: st.text(max_size=8).map(lambda extra: bad + extra)))
def test_any_accepted_return_address_stays_on_this_site(address: str) -> None:
    from urllib.parse import urljoin, urlsplit

    kept = safe_return(address)
    if kept is not None:
        target = urlsplit(urljoin("http://127.0.0.1:8000/media", kept))
        assert (target.scheme, target.netloc) == ("http", "127.0.0.1:8000")
        assert "\\" not in kept and not kept.startswith("//")
