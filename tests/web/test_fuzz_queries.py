"""No query string or address makes any GET route fail (500) or show a traceback.

Every GET route of the app (pages and JSON API) is found in its routing table; each
gets generated query strings made from the parameters it reads (its own, and the
fields of the GET forms on its page) plus random keys, with hostile values: 20-digit
and 400-digit numbers, negatives, floats, dates in year 1 and 9999, unicode, empty
and very long text, repeated keys. Path parameters get the same treatment
(``/sessions/<huge>``, ``/babies/1/weights/<huge>/edit``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.fuzzing import (
    OVERFLOWS,
    TRACEBACK,
    concrete_paths,
    forms_of,
    hostile_values,
    page_routes,
    post_paths,
    seeded_client,
    snapshot,
)

ROUTES = page_routes()
PATH_VALUES = ("99999999999999999999", "9" * 400, "-1", "0", "1", "2", "abc", "1.5", "%00",
               "weights", "diapers", "baby", "é", "..", "0x1")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with seeded_client(tmp_path_factory.mktemp("fuzz-queries") / "data") as seeded:
        yield seeded


def _query_params(dependant: Dependant) -> set[str]:
    """Query parameter names read by a route and its dependencies."""
    found = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        found |= _query_params(sub)
    return found


def _names(client: TestClient, route: APIRoute,
           paths: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The query parameters the route reads, and choices offered for them on its page."""
    names = _query_params(route.dependant)
    choices: dict[str, list[str]] = {}
    for path in paths[:1]:
        page = client.get(path)
        for form in forms_of(path, page.text) if "html" in page.headers.get(
                "content-type", "") else []:
            if form.method == "GET" and form.action.split("?")[0] == path:
                for control in form.controls:
                    names.add(control.name)
                    choices.setdefault(control.name, []).extend(
                        [*control.options, control.value])
    return sorted(names), choices


def _path(path: str, route: APIRoute, draw: st.DataObject, seeded: list[str]) -> str:
    if seeded and draw.draw(st.booleans(), label="seeded page"):
        return draw.draw(st.sampled_from(seeded), label="path")
    for name in route.param_convertors:
        value = draw.draw(st.one_of(st.sampled_from(PATH_VALUES), st.text(min_size=1,
                                                                          max_size=20)),
                          label=name)
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


@pytest.mark.parametrize(("path", "route"), ROUTES, ids=[p for p, _ in ROUTES])
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(draw=st.data())
def test_no_query_string_makes_a_get_route_fail(
    client: TestClient, path: str, route: APIRoute, draw: st.DataObject
) -> None:
    seeded = concrete_paths(path)
    names, choices = _names(client, route, seeded)

    def value_for(name: str) -> st.SearchStrategy[str]:
        offered = [c for c in choices.get(name, []) if c]
        return st.sampled_from(offered) | hostile_values() if offered else hostile_values()

    keys = draw.draw(st.lists(st.sampled_from(names) | st.text(max_size=12), max_size=6)
                     if names else st.lists(st.text(max_size=12), max_size=3), label="keys")
    pairs = [(key, draw.draw(value_for(key), label=key)) for key in keys]
    url = _path(path, route, draw, seeded) + ("?" + urlencode(pairs) if pairs else "")
    response = client.get(url)
    assert response.status_code < 500, f"{url}: {response.status_code} {response.text[:300]}"
    assert TRACEBACK not in response.text, url


@pytest.mark.parametrize(("path", "route"), ROUTES, ids=[p for p, _ in ROUTES])
def test_each_parameter_survives_every_overflowing_value(
    client: TestClient, path: str, route: APIRoute
) -> None:
    """Systematically, not by chance: each parameter a route reads, alone, set to each
    value likeliest to overflow a column or a date (``/history?baby=<20 digits>``)."""
    seeded = concrete_paths(path)
    if not seeded:
        return
    names, _ = _names(client, route, seeded)
    for name in names:
        for value in OVERFLOWS:
            url = f"{seeded[0]}?{urlencode({name: value})}"
            response = client.get(url)
            assert response.status_code < 500, f"{url}: {response.text[:300]}"
            assert TRACEBACK not in response.text, url


@pytest.mark.parametrize("url", [
    "/history?baby=99999999999999999999", "/history?until=9999-12-31",
    "/history?since=0001-01-01", "/api/v1/sessions?baby_id=99999999999999999999",
    "/api/v1/weights?baby_id=99999999999999999999",
    "/api/v1/diapers?baby_id=99999999999999999999",
    "/api/v1/sessions?since=0001-01-01T00:00:00%2B14:00",
    "/api/v1/sessions?until=9999-12-31T23:59:59-14:00",
    "/sessions/99999999999999999999", "/babies/1/weights/99999999999999999999/edit",
])
def test_addresses_that_once_failed_now_say_why(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code < 500, f"{url}: {response.text[:300]}"
    assert TRACEBACK not in response.text


@pytest.mark.parametrize("path", post_paths())
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(draw=st.data())
def test_no_address_makes_a_form_post_fail_or_change_data(
    client: TestClient, path: str, draw: st.DataObject
) -> None:
    """Posting to a page address with hostile path parts (``/sessions/<huge>/delete``)
    answers 4xx and changes nothing."""
    url = path
    for name in re.findall(r"\{([a-z_]+)\}", path):
        value = draw.draw(st.sampled_from(PATH_VALUES) | st.text(min_size=1, max_size=20),
                          label=name)
        url = url.replace("{" + name + "}", quote(value, safe=""))
    if url in concrete_paths(path):
        return  # a real record: the form fuzz covers it
    before = snapshot(client)
    response = client.post(url, data={"date": "2024-02-02", "grams": "4100", "name": "Di"},
                           follow_redirects=False)
    assert response.status_code < 500, f"{url}: {response.text[:300]}"
    assert TRACEBACK not in response.text, url
    if response.status_code != 303:
        assert snapshot(client) == before, url
