"""The short path: at most 12 questions, real fields only, and every warning sign on it.

Which answers can raise the level to "see a doctor" (provider) or "urgent" on their
own is found by asking the advisor itself, field by field, with values generated from
the questionnaire model; a new warning sign added to the advisor fails here until the
short path asks it.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from tests.advisor.test_every_answer_counts import _fields

from letdown.advisor import Answers, advise, answers_schema
from letdown.advisor.short_path import (
    FIELDS,
    MAX_QUESTIONS,
    NONE_KEY,
    QUESTIONS,
    TickError,
    apply_ticks,
    by_id,
    put,
    tick_values,
    ticked_from,
)
from letdown.evidence import Level

#: Numbers that mean the same as a short-path question in words: the words are asked
#: instead (a tick never makes up a number). Each words answer must reach at least the
#: level the number reaches (checked below).
SAME_IN_WORDS = {
    "parent.pads_soaked_per_hour": ("parent.heavy_bleeding", True),
    "infant.percentiles": ("infant.weight_trend", "losing_weight"),
    "infant.gaining_well": ("infant.weight_trend", "not_gaining_well"),
}

MODES = ("breastfeeding", "pumping", "both")
AGES = (None, 0, 3, 10, 30, 120)


def _info(path: str) -> Any:
    model: type[BaseModel] = Answers
    info = None
    for part in path.split("."):
        info = model.model_fields[part]
        for arg in typing.get_args(info.annotation) or (info.annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                model = arg
    return info


def _base(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _base(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base(inner[0]) if len(inner) == 1 else annotation
    return annotation


def _grid(info: Any) -> list[Any]:
    low = high = None
    for meta in info.metadata:
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    low, high = (0 if low is None else low), (100 if high is None else high)
    return [low + (high - low) * k / 20 for k in range(21)]


def _values(info: Any) -> list[Any]:
    """Candidate answers for one field, generated from its type and bounds."""
    kind = _base(info.annotation)
    origin = typing.get_origin(kind)
    if origin is list:
        item = _base(typing.get_args(kind)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            rows: list[list[dict[str, Any]]] = [[]]
            for name, sub in item.model_fields.items():
                options = _values(sub)[:: 4]  # a few values of each part of an item
                if options:
                    rows = [[*r, {name: v}] for r in rows for v in options]
            return [[{k: v for part in r for k, v in part.items()}] for r in rows]
        return [[v] for v in _values_of_type(item)]
    if kind is bool:
        return [True, False]
    if kind in (int, float):
        grid = _grid(info)
        return [round(v) for v in grid] if kind is int else grid
    if kind is dt.date:
        return [(dt.date.today() - dt.timedelta(days=d)).isoformat() for d in (0, 3, 10, 60)]
    return _values_of_type(kind)


def _values_of_type(kind: Any) -> list[Any]:
    if typing.get_origin(kind) is typing.Literal:
        return list(typing.get_args(kind))
    members = getattr(kind, "__members__", None)
    if members:
        return [m.value for m in members.values()]
    return []


def _level(answers: dict[str, Any]) -> Level | None:
    try:
        return advise(Answers.model_validate(answers)).level
    except ValueError:
        return None


def _with(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value
    return data


def _bases() -> list[dict[str, Any]]:
    return [{"feeding_mode": m, **({"baby_age_days": a} if a is not None else {})}
            for m in MODES for a in AGES]


@cache
def worst_alone() -> dict[str, Level]:
    """Each leaf field -> the highest level it reaches alone (with any feeding mode and age)."""
    found: dict[str, Level] = {}
    for path in _fields(Answers):
        info = _info(path)
        if isinstance(_base(info.annotation), type) and issubclass(
            _base(info.annotation), BaseModel
        ):
            continue  # a part (pump, infant, parent): its fields are tried one by one
        for base in _bases():
            if path in base:
                continue
            for value in _values(info):
                level = _level(_with(base, path, value))
                if level is not None and level.rank > found.get(path, Level.SELF_CARE).rank:
                    found[path] = level
    return found


def serious_alone() -> set[str]:
    return {p for p, lv in worst_alone().items() if lv.rank >= Level.PROVIDER.rank}


def test_at_most_twelve_questions_and_only_feeding_mode_required() -> None:
    assert len(QUESTIONS) <= MAX_QUESTIONS == 12
    assert [q.id for q in QUESTIONS if q.required] == ["feeding"]
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)


def test_every_field_named_is_a_questionnaire_field() -> None:
    assert set(_fields(Answers)) >= FIELDS


def test_every_tick_value_is_allowed_by_its_field() -> None:
    for question in QUESTIONS:
        for tick in question.ticks:
            values = {tick.value} | ({tick.none_value} if tick.none_value is not None else set())
            for value in values:
                data: dict[str, Any] = {"feeding_mode": "both"}
                put(data, tick.field, value)
                Answers.model_validate(data)  # raises when the value is not allowed


def test_list_fields_are_the_ones_the_model_holds_as_lists() -> None:
    from letdown.advisor import short_path

    ticked = {t.field for q in QUESTIONS for t in q.ticks}
    lists = {f for f in ticked if typing.get_origin(_base(_info(f).annotation)) is list}
    assert lists == short_path._LIST_FIELDS


def test_the_derivation_finds_the_known_warning_signs() -> None:
    # A check on the check: these are known to need a doctor on their own.
    assert {"infant.temperature_c", "parent.thoughts_of_harm", "parent.heavy_bleeding",
            "infant.lethargic", "parent.mood", "infant.wet_diapers_per_day",
            "parent.fever_c"} <= serious_alone()
    assert "stress_score" not in serious_alone()


def test_every_warning_sign_is_reachable_from_the_short_path() -> None:
    missing = sorted(serious_alone() - FIELDS - set(SAME_IN_WORDS))
    assert not missing, f"these can need a doctor on their own but are not asked: {missing}"


@pytest.mark.parametrize("path", sorted(SAME_IN_WORDS))
def test_a_number_left_to_tell_us_more_is_asked_in_words(path: str) -> None:
    words, value = SAME_IN_WORDS[path]
    assert words in FIELDS
    reached = max(
        (_level(_with(base, words, value)) or Level.SELF_CARE for base in _bases()),
        key=lambda lv: lv.rank,
    )
    assert reached.rank >= worst_alone().get(path, Level.SELF_CARE).rank


def test_a_tick_reaches_the_same_level_as_its_field() -> None:
    # The ticks that set a warning value actually raise the level.
    sleepy = {"feeding_mode": "breastfeeding"}
    apply_ticks(sleepy, by_id("baby_now"), ["sleepy"])
    assert advise(Answers.model_validate(sleepy)).level is Level.URGENT
    harm = {"feeding_mode": "pumping"}
    apply_ticks(harm, by_id("you_mind"), ["harm"])
    assert advise(Answers.model_validate(harm)).level is Level.URGENT


def test_none_of_these_says_no_to_each_and_cannot_go_with_a_tick() -> None:
    values: dict[str, Any] = {"feeding_mode": "both"}
    apply_ticks(values, by_id("baby_now"), [NONE_KEY])
    assert values["infant"] == {"lethargic": False, "feeding_poorly": False,
                                "dehydration_signs": False, "jaundice": "none"}
    apply_ticks(values, by_id("you_body"), [NONE_KEY])
    assert values["parent"]["milk_came_in"] is True and "infection_signs" not in values["parent"]
    with pytest.raises(TickError, match="None of these"):
        tick_values(by_id("baby_now"), [NONE_KEY, "sleepy"])
    with pytest.raises(TickError, match="allowed"):
        tick_values(by_id("baby_now"), ["grumpy"])


def test_the_more_serious_of_two_ticks_on_one_choice_wins() -> None:
    values: dict[str, Any] = {}
    apply_ticks(values, by_id("baby_now"), ["yellow_spreading", "yellow_face"])
    assert values["infant"]["jaundice"] == "spreading"
    apply_ticks(values, by_id("you_mind"), ["cannot_cope", "low"])
    assert values["parent"]["mood"] == "cannot_cope"


def test_list_ticks_add_items() -> None:
    values: dict[str, Any] = {}
    apply_ticks(values, by_id("you_body"), ["wound", "peeing"])
    apply_ticks(values, by_id("substances"), ["alcohol", "nicotine"])
    assert values["parent"]["infection_signs"] == ["wound_red_or_oozing", "burning_when_peeing"]
    assert values["substances"] == ["alcohol", "nicotine"]


@given(st.data())
def test_ticks_come_back_from_the_answers_they_make(data: st.DataObject) -> None:
    question = data.draw(st.sampled_from([q for q in QUESTIONS if q.ticks]))
    keys = [t.key for t in question.ticks]
    chosen = data.draw(st.one_of(
        st.just([NONE_KEY]) if question.none_label else st.just([]),
        st.lists(st.sampled_from(keys), unique=True),
    ))
    values: dict[str, Any] = {"feeding_mode": "both"}
    apply_ticks(values, question, chosen)
    saved = Answers.model_validate(values).model_dump(mode="json")
    again: dict[str, Any] = {"feeding_mode": "both"}
    apply_ticks(again, question, ticked_from(question, saved))
    assert Answers.model_validate(again) == Answers.model_validate(values)


def test_the_schema_lists_the_short_path_with_fields_and_ticks() -> None:
    entry = answers_schema()["x-short-path"]
    assert len(entry) == len(QUESTIONS) <= 12
    named = {n["field"] for q in entry for n in q.get("numbers", [])}
    named |= {q["field"] for q in entry if "field" in q}
    named |= {t["field"] for q in entry for t in q.get("ticks", [])}
    assert named == FIELDS
    harm = next(t for q in entry for t in q.get("ticks", []) if t["key"] == "harm")
    assert harm == {"key": "harm", "label": harm["label"], "field": "parent.thoughts_of_harm",
                    "value": True, "none_value": False}
    wound = next(t for q in entry for t in q.get("ticks", []) if t["key"] == "wound")
    assert wound["adds_to_list"] is True and wound["value"] == "wound_red_or_oozing"
    assert entry[0]["required"] is True and entry[0]["field"] == "feeding_mode"
    assert "x-short-path" in answers_schema()["description"]
