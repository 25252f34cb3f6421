"""POST /api/v1/advise reads its body as strictly as `letdown advise --answers`.

JSON parsers keep the last of two equal keys, so a client that sends a question twice
would get advice on one answer without being told; NaN and Infinity are not numbers
anyone measured. Each is a 422 with the reason, generated rather than listed.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEADERS = {"content-type": "application/json"}
QUESTIONS = ["stress_score", "pain_score", "baby_age_days", "feels_rushed", "feeding_mode"]
VALUES = st.one_of(st.integers(0, 10), st.booleans(), st.sampled_from(["pumping", "both"]))


def _object(pairs: list[tuple[str, object]]) -> str:
    """A JSON object written pair by pair, so a key can appear twice."""
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(QUESTIONS), first=VALUES, second=VALUES,
       nested=st.booleans())
def test_a_question_given_twice_is_refused(
    client: TestClient, key: str, first: object, second: object, nested: bool
) -> None:
    pairs = [("feeding_mode", "pumping"), (key, first), (key, second)]
    if key == "feeding_mode":
        pairs = [*pairs[1:], ("stress_score", 3)]
    body = _object(pairs)
    if nested:
        body = _object([("feeding_mode", "pumping")])[:-1] + ', "parent": {"chills": true, ' \
            '"chills": false}}'
        key = "chills"
    answer = client.post("/api/v1/advise", content=body, headers=HEADERS)
    assert answer.status_code == 422, answer.text
    assert f"'{key}' twice" in answer.json()["detail"]


def test_nan_and_infinity_are_refused_with_the_right_message(client: TestClient) -> None:
    for constant in ("NaN", "Infinity", "-Infinity"):
        body = '{"feeding_mode": "pumping", "stress_score": ' + constant + "}"
        answer = client.post("/api/v1/advise", content=body, headers=HEADERS)
        assert answer.status_code == 422
        assert "not a number" in answer.json()["detail"]


def test_a_single_answer_of_each_question_is_still_advised(client: TestClient) -> None:
    body = _object([("feeding_mode", "pumping"), ("stress_score", 8)])
    answer = client.post("/api/v1/advise", content=body, headers=HEADERS)
    assert answer.status_code == 200 and answer.json()["level"] == "self_care"


def test_the_wrong_kind_of_value_is_refused(client: TestClient) -> None:
    for bad in ('"21"', "true"):
        body = '{"feeding_mode": "pumping", "baby_age_days": ' + bad + "}"
        answer = client.post("/api/v1/advise", content=body, headers=HEADERS)
        assert answer.status_code == 422 and "baby_age_days" in answer.text
