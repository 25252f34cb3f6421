"""Schedules over days: a bad schedule names the key, says what is allowed, and nothing runs.

Sources for the allowed ranges: the drugs' largest daily doses in prescribing information
(``schedule.MAX_DAILY_MG``); a day has 24 hours.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.reflex.scenario import ScenarioError
from letdown.reflex.schedule import WeekSchedule, from_dict, is_schedule, load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "schedules"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_every_example_schedule_is_valid(path: Path) -> None:
    """The examples shipped with the project load as they are."""
    assert load(str(path)).days >= 1


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        ({"dayz": 7}, r"dayz: unknown key"),
        ({"days": 0}, r"days: .*greater than or equal to 1"),
        ({"times_h": [0, 24]}, r"within the day"),
        ({"times_h": [6, 3]}, r"times must increase"),
        ({"times_h": [0, 0.1], "session": {"duration_min": 30}}, r"overlap"),
        ({"times_h": [0], "sessions_per_day": 3}, r"not both"),
        ({"session": {"kind": "none"}}, r"allowed: breastfeed, pump, hand"),
        ({"drugs": [{"name": "domperidone", "mg_per_day": 500}]}, r"at most 80"),
        ({"drugs": [{"name": "aspirin", "mg_per_day": 5}]}, r"drugs\.0\.name"),
        ({"drugs": [{"name": "cabergoline", "mg_per_day": 1, "from_day": 9}]},
         r"within the schedule \(1 to 7\)"),
        ({"state": {"pseudoephedrine_mg": 60}}, r"under \[\[drugs\]\]"),
        ({"periods": [{"from_day": 3, "to_day": 9}]}, r"after the last day"),
        ({"periods": [{"from_day": 1, "to_day": 3}, {"from_day": 3, "to_day": 4}]},
         r"periods overlap"),
        ({"periods": [{"from_day": 4, "to_day": 2}]}, r"to_day: .*before from_day"),
    ],
)
def test_bad_schedule_names_the_key(data: dict[str, Any], pattern: str) -> None:
    """Each mistake a parent could make in a schedule file gets its own clear message."""
    with pytest.raises(ScenarioError, match=pattern):
        from_dict({"days": 7, **data})


def test_plan_and_doses_follow_periods_and_drug_days() -> None:
    """Periods change the sessions on their days only; drugs count on their days only."""
    s = from_dict({
        "days": 5, "sessions_per_day": 4,
        "periods": [{"from_day": 2, "to_day": 3, "times_h": [1, 7], "session": {
            "kind": "hand"}}],
        "drugs": [{"name": "domperidone", "mg_per_day": 30, "from_day": 3}],
    })
    assert s.plan(1) == ((0.0, 6.0, 12.0, 18.0), s.session)
    times, session = s.plan(2)
    assert times == (1.0, 7.0) and session.kind == "hand"
    assert s.plan(4)[1].kind == "pump"
    assert [s.doses(d)["domperidone"] for d in range(1, 6)] == [0, 0, 30, 30, 30]


def test_a_schedule_file_is_told_apart_from_a_scenario() -> None:
    """``letdown simulate`` reads a file with schedule keys as a schedule."""
    assert is_schedule({"days": 3})
    assert not is_schedule({"session": {"kind": "pump"}})


_keys = st.sampled_from([
    "days", "start_day", "times_h", "sessions_per_day", "session", "state", "drugs",
    "periods", "name", "kind", "duration_min", "mg_per_day", "from_day", "to_day",
    "sides", "stress", "x", "gestation_weeks", "more_sessions",
])
_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=8), st.sampled_from(["pump", "hand", "domperidone", "both"]),
)
_values = st.recursive(
    _leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(_keys, _values, max_size=6))
def test_generated_schedules_never_raise_anything_but_a_clear_error(
    data: dict[str, Any],
) -> None:
    """Whatever the file holds, validation ends in a schedule or a ScenarioError whose
    lines each name a key; never another exception."""
    try:
        s = from_dict(data)
    except ScenarioError as error:
        lines = str(error).splitlines()
        assert lines[0] == "invalid schedule:"
        assert all(": " in line for line in lines[1:])
        return
    assert isinstance(s, WeekSchedule)
    for day in range(1, s.days + 1):
        times, _ = s.plan(day)
        assert all(0 <= t < 24 for t in times)


@settings(max_examples=40, deadline=None)
@given(
    per_day=st.integers(1, 24),
    minutes=st.floats(1, 90),
    kind=st.sampled_from(["pump", "breastfeed", "hand"]),
)
def test_generated_valid_looking_days_validate_or_explain_overlap(
    per_day: int, minutes: float, kind: str
) -> None:
    """Evenly spaced sessions fit exactly when they do not overlap; otherwise the message
    says so."""
    data = {"sessions_per_day": per_day, "session": {"kind": kind, "duration_min": minutes}}
    if minutes / 60.0 <= 24.0 / per_day:
        assert from_dict(data).plan(1)[0][0] == 0.0
    else:
        with pytest.raises(ScenarioError, match="overlap"):
            from_dict(data)
