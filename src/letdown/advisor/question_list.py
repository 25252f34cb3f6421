"""The questionnaire as a list of questions, read from its pydantic model.

Both interfaces ask from this one list: the web page renders it as a form
(``letdown.web.questionnaire_form``) and ``letdown advise`` asks it in the terminal, so a
question added to ``letdown.advisor.Answers`` is asked everywhere without another edit.
Each question carries its dotted field name, its wording (the field's description), how
it is answered (yes/no, a bounded number, one choice, several, names, a date, or the
tried techniques) and its bounds. Pure: no I/O.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel


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
