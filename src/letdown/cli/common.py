"""What every command that touches the journal shares: opening it, reading dates and
babies from flags, printing tables and JSON, and failing with a message that names the flag.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from letdown.journal.service import Journal

#: Session field -> the flag that sets it, so messages name what the person typed.
FLAGS = {
    "volume_left_ml": "--left-ml", "volume_right_ml": "--right-ml", "alcohol_drinks": "--drinks",
    "alcohol_hours_before": "--hours-since-drink", "cigarettes_today": "--cigarettes",
    "sleep_hours": "--sleep-hours", "suction_level": "--suction", "medicines": "--medicine",
    "techniques": "--technique", "letdowns": "--letdown", "felt_cold": "--cold",
    "felt_rushed": "--rushed", "felt_self_conscious": "--self-conscious", "baby_id": "--baby",
    "tandem_baby_id": "--tandem-baby",
    "birth_date": "--born",
}


def fail(lines: list[str] | str, hint: str | None = None) -> NoReturn:
    """Print a bad-input message to stderr and exit 2 (nothing has been written)."""
    for line in [lines] if isinstance(lines, str) else lines:
        click.echo(f"error: {line}", err=True)
    if hint:
        click.echo(hint, err=True)
    sys.exit(2)


def with_flags(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        field = line.split(":", 1)[0].split(".", 1)[0]
        flag = FLAGS.get(field, "--" + field.replace("_", "-"))
        out.append(f"{line} [{flag}]" if ":" in line and field.isidentifier() else line)
    return out


@contextmanager
def open_journal() -> Iterator[Journal]:
    """The configured journal; journal errors and validation errors become clean messages."""
    from pydantic import ValidationError

    from letdown.journal.records import describe_errors
    from letdown.journal.service import Journal, JournalError

    try:
        journal = Journal.open()
    except Exception as error:  # the database cannot be opened at all
        fail(f"cannot open the journal database: {error}", "See `letdown where`.")
    try:
        yield journal
    except ValidationError as error:
        fail(with_flags(describe_errors(error, model_of(error))), "Nothing was saved.")
    except JournalError as error:
        fail(str(error), "Nothing was changed.")
    finally:
        journal.close()


def model_of(error: Any) -> Any:
    from letdown.journal import records

    return getattr(records, str(error.title), None)


def zone() -> dt.tzinfo:
    """The zone times are shown in (settings.timezone, $TZ or the system's)."""
    from letdown.config import load_settings
    from letdown.journal.when import local_zone

    try:
        return local_zone(load_settings().timezone)
    except ValueError as error:
        fail(str(error))


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_value(parser: Callable[..., Any], text: str, field: str, **kwargs: Any) -> Any:
    try:
        return parser(text, **kwargs)
    except ValueError as error:
        fail(f"{field}: {error}")


def moment_value(text: str, field: str) -> dt.datetime:
    from letdown.journal.when import parse_moment

    moment: dt.datetime = parse_value(parse_moment, text, field, now=now_utc(), zone=zone())
    return moment


def day_value(text: str, field: str) -> dt.date:
    from letdown.journal.when import parse_day

    today = now_utc().astimezone(zone()).date()
    day: dt.date = parse_value(parse_day, text, field, today=today)
    return day


def resolve_baby(
    journal: Journal, given: str | None, *, required: bool, flag: str = "--baby"
) -> int | None:
    """A baby id from ``--baby`` (id or name); with one baby, that one by default."""
    babies = journal.list_babies()
    if given is None:
        if len(babies) == 1 and required:
            return babies[0].id
        if required:
            fail("--baby: which baby? " + (
                "allowed: " + ", ".join(f"{b.id} ({b.name})" for b in babies) if babies
                else "there are none yet: add one with `letdown baby add NAME --born DATE`"))
        return None
    from letdown.journal.rows import normal_name

    for baby in babies:
        if given.strip() == str(baby.id):
            return baby.id
    named = [b for b in babies if normal_name(b.name) == normal_name(given)]
    if len(named) == 1:
        return named[0].id
    if named:  # two babies with one name (journals from before names had to differ)
        fail(f"{flag}: {len(named)} babies are called {given!r} ("
             + ", ".join(f"id {b.id}, born {b.birth_date}" for b in named)
             + f"); give the id instead, e.g. {flag} {named[0].id}, or rename one with "
             f"`letdown baby edit {named[-1].id} --name NEW`")
    known = ", ".join(f"{b.id} ({b.name})" for b in babies) or "none yet (letdown baby add)"
    fail(f"{flag}: no baby {given!r}; allowed: {known}")


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def print_table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> None:
    right = right or set()
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        padded = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    click.echo(line(headers))
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo(line(row))
