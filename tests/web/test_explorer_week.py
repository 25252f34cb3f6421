"""The explorer's week: milk per day for the chosen sessions, with the population band.

Source for the direction: Daly et al. 1996 (C34) and IOM91-MAX (training split): fewer
removals a day lower supply over the following days.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def day7(html: str) -> tuple[int, int, int, int]:
    found = re.search(r"Day 7: (\d+) mL a day \(90% of parents (\d+)–(\d+); baseline (\d+)\)",
                      html)
    assert found, html[-1500:]
    median, low, high, base = (int(g) for g in found.groups())
    return median, low, high, base


def test_explorer_shows_a_week_with_a_band(client: TestClient) -> None:
    """C31, C32: parents differ widely, so the week carries a band around the median."""
    html = client.get("/explorer").text
    assert 'id="explorer-week"' in html and 'name="sessions_per_day"' in html
    week = html[html.index('id="explorer-week"'):]
    assert "<svg" in week and "90% of parents" in week
    median, low, high, base = day7(html)
    assert low < median < high
    assert median == base  # the default settings are the baseline


def test_fewer_sessions_a_day_lower_the_week(client: TestClient) -> None:
    """C34, IOM91-MAX: three sessions a day end the week below eight."""
    part = client.get("/explorer", params={"sessions_per_day": "3", "part": "result"}).text
    median, _, _, base = day7(part)
    assert median < base


def test_sessions_a_day_out_of_range_is_refused(client: TestClient) -> None:
    """Bad input is refused with the field named (status 422)."""
    response = client.get("/explorer", params={"sessions_per_day": "40"})
    assert response.status_code == 422 and "sessions_per_day" in response.text
