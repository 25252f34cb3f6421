"""The Insights page: words first, the plot, an experiment started and stopped from a form,
and the guided session showing this session's assignment."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.test_insights_api import fill


def test_the_page_before_and_after_sessions(client: TestClient) -> None:
    empty = client.get("/insights")
    assert empty.status_code == 200
    assert "No sessions recorded yet" in empty.text and "forest" not in empty.text.lower()
    fill(client)
    page = client.get("/insights").text
    assert "What your sessions say" in page
    first = re.search(r'<li class="verdict-([a-z-]+)">\s*(?:<strong>)?([^<]+)', page)
    assert first is not None and first.group(1) == "helps"
    assert first.group(2).startswith("Warm compress: about")
    assert 'src="/api/v1/insights/plot.svg"' in page
    assert 'href="/insights"' in client.get("/history").text
    assert 'href="/insights"' in client.get("/").text  # reachable from Home


def test_start_an_experiment_see_it_in_the_guided_session_and_stop_it(
        client: TestClient) -> None:
    started = client.post("/insights/experiment", data={"target": "music", "sessions": "8"},
                          follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/insights?started=1"
    page = client.get("/insights?started=1").text
    assert "Experiment started" in page and "Your experiment" in page
    assert "Experiment, session 1 of 8: " in page
    plan = client.get("/api/v1/experiments/current").json()["plan"]
    guided = client.get("/session/guided?kind=pump&sides=both").text
    said = re.search(r'id="experiment-assignment".*?aria-hidden="true">([^<]+)</span>'
                     r'<span class="visually-hidden">([^<]+)</span>', guided, re.S)
    assert said is not None
    on = plan[0] == "1"
    assert said.group(1) == ("Test: music" if on else "Test: no music")
    assert said.group(2) == ("Experiment, session 1 of 8: " + (
        "use music this time." if on else "no music this time (the plan says off)."))
    stopped = client.post("/insights/experiment", data={"do": "stop"}, follow_redirects=False)
    assert stopped.status_code == 303
    assert "Stopped after 0 of 8 sessions." in client.get("/insights?stopped=1").text
    assert 'id="experiment-assignment"' not in client.get("/session/guided").text


def test_a_pump_setting_is_shown_only_for_pump_sessions(client: TestClient) -> None:
    client.post("/insights/experiment", data={"target": "pump", "setting": "flange_mm=27",
                                              "sessions": "12"})
    assert "flange 27 mm" in client.get("/session/guided?kind=pump").text
    assert 'id="experiment-assignment"' not in client.get(
        "/session/guided?kind=breastfeed&sides=left").text


def test_bad_input_shows_the_reason_keeps_what_was_typed_and_writes_nothing(
        client: TestClient) -> None:
    for data, words in [
        ({"target": "pump", "setting": "flange_mm=99", "sessions": "12"}, "allowed: 10 to 40"),
        ({"target": "pump", "setting": "", "sessions": "12"}, "not something to test"),
        ({"target": "music", "sessions": "7"}, "choose how many sessions"),
        ({"target": "nonsense", "sessions": "12"}, "not something to test"),
    ]:
        response = client.post("/insights/experiment", data=data)
        assert response.status_code == 422, data
        assert words in response.text
        if data.get("setting"):
            assert f'value="{data["setting"]}"' in response.text
    assert client.get("/api/v1/experiments/current").json() is None
