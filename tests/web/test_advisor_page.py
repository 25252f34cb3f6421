"""The advisor page: the questionnaire as a form, advice with escalation and citations."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.helpers import PHONE, field_error, is_invalid


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
              "short.you_body": "red_breast", "tried.warmth": "helped"},
    )
    assert response.status_code == 200
    advice = response.text.split('id="advice"', 1)[1]
    assert "notice danger" in advice and "doctor today" in advice
    assert "Sources:" in advice  # causes and plan cite their evidence
    home = client.get("/").text
    assert "doctor today" in home  # the current advice in one line
    again = client.get("/advisor").text
    assert re.search(r'name="short.you_body" value="red_breast" checked', again)  # kept


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


class _Text(HTMLParser):
    """Text of the element with id ``inside`` (or of the whole page), minus ``skip`` classes."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})

    def __init__(self, inside: str | None = None, skip: str | None = None) -> None:
        super().__init__()
        self.inside, self.skip = inside, skip
        self.depth = 0 if inside else 1  # >0 while inside the wanted element
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        if self.inside and self.depth == 0 and a.get("id") == self.inside:
            self.depth = 1
            return
        if self.depth and self.inside:
            self.depth += 1
        if self.skipping or (self.skip and self.skip in (a.get("class") or "").split()):
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.skipping:
            self.skipping -= 1
        if self.inside and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.parts.append(data)

    @classmethod
    def of(cls, page: str, inside: str | None = None, skip: str | None = None) -> str:
        parser = cls(inside, skip)
        parser.feed(page)
        return " ".join(" ".join(parser.parts).split())


URGENT = {"feeding_mode": "breastfeeding", "pain_score": "7", "pain_sources": "breast_area",
          "parent.fever_c": "38.9", "parent.chills": "yes", "parent.breast_red_painful_area": "yes",
          "parent.heavy_bleeding": "yes", "infant.wet_diapers_per_day": "2", "baby_age_days": "6"}
PROVIDER = {"feeding_mode": "pumping", "parent.thyroid_symptoms": "yes", "parent.exhausted": "yes",
            "stress_score": "8", "pump.flange_fit": "too_small", "pain_score": "5",
            "pain_sources": "flange"}
SELF_CARE = {"feeding_mode": "pumping", "stress_score": "8", "feels_rushed": "yes",
             "feels_cold": "yes", "pump.suction_setting": "max", "tried.warmth": "helped"}


@pytest.mark.parametrize(("answers", "level"), [
    (URGENT, "danger"), (PROVIDER, "warn"), (SELF_CARE, "ok"),
    ({**SELF_CARE, "parent.thoughts_of_harm": "yes"}, "danger")])  # the longest call
def test_the_first_screen_is_short_and_sources_are_short_citations(
    client: TestClient, answers: dict[str, str], level: str,
) -> None:
    page = client.post("/advisor", data=answers).text
    first = _Text.of(page, inside="first-screen")
    assert f"notice {level}" in page
    assert 10 < len(first.split()) < 120, first  # level, one action, what to say
    head = page.split('id="first-screen"', 1)[1].split("<details", 1)[0]
    assert "</section>" not in head  # nothing but the first screen comes before the folds
    advice = page.split('id="advice"', 1)[1].split("</section>", 1)[0]
    assert advice.count('<details class="fold"') >= 2  # causes and plan are folded
    assert 'class="cite"' in advice  # sources as short citations ...
    shown = _Text.of(advice, skip="ref")
    assert "http" not in shown  # ... with no address outside the opened reference
    assert re.search(r"<summary>[A-Z][\w'-]+ (19|20)\d\d</summary>", advice)  # "Kent 2008"
    if level != "ok":
        assert "What to say:" in first


def test_the_urgent_first_screen_names_the_most_serious_call_only(client: TestClient) -> None:
    page = client.post("/advisor", data=URGENT).text
    first = _Text.of(page, inside="first-screen")
    assert "Contact a doctor today" in first and first.count("What to say") == 1
    rest = page.split("Once you have been seen", 1)[1]
    assert "Also worth raising when you are seen" in rest  # the other reasons, folded


def test_a_normal_letdown_is_said_first_before_any_plan(client: TestClient) -> None:
    page = client.post("/advisor", data={"feeding_mode": "breastfeeding",
                                         "letdown_minutes": "1,5", "baby_age_days": "30"}).text
    first = _Text.of(page, inside="first-screen")
    assert first.split("Your advice", 1)[1].strip().startswith("Your let-down sounds normal")
    assert page.index("sounds normal") < page.index("Plan, most useful first")
    for worrying in ({"letdown_absent": "yes"}, {"letdown_minutes": "9"}, {"stress_score": "8"},
                     {"infant.wet_diapers_per_day": "2", "baby_age_days": "6"}):
        other = client.post("/advisor", data={"feeding_mode": "breastfeeding", **worrying}).text
        assert "sounds normal" not in other, worrying


@pytest.mark.browser
def test_on_a_phone_the_first_screen_fits_and_the_rest_opens(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/advisor")
    if page.locator("#short-path").count():  # saved advice: the first answers are folded
        page.locator("#short-path > summary").click()
    page.locator('input[name="feeding_mode"][value="breastfeeding"]').check()
    page.locator('input[name="short.you_mind"][value="harm"]').check()
    page.locator('input[name="stress_score"]').fill("8")
    page.get_by_role("button", name=re.compile("^(Get advice|Update my advice)$")).click()
    first = page.locator("#first-screen")
    box = first.bounding_box()
    assert page.evaluate("window.scrollY") == 0
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # seen unscrolled
    advice = page.locator("#advice")
    assert "Sources:" not in advice.inner_text()  # folded until asked for
    page.get_by_text("Plan, most useful first").click()
    assert "Sources:" in advice.inner_text()
    cite = advice.locator("details.fold[open] details.cite").first
    assert "http" not in cite.inner_text()
    cite.locator("summary").click()
    assert "https://" in cite.inner_text()  # the full reference, with where to read it


# ------------------------------------------------------------- the short path (issue 11)


def _controls(page: str) -> list[str]:
    return re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', page)


def test_the_page_asks_the_short_path_first_and_folds_the_rest(client: TestClient) -> None:
    from letdown.advisor.short_path import FIELDS, QUESTIONS

    page = client.get("/advisor").text
    form = page.split('<form method="post" action="/advisor"', 1)[1]
    assert 'data-draft="advisor"' in form.split(">", 1)[0]
    short = form.split('id="more-h"', 1)[0]
    assert 0 < short.count('class="short-q"') == len(QUESTIONS) <= 12
    assert short.index('name="feeding_mode"') < short.index("Get advice")
    for words in ("Thoughts of harming yourself", "Very sleepy, floppy", "Heavy bleeding",
                  "Your baby", "None of these"):
        assert words in short
    more = form.split('id="more-h"', 1)[1]
    assert more.count('<details class="fold more"') >= 4  # one folded part per section
    assert 'name="pump.flange_mm"' in more and 'name="tried.warmth"' in more
    names = _controls(form)
    for field in FIELDS:  # each answer is asked once, in the short path
        assert field not in _controls(more), field
    assert "infant.lethargic" not in names and "short.baby_now" in names


def test_the_short_path_alone_gives_advice(client: TestClient) -> None:
    urgent = client.post("/advisor", data={
        "feeding_mode": "breastfeeding", "baby_age_days": "20", "infant.temperature_c": "38.5",
        "short.baby_now": "none", "short.you_mind": "none"})
    assert urgent.status_code == 200
    first = _Text.of(urgent.text, inside="first-screen")
    assert "URGENT" in first.upper() and "38.5 °C" in first and "What to say" in first
    harm = client.post("/advisor", data={"feeding_mode": "pumping", "short.you_mind": "harm"})
    assert "emergency services" in _Text.of(harm.text, inside="first-screen")
    calm = client.post("/advisor", data={
        "feeding_mode": "breastfeeding", "baby_age_days": "40", "letdown_minutes": "1",
        "infant.weight_trend": "gaining_well", "short.baby_now": "none",
        "short.you_body": "none", "short.you_mind": "none", "short.substances": "none"})
    first = _Text.of(calm.text, inside="first-screen")
    assert first.split("Your advice", 1)[1].strip().startswith("Your let-down sounds normal")


def test_the_result_page_offers_tell_us_more_with_the_answers_kept(client: TestClient) -> None:
    sent = {"feeding_mode": "pumping", "letdown_minutes": "6", "short.letdown": "absent",
            "short.baby_now": "none", "stress_score": "3"}
    page = client.post("/advisor", data=sent).text
    after = page.split('id="questions-h"', 1)[1]
    assert after.startswith(">Tell us more")
    assert '<details class="fold more" id="short-path">' in after  # first answers, folded
    assert 'name="short.letdown" value="absent" checked' in after
    assert 'name="short.baby_now" value="none" checked' in after
    assert 'value="6"' in after and "Update my advice" in after
    before = _Text.of(page, inside="advice")
    refined = client.post("/advisor", data={**sent, "pump.flange_fit": "too_small"}).text
    assert _Text.of(refined, inside="advice") != before  # telling more changed the advice
    assert "flange" in _Text.of(refined, inside="advice").lower()
    again = client.get("/advisor").text  # and the saved answers come back, ticks included
    assert 'name="short.baby_now" value="none" checked' in again
    assert 'name="short.letdown" value="absent" checked' in again
    assert re.search(r'<option value="too_small" selected>', again)


def test_none_with_another_tick_is_refused_next_to_it_and_all_is_kept(
    client: TestClient,
) -> None:
    response = client.post("/advisor", data={
        "feeding_mode": "both", "stress_score": "4", "pump.flange_mm": "24",
        "short.baby_now": ["none", "sleepy"], "short.substances": "alcohol"})
    assert response.status_code == 422
    page = response.text
    assert "None of these" in field_error(page, "sq-baby_now")
    assert 'id="sq-baby_now" aria-describedby="e-sq-baby_now"' in page
    for kept in ('name="short.baby_now" value="none" checked',
                 'name="short.baby_now" value="sleepy" checked',
                 'name="short.substances" value="alcohol" checked',
                 'value="24"', 'value="4"'):
        assert kept in page, kept
    assert "Your advice" not in client.get("/advisor").text  # nothing was saved


def test_a_problem_in_a_folded_part_opens_it(client: TestClient) -> None:
    page = client.post("/advisor", data={"feeding_mode": "pumping",
                                         "pump.flange_mm": "99"}).text
    pump = page.split("<summary>Pump</summary>", 1)[0].rsplit("<details", 1)[1]
    assert " open" in pump
    assert "flange_mm" in field_error(page, "q-pump-flange_mm")


@given(st.lists(st.sampled_from(["none", "sleepy", "yellow_face", "yellow_spreading", "bogus",
                                 "", "harm", "\x00", "dry"]), max_size=5),
       st.sampled_from(["baby_now", "you_mind", "you_body", "letdown", "nothing"]))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_ticks_give_advice_or_a_clear_message(
    client: TestClient, ticks: list[str], question: str,
) -> None:
    response = client.post("/advisor", data={"feeding_mode": "both",
                                              f"short.{question}": ticks})
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert 'class="errors"' in response.text and "Traceback" not in response.text
