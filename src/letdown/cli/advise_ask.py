"""Asking the advisor's questions in the terminal: the short path first, then "tell me more".

The short path (``letdown.advisor.short_path``, at most twelve questions with every
warning sign among them) is asked first, checklists as numbered ticks; "Tell you
more?" then asks the rest. Enter skips a question (not sure); a reply that cannot be
read is asked again with a plain message; Ctrl+D (end of input) stops asking and the
advice uses what was given. Imported only by ``letdown advise`` when it asks.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any, TypeVar

import click

from letdown.advisor.question_list import Question as QuestionItem
from letdown.advisor.short_path import NONE_KEY, QUESTIONS, Question, apply_ticks, get, put

T = TypeVar("T")
SKIP = "(press Enter to skip)"


class Stopped(Exception):
    """The input ended (Ctrl+D) or was interrupted: stop asking, keep what was given."""


def ask(text: str, parse: Callable[[str], T], required: bool = False,
        say_skip: bool = True) -> T | None:
    """Ask until the reply parses; an empty reply skips (unless required)."""
    while True:
        try:
            reply = click.prompt(
                text if required or not say_skip else f"{text} {SKIP}", default="",
                show_default=False,
            ).strip()
        except click.exceptions.Abort:
            raise Stopped from None
        if not reply:
            if required:
                click.echo("  This one is needed.")
                continue
            return None
        try:
            return parse(reply)
        except ValueError as exc:
            click.echo(f"  {exc}")


def number(low: float, high: float, integer: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"Please type a number from {low:g} to {high:g}.") from None
        if not low <= value <= high or (integer and value != int(value)):
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"Please type {kind} from {low:g} to {high:g}.")
        return int(value) if integer else value

    return parse


def yes_no(text: str) -> bool:
    t = text.lower()
    if t in ("y", "yes"):
        return True
    if t in ("n", "no"):
        return False
    raise ValueError("Please answer y or n.")


def names(text: str) -> list[str]:
    found = list(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    if any(len(n) > 100 for n in found) or len(found) > 30:
        raise ValueError("Please type up to 30 names of up to 100 characters, with commas.")
    return found


def choice(options: list[str], labels: list[str] | None = None) -> Callable[[str], str]:
    """One of ``options``: its value, its words, or its number in the list shown."""
    shown = labels or options

    def parse(text: str) -> str:
        t = text.lower().strip()
        if t.isdigit() and 1 <= int(t) <= len(options):
            return options[int(t) - 1]
        for value, label in zip(options, shown, strict=True):
            if t.replace(" ", "_").replace("-", "_") == value or t == label.lower():
                return value
        raise ValueError("Please choose one of: " + ", ".join(options) + ".")

    return parse


def choices(options: list[str]) -> Callable[[str], list[str]]:
    one = choice(options)

    def parse(text: str) -> list[str]:
        return list(dict.fromkeys(one(part.strip()) for part in text.split(",") if part.strip()))

    return parse


def ticks(question: Question) -> Callable[[str], list[str]]:
    """Numbered ticks: "1,3" or "1 3"; 0 is "None of these" and goes alone."""
    count = len(question.ticks)
    low = 0 if question.none_label else 1

    def parse(text: str) -> list[str]:
        parts = text.replace(",", " ").split()
        if not all(p.isdigit() and low <= int(p) <= count for p in parts):
            raise ValueError(f"Please type numbers from {low} to {count}, like 1,3, or press "
                             "Enter to skip.")
        chosen = sorted({int(p) for p in parts})
        if 0 in chosen and len(chosen) > 1:
            raise ValueError("0 (none of these) cannot go with another number; please "
                             "type again.")
        return [NONE_KEY] if chosen == [0] else [question.ticks[i - 1].key for i in chosen]

    return parse


def _bounds(dotted: str) -> tuple[float, float, bool]:
    """A number field's lower and upper bounds, and whether it is a whole number."""
    from letdown.advisor import Answers

    model: Any = Answers
    info: Any = None
    for part in dotted.split("."):
        info = model.model_fields[part]
        for arg in (info.annotation, *typing.get_args(info.annotation)):
            if isinstance(arg, type) and hasattr(arg, "model_fields"):
                model = arg
    low, high = 0.0, 1e9
    for meta in info.metadata:
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    return low, high, "int" in str(info.annotation)


def ask_short(answers: dict[str, Any]) -> None:
    """The short path, into ``answers`` (a nested dict); ``Stopped`` at end of input."""
    click.echo(f"Up to {len(QUESTIONS)} questions. Press Enter to skip any you are not "
               "sure of.\n")
    for index, question in enumerate(QUESTIONS, 1):
        click.echo(f"{index}. {question.prompt}" + (f" ({question.hint})" if question.hint
                                                     else ""))
        if question.choice:
            values = [o.value for o in question.choice.options]
            labels = [o.label for o in question.choice.options]
            for i, label in enumerate(labels, 1):
                click.echo(f"   {i}. {label}")
            got = ask(f"  Your answer (1-{len(labels)})", choice(values, labels),
                      required=question.required)
            if got is not None:
                put(answers, question.choice.field, got)
        for num in question.numbers:
            low, high, integer = _bounds(num.field)
            unit = f" ({num.unit})" if num.unit else ""
            got_number = ask(f"  {num.label}{unit}", number(low, high, integer))
            if got_number is not None:
                put(answers, num.field, got_number)
        if question.kind == "numbers":
            for tick in question.ticks:
                if ask(f"  {tick.label}? (y/n)", yes_no):
                    put(answers, tick.field, tick.value)
        elif question.ticks:
            for i, tick in enumerate(question.ticks, 1):
                click.echo(f"   {i}. {tick.label}")
            if question.none_label:
                click.echo(f"   0. {question.none_label}")
            chosen = ask("  Numbers, with commas", ticks(question))
            if chosen:
                apply_ticks(answers, question, chosen)
        click.echo("")


def _pumps(a: dict[str, Any]) -> bool:
    return a.get("feeding_mode") in ("pumping", "both")


#: Questions that only make sense after an earlier answer (asking them otherwise would
#: waste a tired parent's time, or give answers the questionnaire refuses).
ONLY_IF: dict[str, Callable[[dict[str, Any]], bool]] = {
    "alcohol_g_per_kg": lambda a: "alcohol" in a.get("substances", []),
    "cigarettes_per_day": lambda a: "nicotine" in a.get("substances", []),
    "pain_sources": lambda a: bool(a.get("pain_score")),
    "pump": _pumps,
    "pumped_ml_per_session": _pumps,
    "pumped_ml_per_day": _pumps,
    "infant.weighed_at_age_days": lambda a: "current_weight_g" in a.get("infant", {}),
}
#: Dates are asked by the web form and answers files; here the baby's age stands for them.
NOT_IN_TERMINAL = {"infant.birth_date", "infant.weighed_on", "infant.diapers_counted_on"}


def _wanted(a: dict[str, Any], dotted: str) -> bool:
    if dotted in NOT_IN_TERMINAL or get(a, dotted) is not None:
        return False
    parts = dotted.split(".")
    prefixes = (".".join(parts[: i + 1]) for i in range(len(parts)))
    return all(ONLY_IF[p](a) for p in prefixes if p in ONLY_IF)


def ask_more(a: dict[str, Any]) -> None:
    """Every question the short path did not ask, into ``a``; ``Stopped`` at end of input.

    The questions come from the questionnaire model itself (``advisor.question_list``,
    the same list the web page shows), so a question added there is asked here too.
    """
    from letdown.advisor import Answers
    from letdown.advisor.question_list import more_sections

    for section in more_sections(Answers):
        wanted = [q for q in section.questions if _wanted(a, q.name)]
        if wanted:
            click.echo(f"\n{section.title}")
        for question in wanted:
            _ask_one(a, question)


def _ask_one(a: dict[str, Any], question: QuestionItem) -> None:
    """One question from the model, asked the way its kind is answered."""
    text = question.label.rstrip("?.")
    value: Any = None
    if question.kind == "bool":
        value = ask(f"{text}? (y/n)", yes_no)
    elif question.kind == "number":
        low = question.low if question.low is not None else 0.0
        high = question.high if question.high is not None else 1e9
        value = ask(f"{text}", number(low, high, question.integer))
    elif question.kind == "choice":
        value = ask(f"{text} (" + ", ".join(question.choices) + ")",
                    choice(list(question.choices)))
    elif question.kind == "multi":
        value = ask(f"{text} (" + ", ".join(question.choices) + "; commas)",
                    choices(list(question.choices)))
    elif question.kind == "text_list":
        value = ask(f"{text} (names, commas)", names)
    elif question.kind == "tried":
        _ask_tried(a, question)
        return
    if value is not None and value != []:
        put(a, question.name, value)


def _ask_tried(a: dict[str, Any], question: QuestionItem) -> None:
    tried = ask(question.label.rstrip("?.") + " (" + ", ".join(question.choices)
                + "; commas)", choices(list(question.choices)))
    for tech in tried or []:
        outcome = ask(f"  How did {tech} go? (" + ", ".join(question.outcomes) + ")",
                      choice(list(question.outcomes)), required=True)
        a.setdefault(question.name, []).append({"technique": tech, "outcome": outcome})
