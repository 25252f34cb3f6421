"""The explorer offers the nipple shield, massage and when the warm compress is used."""

from __future__ import annotations

from fastapi.testclient import TestClient


def volume(client: TestClient, **params: str) -> float:
    response = client.post("/api/v1/simulate", params={"series": "false"}, json=params)
    assert response.status_code == 200, response.text
    return float(response.json()["metrics"]["volume_ml"])


def test_explorer_page_offers_shield_massage_and_warmth_timing(client: TestClient) -> None:
    page = client.get("/explorer").text
    assert 'name="nipple_shield"' in page and 'name="massage"' in page
    assert 'name="warmth_timing"' in page
    shielded = client.get("/explorer", params={"nipple_shield": "fitted", "part": "result"})
    assert shielded.status_code == 200


def test_shield_lowers_and_massage_raises_the_milk_removed(client: TestClient) -> None:
    plain = volume(client)
    assert volume(client, nipple_shield="fitted") < 0.9 * plain
    assert volume(client, massage="true") > 1.1 * plain
    assert volume(client, warmth="true", warmth_timing="both") > volume(
        client, warmth="true", warmth_timing="before")


def test_bad_explorer_values_name_the_field(client: TestClient) -> None:
    bad = client.post("/api/v1/simulate", json={"nipple_shield": "huge"})
    assert bad.status_code == 422 and "nipple_shield" in bad.json()["detail"]
    page = client.get("/explorer", params={"warmth_timing": "after"})
    assert page.status_code == 422 and "warmth_timing" in page.text
