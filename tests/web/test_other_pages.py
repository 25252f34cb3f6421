"""History with charts and filters, babies/weights/diapers, and the baby media."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from tests.web.helpers import field_error, is_invalid, minutes_ago

from letdown.config import Settings

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def log(client: TestClient, **changes: object) -> None:
    body: dict[str, object] = {
        "kind": "pump", "sides": "both", "start": minutes_ago(60), "end": minutes_ago(40),
        "letdowns": [{"side": "left", "at_s": 120}], "volume_left_ml": 30, "context": "home",
        "techniques": ["massage"],
    }
    body.update(changes)
    assert client.post("/api/v1/sessions", json=body).status_code == 201


def test_history_lists_filters_and_charts(client: TestClient) -> None:
    assert "No sessions match." in client.get("/history").text
    log(client)
    log(client, start=minutes_ago(300), end=minutes_ago(280), context="work",
        letdowns=[{"side": "right", "at_s": 400}], techniques=["warm_compress"])
    log(client, start=minutes_ago(500), end=minutes_ago(480), letdowns=[{"side": "left",
                                                                           "at_s": 95}])
    page = client.get("/history").text
    assert "3 sessions" in page
    assert page.count("<svg") >= 4 and 'role="img"' in page
    assert "Median time to let-down by technique used" in page
    assert not re.search(r'(href|src)="(https?:)?//', page)  # nothing from outside
    work = client.get("/history", params={"context": "work"}).text
    assert "1 session" in work and "6:40" in work and "2:00" not in work
    bad = client.get("/history", params={"context": "moon"})
    assert bad.status_code == 422 and "context" in bad.text


def test_babies_weights_and_diapers(client: TestClient) -> None:
    added = client.post("/babies", data={"name": "Ada", "birth_date": "2026-10-01",
                                          "sex": "female", "birth_weight_g": "3400"},
                        follow_redirects=False)
    assert added.status_code == 303
    baby_id = client.get("/api/v1/babies").json()[0]["id"]
    client.post(f"/babies/{baby_id}/weights", data={"date": "2026-11-01", "grams": "4100"})
    client.post(f"/babies/{baby_id}/diapers", data={"date": "2026-11-01", "wet": "6",
                                                    "dirty": "2"})
    page = client.get("/babies").text
    assert "Ada" in page and "4100" in page and "3400 g at birth" in page
    bad = client.post(f"/babies/{baby_id}/weights", data={"date": "2026-11-02", "grams": "90"})
    assert bad.status_code == 422 and "grams" in bad.text and 'value="90"' in bad.text
    twice = client.post(f"/babies/{baby_id}/diapers",
                        data={"date": "2026-11-01", "wet": "1", "dirty": "1"})
    assert twice.status_code == 422 and "already" in twice.text
    assert len(client.get("/api/v1/weights").json()) == 1


def test_media_upload_checks_type_and_serves_locally(
    client: TestClient, settings: Settings
) -> None:
    fake = client.post("/media", files={"file": ("baby.png", io.BytesIO(b"not a picture"))})
    assert fake.status_code == 422 and "does not contain a real .png" in fake.text
    script = client.post("/media", files={"file": ("x.html", io.BytesIO(b"<script>"))})
    assert script.status_code == 422 and "allowed:" in script.text
    assert not settings.media_dir.exists() or not any(settings.media_dir.iterdir())
    good = client.post("/media", files={"file": ("baby.png", io.BytesIO(PNG))},
                       data={"label": "Ada asleep"}, follow_redirects=False)
    assert good.status_code == 303
    stored = [p for p in settings.media_dir.iterdir() if p.suffix == ".png"]
    assert len(stored) == 1 and stored[0].read_bytes() == PNG
    served = client.get(f"/media/{stored[0].name}")
    assert served.content == PNG and served.headers["content-type"] == "image/png"
    assert client.get("/media/..%2Fletdown.sqlite3").status_code == 404
    session_page = client.get("/session/guided").text
    assert f'src="/media/{stored[0].name}"' in session_page and 'alt="Ada asleep"' in session_page
    assert "autoplay" not in session_page  # sound only ever starts from a tap
    client.post(f"/media/{stored[0].name}/delete")
    assert not stored[0].exists()


def test_a_page_address_with_a_word_for_a_number_is_not_found(client: TestClient) -> None:
    client.post("/babies", data={"name": "Ada", "birth_date": "2026-10-01"})
    for url in ("/babies/abc/edit", "/babies/1/weights/abc/edit", "/babies/abc/delete",
                "/sessions/abc", "/sessions/abc/edit", "/sessions/1.5/delete"):
        page = client.get(url)
        assert page.status_code == 404, url
        assert "Not found" in page.text and "is not a number" in page.text, url
        assert "Input should be" not in page.text
    sent = client.post("/babies/1/diapers/abc/edit", data={"date": "2026-10-02"})
    assert sent.status_code == 404 and "Not found" in sent.text
    assert client.post("/babies/abc/weights", data={"grams": "4000"}).status_code == 404
    # the JSON API keeps its 422 with the field named
    api = client.get("/api/v1/sessions/abc")
    assert api.status_code == 422 and "session_id" in api.json()["detail"]


def test_the_babies_add_forms_show_each_problem_next_to_its_field(client: TestClient) -> None:
    client.post("/babies", data={"name": "Ada", "birth_date": "2026-10-01"})
    client.post("/babies", data={"name": "Ben", "birth_date": "2026-10-01"})
    ada, ben = (b["id"] for b in client.get("/api/v1/babies").json())
    light = client.post(f"/babies/{ada}/weights", data={"date": "2026-11-01", "grams": "50"})
    assert light.status_code == 422 and "Not saved" in light.text
    assert "300 to 30000" in field_error(light.text, f"w-grams-{ada}")
    assert is_invalid(light.text, f"w-grams-{ada}", f"e-w-grams-{ada}")
    assert f'id="w-grams-{ada}" name="grams" value="50"' in light.text  # kept to fix
    assert 'value="2026-11-01"' in light.text
    assert not field_error(light.text, f"w-grams-{ben}")  # only the form that was sent
    assert not is_invalid(light.text, f"w-date-{ada}", f"e-w-date-{ada}")
    assert client.get("/api/v1/weights").json() == []
    wet = client.post(f"/babies/{ben}/diapers", data={"date": "2026-11-01", "wet": "41",
                                                      "dirty": "2"})
    assert wet.status_code == 422 and field_error(wet.text, f"d-wet-{ben}")
    assert is_invalid(wet.text, f"d-wet-{ben}", f"e-d-wet-{ben}")
    assert f'id="d-dirty-{ben}" name="dirty" value="2"' in wet.text
    client.post(f"/babies/{ben}/diapers", data={"date": "2026-11-01", "wet": "6", "dirty": "2"})
    twice = client.post(f"/babies/{ben}/diapers", data={"date": "2026-11-01", "wet": "1",
                                                        "dirty": "1"})
    assert twice.status_code == 422  # a second count that day: the date is the problem
    assert "already has a count" in field_error(twice.text, f"d-date-{ben}")
    baby = client.post("/babies", data={"name": "Cy", "birth_date": "2999-01-01",
                                        "birth_weight_g": "99"})
    assert baby.status_code == 422
    assert field_error(baby.text, "b-birth") and is_invalid(baby.text, "b-birth", "e-b-birth")
    assert "birth_weight_g" in field_error(baby.text, "b-weight")
    assert 'id="b-name" name="name" value="Cy"' in baby.text
    assert len(client.get("/api/v1/babies").json()) == 2


def test_a_refused_upload_shows_the_problem_at_the_file_field(
    client: TestClient, settings: Settings
) -> None:
    fake = client.post("/media", files={"file": ("baby.png", io.BytesIO(b"not a picture"))},
                       data={"label": "Ada asleep"})
    assert fake.status_code == 422 and "Not saved" in fake.text
    assert "does not contain a real .png" in field_error(fake.text, "file")
    assert is_invalid(fake.text, "m-file", "e-file") and "m-file-hint" in fake.text
    assert 'value="Ada asleep"' in fake.text  # the description is kept; choose the file again
    assert not settings.media_dir.exists() or not any(settings.media_dir.iterdir())
    assert not field_error(client.get("/media").text, "file")
