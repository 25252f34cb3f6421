"""New weights and diaper counts default to today; every form on Babies, a record's edit
page and History's filter keeps what was typed after a problem."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.helpers import field_error, is_invalid


def today() -> str:
    return dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()


def value_of(page: str, control: str) -> str | None:
    found = re.search(rf'id="{control}" name="[^"]+" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def two_babies(client: TestClient) -> tuple[int, int]:
    client.post("/babies", data={"name": "Ada", "birth_date": "2026-10-01"})
    client.post("/babies", data={"name": "Ben", "birth_date": "2026-10-01"})
    ada, ben = (b["id"] for b in client.get("/api/v1/babies").json())
    return ada, ben


def test_weight_and_diaper_dates_default_to_today(client: TestClient) -> None:
    ada, ben = two_babies(client)
    page = client.get("/babies").text
    for baby in (ada, ben):
        assert value_of(page, f"w-date-{baby}") == today()
        assert value_of(page, f"d-date-{baby}") == today()
    assert value_of(page, "b-birth") == ""  # a birth date is never "today" by default
    # after a problem in one form, the others still offer today
    bad = client.post(f"/babies/{ada}/weights", data={"date": "2026-11-01", "grams": "5"})
    assert bad.status_code == 422
    assert value_of(bad.text, f"w-date-{ada}") == "2026-11-01"
    assert value_of(bad.text, f"d-date-{ada}") == today()
    assert value_of(bad.text, f"w-date-{ben}") == today()
    # the default saves as is
    ok = client.post(f"/babies/{ada}/diapers",
                     data={"date": value_of(page, f"d-date-{ada}"), "wet": "6", "dirty": "3"},
                     follow_redirects=False)
    assert ok.status_code == 303
    assert client.get("/api/v1/diapers").json()[0]["date"] == today()


typed_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda t: t.strip() == t and t != "")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date=typed_text, grams=typed_text, wet=typed_text, dirty=typed_text)
def test_the_add_forms_keep_whatever_was_typed(
    client: TestClient, date: str, grams: str, wet: str, dirty: str
) -> None:
    client.post("/babies", data={"name": "Ada", "birth_date": "2026-10-01"})
    ada = client.get("/api/v1/babies").json()[0]["id"]
    weight = client.post(f"/babies/{ada}/weights", data={"date": date, "grams": grams + "x"})
    assert weight.status_code == 422
    assert value_of(weight.text, f"w-date-{ada}") == date
    assert value_of(weight.text, f"w-grams-{ada}") == grams + "x"
    count = client.post(f"/babies/{ada}/diapers",
                        data={"date": date, "wet": wet, "dirty": dirty + "x"})
    assert count.status_code == 422
    assert [value_of(count.text, f"d-{f}-{ada}") for f in ("date", "wet", "dirty")] == [
        date, wet, dirty + "x"]
    assert len(client.get("/api/v1/weights").json()) == 0


def test_the_edit_page_keeps_what_was_typed(client: TestClient) -> None:
    ada, _ = two_babies(client)
    client.post(f"/babies/{ada}/weights", data={"date": "2026-11-01", "grams": "4100"})
    weight = client.get("/api/v1/weights").json()[0]["id"]
    bad = client.post(f"/babies/{ada}/weights/{weight}/edit",
                      data={"date": "2026-11-02", "grams": "41000"})
    assert bad.status_code == 422
    assert value_of(bad.text, "f-date") == "2026-11-02"
    assert value_of(bad.text, "f-grams") == "41000"
    assert client.get("/api/v1/weights").json()[0]["grams"] == 4100


def test_a_history_filter_with_a_problem_keeps_the_choices_and_says_what_is_wrong(
    client: TestClient,
) -> None:
    page = client.get("/history", params={"kind": "pump", "context": "work",
                                          "since": "2026-11-20", "until": "2026-11-02"})
    assert page.status_code == 422
    assert "To: the date is before the “From” date" in page.text
    assert value_of(page.text, "h-since") == "2026-11-20"
    assert value_of(page.text, "h-until") == "2026-11-02"
    assert '<option value="pump" selected>' in page.text
    assert '<option value="work" selected>' in page.text
    assert "<details class=\"card\" open>" in page.text
    moon = client.get("/history", params={"context": "moon", "technique": "massage"})
    assert moon.status_code == 422 and "Where:" in moon.text
    assert '<option value="massage" selected>' in moon.text
    # each problem is also shown at its field, and the field is marked
    assert "Input should be" in field_error(moon.text, "h-context")
    assert is_invalid(moon.text, "h-context", "e-h-context")
    assert "before the “From” date" in field_error(page.text, "h-until")
    assert is_invalid(page.text, "h-until", "e-h-until")
    assert not is_invalid(page.text, "h-since", "e-h-since")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["kind", "context", "technique", "since", "until", "baby"]),
       typed=typed_text)
def test_any_history_filter_value_gives_the_page_never_a_crash(
    client: TestClient, field: str, typed: str
) -> None:
    page = client.get("/history", params={field: typed})
    assert page.status_code in (200, 422)
    assert "Traceback" not in page.text
    if page.status_code == 422:
        assert "This filter cannot be used" in page.text
