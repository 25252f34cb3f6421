"""Strict answers: the questionnaire refuses what it would otherwise have to guess."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from letdown.advisor import Answers
from letdown.advisor.answers_json import AnswersError, parse

TODAY = dt.date(2026, 6, 15)


def check(data: dict[str, Any]) -> Answers:
    return Answers.model_validate({"feeding_mode": "both", **data}, context={"today": TODAY})


@pytest.mark.parametrize(
    "data",
    [
        {"baby_age_days": True},
        {"baby_age_days": "21"},
        {"baby_age_days": 21.0},
        {"letdown_minutes": "4"},
        {"letdown_minutes": False},
        {"feels_cold": 1},
        {"feels_cold": "yes"},
        {"parent": {"fever_c": "38.5"}},
        {"infant": {"lethargic": 0}},
        {"pump": {"double_pumping": "false"}},
        {"infant": {"percentiles": [{"age_days": "3", "percentile": 50}]}},
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_not_converted(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        check(data)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_as_not_numbers(value: float) -> None:
    with pytest.raises(ValidationError) as info:
        check({"letdown_minutes": value})
    assert info.value.errors()[0]["type"] == "finite_number"


def test_whole_numbers_are_fine_where_a_decimal_is_allowed() -> None:
    assert check({"letdown_minutes": 4}).letdown_minutes == 4


def test_a_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(ValidationError, match="in the future"):
        check({"infant": {"birth_date": "2026-06-16"}})
    assert check({"infant": {"birth_date": "2026-06-15"}}).infant.birth_date == TODAY


def test_a_weight_dated_after_today_is_refused() -> None:
    with pytest.raises(ValidationError, match="after today"):
        check({"infant": {"birth_date": "2026-06-01", "weighed_on": "2026-06-20"}})


def test_without_a_given_today_a_future_birth_date_is_still_refused() -> None:
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    with pytest.raises(ValidationError, match="in the future"):
        Answers.model_validate({"feeding_mode": "both", "infant": {"birth_date": later}})


def test_an_impossible_weight_loss_is_refused_as_a_probable_typo() -> None:
    with pytest.raises(ValidationError, match="typo"):
        check({"infant": {"birth_weight_g": 3500, "current_weight_g": 2300}})  # 34% below
    kept = check({"infant": {"birth_weight_g": 3500, "current_weight_g": 3000}})  # 14%: graded
    assert kept.infant.current_weight_g == 3000


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["feeding_mode", "baby_age_days", "infant", "parent",
                                       "birth_date", "fever_c", "other_medicines", "q"]),
                      inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.binary(max_size=80),
    JSONISH.map(lambda v: json.dumps(v).encode()),
    st.lists(st.sampled_from(['{"feeding_mode": "both"', ', "feeding_mode": "both"', "NaN",
                              ', "x": Infinity', "}", "[", "1e999", '"\\ud800"', "\xff"]),
             max_size=6).map(lambda p: "".join(p).encode("utf-8", "surrogatepass")),
))
def test_the_json_loader_gives_answers_or_a_plain_message_never_an_exception(raw: bytes) -> None:
    try:
        answers = parse(raw, today=TODAY)
    except AnswersError as exc:
        assert exc.lines and all(line.strip() for line in exc.lines)
        assert "Traceback" not in " ".join(exc.lines)
    else:
        assert answers.feeding_mode.value in ("breastfeeding", "pumping", "both")
