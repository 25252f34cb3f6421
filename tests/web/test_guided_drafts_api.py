"""The guided session's draft over JSON: kept, found, dropped; bad bodies refused, nothing kept."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.fuzzing import hostile_values
from tests.web.helpers import FormClient, make_settings, minutes_ago

from letdown.config import Settings
from letdown.web.app import create_app

START = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
URL = f"/api/v1/drafts/guided/{quote(START, safe='')}"


def a_draft(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "start": START, "end": "", "marks": [{"side": "left", "at": 95}],
        "techniques": ["slow_breathing"], "rate": 5,
        "fields": {"volume_left_ml": "40", "notes": "calm", "felt_cold": True},
    }
    body.update(changes)
    return body


def test_a_draft_is_kept_found_and_dropped(client: TestClient) -> None:
    assert client.get("/api/v1/drafts/guided/latest").json() is None
    kept = client.put(URL, json=a_draft())
    assert kept.status_code == 200 and kept.json()["state"]["marks"][0]["at"] == 95
    later = a_draft(marks=[{"side": "left", "at": 95}, {"side": "right", "at": 130.5}])
    client.put(URL, json=later)
    latest = client.get("/api/v1/drafts/guided/latest").json()
    assert latest["state"] == later and latest["key"] == START.replace("+00:00", "Z")
    assert client.get(URL).json()["state"]["fields"]["notes"] == "calm"
    assert client.delete(URL).status_code == 204
    assert client.get(URL).status_code == 404
    assert client.get("/api/v1/drafts/guided/latest").json() is None


def test_saving_the_session_drops_its_draft(client: TestClient) -> None:
    page = client.get("/session/guided")
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=20)).isoformat(timespec="seconds")
    url = f"/api/v1/drafts/guided/{quote(start, safe='')}"
    assert client.put(url, json=a_draft(start=start)).status_code == 200
    key = page.text.split('name="form_key" value="', 1)[1].split('"', 1)[0]
    saved = client.post("/session/guided", data={
        "start": start, "end": minutes_ago(5), "form_key": key, "kind": "pump", "sides": "both",
        "letdown_left": "1:35"}, follow_redirects=False)
    assert saved.status_code == 303
    assert client.get(url).status_code == 404


def test_refusals_say_why_and_keep_nothing(client: TestClient) -> None:
    cases = {
        "marks": a_draft(marks=[{"side": "middle", "at": 5}]),
        "at": a_draft(marks=[{"side": "left", "at": -1}]),
        "rate": a_draft(rate=40),
        "techniques": a_draft(techniques=["yoga"]),
        "colour": a_draft(colour="blue"),
        "start": a_draft(start="2020-01-01T00:00:00Z"),
        "end": a_draft(end="yesterday"),
    }
    for word, body in cases.items():
        refused = client.put(URL, json=body)
        assert refused.status_code == 422, word
        assert word in refused.json()["detail"], (word, refused.json())
    bad_key = client.put("/api/v1/drafts/guided/yesterday", json=a_draft())
    assert bad_key.status_code == 422 and "not a session start" in bad_key.json()["detail"]
    huge = a_draft(fields={f"field_{i}": "x" * 5000 for i in range(20)})
    too_big = client.put(URL, json=huge)
    assert too_big.status_code == 413 and "64 kB" in too_big.json()["detail"]
    assert client.get(URL).status_code == 404


def test_other_sites_and_form_posts_cannot_write_a_draft(client: TestClient) -> None:
    other = client.put(URL, json=a_draft(), headers={"Origin": "https://evil.example"})
    assert other.status_code == 403
    as_form = client.put(URL, content=json.dumps(a_draft()),
                         headers={"Content-Type": "text/plain"})
    assert as_form.status_code == 415
    assert client.get(URL).status_code == 404
    assert client.put(URL, json=a_draft()).status_code == 200
    gone = client.delete(URL, headers={"Origin": "http://127.0.0.1:3000"})
    assert gone.status_code == 403 and client.get(URL).status_code == 200


def test_a_draft_written_by_another_tool_is_ignored_not_a_crash(
    client: TestClient, settings: Settings
) -> None:
    from letdown.journal.drafts import GuidedDrafts
    from letdown.journal.service import Journal

    with Journal.open(settings) as store:
        GuidedDrafts(store).save(START, {"marks": "lots", "start": 5})
    assert client.get("/api/v1/drafts/guided/latest").json() is None
    assert client.get(URL).status_code == 404


def test_media_list_shows_what_was_added(client: TestClient) -> None:
    assert client.get("/api/v1/media").json() == []


# ----------------------------------------------------------------- property tests


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings_ = make_settings(tmp_path_factory.mktemp("drafts") / "data")
    with FormClient(create_app(settings_, allowed_hosts=["testserver"])) as test_client:
        yield test_client


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20),
                         st.floats(allow_nan=False, allow_infinity=False), hostile_values())
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
marks = st.lists(st.fixed_dictionaries({
    "side": st.sampled_from(["left", "right"]),
    "at": st.floats(min_value=0, max_value=86_400, allow_nan=False)}), max_size=30)
valid_bodies = st.fixed_dictionaries({
    "start": st.just(START), "marks": marks,
    "techniques": st.lists(st.sampled_from(["massage", "music", "slow_breathing"]), max_size=3),
    "rate": st.integers(3, 12) | st.none(),
    "fields": st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True),
                              st.text(max_size=200) | st.booleans(), max_size=10),
})
hostile_bodies = st.one_of(
    json_values,
    st.dictionaries(st.sampled_from(["start", "end", "marks", "techniques", "rate", "fields",
                                     "other"]), json_values, max_size=6),
    valid_bodies.flatmap(lambda body: st.sampled_from(list(body)).flatmap(
        lambda name: json_values.map(lambda value: {**body, name: value}))),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=valid_bodies)
def test_any_valid_draft_is_kept_exactly(shared: TestClient, body: dict[str, Any]) -> None:
    response = shared.put(URL, json=body)
    assert response.status_code == 200, response.text
    back = shared.get(URL).json()["state"]
    assert back["marks"] == body["marks"] and back["fields"] == body["fields"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=hostile_bodies, key=st.one_of(st.just(START), hostile_values()))
def test_hostile_drafts_never_crash_and_keep_nothing(
    shared: TestClient, body: Any, key: str
) -> None:
    shared.delete(URL)
    url = f"/api/v1/drafts/guided/{quote(key, safe='')}" if key else URL
    response = shared.put(url, json=body)
    assert response.status_code < 500, response.text
    if response.status_code != 200:
        assert response.status_code in (404, 405, 413, 422), response.text
        assert response.json()["detail"]
        assert shared.get(URL).status_code == 404
