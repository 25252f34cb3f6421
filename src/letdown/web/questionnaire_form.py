"""The advisor's questionnaire as an HTML form, generated from its pydantic model.

The form is built from ``letdown.advisor.Answers`` itself (field types, bounds,
allowed values and descriptions), so the page always asks exactly what the
advisor understands, and its answers are validated by the same model as
``letdown advise --answers``. Yes/no questions have a third choice, "not
sure", which leaves the answer out rather than guessing.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from letdown.web.forms import FormData, errors_next_to, field_of


@dataclass(frozen=True)
class Question:
    """One form control: a dotted field name, its label and how it is asked."""

    name: str
    label: str
    kind: str  # bool, number, choice, multi, text_list, date, tried
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    integer: bool = False
    outcomes: tuple[str, ...] = ()


@dataclass
class Section:
    """A group of questions shown under one heading."""

    title: str
    questions: list[Question] = field(default_factory=list)


SECTION_TITLES = {"": "The let-down", "pump": "Pump", "infant": "Your baby", "parent": "You"}
SKIPPED = {"percentiles", "weighed_at_age_days"}  # asked better elsewhere than in a phone form


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X``; ``Annotated[X, ...]`` -> ``X``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(inner) == 1:
            return _unwrap(inner[0])
    return annotation


def _choices(annotation: Any) -> tuple[str, ...] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(str(m.value) for m in annotation)
    return None


def _bounds(info: Any) -> tuple[float | None, float | None]:
    low = high = None
    for meta in info.metadata:
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    return low, high


def sections(model: type[BaseModel]) -> list[Section]:
    """The questions of ``model``, top-level ones first, then one section per nested part."""
    import datetime as dt

    found = {"": Section(SECTION_TITLES[""])}
    tried: Question | None = None

    def walk(current: type[BaseModel], prefix: str) -> None:
        nonlocal tried
        for name, info in current.model_fields.items():
            if name in SKIPPED:
                continue
            annotation = _unwrap(info.annotation)
            label = (info.description or name.replace("_", " ")).rstrip()
            dotted = f"{prefix}{name}"
            section = found.setdefault(prefix.rstrip("."), Section(
                SECTION_TITLES.get(prefix.rstrip("."), prefix.rstrip(".").title())))
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation, f"{dotted}.")
                continue
            origin = typing.get_origin(annotation)
            if origin is list:
                item = _unwrap(typing.get_args(annotation)[0])
                if isinstance(item, type) and issubclass(item, BaseModel):
                    if "technique" in item.model_fields and "outcome" in item.model_fields:
                        tech = _choices(_unwrap(item.model_fields["technique"].annotation))
                        outcomes = _choices(_unwrap(item.model_fields["outcome"].annotation))
                        tried = Question(dotted, label, "tried", tuple(tech or ()),
                                         outcomes=tuple(outcomes or ()))
                    continue
                options = _choices(item)
                if options:
                    section.questions.append(Question(dotted, label, "multi", options))
                else:
                    section.questions.append(Question(dotted, label, "text_list"))
                continue
            options = _choices(annotation)
            if options:
                section.questions.append(Question(dotted, label, "choice", options))
            elif annotation is bool:
                section.questions.append(Question(dotted, label, "bool"))
            elif annotation in (int, float):
                low, high = _bounds(info)
                section.questions.append(
                    Question(dotted, label, "number", low=low, high=high,
                             integer=annotation is int)
                )
            elif annotation is dt.date:
                section.questions.append(Question(dotted, label, "date"))
            else:
                section.questions.append(Question(dotted, label, "text_list"))

    walk(model, "")
    result = [s for s in found.values() if s.questions]
    if tried is not None:
        result.append(Section("What you have tried", [tried]))
    return result


def more_sections(model: type[BaseModel]) -> list[Section]:
    """The "Tell us more" parts: every question the short path does not already ask."""
    from letdown.advisor.short_path import FIELDS

    kept = [Section(s.title, [q for q in s.questions if q.name not in FIELDS])
            for s in sections(model)]
    return [s for s in kept if s.questions]


def number_bounds(model: type[BaseModel]) -> dict[str, Question]:
    """Each number question by field name (its bounds, for the short path's inputs)."""
    return {q.name: q for s in sections(model) for q in s.questions if q.kind == "number"}


def read_answers(form: FormData, model: type[BaseModel]) -> dict[str, Any]:
    """Nested answer values from the form; blanks and "not sure" are left out."""
    values: dict[str, Any] = {}

    def put(dotted: str, value: Any) -> None:
        parts = dotted.split(".")
        target = values
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value

    for section in sections(model):
        for question in section.questions:
            name = question.name
            if question.kind == "bool":
                text = form.get(name)
                if text in ("yes", "no"):
                    put(name, text == "yes")
            elif question.kind == "multi":
                chosen = form.getall(name)
                if chosen:
                    put(name, chosen)
            elif question.kind == "text_list":
                items = [p.strip() for p in form.get(name).split(",") if p.strip()]
                if items:
                    put(name, items)
            elif question.kind == "tried":
                tried = [
                    {"technique": tech, "outcome": form.get(f"{name}.{tech}")}
                    for tech in question.choices
                    if form.get(f"{name}.{tech}")
                ]
                if tried:
                    put(name, tried)
            else:
                text = form.get(name)
                if text and question.kind == "number":
                    put(name, _number(text, question.integer))
                elif text:
                    put(name, text)
    return values


def _number(text: str, integer: bool) -> int | float | str:
    """A typed number as a number (a decimal comma is fine); anything else stays text.

    The questionnaire is strict ("21" is not 21), so the form, which only has text,
    turns what the parent typed into a number here; text that is not a number is passed
    on unchanged so the model names the field and what is allowed.
    """
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return text
    if integer and value.is_integer():
        return int(value)
    return value


def errors_by_question(
    errors: list[str], model: type[BaseModel], values: dict[str, Any]
) -> dict[str, str]:
    """The advisor's messages keyed by the form control they are about.

    Keys are the controls' names (``stress_score``, ``pump.flange_mm``, and
    ``tried.massage`` for the outcome of one tried technique: ``tried.N`` in a message
    is the N-th tried technique of ``values``, from ``read_answers``).
    """
    from letdown.web.short_form import control_names

    names: set[str] = set(control_names())
    tried_name = ""
    for section in sections(model):
        for question in section.questions:
            if question.kind == "tried":
                tried_name = question.name
                names.update(f"{question.name}.{tech}" for tech in question.choices)
            names.add(question.name)
    tried = values.get(tried_name, []) if tried_name else []

    def place(message: str) -> str | None:
        head, colon, _ = message.partition(":")
        parts = head.strip().split(".")
        index = parts[1] if len(parts) > 1 else ""
        if colon and parts[0] == tried_name and index.isdigit() and int(index) < len(tried):
            return f"{tried_name}.{tried[int(index)]['technique']}"
        return field_of(message, names)

    return errors_next_to(errors, place)
