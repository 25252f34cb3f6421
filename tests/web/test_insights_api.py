"""The insights and experiments API: strict bodies, 4xx with reasons, nothing written."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def fill(client: TestClient, n: int = 40, seed: int = 2) -> None:
    """``n`` pump sessions over the last days; warm compress takes a third off the time."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    for k in range(n):
        warm = rng.random() < 0.5
        at = math.exp(math.log(120) + 0.4 * rng.gauss(0, 1) - (0.4 if warm else 0.0))
        start = now - dt.timedelta(hours=4 * (n - k) + 1)
        body = {"kind": "pump", "sides": "left", "start": start.isoformat(),
                "end": (start + dt.timedelta(minutes=20)).isoformat(),
                "letdowns": [{"side": "left", "at_s": round(at, 1)}],
                "volume_left_ml": 40, "techniques": ["warm_compress"] if warm else []}
        assert client.post("/api/v1/sessions", json=body).status_code == 201


def test_insights_in_words_and_numbers_and_the_plot(client: TestClient) -> None:
    empty = client.get("/api/v1/insights").json()
    assert empty["sessions"] == 0 and empty["factors"] == []
    assert empty["summary"].startswith("No sessions recorded yet")
    assert client.get("/api/v1/insights/plot.svg").status_code == 404
    fill(client)
    found = client.get("/api/v1/insights").json()
    warm = next(f for f in found["factors"] if f["key"] == "technique:warm_compress")
    assert warm["verdict"] == "helps" and warm["words"].startswith("Warm compress: about")
    assert warm["time"]["unit"] == "s" and warm["time"]["change"] < 0
    plot = client.get("/api/v1/insights/plot.svg")
    assert plot.status_code == 200 and plot.headers["content-type"] == "image/svg+xml"
    assert plot.text.startswith("<svg")
    assert client.get("/api/v1/insights", params={"days": 0}).status_code == 422


def test_an_experiment_from_start_to_stop(client: TestClient) -> None:
    assert client.get("/api/v1/experiments/current").json() is None
    started = client.post("/api/v1/experiments",
                          json={"target": "massage", "sessions": 8, "seed": 7})
    assert started.status_code == 201, started.text
    body = started.json()
    assert body["plan"] == "01101001" and body["state"] == "running" and body["done"] == 0
    assert body["next"] == "Experiment, session 1 of 8: no massage this time (the plan says off)."
    again = client.post("/api/v1/experiments", json={"target": "music"})
    assert again.status_code == 409 and "already running (massage" in again.json()["detail"]
    stopped = client.post("/api/v1/experiments/current/stop")
    assert stopped.status_code == 200 and stopped.json()["state"] == "stopped"
    assert client.post("/api/v1/experiments/current/stop").status_code == 404
    assert client.get("/api/v1/experiments/current").json()["state"] == "stopped"


BAD_BODIES: list[tuple[dict[str, Any], int, str]] = [
    ({"target": "warm compress"}, 422, "not something to test"),
    ({"target": "other"}, 422, "too vague"),
    ({"target": "flange_mm=99"}, 422, "allowed: 10 to 40"),
    ({"target": "music", "sessions": 10}, 422, "not a whole number of blocks of 4"),
    ({"target": "music", "sessions": "12"}, 422, "sessions"),
    ({"target": "music", "colour": "blue"}, 422, "colour"),
    ({"target": "music", "block": 3}, 422, "block"),
    ({}, 422, "target"),
]


def test_bad_bodies_are_refused_with_the_reason_and_nothing_is_written(
        client: TestClient) -> None:
    for body, status, words in BAD_BODIES:
        response = client.post("/api/v1/experiments", json=body)
        assert response.status_code == status, (body, response.text)
        assert words in response.text, (body, response.text)
    assert client.get("/api/v1/experiments/current").json() is None


BODIES = st.one_of(
    st.dictionaries(st.sampled_from(["target", "sessions", "block", "seed", "x"]),
                    st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40),
                              st.floats(allow_nan=False, allow_infinity=False),
                              st.text(max_size=40),
                              st.sampled_from(["music", "cycle=fast", "suction_mmhg=500",
                                               "flange_mm=24", "pump:", "massage"])),
                    max_size=4),
    st.lists(st.integers(), max_size=2), st.text(max_size=10))


def test_generated_bodies_get_201_or_a_4xx_never_a_500(client: TestClient) -> None:
    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(body=BODIES)
    def post(body: Any) -> None:
        response = client.post("/api/v1/experiments", json=body)
        assert response.status_code in (201, 422), (body, response.text)
        current = client.get("/api/v1/experiments/current").json()
        if response.status_code == 201:
            assert current is not None and current["state"] == "running"
            assert client.post("/api/v1/experiments/current/stop").status_code == 200
        else:  # nothing started
            assert current is None or current["state"] != "running", (body, response.text)

    post()
