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

from letdown.advisor.short_path import NONE_KEY, QUESTIONS, Question, apply_ticks, put

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


def ask_more(a: dict[str, Any]) -> None:
    """The questions the short path did not ask, into ``a``; ``Stopped`` at end of input."""
    from letdown.advisor.questionnaire import (
        FlangeFit,
        Outcome,
        PainSource,
        Place,
        PumpType,
        SuctionSetting,
        TechniqueId,
    )

    def keep(dotted: str, value: Any) -> None:
        if value is not None and value != []:
            put(a, dotted, value)

    click.echo("\nThe let-down")
    keep("problem_since_days", ask("For how many days has it been slow?",
                                   number(0, 1100, True)))
    keep("feels_letdown", ask("Do you usually feel the let-down? (y/n)", yes_no))
    if a.get("pain_score"):
        srcs = [p.value for p in PainSource]
        keep("pain_sources", ask("Where does the pain come from? (" + ", ".join(srcs)
                                 + "; commas)", choices(srcs)))
    for dotted, text in (("worried_about_supply", "Worried there is not enough milk?"),
                         ("feels_rushed", "Do you often feel rushed?"),
                         ("feels_watched", "Do you feel watched or self-conscious?"),
                         ("feels_cold", "Do you often feel cold while feeding or pumping?")):
        keep(dotted, ask(f"{text} (y/n)", yes_no))
    places = [p.value for p in Place]
    keep("slower_at", ask("Slower in some places? (" + ", ".join(places) + "; commas)",
                          choices(places)))
    taken = a.get("substances", [])
    if "alcohol" in taken:
        keep("alcohol_g_per_kg", ask("About how much alcohol, in g per kg of body weight?",
                                     number(0, 3)))
    if "nicotine" in taken:
        keep("cigarettes_per_day", ask("Cigarettes a day", number(0, 100, True)))
    keep("other_medicines", ask("Any other medicines? (names, commas)", names))
    keep("feeds_or_pumps_per_24h", ask("Feeds plus pumping sessions in 24 hours",
                                       number(0, 30, True)))
    keep("longest_gap_hours", ask("Longest gap between them, hours", number(0, 48)))
    if a.get("feeding_mode") in ("pumping", "both"):
        click.echo("\nThe pump")
        types = [t.value for t in PumpType]
        keep("pump.type", ask("Pump type (" + ", ".join(types) + ")", choice(types)))
        keep("pump.age_months", ask("Pump age in months", number(0, 120)))
        levels = [s.value for s in SuctionSetting]
        keep("pump.suction_setting", ask("Suction usually set to (" + ", ".join(levels) + ")",
                                         choice(levels)))
        keep("pump.suction_hurts", ask("Does the suction hurt? (y/n)", yes_no))
        keep("pump.loses_suction", ask("Does the suction seem weaker than before? (y/n)",
                                       yes_no))
        keep("pump.flange_mm", ask("Flange size in mm", number(10, 40)))
        keep("pump.nipple_mm", ask("Nipple width at the base in mm", number(5, 35)))
        fits = [f.value for f in FlangeFit]
        keep("pump.flange_fit", ask("How does the flange fit? (" + ", ".join(fits) + ")",
                                    choice(fits)))
        keep("pump.double_pumping", ask("Do you pump both sides at once? (y/n)", yes_no))
    techs = list(typing.get_args(TechniqueId))
    tried = ask("Already tried any of: " + ", ".join(techs) + "? (commas)", choices(techs))
    outcomes = [o.value for o in Outcome]
    for tech in tried or []:
        outcome = ask(f"  How did {tech} go? (" + ", ".join(outcomes) + ")", choice(outcomes),
                      required=True)
        a.setdefault("tried", []).append({"technique": tech, "outcome": outcome})
    click.echo("\nAbout the baby")
    keep("infant.birth_weight_g", ask("Birth weight in grams", number(300, 7000, True)))
    keep("infant.current_weight_g", ask("Latest weight in grams", number(300, 30000, True)))
    if "current_weight_g" in a.get("infant", {}):
        keep("infant.weighed_at_age_days", ask("Baby's age in days at that weighing",
                                               number(0, 1100, True)))
    _ask_yes_no_left(a)


def _ask_yes_no_left(a: dict[str, Any]) -> None:
    """Every yes/no question of the baby and of you not asked yet, in the model's words.

    Read from the questionnaire model, so a question added there is asked here too.
    """
    from letdown.advisor import Answers
    from letdown.advisor.short_path import FIELDS

    for part in ("infant", "parent"):
        if part == "parent":
            click.echo("\nAbout you")
            keep_hours = ask("Hours of sleep in the last 24 hours", number(0, 24))
            if keep_hours is not None:
                put(a, "parent.sleep_hours_per_24h", keep_hours)
        model: Any = typing.get_args(Answers.model_fields[part].annotation) or (
            Answers.model_fields[part].annotation,)
        for name, info in model[0].model_fields.items():
            dotted = f"{part}.{name}"
            if dotted in FIELDS or name in a.get(part, {}) or "bool" not in str(info.annotation):
                continue
            got = ask(f"{info.description} (y/n)", yes_no)
            if got is not None:
                put(a, dotted, got)
