"""``letdown advise``: ask the questionnaire (or read it from a file) and explain the advice.

A thin shell: it gathers answers, reads the journal when it has sessions, calls
``letdown.advisor.advise`` and prints the result for a tired parent (or as JSON).
Heavy imports happen inside the command so ``letdown --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from letdown.cli.paths import SafePath

if TYPE_CHECKING:
    from letdown.advisor import JournalFacts

T = TypeVar("T")
SKIP = "(press Enter to skip)"


@click.command()
@click.option(
    "--answers",
    "answers_file",
    type=SafePath(dir_okay=False, allow_dash=True, path_type=Path),
    help="Read the answers from a JSON file ('-' for stdin) instead of asking.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the advice as JSON.")
@click.option("--schema", is_flag=True, help="Print the questionnaire's JSON Schema and exit.")
@click.option("--no-journal", is_flag=True, help="Do not use sessions from the journal.")
@click.option(
    "--full",
    is_flag=True,
    help="Print everything: each reason with what to say, why and how for each step, "
    "the evidence and the sources (the short answer stays under 250 words).",
)
def advise(
    answers_file: Path | None, as_json: bool, schema: bool, no_journal: bool, full: bool
) -> None:
    """Likely causes of a slow let-down, what to try, and when to get help.

    Without --answers, asks a few questions; press Enter to skip any of them.
    The answer starts with what matters most; --full adds the details and sources.
    This is not a diagnosis.
    """
    from letdown.advisor import advise as run_advice
    from letdown.advisor import answers_schema

    if schema:
        click.echo(json.dumps(answers_schema(), indent=2, ensure_ascii=False))
        return
    from letdown.advisor.answers_json import AnswersError, validate

    raw = _read_json(answers_file) if answers_file is not None else _interview()
    try:
        answers = validate(raw, today=dt.date.today())
    except AnswersError as exc:
        _fail(exc.lines)
    facts = None if no_journal else _journal_facts()
    result = run_advice(answers, facts)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
    else:
        from letdown.cli.advise_text import render

        click.echo(render(result, answers, full=full))


# ---------------------------------------------------------------- input


def _fail(lines: list[str]) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(2)


#: Largest answers file read (real ones are about 1 kB).
MAX_ANSWERS_BYTES = 1_000_000


def _read_json(path: Path) -> Any:
    """The answers file as JSON; any file that is not readable JSON ends in one line, exit 2."""
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        else:
            with path.open("rb") as handle:
                raw = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as exc:
        _fail([f"Cannot read the answers file {path}: {exc.strerror or exc}"])
    except ValueError:  # a NUL character in the name
        _fail([f"Cannot read the answers file {str(path)!r}: not a possible file name"])
    if len(raw) > MAX_ANSWERS_BYTES:
        _fail([f"The answers file is too large (allowed: up to {MAX_ANSWERS_BYTES // 1000} kB)."])
    from letdown.advisor.answers_json import AnswersError, load_json

    try:
        return load_json(raw)
    except AnswersError as exc:
        _fail(exc.lines)


def _ask(text: str, parse: Callable[[str], T], required: bool = False) -> T | None:
    """Ask until the reply parses; an empty reply skips (unless required)."""
    while True:
        reply = click.prompt(
            text if required else f"{text} {SKIP}", default="", show_default=False
        ).strip()
        if not reply:
            if required:
                click.echo("  This one is needed.")
                continue
            return None
        try:
            return parse(reply)
        except ValueError as exc:
            click.echo(f"  {exc}")


def _number(low: float, high: float, integer: bool = False) -> Callable[[str], float]:
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


def _yes_no(text: str) -> bool:
    t = text.lower()
    if t in ("y", "yes"):
        return True
    if t in ("n", "no"):
        return False
    raise ValueError("Please answer y or n.")


def _names(text: str) -> list[str]:
    names = list(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    if any(len(n) > 100 for n in names) or len(names) > 30:
        raise ValueError("Please type up to 30 names of up to 100 characters, with commas.")
    return names


def _choice(options: list[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        t = text.lower().replace(" ", "_").replace("-", "_")
        if t not in options:
            raise ValueError("Please choose one of: " + ", ".join(options) + ".")
        return t

    return parse


def _choices(options: list[str]) -> Callable[[str], list[str]]:
    one = _choice(options)

    def parse(text: str) -> list[str]:
        return list(dict.fromkeys(one(part.strip()) for part in text.split(",") if part.strip()))

    return parse


def _interview() -> dict[str, Any]:
    """The questionnaire in the terminal; skipped questions are simply left out."""
    from typing import get_args

    from letdown.advisor.questionnaire import (
        FeedingMode,
        FlangeFit,
        Outcome,
        PainSource,
        Place,
        PumpType,
        SubstanceId,
        SuctionSetting,
        TechniqueId,
    )

    click.echo("A few questions. Press Enter to skip any you do not know.\n")
    a: dict[str, Any] = {}
    infant: dict[str, Any] = {}
    parent: dict[str, Any] = {}

    def put(target: dict[str, Any], key: str, value: Any) -> None:
        if value is not None and value != []:
            target[key] = value

    modes = [m.value for m in FeedingMode]
    a["feeding_mode"] = _ask(
        "Breastfeeding, pumping or both? [" + "/".join(modes) + "]", _choice(modes), required=True
    )
    put(a, "baby_age_days", _ask("Baby's age in days", _number(0, 1100, True)))
    now = _ask("How many minutes does the let-down take now?", _number(0, 60))
    put(a, "letdown_minutes", now)
    if now is not None:
        put(
            a,
            "usual_letdown_minutes",
            _ask("And before the problem began, how many minutes?", _number(0, 60)),
        )
    put(a, "letdown_absent", _ask("Are there sessions with no let-down at all? (y/n)", _yes_no))
    put(
        a, "problem_since_days", _ask("For how many days has it been slow?", _number(0, 1100, True))
    )
    put(a, "feels_letdown", _ask("Do you usually feel the let-down? (y/n)", _yes_no))
    pain = _ask("Pain during feeds or pumping, 0-10", _number(0, 10, True))
    put(a, "pain_score", pain)
    if pain:
        srcs = [p.value for p in PainSource]
        put(
            a, "pain_sources", _ask("Where from? (" + ", ".join(srcs) + "; commas)", _choices(srcs))
        )
    put(a, "stress_score", _ask("Stress during feeds or pumping, 0-10", _number(0, 10, True)))
    put(a, "worried_about_supply", _ask("Worried there is not enough milk? (y/n)", _yes_no))
    put(a, "feels_rushed", _ask("Do you often feel rushed? (y/n)", _yes_no))
    put(a, "feels_watched", _ask("Do you feel watched or self-conscious? (y/n)", _yes_no))
    put(a, "feels_cold", _ask("Do you often feel cold while feeding or pumping? (y/n)", _yes_no))
    places = [p.value for p in Place]
    put(
        a,
        "slower_at",
        _ask("Slower in some places? (" + ", ".join(places) + "; commas)", _choices(places)),
    )
    subs = list(get_args(SubstanceId))
    taken = _ask("In the last few days, any of: " + ", ".join(subs) + "? (commas)", _choices(subs))
    put(a, "substances", taken)
    if taken and "alcohol" in taken:
        put(
            a,
            "alcohol_g_per_kg",
            _ask("About how much alcohol, in g per kg of body weight?", _number(0, 3)),
        )
    if taken and "nicotine" in taken:
        put(a, "cigarettes_per_day", _ask("Cigarettes a day", _number(0, 100, True)))
    put(a, "other_medicines", _ask("Any other medicines? (names, commas)", _names))
    put(
        a,
        "feeds_or_pumps_per_24h",
        _ask("Feeds plus pumping sessions in 24 hours", _number(0, 30, True)),
    )
    put(a, "longest_gap_hours", _ask("Longest gap between them, hours", _number(0, 48)))
    if a["feeding_mode"] in ("pumping", "both"):
        pump: dict[str, Any] = {}
        types = [t.value for t in PumpType]
        put(pump, "type", _ask("Pump type (" + ", ".join(types) + ")", _choice(types)))
        put(pump, "age_months", _ask("Pump age in months", _number(0, 120)))
        settings = [s.value for s in SuctionSetting]
        put(
            pump,
            "suction_setting",
            _ask("Suction usually set to (" + ", ".join(settings) + ")", _choice(settings)),
        )
        put(pump, "suction_hurts", _ask("Does the suction hurt? (y/n)", _yes_no))
        put(pump, "loses_suction", _ask("Does the suction seem weaker than before? (y/n)", _yes_no))
        put(pump, "flange_mm", _ask("Flange size in mm", _number(10, 40)))
        put(pump, "nipple_mm", _ask("Nipple width at the base in mm", _number(5, 35)))
        fits = [f.value for f in FlangeFit]
        put(
            pump,
            "flange_fit",
            _ask("How does the flange fit? (" + ", ".join(fits) + ")", _choice(fits)),
        )
        put(pump, "double_pumping", _ask("Do you pump both sides at once? (y/n)", _yes_no))
        put(a, "pump", pump or None)
    techs = list(get_args(TechniqueId))
    tried = _ask("Already tried any of: " + ", ".join(techs) + "? (commas)", _choices(techs))
    outcomes = [o.value for o in Outcome]
    if tried:
        a["tried"] = [
            {
                "technique": t,
                "outcome": _ask(
                    f"  How did {t} go? (" + ", ".join(outcomes) + ")",
                    _choice(outcomes),
                    required=True,
                ),
            }
            for t in tried
        ]
    click.echo("\nAbout the baby")
    put(infant, "birth_weight_g", _ask("Birth weight in grams", _number(300, 7000, True)))
    put(infant, "current_weight_g", _ask("Latest weight in grams", _number(300, 30000, True)))
    if "current_weight_g" in infant:
        put(
            infant,
            "weighed_at_age_days",
            _ask("Baby's age in days at that weighing", _number(0, 1100, True)),
        )
    put(
        infant,
        "wet_diapers_per_day",
        _ask("Wet diapers in the last 24 hours", _number(0, 30, True)),
    )
    put(infant, "stools_per_day", _ask("Dirty diapers in the last 24 hours", _number(0, 30, True)))
    put(
        infant, "lethargic", _ask("Is the baby very sleepy, floppy or hard to wake? (y/n)", _yes_no)
    )
    put(
        infant,
        "dehydration_signs",
        _ask("Dry mouth, sunken soft spot or dark urine? (y/n)", _yes_no),
    )
    put(infant, "gaining_well", _ask("Has a professional said the baby gains well? (y/n)", _yes_no))
    click.echo("\nAbout you")
    put(parent, "fever_c", _ask("Your highest temperature today, °C", _number(34, 43)))
    put(
        parent,
        "breast_red_painful_area",
        _ask("A hot, red or painful area on a breast? (y/n)", _yes_no),
    )
    put(parent, "heavy_bleeding", _ask("Heavy bleeding since the birth? (y/n)", _yes_no))
    put(
        parent,
        "milk_came_in",
        _ask("Did your milk come in (breasts fuller, more milk)? (y/n)", _yes_no),
    )
    put(
        parent,
        "thyroid_symptoms",
        _ask(
            "Unusual exhaustion, feeling very cold or hot, racing heart or hair loss? (y/n)",
            _yes_no,
        ),
    )
    put(parent, "breast_surgery", _ask("Any breast or nipple surgery in the past? (y/n)", _yes_no))
    put(parent, "exhausted", _ask("So tired you can hardly stay awake? (y/n)", _yes_no))
    put(parent, "sleep_hours_per_24h", _ask("Hours of sleep in the last 24 hours", _number(0, 24)))
    put(a, "infant", infant or None)
    put(a, "parent", parent or None)
    click.echo("")
    return a


def _journal_facts() -> JournalFacts | None:
    """Facts from the journal's sessions and babies, or None when there is nothing there."""
    from letdown.config import load_settings

    settings = load_settings()
    if settings.database_url is None and not settings.sqlite_path.exists():
        return None
    try:
        from letdown.advisor.journal_facts import from_journal
        from letdown.journal.service import Journal
        from letdown.journal.when import local_zone

        today = dt.datetime.now(local_zone(settings.timezone)).date()
        with Journal.open(settings) as journal:
            return from_journal(journal, today)
    except Exception as exc:  # the journal is optional: say so and go on without it
        click.echo(
            f"Note: could not read the journal ({exc}); advice uses your answers only.", err=True
        )
        return None
