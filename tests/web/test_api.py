"""The JSON API: CRUD for every record type, reasons on 4xx, Allow on 405, offline docs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.web.helpers import minutes_ago


def a_session(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "kind": "pump", "sides": "both", "start": minutes_ago(40), "end": minutes_ago(20),
        "letdowns": [{"side": "left", "at_s": 80}], "volume_left_ml": 30,
    }
    body.update(changes)
    return body


def test_session_crud(client: TestClient) -> None:
    created = client.post("/api/v1/sessions", json=a_session())
    assert created.status_code == 201
    sid = created.json()["id"]
    assert created.headers["location"] == f"/api/v1/sessions/{sid}"
    assert client.get(f"/api/v1/sessions/{sid}").json()["letdowns"][0]["at_s"] == 80
    patched = client.patch(f"/api/v1/sessions/{sid}", json={"pain": 3})
    assert patched.status_code == 200 and patched.json()["pain"] == 3
    replaced = client.put(f"/api/v1/sessions/{sid}", json=a_session(volume_left_ml=55))
    assert replaced.json()["volume_left_ml"] == 55 and replaced.json()["pain"] is None
    assert client.get("/api/v1/sessions", params={"kind": "breastfeed"}).json() == []
    assert len(client.get("/api/v1/sessions", params={"kind": "pump"}).json()) == 1
    assert client.delete(f"/api/v1/sessions/{sid}").status_code == 204
    missing = client.get(f"/api/v1/sessions/{sid}")
    assert missing.status_code == 404 and str(sid) in missing.json()["detail"]


def test_bad_input_is_422_with_the_field_and_nothing_saved(client: TestClient) -> None:
    response = client.post("/api/v1/sessions", json=a_session(pain=14))
    assert response.status_code == 422
    assert "pain" in response.json()["detail"]
    unknown = client.post("/api/v1/sessions", json=a_session(colour="blue"))
    assert unknown.status_code == 422 and "colour" in unknown.json()["detail"]
    backwards = client.post("/api/v1/sessions",
                            json=a_session(start=minutes_ago(10), end=minutes_ago(30)))
    assert backwards.status_code == 422 and "end must be after start" in backwards.text
    naive = client.get("/api/v1/sessions", params={"since": "2026-01-01T00:00:00"})
    assert naive.status_code == 422 and "since" in naive.json()["detail"]
    assert client.get("/api/v1/sessions").json() == []
    sid = client.post("/api/v1/sessions", json=a_session()).json()["id"]
    bad_patch = client.patch(f"/api/v1/sessions/{sid}", json={"volume_left_ml": -1})
    assert bad_patch.status_code == 422 and "volume_left_ml" in bad_patch.json()["detail"]
    assert client.get(f"/api/v1/sessions/{sid}").json()["volume_left_ml"] == 30


def test_babies_weights_diapers_and_profile(client: TestClient) -> None:
    assert client.get("/api/v1/profile").status_code == 404
    assert client.put("/api/v1/profile", json={"pseudonym": "Sam"}).json()["pseudonym"] == "Sam"
    assert client.patch("/api/v1/profile", json={"first_baby": True}).json()["first_baby"]
    baby = client.post("/api/v1/babies", json={"name": "Ada", "birth_date": "2026-10-01"})
    assert baby.status_code == 201
    bid = baby.json()["id"]
    weight = client.post("/api/v1/weights",
                         json={"baby_id": bid, "date": "2026-11-01", "grams": 4200})
    assert weight.status_code == 201
    count = {"baby_id": bid, "date": "2026-11-01", "wet": 6, "dirty": 3}
    assert client.post("/api/v1/diapers", json=count).status_code == 201
    twice = client.post("/api/v1/diapers", json=count)
    assert twice.status_code == 409 and "already" in twice.json()["detail"]
    orphan = client.post("/api/v1/weights",
                         json={"baby_id": 999, "date": "2026-11-01", "grams": 4200})
    assert orphan.status_code == 409 and "999" in orphan.json()["detail"]
    assert client.get("/api/v1/weights", params={"baby_id": bid}).json()[0]["grams"] == 4200
    in_use = client.delete(f"/api/v1/babies/{bid}")
    assert in_use.status_code == 409


def test_405_lists_every_allowed_method(client: TestClient) -> None:
    response = client.put("/api/v1/sessions")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"
    item = client.post("/api/v1/sessions/1")
    assert item.headers["allow"] == "DELETE, GET, HEAD, PATCH, PUT"
    page = client.delete("/sessions/1/delete")
    assert page.status_code == 405 and page.headers["allow"] == "GET, HEAD, POST"


def test_docs_are_served_offline(client: TestClient) -> None:
    pytest.importorskip("swagger_ui_bundle", reason="pip install swagger-ui-bundle-v2")
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "http" not in docs.text.replace("http-equiv", "")  # nothing absolute, no CDN
    assert client.get("/api/v1/docs-assets/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/sessions", "/api/v1/babies", "/api/v1/weights", "/api/v1/diapers",
            "/api/v1/profile"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 404  # FastAPI's CDN-backed page is off


def test_advise_endpoint_escalates_red_flags(client: TestClient) -> None:
    calm = client.post("/api/v1/advise", json={"feeding_mode": "pumping", "stress_score": 8})
    assert calm.status_code == 200 and calm.json()["level"] == "self_care"
    assert calm.json()["plan"] and calm.json()["causes"][0]["citations"]
    urgent = client.post("/api/v1/advise", json={
        "feeding_mode": "breastfeeding",
        "parent": {"fever_c": 39.2, "breast_red_painful_area": True},
    })
    assert urgent.json()["level"] == "urgent"
    bad = client.post("/api/v1/advise", json={"feeding_mode": "sometimes"})
    assert bad.status_code == 422 and "feeding_mode" in bad.json()["detail"]


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    head = client.head("/api/v1/sessions")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(client.get("/api/v1/sessions").content))


def test_twins_fed_together_through_the_api(client: TestClient) -> None:
    ada, ben = (client.post("/api/v1/babies", json={"name": n, "birth_date": "2026-10-01"})
                .json()["id"] for n in ("Ada", "Ben"))
    tandem = {"kind": "breastfeed", "sides": "both", "baby_id": ada, "tandem_baby_id": ben}
    body = a_session(**tandem, volume_left_ml=None)
    created = client.post("/api/v1/sessions", json=body)
    assert created.status_code == 201, created.text
    sid = created.json()["id"]
    assert client.get(f"/api/v1/sessions/{sid}").json()["tandem_baby_id"] == ben
    same = client.patch(f"/api/v1/sessions/{sid}", json={"tandem_baby_id": ada})
    assert same.status_code == 422 and "tandem_baby_id" in same.json()["detail"]
    missing = client.patch(f"/api/v1/sessions/{sid}", json={"tandem_baby_id": 99})
    assert missing.status_code == 409 and "tandem_baby_id" in missing.json()["detail"]
    assert client.get(f"/api/v1/sessions/{sid}").json()["tandem_baby_id"] == ben
    assert client.delete(f"/api/v1/babies/{ben}").status_code == 409
    alone = client.post("/api/v1/sessions", json=a_session(kind="breastfeed", sides="left",
                                                          baby_id=ada, volume_left_ml=None,
                                                          letdowns=[])).json()["id"]
    # each twin's list holds the feed they shared; only Ada's holds her own
    for baby, expected in ((ben, [sid]), (ada, [alone, sid])):
        listed = client.get("/api/v1/sessions", params={"baby_id": baby}).json()
        assert [s["id"] for s in listed] == expected


def test_pages_say_which_twin_was_fed_and_history_filters_by_baby(client: TestClient) -> None:
    ada, ben = (client.post("/api/v1/babies", json={"name": n, "birth_date": "2026-10-01"})
                .json()["id"] for n in ("Ada", "Ben"))
    shared = a_session(kind="breastfeed", baby_id=ada, tandem_baby_id=ben, volume_left_ml=None)
    client.post("/api/v1/sessions", json=shared)
    client.post("/api/v1/sessions", json=a_session(baby_id=ada, start=minutes_ago(90),
                                                   end=minutes_ago(70)))
    for page in ("/", "/history"):
        html = client.get(page).text
        assert html.count("· Ada + Ben") == 1 and html.count("· Ada</span>") == 1, page
    only_ben = client.get("/history", params={"baby": ben}).text
    assert f'<option value="{ben}" selected>Ben</option>' in only_ben
    assert "1 session<" in only_ben and "· Ada + Ben" in only_ben
    assert client.get("/history", params={"baby": "x"}).status_code == 422


def test_a_letdown_after_the_end_is_told_in_minutes_and_seconds(client: TestClient) -> None:
    start = "2026-01-10T08:00:00Z"
    body = a_session(sides="left", side_mode=None, start=start, end="2026-01-10T08:00:00.511676Z",
                     letdowns=[{"side": "left", "at_s": 5}])
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code == 422
    assert ("left let-down at 0:05 is after the end of the session; allowed: a time from "
            "0:00 to 0:00 (the session's length)") in response.json()["detail"]
    assert "0.511676" not in response.json()["detail"]
    assert client.get("/api/v1/sessions").json() == []


def test_the_api_description_lists_the_short_path_like_the_cli_schema(
    client: TestClient,
) -> None:
    """A tool built on the API can ask the short path first without the CLI's schema."""
    from letdown.advisor.questionnaire import answers_schema

    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/advise"]["post"]
    short = operation["x-short-path"]
    assert short == answers_schema()["x-short-path"]
    assert len(short) <= 12 and short[0]["required"] is True
