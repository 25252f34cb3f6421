"""Home's banner says which record raised the red flag, and the Babies page flags it too."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.evidence import load_evidence
from letdown.journal.records import Baby, DiaperCount, InfantWeight
from letdown.web.record_flags import diaper_flag, record_flags, weight_flag


def today() -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def add_baby(client: TestClient, born: dt.date, name: str = "Ada", grams: int = 3400) -> int:
    client.post("/babies", data={"name": name, "birth_date": born.isoformat(),
                                 "birth_weight_g": str(grams)})
    return int(next(b["id"] for b in client.get("/api/v1/babies").json() if b["name"] == name))


def test_home_says_which_diaper_count_raised_the_flag_and_links_to_it(
    client: TestClient,
) -> None:
    day = today()
    baby = add_baby(client, day - dt.timedelta(days=39))
    client.post(f"/babies/{baby}/diapers", data={"date": day.isoformat(), "wet": "1",
                                                 "dirty": "3"})
    count = client.get("/api/v1/diapers").json()[0]["id"]
    page = client.get("/").text
    expected = f"1 wet diaper on {day.day} {day:%b} at 39 days old"
    assert f"Ada: {expected}." in page
    assert "at least 6 wet diapers a day" in page
    assert f'href="/babies/{baby}/diapers/{count}/edit"' in page
    assert 'href="/advisor#advice"' in page
    assert "Nommsen-Rivers 2008" in page and "Meek 2022" not in page  # the numbers' source
    # the record's link opens its edit page
    assert client.get(f"/babies/{baby}/diapers/{count}/edit").status_code == 200
    # the Babies page shows the same flag beside that count
    babies = client.get("/babies").text
    flag = re.search(rf'id="flag-diapers-{count}">(.*?)</p>', babies, re.S)
    assert flag and expected in flag.group(1)


def test_a_weight_far_below_birth_weight_is_named_with_its_date_and_loss(
    client: TestClient,
) -> None:
    day = today() - dt.timedelta(days=1)
    baby = add_baby(client, day - dt.timedelta(days=12), grams=3400)
    client.post(f"/babies/{baby}/weights", data={"date": day.isoformat(), "grams": "3000"})
    weight = client.get("/api/v1/weights").json()[0]["id"]
    page = client.get("/").text
    assert f"3000 g on {day.day} {day:%b} at 12 days old, 11.8% below the birth weight" in page
    assert f'href="/babies/{baby}/weights/{weight}/edit"' in page
    assert f'id="flag-weights-{weight}"' in client.get("/babies").text


def test_normal_records_raise_no_flag_anywhere(client: TestClient) -> None:
    day = today()
    baby = add_baby(client, day - dt.timedelta(days=39))
    client.post(f"/babies/{baby}/diapers", data={"date": day.isoformat(), "wet": "7",
                                                 "dirty": "3"})
    client.post(f"/babies/{baby}/weights", data={"date": day.isoformat(), "grams": "4300"})
    assert "Why:" not in client.get("/").text
    assert "Warning sign" not in client.get("/babies").text


def test_an_old_low_count_is_not_today_s_reason(client: TestClient) -> None:
    """The advisor reads a count as "the last 24 hours" only from today or yesterday."""
    day = today()
    baby = add_baby(client, day - dt.timedelta(days=39))
    client.post(f"/babies/{baby}/diapers",
                data={"date": (day - dt.timedelta(days=5)).isoformat(), "wet": "1", "dirty": "3"})
    assert "Why:" not in client.get("/").text


def test_twins_each_get_their_own_flag(client: TestClient) -> None:
    day = today()
    born = day - dt.timedelta(days=20)
    ada, ben = add_baby(client, born, "Ada"), add_baby(client, born, "Ben")
    client.post(f"/babies/{ada}/diapers", data={"date": day.isoformat(), "wet": "8",
                                                "dirty": "3"})
    client.post(f"/babies/{ben}/diapers", data={"date": day.isoformat(), "wet": "2",
                                                "dirty": "3"})
    page = client.get("/").text
    assert "Ben: 2 wet diapers on" in page and "Ada: 8 wet" not in page


EVIDENCE = load_evidence()
BIRTH = dt.date(2025, 6, 1)


@settings(max_examples=200, deadline=None)
@given(age=st.integers(0, 120), wet=st.integers(0, 40), dirty=st.integers(0, 40))
def test_the_diaper_flag_follows_the_evidence_thresholds(age: int, wet: int, dirty: int) -> None:
    t = EVIDENCE.red_flags["few_wet_diapers"].threshold
    count = DiaperCount(id=1, baby_id=1, date=BIRTH + dt.timedelta(days=age), wet=wet, dirty=dirty)
    baby = Baby(id=1, name="Ada", birth_date=BIRTH)
    wet_min = t["wet_from_day5"] if age >= 5 else t[f"wet_day{max(age, 1)}"]
    low_stools = 4 <= age <= t["stools_until_day"] and dirty < t["stools_from_day4"]
    hit = diaper_flag(baby, count, EVIDENCE)
    assert (hit is not None) == (wet < wet_min or low_stools)
    if hit is not None:
        assert f"at {age} day" in hit[1]


@settings(max_examples=200, deadline=None)
@given(age=st.integers(0, 120), birth=st.integers(1500, 5000), grams=st.integers(300, 8000))
def test_the_weight_flag_follows_the_evidence_thresholds(age: int, birth: int, grams: int) -> None:
    rf = EVIDENCE.red_flags
    baby = Baby(id=1, name="Ada", birth_date=BIRTH, birth_weight_g=birth)
    weight = InfantWeight(id=1, baby_id=1, date=BIRTH + dt.timedelta(days=age), grams=grams)
    loss = (birth - grams) / birth * 100
    t = rf["not_back_to_birth_weight"].threshold
    behind = loss > 0 and (age >= t["expected_by_day"] or (
        age >= t["check_from_day"] and loss >= t["behind_percent_from_check_day"]))
    over = loss > rf["weight_loss_over_10pct"].threshold["max_loss_percent"]
    hit = weight_flag(baby, weight, EVIDENCE)
    assert (hit is not None) == (over or behind)
    found = record_flags([baby], [weight], [], weight.date, EVIDENCE)
    assert len(found) == (1 if hit else 0)
