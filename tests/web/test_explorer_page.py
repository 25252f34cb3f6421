"""The reflex explorer page and the simulate endpoint."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def first_ejection(html: str) -> float:
    found = re.search(r"Time to first ejection</span>\s*<span class=\"value\">([\d.]+) s", html)
    assert found, html[:500]
    return float(found.group(1))


def test_explorer_shows_traces_and_responds_to_stress(client: TestClient) -> None:
    calm = client.get("/explorer").text
    assert 'type="range"' in calm and "<svg" in calm and 'role="img"' in calm
    stressed = client.get("/explorer", params={"stress": "7", "part": "result"}).text
    assert "<form" not in stressed  # only the result part, for the page's script
    assert first_ejection(stressed) > first_ejection(calm)


def test_explorer_refuses_out_of_range_values(client: TestClient) -> None:
    response = client.get("/explorer", params={"vacuum_mmhg": "900"})
    assert response.status_code == 422 and "vacuum_mmhg" in response.text


def test_simulate_endpoint(client: TestClient) -> None:
    response = client.post("/api/v1/simulate", params={"series": "false"},
                           json={"stress": 2, "warmth": True})
    assert response.status_code == 200
    body = response.json()
    assert body["metrics"]["ejections"] >= 1 and "t" not in body
    bad = client.post("/api/v1/simulate", json={"flange_fit": "tiny"})
    assert bad.status_code == 422 and "flange_fit" in bad.json()["detail"]
