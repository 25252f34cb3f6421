"""The parent profile page, and editing and deleting babies, weights, diapers and media."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from tests.web.helpers import field_error, is_invalid, minutes_ago

from letdown.config import Settings

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_profile_page_shows_the_profile_after_saving(client: TestClient) -> None:
    empty = client.get("/profile")
    assert empty.status_code == 200 and "No profile yet" in empty.text
    saved = client.post("/profile", data={
        "pseudonym": "Sam", "delivery_date": "2026-10-01", "first_baby": "yes",
        "conditions": "PCOS, breast surgery", "regular_medicines": "levothyroxine",
    }, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/profile?saved=1"
    page = client.get("/profile?saved=1").text
    assert "Saved." in page and 'value="Sam"' in page and 'value="2026-10-01"' in page
    assert 'value="PCOS, breast surgery"' in page and 'value="levothyroxine"' in page
    assert re.search(r'value="yes" checked', page)
    assert client.get("/api/v1/profile").json() == {
        "pseudonym": "Sam", "delivery_date": "2026-10-01", "first_baby": True,
        "conditions": ["PCOS", "breast surgery"], "regular_medicines": ["levothyroxine"]}
    # the form replaces the whole profile: a field left blank is cleared
    client.post("/profile", data={"pseudonym": "Sam", "first_baby": "no"})
    assert client.get("/api/v1/profile").json() == {
        "pseudonym": "Sam", "delivery_date": None, "first_baby": False,
        "conditions": [], "regular_medicines": []}


def test_profile_bad_date_is_shown_next_to_the_field_and_nothing_is_saved(
    client: TestClient
) -> None:
    client.post("/profile", data={"pseudonym": "Sam", "delivery_date": "2026-10-01"})
    bad = client.post("/profile", data={"pseudonym": "Robin", "delivery_date": "2026-13-40"})
    assert bad.status_code == 422
    assert "Not saved" in bad.text and "delivery_date" in field_error(bad.text, "delivery_date")
    assert re.search(r'id="f-delivery_date"[^>]*aria-invalid="true"', bad.text)
    assert 'value="Robin"' in bad.text and 'value="2026-13-40"' in bad.text  # kept to fix
    future = client.post("/profile", data={"pseudonym": "Robin", "delivery_date": "2999-01-01"})
    assert future.status_code == 422 and "future" in field_error(future.text, "delivery_date")
    nameless = client.post("/profile", data={"pseudonym": " "})
    assert nameless.status_code == 422 and field_error(nameless.text, "pseudonym")
    assert client.get("/api/v1/profile").json()["pseudonym"] == "Sam"
    assert client.get("/api/v1/profile").json()["delivery_date"] == "2026-10-01"


def test_profile_is_linked_from_the_babies_page(client: TestClient) -> None:
    assert 'href="/profile">Add your profile' in client.get("/babies").text
    client.post("/profile", data={"pseudonym": "Sam"})
    assert 'href="/profile">Your profile' in client.get("/babies").text


def _ada(client: TestClient) -> int:
    client.post("/babies", data={"name": "Ada", "birth_date": "2026-10-01", "sex": "female",
                                 "birth_weight_g": "3400"})
    baby_id: int = client.get("/api/v1/babies").json()[-1]["id"]
    return baby_id


def test_edit_a_baby_and_bad_input_changes_nothing(client: TestClient) -> None:
    baby = _ada(client)
    page = client.get("/babies").text
    assert f'href="/babies/{baby}/edit"' in page
    form = client.get(f"/babies/{baby}/edit").text
    assert 'value="Ada"' in form and 'value="2026-10-01"' in form and 'value="3400"' in form
    bad = client.post(f"/babies/{baby}/edit", data={"name": "Ada", "birth_date": "2026-10-01",
                                                     "birth_weight_g": "99"})
    assert bad.status_code == 422 and "birth_weight_g" in field_error(bad.text, "birth_weight_g")
    assert client.get(f"/api/v1/babies/{baby}").json()["birth_weight_g"] == 3400
    done = client.post(f"/babies/{baby}/edit", data={
        "name": "Ada Rose", "birth_date": "2026-10-02", "sex": "female", "birth_weight_g": ""},
        follow_redirects=False)
    assert done.status_code == 303
    edited = client.get(f"/api/v1/babies/{baby}").json()
    assert len(edited.pop("uuid")) == 36  # the stable identity export carries (issue 10)
    assert edited == {
        "id": baby, "name": "Ada Rose", "birth_date": "2026-10-02", "sex": "female",
        "birth_weight_g": None, "gestation_weeks": None, "gestation_days": None}
    assert client.get("/babies/999/edit").status_code == 404


def test_delete_a_baby_asks_first_and_refuses_while_records_refer_to_it(
    client: TestClient
) -> None:
    baby = _ada(client)
    ask = client.get(f"/babies/{baby}/delete")
    assert ask.status_code == 200 and "Delete this baby?" in ask.text
    assert f'action="/babies/{baby}/delete"' in ask.text and "No, keep it" in ask.text
    assert len(client.get("/api/v1/babies").json()) == 1  # asking deleted nothing
    client.post(f"/babies/{baby}/weights", data={"date": "2026-11-01", "grams": "4100"})
    # the confirmation was asked before the weight: the POST is the safety net
    refused = client.post(f"/babies/{baby}/delete")
    assert refused.status_code == 409
    assert "Ada was not deleted" in refused.text and "delete those first" in refused.text
    assert len(client.get("/api/v1/babies").json()) == 1
    weight = client.get("/api/v1/weights").json()[0]["id"]
    client.post(f"/babies/{baby}/weights/{weight}/delete")
    gone = client.post(f"/babies/{baby}/delete", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/babies?deleted=baby"
    assert client.get("/api/v1/babies").json() == []
    assert "Deleted." in client.get("/babies?deleted=baby").text


def test_a_baby_with_sessions_is_kept_with_the_reason(client: TestClient) -> None:
    baby = _ada(client)
    client.post("/api/v1/sessions", json={
        "kind": "breastfeed", "sides": "left", "start": minutes_ago(60),
        "end": minutes_ago(40), "baby_id": baby})
    refused = client.post(f"/babies/{baby}/delete")
    assert refused.status_code == 409 and "sessions" in refused.text
    assert len(client.get("/api/v1/babies").json()) == 1


def test_edit_and_delete_a_weight(client: TestClient) -> None:
    baby = _ada(client)
    client.post(f"/babies/{baby}/weights", data={"date": "2026-11-01", "grams": "4100"})
    weight = client.get("/api/v1/weights").json()[0]["id"]
    edit_url = f"/babies/{baby}/weights/{weight}/edit"
    assert f'href="{edit_url}"' in client.get("/babies").text
    assert 'value="4100"' in client.get(edit_url).text
    bad = client.post(edit_url, data={"date": "2026-11-01", "grams": "90"})
    assert bad.status_code == 422 and "300 to 30000" in field_error(bad.text, "grams")
    assert client.get("/api/v1/weights").json()[0]["grams"] == 4100
    client.post(edit_url, data={"date": "2026-11-03", "grams": "4250"})
    assert client.get("/api/v1/weights").json()[0] | {"id": 0, "uuid": ""} == {
        "uuid": "",
        "id": 0, "baby_id": baby, "date": "2026-11-03", "grams": 4250}
    ask = client.get(f"/babies/{baby}/weights/{weight}/delete")
    assert "Delete this weight?" in ask.text and "4250 g on 03 November 2026" in ask.text
    assert len(client.get("/api/v1/weights").json()) == 1
    client.post(f"/babies/{baby}/weights/{weight}/delete")
    assert client.get("/api/v1/weights").json() == []
    assert client.post(f"/babies/{baby}/weights/{weight}/delete").status_code == 404


def test_a_record_is_only_found_under_its_own_baby(client: TestClient) -> None:
    ada = _ada(client)
    client.post("/babies", data={"name": "Ben", "birth_date": "2026-10-01"})
    ben = client.get("/api/v1/babies").json()[-1]["id"]
    client.post(f"/babies/{ada}/weights", data={"date": "2026-11-01", "grams": "4100"})
    weight = client.get("/api/v1/weights").json()[0]["id"]
    assert client.get(f"/babies/{ben}/weights/{weight}/edit").status_code == 404
    assert client.post(f"/babies/{ben}/weights/{weight}/delete").status_code == 404
    assert len(client.get("/api/v1/weights").json()) == 1


def test_edit_and_delete_a_diaper_count(client: TestClient) -> None:
    baby = _ada(client)
    for day in ("2026-11-01", "2026-11-02"):
        client.post(f"/babies/{baby}/diapers", data={"date": day, "wet": "6", "dirty": "2"})
    first, second = (c["id"] for c in client.get("/api/v1/diapers").json())
    edit_url = f"/babies/{baby}/diapers/{second}/edit"
    assert f'href="{edit_url}"' in client.get("/babies").text
    same_day = client.post(edit_url, data={"date": "2026-11-01", "wet": "5", "dirty": "1"})
    assert same_day.status_code == 422 and "already has a count" in same_day.text
    bad = client.post(edit_url, data={"date": "2026-11-02", "wet": "41", "dirty": "1"})
    assert bad.status_code == 422 and field_error(bad.text, "wet")
    assert [(c["wet"], c["dirty"]) for c in client.get("/api/v1/diapers").json()] == [
        (6, 2), (6, 2)]
    client.post(edit_url, data={"date": "2026-11-02", "wet": "8", "dirty": "3"})
    assert client.get(f"/api/v1/diapers/{second}").json()["wet"] == 8
    ask = client.get(f"/babies/{baby}/diapers/{first}/delete")
    assert "Delete this diaper count?" in ask.text and "6 wet and 2 dirty" in ask.text
    client.post(f"/babies/{baby}/diapers/{first}/delete")
    assert [c["id"] for c in client.get("/api/v1/diapers").json()] == [second]


def test_removing_a_photo_asks_first(client: TestClient, settings: Settings) -> None:
    client.post("/media", files={"file": ("baby.png", io.BytesIO(PNG))},
                data={"label": "Ada asleep"})
    [stored] = [p for p in settings.media_dir.iterdir() if p.suffix == ".png"]
    page = client.get("/media").text
    confirm_url = f"/media/{stored.name}/delete"
    assert f'href="{confirm_url}"' in page
    assert f'<form method="post" action="{confirm_url}"' not in page  # no one-tap removal
    ask = client.get(confirm_url)
    assert ask.status_code == 200 and "Remove this photo?" in ask.text
    assert 'alt="Ada asleep"' in ask.text and "No, keep it" in ask.text
    assert stored.exists()
    done = client.post(confirm_url, follow_redirects=False)
    assert done.status_code == 303 and not stored.exists()
    assert "Removed." in client.get(done.headers["location"]).text
    assert client.get(confirm_url).status_code == 404


def test_an_unknown_kind_of_record_is_a_page_not_found(client: TestClient) -> None:
    baby = _ada(client)
    client.post(f"/babies/{baby}/weights", data={"date": "2026-11-01", "grams": "4100"})
    weight = client.get("/api/v1/weights").json()[0]["id"]
    for kind in ("feeds", "baby", "weight"):
        for action in ("edit", "delete"):
            url = f"/babies/{baby}/{kind}/{weight}/{action}"
            for response in (client.get(url), client.post(url, data={"grams": "1"})):
                assert response.status_code == 404, (url, response.status_code)
                assert "Not found" in response.text
                assert "only weights and diapers have their own pages" in response.text
                assert "422" not in response.text
    assert client.get(f"/babies/{baby}/<b>x</b>/{weight}/edit").text.count("<b>x</b>") == 0
    assert len(client.get("/api/v1/weights").json()) == 1  # nothing was changed
    assert client.get(f"/babies/{baby}/weights/{weight}/edit").status_code == 200


def test_deleting_a_baby_says_first_what_still_names_it(client: TestClient) -> None:
    ada = _ada(client)
    client.post("/babies", data={"name": "Ben", "birth_date": "2026-10-01"})
    ben = client.get("/api/v1/babies").json()[-1]["id"]
    for day in ("2026-11-01", "2026-11-02"):
        client.post(f"/babies/{ada}/weights", data={"date": day, "grams": "4100"})
    client.post(f"/babies/{ada}/diapers", data={"date": "2026-11-01", "wet": "6", "dirty": "2"})
    for minutes, twin in ((300, None), (200, None), (100, ada)):  # the last: Ada as the twin
        client.post("/api/v1/sessions", json={
            "kind": "breastfeed", "sides": "both", "start": minutes_ago(minutes),
            "end": minutes_ago(minutes - 20), "baby_id": ada if twin is None else ben,
            "tandem_baby_id": twin})
    ask = client.get(f"/babies/{ada}/delete")
    assert ask.status_code == 200 and "Ada cannot be deleted yet" in ask.text
    assert ("2 sessions, 1 tandem feed, 2 weights and 1 diaper count still name Ada: "
            "move or delete those first.") in ask.text
    assert "Yes, delete it" not in ask.text and f'action="/babies/{ada}/delete"' not in ask.text
    assert f'href="/history?baby={ada}"' in ask.text and f'href="/babies#baby-{ada}"' in ask.text
    # Ben's page counts the tandem feed too: either twin of it keeps the baby
    assert "1 tandem feed still names Ben: move or delete" in client.get(
        f"/babies/{ben}/delete").text
    # the POST still refuses (someone may have asked before those were added)
    refused = client.post(f"/babies/{ada}/delete")
    assert refused.status_code == 409 and "Ada was not deleted" in refused.text
    assert "still name Ada" in refused.text
    assert len(client.get("/api/v1/babies").json()) == 2
    # once nothing names her, the page asks as usual
    for session in client.get("/api/v1/sessions").json():
        client.delete(f"/api/v1/sessions/{session['id']}")
    for weight in client.get("/api/v1/weights").json():
        client.post(f"/babies/{ada}/weights/{weight['id']}/delete")
    one_left = client.get(f"/babies/{ada}/delete").text
    assert "1 diaper count still names Ada" in one_left
    count = client.get("/api/v1/diapers").json()[0]["id"]
    client.post(f"/babies/{ada}/diapers/{count}/delete")
    ask = client.get(f"/babies/{ada}/delete").text
    assert "Delete this baby?" in ask and "Yes, delete it" in ask and "still name" not in ask
    assert client.post(f"/babies/{ada}/delete", follow_redirects=False).status_code == 303


def test_a_weight_or_diaper_count_moves_to_the_other_twin(client: TestClient) -> None:
    ada = _ada(client)
    client.post(f"/babies/{ada}/weights", data={"date": "2026-11-01", "grams": "4100"})
    weight = client.get("/api/v1/weights").json()[0]["id"]
    edit_url = f"/babies/{ada}/weights/{weight}/edit"
    assert 'name="baby_id"' not in client.get(edit_url).text  # one baby: nothing to choose
    client.post("/babies", data={"name": "Ben", "birth_date": "2026-10-01"})
    ben = client.get("/api/v1/babies").json()[-1]["id"]
    form = client.get(edit_url).text
    assert '<label for="f-baby_id">Baby</label>' in form
    assert f'<option value="{ada}" selected>Ada</option>' in form
    moved = client.post(edit_url, data={"baby_id": str(ben), "date": "2026-11-01",
                                        "grams": "4100"}, follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"].endswith(f"#baby-{ben}")
    assert client.get(f"/api/v1/weights/{weight}").json()["baby_id"] == ben
    assert client.get(edit_url).status_code == 404  # now found under Ben only
    assert client.get(f"/babies/{ben}/weights/{weight}/edit").status_code == 200
    # a diaper count moves too
    client.post(f"/babies/{ada}/diapers", data={"date": "2026-11-02", "wet": "6", "dirty": "2"})
    count = client.get("/api/v1/diapers").json()[0]["id"]
    client.post(f"/babies/{ada}/diapers/{count}/edit",
                data={"baby_id": str(ben), "date": "2026-11-02", "wet": "6", "dirty": "2"})
    assert client.get(f"/api/v1/diapers/{count}").json()["baby_id"] == ben


def test_moving_a_diaper_count_onto_a_day_the_other_twin_has_changes_nothing(
    client: TestClient
) -> None:
    ada = _ada(client)
    client.post("/babies", data={"name": "Ben", "birth_date": "2026-10-01"})
    ben = client.get("/api/v1/babies").json()[-1]["id"]
    client.post(f"/babies/{ada}/diapers", data={"date": "2026-11-01", "wet": "6", "dirty": "2"})
    client.post(f"/babies/{ben}/diapers", data={"date": "2026-11-01", "wet": "5", "dirty": "1"})
    before = client.get("/api/v1/diapers").json()
    mine = next(c["id"] for c in before if c["baby_id"] == ada)
    clash = client.post(f"/babies/{ada}/diapers/{mine}/edit",
                        data={"baby_id": str(ben), "date": "2026-11-01", "wet": "7",
                              "dirty": "2"})
    assert clash.status_code == 422 and "Not saved" in clash.text
    message = field_error(clash.text, "baby_id")
    assert "Ben already has a diaper count for 01 November 2026" in message
    assert "not moved" in message
    assert is_invalid(clash.text, "f-baby_id", "e-baby_id")
    assert f'<option value="{ben}" selected>Ben</option>' in clash.text  # the choice is kept
    assert client.get("/api/v1/diapers").json() == before
    # a bad baby id from a hand-made form is refused at the field too
    odd = client.post(f"/babies/{ada}/diapers/{mine}/edit",
                      data={"baby_id": "999", "date": "2026-11-01", "wet": "6", "dirty": "2"})
    assert odd.status_code == 422 and field_error(odd.text, "baby_id")
    assert client.get("/api/v1/diapers").json() == before


def _babies_key(html: str) -> str:
    found = re.search(r'<input type="hidden" name="form_key" value="([^"]+)">', html)
    assert found, "the Babies page's add forms carry a key for this render"
    return found.group(1)


def test_a_re_posted_weight_or_diaper_count_is_added_once(client: TestClient) -> None:
    baby = _ada(client)
    key = _babies_key(client.get("/babies").text)
    weight = {"form_key": key, "date": "2026-11-01", "grams": "4100"}
    first = client.post(f"/babies/{baby}/weights", data=weight, follow_redirects=False)
    again = client.post(f"/babies/{baby}/weights", data=weight, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert len(client.get("/api/v1/weights").json()) == 1
    # the same render's diaper form is another form: it still adds its count, once
    diapers = {"form_key": key, "date": "2026-11-01", "wet": "6", "dirty": "3"}
    for _ in range(2):
        response = client.post(f"/babies/{baby}/diapers", data=diapers, follow_redirects=False)
        assert response.status_code == 303  # not "already has a count for that day"
    assert len(client.get("/api/v1/diapers").json()) == 1
    # a new render is a new weight, even of the same grams on the same day
    other = {**weight, "form_key": _babies_key(client.get("/babies").text)}
    assert client.post(f"/babies/{baby}/weights", data=other,
                       follow_redirects=False).status_code == 303
    assert len(client.get("/api/v1/weights").json()) == 2


def test_a_babies_page_sent_back_with_errors_keeps_its_key(client: TestClient) -> None:
    baby = _ada(client)
    key = _babies_key(client.get("/babies").text)
    bad = {"form_key": key, "date": "2026-11-01", "grams": "-3"}
    shown = client.post(f"/babies/{baby}/weights", data=bad)
    assert shown.status_code == 422 and _babies_key(shown.text) == key
    fixed = {**bad, "grams": "4100"}
    for _ in range(2):
        client.post(f"/babies/{baby}/weights", data=fixed)
    assert [w["grams"] for w in client.get("/api/v1/weights").json()] == [4100]
