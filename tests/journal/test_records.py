"""Validation of journal records: bad values are refused, naming the field and the range."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from journal.helpers import AN_HOUR_AGO, make_session, make_tandem
from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    Session,
    Side,
    describe_errors,
)


def errors_for(**overrides: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        make_session(**overrides)
    return describe_errors(caught.value, Session)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"volume_left_ml": -5}, "volume_left_ml: Input should be greater than or equal to 0 "
         "(allowed: 0 to 1000)"),
        ({"pain": 14}, "pain: Input should be less than or equal to 10 (allowed: 0 to 10)"),
        ({"stress": -1},
         "stress: Input should be greater than or equal to 0 (allowed: 0 to 10)"),
        ({"sides": "middle"}, "sides: Input should be 'left', 'right' or 'both'"),
        ({"flange_mm": "wide"}, "flange_mm: Input should be a valid number"),
        ({"end": AN_HOUR_AGO - dt.timedelta(minutes=1)}, "end must be after start"),
        ({"start": dt.datetime.now(dt.UTC) + dt.timedelta(days=1),
          "end": dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=5)},
         "start is in the future; allowed: now or earlier"),
        ({"start": AN_HOUR_AGO - dt.timedelta(hours=8)}, "end is more than 6 hours after start"),
        ({"letdowns": [{"side": "left", "at_s": 5000}]},
         "left let-down at 1:23:20 is after the end of the session; allowed: a time from "
         "0:00 to 20:00 (the session's length)"),
        ({"sides": "left", "side_mode": None}, "letdowns: a right let-down, but sides is left"),
        ({"kind": "breastfeed"}, "pump_name is only for kind=pump"),
        ({"alcohol_hours_before": 2}, "alcohol_hours_before needs alcohol_drinks above 0"),
        ({"techniques": ["dancing"]}, "techniques.0: Input should be 'warm_compress'"),
        ({"colour": "blue"}, "colour: Extra inputs are not permitted"),
    ],
)
def test_bad_session_values_are_refused_naming_field(
    overrides: dict[str, Any], expected: str
) -> None:
    assert any(expected in line for line in errors_for(**overrides)), errors_for(**overrides)


def test_naive_times_are_refused() -> None:
    assert any("start" in line and "timezone" in line
               for line in errors_for(start=dt.datetime(2026, 1, 1, 3, 0)))


def test_times_are_normalised_to_utc() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    session = make_session(start=dt.datetime(2026, 1, 5, 3, 0, tzinfo=paris),
                           end=dt.datetime(2026, 1, 5, 3, 25, tzinfo=paris))
    assert session.start == dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC)
    assert session.start.utcoffset() == dt.timedelta(0)


def test_first_letdown_per_side_and_overall() -> None:
    session = make_session(letdowns=[
        {"side": "left", "at_s": 400}, {"side": "left", "at_s": 150},
        {"side": "right", "at_s": 95.5},
    ])
    assert session.first_letdown_s() == 95.5
    assert session.first_letdown_s(Side.left) == 150
    assert [e.at_s for e in session.letdowns] == [95.5, 150, 400]
    assert session.total_volume_ml == 83.5
    assert session.duration_s == 1200


def test_a_minimal_breastfeed_needs_only_kind_sides_and_times() -> None:
    session = Session(kind="breastfeed", sides="left", start=AN_HOUR_AGO,
                      end=AN_HOUR_AGO + dt.timedelta(minutes=15))
    assert session.letdowns == [] and session.first_letdown_s() is None
    assert session.total_volume_ml is None


def test_other_records_check_their_ranges() -> None:
    with pytest.raises(ValidationError, match="birth_weight_g"):
        Baby(name="Ada", birth_date=dt.date(2026, 10, 1), birth_weight_g=90)
    with pytest.raises(ValidationError, match="in the future"):
        Baby(name="Ada", birth_date=dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="grams"):
        InfantWeight(baby_id=1, date=dt.date.today(), grams=-3)
    with pytest.raises(ValidationError, match="wet"):
        DiaperCount(baby_id=1, date=dt.date.today(), wet=-1, dirty=0)


def test_implausibly_old_times_are_refused_with_a_reason() -> None:
    five_hours_ahead = dt.timezone(dt.timedelta(hours=5))
    ancient = dt.datetime(1, 1, 1, tzinfo=five_hours_ahead)  # would overflow in UTC
    assert "start: is before 1900; allowed: 1900 or later" in errors_for(
        start=ancient, end=ancient + dt.timedelta(minutes=5))
    with pytest.raises(ValidationError, match=r"birth_date\n.*is before 1900"):
        Baby(name="Ada", birth_date=dt.date(1850, 1, 1))


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"baby_id": None}, "tandem_baby_id: needs baby_id too"),
        ({"tandem_baby_id": 1}, "tandem_baby_id: must be a different baby from baby_id"),
        ({"kind": "hand_expression"}, "tandem_baby_id: only for kind=breastfeed with "
         "sides=both (kind is hand_expression, sides is both)"),
        ({"sides": "left", "side_mode": None,
          "letdowns": []}, "tandem_baby_id: only for kind=breastfeed with sides=both"),
    ],
)
def test_a_tandem_twin_needs_a_first_twin_and_both_breasts(
    overrides: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        make_tandem(**({"baby_id": 1, "tandem_baby_id": 2} | overrides))
    assert any(expected in line for line in describe_errors(caught.value, Session))


def test_twins_fed_together_and_older_sessions_without_a_second_baby_are_valid() -> None:
    assert make_tandem(1, 2).tandem_baby_id == 2
    assert make_session().tandem_baby_id is None


@given(length=st.floats(min_value=0.001, max_value=6 * 3600),
       past=st.floats(min_value=1e-6, max_value=6 * 3600))
def test_a_letdown_after_the_end_reads_later_than_the_end_in_minutes_and_seconds(
    length: float, past: float
) -> None:
    """Whatever the session's length and however little the let-down is past its end, the
    message gives both in minutes:seconds, the let-down shown later than the end."""
    import re

    length = dt.timedelta(seconds=length).total_seconds()  # as a datetime holds it
    at = min(length + past, 6 * 3600)
    if at <= length:
        return
    start = AN_HOUR_AGO - dt.timedelta(hours=6)
    message = " ".join(errors_for(start=start, end=start + dt.timedelta(seconds=length),
                                  letdowns=[{"side": "left", "at_s": at}]))
    found = re.search(r"let-down at ([\d:]+) is after the end of the session; allowed: a time "
                      r"from 0:00 to ([\d:]+) \(the session's length\)", message)
    assert found, message

    def secs(text: str) -> int:
        return sum(int(p) * 60**i for i, p in enumerate(reversed(text.split(":"))))
    assert secs(found.group(1)) > secs(found.group(2)) == int(length)
    assert not re.search(r"\d s\b|\d\.\d", message), message
