"""The advisor's questionnaire as an HTML form, generated from its pydantic model.

The form is built from ``letdown.advisor.Answers`` itself (field types, bounds,
allowed values and descriptions), so the page always asks exactly what the
advisor understands, and its answers are validated by the same model as
``letdown advise --answers``. Yes/no questions have a third choice, "not
sure", which leaves the answer out rather than guessing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from letdown.advisor.question_list import (
    sections,
)
from letdown.web.forms import FormData, errors_next_to, field_of


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
