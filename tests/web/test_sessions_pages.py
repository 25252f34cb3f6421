"""Session pages without a browser: guided save, quick log, edit, delete, bad input."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.web.helpers import field_error, is_invalid, minutes_ago


def errors_of(html: str) -> list[str]:
    block = re.search(r'class="errors".*?</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(0)) if block else []


def test_home_offers_one_tap_start(client: TestClient) -> None:
    html = client.get("/").text
    assert 'action="/session/guided"' in html
    assert "Start pumping" in html and "Start breastfeeding" in html
    assert "No sessions yet." in html


def test_guided_session_saved_and_shown(client: TestClient) -> None:
    page = client.get("/session/guided", params={"kind": "pump", "sides": "both"})
    assert page.status_code == 200
    assert re.search(r'name="start" value="[^"]+"', page.text)
    response = client.post(
        "/session/guided",
        data={
            "start": minutes_ago(15), "kind": "pump", "sides": "both",
            "letdown_left": "1:35", "letdown_right": "100, 400", "volume_left_ml": "40",
            "volume_right_ml": "35,5", "pain": "2", "stress": "4", "context": "home",
            "felt_rushed": "on", "techniques": ["massage", "slow_breathing"],
            "flange_mm": "24", "pump_name": "Spectra",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    detail = client.get(response.headers["location"]).text
    assert "Saved." in detail and "1:35" in detail and "1:40, 6:40" in detail
    saved = client.get("/api/v1/sessions").json()[0]
    assert saved["volume_right_ml"] == 35.5
    assert saved["techniques"] == ["massage", "slow_breathing"]
    assert saved["felt_rushed"] is True
    # the next pumping session is prefilled with these pump settings
    again = client.get("/session/guided", params={"kind": "pump"}).text
    assert 'value="Spectra"' in again and 'value="24"' in again


def test_bad_input_shows_reasons_and_saves_nothing(client: TestClient) -> None:
    response = client.post(
        "/session/guided",
        data={"start": minutes_ago(10), "kind": "pump", "sides": "left",
              "letdown_left": "soon", "volume_left_ml": "-5", "pain": "14"},
    )
    assert response.status_code == 422
    messages = errors_of(response.text)
    assert any(m.startswith("letdown_left:") for m in messages)
    assert any(m.startswith("volume_left_ml:") and "0 to 1000" in m for m in messages)
    assert any(m.startswith("pain:") for m in messages)
    assert 'value="-5"' in response.text  # what was typed is kept
    assert client.get("/api/v1/sessions").json() == []


def test_letdown_after_the_end_is_refused(client: TestClient) -> None:
    response = client.post(
        "/sessions/new",
        data={"kind": "breastfeed", "sides": "right", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:10", "letdown_right": "15:00"},
    )
    assert response.status_code == 422
    assert any("after the end" in m for m in errors_of(response.text))
    assert client.get("/api/v1/sessions").json() == []


def test_log_edit_and_delete_with_confirmation(client: TestClient) -> None:
    created = client.post(
        "/sessions/new",
        data={"kind": "breastfeed", "sides": "left", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:25", "letdown_left": "120", "pain": "3",
              "pump_name": "ignored for breastfeeding"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    url = created.headers["location"].split("?")[0]
    saved = client.get("/api" + "/v1" + url).json()
    assert saved["start"] == "2026-01-10T08:00:00Z"  # Europe/London in January is UTC
    assert saved["pump_name"] is None
    form = client.get(url + "/edit").text
    assert 'value="2026-01-10T08:00:00"' in form and 'value="120"' in form
    edited = client.post(
        url + "/edit",
        data={"kind": "breastfeed", "sides": "left", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:30", "letdown_left": "90"},
        follow_redirects=False,
    )
    assert edited.status_code == 303
    after = client.get("/api/v1" + url).json()
    assert after["letdowns"] == [{"side": "left", "at_s": 90.0}]
    assert after["pain"] is None  # left blank in the edit form: cleared
    confirm = client.get(url + "/delete").text
    assert "cannot be undone" in confirm and 'method="post"' in confirm
    assert client.get("/api/v1/sessions").json() != []
    deleted = client.post(url + "/delete", follow_redirects=False)
    assert deleted.status_code == 303
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/sessions").json() == []


def a_saved_session(client: TestClient) -> str:
    """Log a 25-minute pump session with 30 mL on the left; return its page's path."""
    created = client.post(
        "/sessions/new",
        data={"kind": "pump", "sides": "both", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:25", "volume_left_ml": "30"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    return str(created.headers["location"].split("?")[0])


def test_bad_edit_changes_nothing(client: TestClient) -> None:
    url = a_saved_session(client)
    response = client.post(
        url + "/edit",
        data={"kind": "pump", "sides": "both", "start": "2026-01-10T08:00",
              "end": "2026-01-10T07:00", "volume_left_ml": "50"},
    )
    assert response.status_code == 422
    assert any("end must be after start" in m for m in errors_of(response.text))
    assert client.get("/api/v1" + url).json()["volume_left_ml"] == 30


def test_side_mode_kept_for_both_sides_and_dropped_for_one(client: TestClient) -> None:
    for sides, mode, expected in (("both", "sequential", "sequential"),
                                  ("left", "simultaneous", None)):
        response = client.post(
            "/session/guided",
            data={"start": minutes_ago(15), "kind": "pump", "sides": sides, "side_mode": mode},
            follow_redirects=False,
        )
        assert response.status_code == 303
        assert client.get("/api/v1/sessions").json()[0]["side_mode"] == expected


def test_twins_fed_together_from_the_form_and_shown_with_both_names(client: TestClient) -> None:
    client.post("/api/v1/babies", json={"name": "Ada", "birth_date": "2025-12-01"})
    assert "Second baby" not in client.get("/sessions/new").text  # one baby: no twin select
    client.post("/api/v1/babies", json={"name": "Ben", "birth_date": "2025-12-01"})
    assert "Feeding both twins? Second baby" in client.get("/sessions/new").text
    fields = {"kind": "breastfeed", "sides": "both", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:20", "baby_id": "1", "tandem_baby_id": "2"}
    created = client.post("/sessions/new", data=fields, follow_redirects=False)
    assert created.status_code == 303
    url = created.headers["location"].split("?")[0]
    assert client.get("/api/v1" + url).json()["tandem_baby_id"] == 2
    assert "Ada and Ben (tandem, at the same time)" in client.get(url).text
    assert 'value="2" selected' in client.get(url + "/edit").text
    bad = client.post(url + "/edit", data=fields | {"tandem_baby_id": "1"})
    assert any("tandem_baby_id" in e and "different baby" in e for e in errors_of(bad.text))
    assert client.get("/api/v1" + url).json()["tandem_baby_id"] == 2


def test_each_problem_is_also_shown_next_to_its_field(client: TestClient) -> None:
    response = client.post(
        "/session/guided",
        data={"start": minutes_ago(10), "kind": "pump", "sides": "left",
              "letdown_left": "soon", "volume_left_ml": "-5", "pain": "14", "flange_mm": "99"},
    )
    assert response.status_code == 422
    page = response.text
    assert "0 to 1000" in field_error(page, "volume_left_ml")
    assert is_invalid(page, "f-volume_left_ml", "e-volume_left_ml")
    assert field_error(page, "letdown_left").startswith("letdown_left:")
    # a hint and the error both describe the field
    assert is_invalid(page, "f-letdown_left", "h-letdown_left")
    assert is_invalid(page, "f-letdown_left", "e-letdown_left")
    assert field_error(page, "pain").startswith("pain:") and is_invalid(page, "f-pain", "e-pain")
    assert "10 to 40" in field_error(page, "flange_mm")
    assert 'value="-5"' in page and 'value="soon"' in page and 'value="99"' in page
    # the summary at the top still lists every problem, for screen readers
    assert len(errors_of(page)) == 4
    # fields without a problem are left alone
    assert field_error(page, "volume_right_ml") == ""
    assert 'id="f-volume_right_ml"' in page and not is_invalid(
        page, "f-volume_right_ml", "e-volume_right_ml")


def test_a_sessions_own_checks_are_shown_next_to_the_field_they_name(
    client: TestClient,
) -> None:
    base = {"kind": "breastfeed", "sides": "right", "start": "2026-01-10T08:00",
            "end": "2026-01-10T08:10"}
    late = client.post("/sessions/new", data=base | {"letdown_right": "15:00"}).text
    assert "after the end" in field_error(late, "letdown_right")  # "letdowns: ..." in the record
    assert is_invalid(late, "f-letdown_right", "e-letdown_right")
    assert 'value="15:00"' in late
    wrong_side = client.post("/sessions/new", data=base | {"letdown_left": "30"}).text
    assert "sides is right" in field_error(wrong_side, "letdown_left")
    backwards = client.post("/sessions/new", data=base | {"end": "2026-01-10T07:00"}).text
    assert field_error(backwards, "end") == "end must be after start"
    assert is_invalid(backwards, "f-end", "e-end")
    unreadable = client.post("/sessions/new", data=base | {"start": "yesterday"}).text
    assert "not a date and time" in field_error(unreadable, "start")
    assert errors_of(unreadable) == [field_error(unreadable, "start")]  # not also "required"
    # a problem in the folded "More" part opens it, so its message is seen
    drinks = client.post("/sessions/new", data=base | {"alcohol_hours_before": "2"}).text
    assert "needs alcohol_drinks" in field_error(drinks, "alcohol_hours_before")
    assert re.search(r'<details class="card" open>\s*<summary>More', drinks)
    assert re.search(r'<details class="card">\s*<summary>More', client.get("/sessions/new").text)
    assert client.get("/api/v1/sessions").json() == []


def test_a_bad_edit_shows_the_problem_next_to_its_field(client: TestClient) -> None:
    url = a_saved_session(client)
    response = client.post(
        url + "/edit",
        data={"kind": "pump", "sides": "both", "start": "", "end": "2026-01-10T08:25",
              "volume_left_ml": "50", "sleep_hours": "30"},
    )
    assert response.status_code == 422
    assert field_error(response.text, "start").startswith("start: required")
    assert is_invalid(response.text, "f-start", "e-start")
    assert 'value="50"' in response.text
    again = client.post(
        url + "/edit",
        data={"kind": "pump", "sides": "both", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:25", "sleep_hours": "30"},
    )
    assert again.status_code == 422 and "0 to 24" in field_error(again.text, "sleep_hours")
    assert client.get("/api/v1" + url).json()["volume_left_ml"] == 30


def test_without_javascript_the_guided_page_points_to_the_plain_form(client: TestClient) -> None:
    html = client.get("/session/guided", params={"kind": "breastfeed"}).text
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)
    assert noscript and "needs JavaScript" in noscript.group(1)
    link = re.search(r'href="(/sessions/new\?kind=breastfeed)"', noscript.group(1))
    assert link and client.get(link.group(1)).status_code == 200
    # what only the script can drive is hidden until it runs: no frozen 0:00 timer
    assert re.search(r'<p class="timer" id="timer"[^>]* hidden>', html)
    assert re.search(r'<section [^>]*id="pacer-card" hidden>', html)


def test_a_letdown_after_the_end_is_told_in_minutes_and_seconds(client: TestClient) -> None:
    # the guided form sent a moment after it opened: half a second long
    response = client.post(
        "/session/guided",
        data={"kind": "pump", "sides": "left", "start": "2026-01-10T08:00:00",
              "end": "2026-01-10T08:00:00.511676", "letdown_left": "0:05"},
    )
    assert response.status_code == 422
    message = errors_of(response.text)[0]
    assert message.startswith("letdown_left: ")  # the field the parent typed in
    assert "0:05" in message and "after the end" in message
    assert " s " not in message and "0.511676" not in message and "allowed: 0-" not in message
    assert "0:05" in field_error(response.text, "letdown_left")
    late = client.post(
        "/sessions/new",
        data={"kind": "pump", "sides": "left", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:10", "letdown_left": "99999"},
    )
    assert errors_of(late.text) == [
        "letdown_left: more than 6:00:00 from the start; allowed: a time within the "
        "session (at most 6 hours)"]
    sid = a_saved_session(client)
    edit = client.post(f"{sid}/edit", data={
        "kind": "breastfeed", "sides": "left", "start": "2026-01-10T08:00",
        "end": "2026-01-10T08:10", "letdown_left": "15:00"})
    assert edit.status_code == 422
    assert [html.unescape(e) for e in errors_of(edit.text)] == [
        "letdown_left: left let-down at 15:00 is after the end of the session; allowed: a "
        "time from 0:00 to 10:00 (the session's length), or a later end"]
    assert client.get("/api/v1/sessions").json()[0]["letdowns"] != [
        {"side": "left", "at_s": 900}]


def form_key(html: str) -> str:
    found = re.search(r'<input type="hidden" name="form_key" value="([^"]+)">', html)
    assert found, "the guided form carries a key for this render"
    return found.group(1)


def test_back_then_save_does_not_save_the_session_twice(client: TestClient) -> None:
    page = client.get("/session/guided", params={"kind": "pump", "sides": "left"}).text
    key = form_key(page)
    assert key != form_key(client.get("/session/guided").text)  # each render its own
    data = {"form_key": key, "start": minutes_ago(12), "end": minutes_ago(1), "kind": "pump",
            "sides": "left", "letdown_left": "1:10", "volume_left_ml": "20"}
    first = client.post("/session/guided", data=data, follow_redirects=False)
    assert first.status_code == 303
    again = client.post("/session/guided", data=data, follow_redirects=False)  # back, save
    assert again.status_code == 303
    assert again.headers["location"] == first.headers["location"]  # the one already saved
    assert len(client.get("/api/v1/sessions").json()) == 1
    # another render is another session
    other = {**data, "form_key": form_key(client.get("/session/guided").text),
             "start": minutes_ago(40), "end": minutes_ago(30)}
    assert client.post("/session/guided", data=other, follow_redirects=False).status_code == 303
    assert len(client.get("/api/v1/sessions").json()) == 2


def test_a_render_sent_back_with_errors_keeps_its_key(client: TestClient) -> None:
    key = form_key(client.get("/session/guided").text)
    data = {"form_key": key, "start": minutes_ago(12), "kind": "pump", "sides": "left",
            "volume_left_ml": "-5"}
    shown = client.post("/session/guided", data=data)
    assert shown.status_code == 422 and form_key(shown.text) == key
    fixed = {**data, "volume_left_ml": "5"}
    first = client.post("/session/guided", data=fixed, follow_redirects=False)
    second = client.post("/session/guided", data=fixed, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    assert len(client.get("/api/v1/sessions").json()) == 1


def test_a_deleted_session_can_be_saved_again_and_odd_keys_are_no_keys(
    client: TestClient,
) -> None:
    data = {"form_key": form_key(client.get("/session/guided").text), "start": minutes_ago(9),
            "kind": "pump", "sides": "left"}
    saved = client.post("/session/guided", data=data, follow_redirects=False)
    path = saved.headers["location"].split("?")[0]
    client.post(f"{path}/delete")
    assert client.get("/api/v1/sessions").json() == []
    again = client.post("/session/guided", data=data, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] != saved.headers["location"]
    for odd in ("", "short", "x" * 500, "<script>"):  # no key: each post saves, nothing breaks
        response = client.post("/session/guided", follow_redirects=False,
                               data={**data, "form_key": odd, "start": minutes_ago(30)})
        assert response.status_code == 303
    assert len(client.get("/api/v1/sessions").json()) == 5


def test_two_posts_of_one_render_at_once_save_one_session(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    page = client.get("/session/guided").text
    token = re.search(r'name="csrftoken" value="([^"]+)"', page)
    assert token
    data = {"csrftoken": token.group(1), "form_key": form_key(page), "start": minutes_ago(9),
            "kind": "pump", "sides": "left"}
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(
            lambda _: client.post("/session/guided", data=data, follow_redirects=False),
            range(4)))
    assert {a.status_code for a in answers} == {303}
    assert len({a.headers["location"] for a in answers}) == 1
    assert len(client.get("/api/v1/sessions").json()) == 1


_RAW_SECONDS = re.compile(r"\d s\b|allowed: 0-|\d\.\d{3}|less than or equal to \d")


@given(
    length=st.floats(min_value=0.001, max_value=6 * 3600),
    marks=st.lists(st.floats(min_value=0, max_value=400_000), min_size=1, max_size=3),
    side=st.sampled_from(["left", "right"]),
)
@settings(max_examples=200, deadline=None)
def test_let_down_problems_never_speak_in_raw_seconds(
    length: float, marks: list[float], side: str
) -> None:
    """Whatever the session's length and the let-down times typed, a problem with them
    is told in minutes:seconds, next to the side it is about."""
    import datetime as dt

    from letdown.web.forms import FormData, clock, read_session, session_errors_by_field

    start = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC)
    end = start + dt.timedelta(seconds=length)
    form = FormData([("kind", "pump"), ("sides", side), ("start", start.isoformat()),
                     ("end", end.isoformat()),
                     (f"letdown_{side}", ", ".join(clock(m) for m in marks))])
    record, values, errors = read_session(form, dt.UTC, start + dt.timedelta(days=1))
    late = [m for m in marks if int(m) > length]
    assert (record is None) == bool(late)
    for message in errors:
        assert not _RAW_SECONDS.search(message), message
        assert re.search(r"\d:\d\d", message), message
    if errors:
        assert f"letdown_{side}" in session_errors_by_field(errors, values)


def test_back_then_save_on_the_log_form_does_not_save_the_session_twice(
    client: TestClient,
) -> None:
    key = form_key(client.get("/sessions/new").text)
    assert key != form_key(client.get("/sessions/new").text)  # each render its own
    data = {"form_key": key, "start": minutes_ago(30), "end": minutes_ago(10),
            "kind": "pump", "sides": "left", "volume_left_ml": "25"}
    first = client.post("/sessions/new", data=data, follow_redirects=False)
    again = client.post("/sessions/new", data=data, follow_redirects=False)  # back, save
    assert first.status_code == again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert len(client.get("/api/v1/sessions").json()) == 1
    other = {**data, "form_key": form_key(client.get("/sessions/new").text),
             "start": minutes_ago(70), "end": minutes_ago(50)}
    assert client.post("/sessions/new", data=other, follow_redirects=False).status_code == 303
    assert len(client.get("/api/v1/sessions").json()) == 2


def test_a_log_form_sent_back_with_errors_keeps_its_key(client: TestClient) -> None:
    key = form_key(client.get("/sessions/new").text)
    data = {"form_key": key, "start": minutes_ago(30), "end": minutes_ago(10),
            "kind": "pump", "sides": "left", "volume_left_ml": "-5"}
    shown = client.post("/sessions/new", data=data)
    assert shown.status_code == 422 and form_key(shown.text) == key
    fixed = {**data, "volume_left_ml": "5"}
    first = client.post("/sessions/new", data=fixed, follow_redirects=False)
    second = client.post("/sessions/new", data=fixed, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    assert len(client.get("/api/v1/sessions").json()) == 1
    path = first.headers["location"].split("?")[0]
    assert 'name="form_key"' not in client.get(f"{path}/edit").text  # editing needs none
