"""The advisor's short path as form controls: read the ticks, put saved answers back.

The questions themselves live in ``letdown.advisor.short_path``; numbers and choices
use the questionnaire's own field names (so the model's messages land next to them),
and each checklist is one group of checkboxes named ``short.<question id>`` whose
values are the tick keys. The rest of the questionnaire ("Tell us more") is every
other field, so no answer is asked twice on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from letdown.advisor.short_path import (
    NONE_KEY,
    QUESTIONS,
    Question,
    TickError,
    Value,
    apply_ticks,
    ticked_from,
)
from letdown.web.forms import FormData

PREFIX = "short."


def tick_name(question: Question) -> str:
    """The form name of a question's checkboxes."""
    return PREFIX + question.id


def control_names() -> set[str]:
    """Every short-path control a message can be shown next to."""
    names = {tick_name(q) for q in QUESTIONS if q.ticks}
    names |= {q.choice.field for q in QUESTIONS if q.choice}
    names |= {n.field for q in QUESTIONS for n in q.numbers}
    return names


def read_ticks(form: FormData, values: dict[str, Any]) -> dict[str, str]:
    """Put the ticked boxes into ``values``; problems keyed by control name (none: empty).

    A checklist with "None of these" and another box ticked is refused with a message
    rather than guessed, and so is a box the page never offered.
    """
    problems: dict[str, str] = {}
    for question in QUESTIONS:
        if not question.ticks:
            continue
        name = tick_name(question)
        try:
            apply_ticks(values, question, form.getall(name))
        except TickError as error:
            reason = str(error).split(": ", 1)[1]
            problems[name] = f"{question.prompt.split(':')[0]}: {reason}."
    return problems


def short_items(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Form items that tick again the boxes saved answers (a JSON-like dict) stand for."""
    return [(tick_name(q), key) for q in QUESTIONS if q.ticks for key in ticked_from(q, data)]


def _as_form(value: Value) -> str:
    """A tick's value as the questionnaire's form fields spell it (yes/no for booleans)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def kept_items(form: FormData) -> list[tuple[str, str]]:
    """Answers under a checklist that none of its boxes can show, to carry as hidden fields.

    Why: a checklist's fields are not asked again in "Tell us more", so an answer given
    elsewhere (the full questionnaire, the API, the CLI) that no box stands for, such as
    "mood: fine" or "jaundice: none" beside an unanswered box, would vanish the next time
    the page is saved. A value some box stands for is carried by that box instead (so
    unticking it still clears it), and so is a none value that "None of these" brings back.
    """
    kept: list[tuple[str, str]] = []
    for question in QUESTIONS:
        if not question.ticks:
            continue
        none_ticked = NONE_KEY in form.getall(tick_name(question))
        for field in dict.fromkeys(t.field for t in question.ticks):
            ticks = [t for t in question.ticks if t.field == field]
            shown = {_as_form(t.value) for t in ticks}
            if none_ticked:
                shown |= {_as_form(t.none_value) for t in ticks if t.none_value is not None}
            kept += [(field, v) for v in dict.fromkeys(form.getall(field)) if v not in shown]
    return kept


__all__ = ["PREFIX", "control_names", "kept_items", "read_ticks", "short_items", "tick_name"]
