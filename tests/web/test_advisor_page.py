"""The advisor page: the questionnaire as a form, advice with escalation and citations."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.helpers import field_error, is_invalid


def test_questionnaire_form_asks_what_the_advisor_understands(client: TestClient) -> None:
    page = client.get("/advisor").text
    for name in ("feeding_mode", "stress_score", "pump.flange_mm", "infant.wet_diapers_per_day",
                 "parent.fever_c", "tried.warmth"):
        assert f'name="{name}"' in page
    assert re.search(r'<label for="q-stress_score">', page)  # every control has a label


def test_red_flag_escalates_on_the_page_and_on_home(client: TestClient) -> None:
    response = client.post(
        "/advisor",
        data={"feeding_mode": "pumping", "stress_score": "7", "parent.fever_c": "39",
              "parent.breast_red_painful_area": "yes", "tried.warmth": "helped"},
    )
    assert response.status_code == 200
    advice = response.text.split('id="advice"', 1)[1]
    assert "notice danger" in advice and "doctor today" in advice
    assert "Sources:" in advice  # causes and plan cite their evidence
    home = client.get("/").text
    assert "doctor today" in home  # the current advice in one line
    again = client.get("/advisor").text
    assert re.search(r'name="parent.breast_red_painful_area" value="yes" checked', again)


def test_invalid_answers_name_the_field_and_keep_the_old_advice(client: TestClient) -> None:
    response = client.post("/advisor", data={"feeding_mode": "pumping", "stress_score": "18"})
    assert response.status_code == 422
    assert "stress_score" in response.text and "0 to 10" in response.text
    missing = client.post("/advisor", data={"stress_score": "3"})
    assert missing.status_code == 422 and "feeding_mode" in missing.text
    assert "Your advice" not in client.get("/advisor").text  # nothing was saved


def test_a_weight_logged_on_the_babies_api_changes_home_and_the_advice(
    client: TestClient,
) -> None:
    import datetime as dt

    born = (dt.date.today() - dt.timedelta(days=6)).isoformat()
    ada = client.post("/api/v1/babies", json={"name": "Ada", "birth_date": born,
                                              "birth_weight_g": 3500})
    assert ada.status_code == 201, ada.text
    assert "Contact your doctor" not in client.get("/").text
    weight = client.post("/api/v1/weights", json={"baby_id": ada.json()["id"],
                                                  "date": dt.date.today().isoformat(),
                                                  "grams": 3080})
    assert weight.status_code == 201, weight.text
    assert "Contact your doctor" in client.get("/").text  # the cached one-liner moved on
    advice = client.post("/api/v1/advise", json={"feeding_mode": "breastfeeding"}).json()
    assert advice["level"] == "provider" and "3080 g" in advice["from_journal"][0]
    page = client.get("/advisor").text
    assert "From your journal" in page and "3080 g" in page


def test_each_problem_is_also_shown_next_to_its_question(client: TestClient) -> None:
    response = client.post("/advisor", data={
        "feeding_mode": "pumping", "stress_score": "18", "pump.flange_mm": "99",
        "infant.weighed_on": "2026-01-01", "tried.relaxation": "helped", "tried.warmth": "bogus"})
    assert response.status_code == 422
    page = response.text
    assert "0 to 10" in field_error(page, "q-stress_score")
    assert is_invalid(page, "q-stress_score", "e-q-stress_score")
    assert 'value="18"' in page and 'value="99"' in page  # kept to fix
    assert field_error(page, "q-pump-flange_mm").startswith("pump.flange_mm:")
    assert is_invalid(page, "q-pump-flange_mm", "e-q-pump-flange_mm")
    # a part's own check ("infant: weighed_on needs birth_date") goes to the field it names
    assert "needs birth_date" in field_error(page, "q-infant-weighed_on")
    # "tried.N" is the N-th technique tried, in the order of the form
    assert page.index('name="tried.relaxation"') < page.index('name="tried.warmth"')
    assert field_error(page, "q-tried-warmth").startswith("tried.1.outcome:")
    assert is_invalid(page, "q-tried-warmth", "e-q-tried-warmth")
    assert field_error(page, "q-tried-relaxation") == ""
    assert 'class="errors"' in page  # the summary stays
    missing = client.post("/advisor", data={"stress_score": "3"}).text
    assert "feeding_mode" in field_error(missing, "q-feeding_mode")
    assert is_invalid(missing, "q-feeding_mode", "e-q-feeding_mode")


def test_urgent_page_shows_being_seen_alone_before_any_plan(client: TestClient) -> None:
    response = client.post(
        "/advisor",
        data={"feeding_mode": "breastfeeding", "pain_score": "7", "pain_sources": "breast_area",
              "parent.fever_c": "38.9", "parent.chills": "yes",
              "parent.breast_red_painful_area": "yes"},
    )
    assert response.status_code == 200
    advice = response.text.split('id="advice"', 1)[1]
    danger = advice.index("notice danger")
    say = advice.index("What to say")
    brk = advice.index("Once you have been seen")
    assert danger < say < brk
    assert advice.index("Plan, most useful first") > brk
    assert advice.index("Likely causes") > brk
    assert "Sources:" not in advice[:brk]


def test_the_form_refuses_a_future_birth_date_and_an_impossible_weight_loss(
    client: TestClient,
) -> None:
    import datetime as dt

    later = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    future = client.post("/advisor", data={"feeding_mode": "both", "infant.birth_date": later})
    assert future.status_code == 422 and "in the future" in future.text
    typo = client.post("/advisor", data={"feeding_mode": "both", "infant.birth_weight_g": "3500",
                                         "infant.current_weight_g": "1900"})
    assert typo.status_code == 422 and "typo" in typo.text
    nan = client.post("/advisor", data={"feeding_mode": "both", "letdown_minutes": "nan"})
    assert nan.status_code == 422 and "finite number" in nan.text
    fine = client.post("/advisor", data={"feeding_mode": "both", "baby_age_days": "21",
                                         "letdown_minutes": "4,5"})
    assert fine.status_code == 200  # what a parent types in the form is read as numbers
