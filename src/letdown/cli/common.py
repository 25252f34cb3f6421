"""What every command that touches the journal shares: opening it, reading dates and
babies from flags, printing tables and JSON, and failing with a message that names the flag.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from letdown.config import Settings
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


def current_settings() -> Settings:
    """The settings, loaded and validated once per command; a bad one ends the command
    here with one line (exit 2), before anything is opened or written."""
    from letdown.config import SettingsError, load_settings

    context = click.get_current_context(silent=True)
    cached = context.meta.get("letdown.settings") if context is not None else None
    if cached is not None:
        settings: Settings = cached
        return settings
    try:
        settings = load_settings()
    except SettingsError as error:
        fail(str(error))
    if context is not None:
        context.meta["letdown.settings"] = settings
    return settings


@contextmanager
def open_journal() -> Iterator[Journal]:
    """The configured journal; journal errors and validation errors become clean messages.

    Settings are checked first, so a mistyped one ends the command before anything is
    written. A read-only or newer journal opens for reading with a note on stderr; a
    write into it, or into a damaged one, is refused with a message (``journal.faults``).
    Database and disk faults become one plain line and exit 2; anything else propagates.
    """
    from pydantic import ValidationError

    from letdown.journal.records import describe_errors
    from letdown.journal.service import Journal, JournalError

    settings = current_settings()
    zone()  # the zone is part of every summary: check it before any write
    try:
        journal = Journal.open(settings)
    except Exception as error:  # the database cannot be opened at all
        fail_fault(error, settings)
    _open_notes(journal, settings)
    try:
        yield journal
    except ValidationError as error:
        fail(with_flags(describe_errors(error, model_of(error))), "Nothing was saved.")
    except JournalError as error:
        fail(str(error), "Nothing was changed.")
    except Exception as error:
        fail_fault(error, settings, journal=journal, opened=True)
    finally:
        journal.close()


def fail_fault(error: Exception, settings: Settings, *, journal: Journal | None = None,
               opened: bool = False) -> NoReturn:
    """End with the plain message for a database or disk fault; re-raise anything else."""
    import errno

    from letdown.cli.settings import redact
    from letdown.journal.faults import NewerJournal, as_fault
    from letdown.journal.health import journal_file
    from letdown.journal.store import journal_state

    if opened and isinstance(error, OSError) and error.errno not in (errno.ENOSPC,
                                                                     errno.EDQUOT):
        raise error  # a file the command itself writes: its own message, not ours
    try:
        where = journal_file(settings)
    except Exception:  # an unparsable URL: as_fault says so
        where = None
    fault = as_fault(error, where=where, database=redact(settings.effective_database_url))
    if fault is None:
        raise error
    state = journal_state(journal.engine) if journal is not None else None
    if state is not None and state.newer_revision and not isinstance(fault, NewerJournal):
        fault = NewerJournal(state.newer_revision)  # reading a newer schema can fail
    fail(str(fault))


def _open_notes(journal: Journal, settings: Settings) -> None:
    """Say on stderr when writes are off, or when others can look into the data folder."""
    from letdown.journal.faults import NewerJournal
    from letdown.journal.store import journal_state

    state = journal_state(journal.engine)
    if state.newer_revision:
        click.echo(f"note: {NewerJournal(state.newer_revision)}. Reading only: writes are off.",
                   err=True)
    elif state.read_only:
        click.echo(f"note: the journal at {state.path} is read-only (its folder cannot be "
                   "written): reading only, writes are off.", err=True)
        if state.behind:
            click.echo("note: it was made by an older letdown and cannot be upgraded "
                       "where it is; copy the folder somewhere writable to open it fully.",
                       err=True)
    if settings.uses_default_sqlite and not state.read_only:
        warning = settings.exposure_warning()
        if warning:
            click.echo(warning, err=True)


def refuse_live_journal(path: Path | None, flag: str) -> None:
    """End the command when ``path`` is the live journal or one of its files: writing
    there would swap the file under running writers and lose saved records."""
    if path is None:
        return
    from letdown.journal.health import is_live_journal_file

    if is_live_journal_file(path, current_settings()):
        fail(f"{flag}: {path} is the live journal (or one of its files); writing there "
             "would destroy it; choose another file or folder")


def model_of(error: Any) -> Any:
    from letdown.journal import records

    return getattr(records, str(error.title), None)


def zone() -> dt.tzinfo:
    """The zone times are shown in (settings.timezone, $TZ or the system's)."""
    from letdown.journal.when import local_zone

    try:
        return local_zone(current_settings().timezone)
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


@contextmanager
def refusing_import(disagreeing: str) -> Iterator[None]:
    """Around an import's write: a conflict, a full disk or a failed write becomes the
    one-line refusal every import gives (exit 2; nothing was imported).

    ``disagreeing`` says who disagrees with the journal, e.g. "the file and this journal".
    """
    from sqlalchemy.exc import OperationalError

    from letdown.journal.transfer import ImportConflict

    try:
        yield
    except ImportConflict as error:
        fail([f"conflict: {line}" for line in error.conflicts],
             f"Nothing was imported: {disagreeing} disagree about these records. "
             "Fix one side, then import again.")
    except OperationalError as error:
        full = "full" in str(error.orig).lower()
        fail(("the disk is full" if full else f"the journal could not be written "
              f"({error.orig})") + "; nothing was imported")

