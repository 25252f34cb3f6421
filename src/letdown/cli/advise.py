"""``letdown advise``: ask the questionnaire (or read it from a file) and explain the advice.

A thin shell: it gathers answers, reads the journal when it has sessions, calls
``letdown.advisor.advise`` and prints the result for a tired parent (or as JSON).
Heavy imports happen inside the command so ``letdown --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from letdown.cli.paths import SafePath

if TYPE_CHECKING:
    from letdown.advisor import Answers, JournalFacts


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

    Without --answers, asks up to 12 short questions first (press Enter to skip any),
    gives a first answer, then offers to ask more to refine it.
    The answer starts with what matters most; --full adds the details and sources.
    This is not a diagnosis.
    """
    from letdown.advisor import advise as run_advice
    from letdown.advisor import answers_schema

    if schema:
        click.echo(json.dumps(answers_schema(), indent=2, ensure_ascii=False))
        return
    from letdown.advisor.answers_json import AnswersError, validate

    if answers_file is None:
        _interactive(as_json, full, no_journal)
        return
    raw = _read_json(answers_file)
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


def _interactive(as_json: bool, full: bool, no_journal: bool) -> None:
    """The short path, a first answer, then "Tell you more?" and the refined answer.

    Ctrl+D (end of input) stops the asking: before the first answer nothing is advised
    (exit 1, as any aborted prompt); after it, the advice uses what was given. With
    --json only the last answer is printed, as one JSON document.
    """
    from letdown.advisor import advise as run_advice
    from letdown.cli.advise_ask import Stopped, ask, ask_more, ask_short, yes_no
    from letdown.cli.advise_text import render

    raw: dict[str, Any] = {}
    ended = False
    try:
        ask_short(raw)
    except Stopped:
        ended = True
        if "feeding_mode" not in raw:
            click.echo("\nStopped before the first answer, so there is no advice yet.", err=True)
            raise click.exceptions.Abort() from None
        click.echo("\nNo more answers: the advice below uses what you told me.")
    facts = None if no_journal else _journal_facts()

    def answer() -> str:
        answers = _checked(raw)
        result = run_advice(answers, facts)
        return result.model_dump_json(indent=2) if as_json else render(result, answers,
                                                                       full=full)

    first = answer()
    if not as_json:
        click.echo(first)
    refined = None
    if not ended and _wants_more(ask, yes_no, Stopped):
        try:
            ask_more(raw)
        except Stopped:
            click.echo("\nNo more answers: the advice below uses what you told me.")
        refined = answer()
        if not as_json:
            click.echo("\nWith what you told me, the advice is now:\n")
            click.echo(refined)
    if as_json:
        click.echo(refined or first)


def _wants_more(ask: Any, yes_no: Any, stopped: type[Exception]) -> bool:
    try:
        return bool(ask("\nTell you more? More answers make the advice fit better. [y/N]",
                        yes_no, say_skip=False))
    except stopped:
        return False


def _checked(raw: dict[str, Any]) -> Answers:
    from letdown.advisor.answers_json import AnswersError, validate

    try:
        return validate(raw, today=dt.date.today())
    except AnswersError as exc:
        _fail(exc.lines)


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
