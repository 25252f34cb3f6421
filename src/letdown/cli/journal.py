"""Journal commands: ``log``, ``sessions``, ``show``, ``edit``, ``delete``, ``profile``,
``baby``, ``weight`` and ``diapers``.

A thin shell over ``letdown.journal.service.Journal``: it turns flags (or
friendly prompts, when a person is at the terminal) into records, and records
into readable text in local time. Bad input never writes anything: the message
names the field and what is allowed, and the exit status is 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from letdown.journal.records import Session
    from letdown.journal.service import Journal

KINDS = ("breastfeed", "pump", "hand_expression")
SIDES = ("left", "right", "both")
TECHNIQUES = (
    "warm_compress", "massage", "breast_compression", "slow_breathing", "music",
    "guided_imagery", "baby_photo_video", "baby_sounds", "baby_scent", "skin_to_skin",
    "comfortable_seat", "other",
)
#: Session field -> the flag that sets it, so messages name what the person typed.
FLAGS = {
    "volume_left_ml": "--left-ml", "volume_right_ml": "--right-ml", "alcohol_drinks": "--drinks",
    "alcohol_hours_before": "--hours-since-drink", "cigarettes_today": "--cigarettes",
    "sleep_hours": "--sleep-hours", "suction_level": "--suction", "medicines": "--medicine",
    "techniques": "--technique", "letdowns": "--letdown", "felt_cold": "--cold",
    "felt_rushed": "--rushed", "felt_self_conscious": "--self-conscious", "baby_id": "--baby",
    "birth_date": "--born",
}


# ---------------------------------------------------------------- shared bits


def fail(lines: list[str] | str, hint: str | None = None) -> NoReturn:
    """Print a bad-input message to stderr and exit 2 (nothing has been written)."""
    for line in [lines] if isinstance(lines, str) else lines:
        click.echo(f"error: {line}", err=True)
    if hint:
        click.echo(hint, err=True)
    sys.exit(2)


def _with_flags(lines: list[str]) -> list[str]:
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
        fail(_with_flags(describe_errors(error, _model_of(error))), "Nothing was saved.")
    except JournalError as error:
        fail(str(error), "Nothing was changed.")
    finally:
        journal.close()


def _model_of(error: Any) -> Any:
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


def _parse(parser: Callable[..., Any], text: str, field: str, **kwargs: Any) -> Any:
    try:
        return parser(text, **kwargs)
    except ValueError as error:
        fail(f"{field}: {error}")


def _moment(text: str, field: str) -> dt.datetime:
    from letdown.journal.when import parse_moment

    moment: dt.datetime = _parse(parse_moment, text, field, now=now_utc(), zone=zone())
    return moment


def _day(text: str, field: str) -> dt.date:
    from letdown.journal.when import parse_day

    today = now_utc().astimezone(zone()).date()
    day: dt.date = _parse(parse_day, text, field, today=today)
    return day


def _resolve_baby(journal: Journal, given: str | None, *, required: bool) -> int | None:
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
    for baby in babies:
        if given == str(baby.id) or given.casefold() == baby.name.casefold():
            return baby.id
    known = ", ".join(f"{b.id} ({b.name})" for b in babies) or "none yet (letdown baby add)"
    fail(f"--baby: no baby {given!r}; allowed: {known}")


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> None:
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


# ------------------------------------------------------------- session flags


def session_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The flags shared by ``log`` and ``edit`` (all optional)."""
    options = [
        click.option("--kind", "-k", type=click.Choice(KINDS), help="breastfeed, pump or "
                     "hand_expression."),
        click.option("--sides", "-s", type=click.Choice(SIDES), help="left, right or both."),
        click.option("--side-mode", type=click.Choice(("simultaneous", "sequential")),
                     help="With both sides: at the same time or one after the other."),
        click.option("--start", metavar="WHEN",
                     help="When it started: 23:40, 20m ago, 2026-11-28 14:05."),
        click.option("--end", metavar="WHEN", help="When it ended (default: now)."),
        click.option("--minutes", "-m", metavar="MINUTES",
                     help="How long it lasted (instead of --start)."),
        click.option("--letdown", "letdown_any", multiple=True, metavar="TIME",
                     help="Let-down after TIME from the start (95, 1:35, 2m), on every side "
                     "used. Repeat for later let-downs."),
        click.option("--letdown-left", multiple=True, metavar="TIME",
                     help="A let-down on the left only."),
        click.option("--letdown-right", multiple=True, metavar="TIME",
                     help="A let-down on the right only."),
        click.option("--left-ml", metavar="ML", help="Milk from the left, mL."),
        click.option("--right-ml", metavar="ML", help="Milk from the right, mL."),
        click.option("--ml", metavar="ML", help="Milk from the one side used, mL."),
        click.option("--baby", metavar="BABY", help="Which baby (id or name)."),
        click.option("--pump-name", metavar="NAME", help="Pump make/model."),
        click.option("--flange-mm", metavar="MM", help="Flange size, mm."),
        click.option("--suction", metavar="SETTING",
                     help="Suction as set on the pump (e.g. 6 or max)."),
        click.option("--suction-mmhg", metavar="MMHG", help="Suction in mmHg."),
        click.option("--cycle", metavar="CYCLE", help="Cycle speed or mode."),
        click.option("--pain", metavar="0-10", help="Pain 0-10."),
        click.option("--stress", metavar="0-10", help="Stress 0-10."),
        click.option("--context", type=click.Choice(("home", "work", "public", "other")),
                     help="Where you were."),
        click.option("--cold/--not-cold", default=None, help="Felt cold."),
        click.option("--rushed/--not-rushed", default=None, help="Felt rushed."),
        click.option("--self-conscious/--not-self-conscious", default=None,
                     help="Felt self-conscious."),
        click.option("--sleep-hours", metavar="HOURS", help="Hours slept in the last 24 h."),
        click.option("--drinks", metavar="N", help="Standard alcoholic drinks before the session."),
        click.option("--hours-since-drink", metavar="HOURS", help="Hours since the last drink."),
        click.option("--cigarettes", metavar="N", help="Cigarettes smoked today."),
        click.option("--medicine", metavar="NAME", multiple=True,
                     help="A medicine taken (repeat for more)."),
        click.option("--technique", "-t", multiple=True, metavar="TECHNIQUE",
                     type=click.Choice(TECHNIQUES),
                     help="A technique used (repeat for more): " + ", ".join(TECHNIQUES) + "."),
        click.option("--notes", metavar="TEXT", help="Anything else."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _changes_from_flags(
    flags: Mapping[str, Any], journal: Journal, current: Session | None
) -> dict[str, Any]:
    """Session field values for the flags that were given (strings left for pydantic)."""
    from letdown.journal.when import parse_minutes, parse_offset_seconds

    changes: dict[str, Any] = {}
    simple = {
        "kind": "kind", "sides": "sides", "side_mode": "side_mode", "left_ml": "volume_left_ml",
        "right_ml": "volume_right_ml", "pump_name": "pump_name", "flange_mm": "flange_mm",
        "suction": "suction_level", "suction_mmhg": "suction_mmhg", "cycle": "cycle",
        "pain": "pain", "stress": "stress", "context": "context", "cold": "felt_cold",
        "rushed": "felt_rushed", "self_conscious": "felt_self_conscious",
        "sleep_hours": "sleep_hours", "drinks": "alcohol_drinks",
        "hours_since_drink": "alcohol_hours_before", "cigarettes": "cigarettes_today",
        "notes": "notes",
    }
    for flag, field in simple.items():
        if flags.get(flag) is not None:
            changes[field] = flags[flag]
    if flags.get("medicine"):
        changes["medicines"] = list(flags["medicine"])
    if flags.get("technique"):
        changes["techniques"] = list(flags["technique"])
    if flags.get("baby") is not None:
        changes["baby_id"] = _resolve_baby(journal, flags["baby"], required=False)
    sides = changes.get("sides") or (current.sides.value if current else None)
    used = ["left", "right"] if sides == "both" else [sides] if sides else []
    if flags.get("ml") is not None:
        if len(used) != 1:
            fail("--ml: only with one side; with both sides give --left-ml and --right-ml")
        changes[f"volume_{used[0]}_ml"] = flags["ml"]
    # times
    end = _moment(flags["end"], "--end") if flags.get("end") else None
    start = _moment(flags["start"], "--start") if flags.get("start") else None
    if flags.get("minutes") is not None:
        if start is not None and end is not None:
            fail("--minutes: give at most two of --start, --end and --minutes")
        length = dt.timedelta(minutes=_parse(parse_minutes, flags["minutes"], "--minutes"))
        if start is not None:
            end = start + length
        else:
            end = end or (current.end if current else now_utc())
            start = end - length
    if start is not None:
        changes["start"] = start
    if end is not None:
        changes["end"] = end
    # let-downs
    events = []
    for flag, sides_for in (("letdown_any", used), ("letdown_left", ["left"]),
                            ("letdown_right", ["right"])):
        for text in flags.get(flag) or ():
            seconds = _parse(parse_offset_seconds, text, "--" + flag.replace("_any", "")
                             .replace("_", "-"))
            events += [{"side": side, "at_s": seconds} for side in sides_for]
    if events:
        if not used:
            fail("--letdown: say which --sides were used")
        changes["letdowns"] = events
    return changes


def _asking(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """Wrap a converter so a bad answer is explained and asked again, not fatal."""

    def proc(text: str) -> Any:
        try:
            return convert(text)
        except ValueError as error:
            raise click.UsageError(str(error)) from None

    return proc


def _optional_number(low: float, high: float, *, integer: bool) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        if not text.strip():
            return None
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number; allowed: {low:g} to {high:g}, "
                             "or Enter to skip") from None
        if not low <= value <= high:
            raise ValueError(f"{text} is out of range; allowed: {low:g} to {high:g}")
        return value

    return convert


def _prompt_missing(changes: dict[str, Any], journal: Journal) -> None:
    """Ask, gently and with defaults, for what a person left out (bad answers are re-asked)."""
    from letdown.journal.when import parse_minutes, parse_moment, parse_offset_seconds

    last = journal.list_sessions(limit=1)
    previous = last[0] if last else None
    if "kind" not in changes:
        changes["kind"] = click.prompt(
            "What kind of session", type=click.Choice(KINDS),
            default=previous.kind.value if previous else "breastfeed",
        )
    if "sides" not in changes:
        changes["sides"] = click.prompt(
            "Which side", type=click.Choice(SIDES),
            default=previous.sides.value if previous else "both",
        )
    used = ["left", "right"] if changes["sides"] == "both" else [changes["sides"]]
    if "start" not in changes:
        tz = zone()
        end = click.prompt("When did it end", default="now", value_proc=_asking(
            lambda text: parse_moment(text, now=now_utc(), zone=tz)))
        minutes = click.prompt("How many minutes did it last", default="15",
                               value_proc=_asking(parse_minutes))
        changes["end"], changes["start"] = end, end - dt.timedelta(minutes=minutes)
    if "letdowns" not in changes:
        seconds = click.prompt(
            "Time until the let-down, e.g. 1:30 (Enter if none noticed)", default="",
            show_default=False,
            value_proc=_asking(lambda text: parse_offset_seconds(text) if text.strip() else None),
        )
        if seconds is not None:
            changes["letdowns"] = [{"side": side, "at_s": seconds} for side in used]
    if changes["kind"] != "breastfeed" and not any(
        key in changes for key in ("volume_left_ml", "volume_right_ml")
    ):
        for side in used:
            volume = click.prompt(
                f"Milk from the {side}, mL (Enter to skip)", default="", show_default=False,
                value_proc=_asking(_optional_number(0, 1000, integer=False)))
            if volume is not None:
                changes[f"volume_{side}_ml"] = volume
    for field, question in (("stress", "Stress 0-10"), ("pain", "Pain 0-10")):
        if field not in changes:
            value = click.prompt(
                f"{question} (Enter to skip)", default="", show_default=False,
                value_proc=_asking(_optional_number(0, 10, integer=True)))
            if value is not None:
                changes[field] = value


def _summary(session: Session, tz: dt.tzinfo) -> str:
    from letdown.journal.when import local_text, mmss

    ends = session.end.astimezone(tz).strftime("%H:%M")
    text = (
        f"{session.kind.value.replace('_', ' ')}, {session.sides.value}"
        f"{' sides' if session.sides.value == 'both' else ' side'}, "
        f"{local_text(session.start, tz)}-{ends} ({session.duration_s / 60:.0f} min)"
    )
    first = session.first_letdown_s()
    text += f", let-down after {mmss(first)}" if first is not None else ", no let-down noted"
    if session.total_volume_ml is not None:
        text += f", {session.total_volume_ml:g} mL"
    return text


# ------------------------------------------------------------------ commands


@click.command()
@session_options
@click.option("--ask/--no-ask", default=None,
              help="Ask for anything missing. Default: at a terminal, ask when kind, "
              "sides or time is missing; otherwise never.")
def log(ask: bool | None, **flags: Any) -> None:
    """Record a feeding or pumping session.

    Give what you know as flags. At a terminal, if kind, sides or time is
    missing, letdown asks for it and the other main details, with sensible
    defaults (Enter accepts them). Examples:

    \b
      letdown log                      # answer a few questions
      letdown log -k pump -s both -m 20 --letdown 1:35 --left-ml 40 --right-ml 35
      letdown log -k breastfeed -s left --start 23:40 --end 00:05 --letdown 2m
    """
    from letdown.journal.records import Session

    with open_journal() as journal:
        changes = _changes_from_flags(flags, journal, None)
        essentials = {"kind", "sides", "start"} <= changes.keys()
        if ask if ask is not None else (sys.stdin.isatty() and not essentials):
            _prompt_missing(changes, journal)
        missing = [f for f in ("kind", "sides") if f not in changes]
        if "start" not in changes and "end" not in changes:
            missing.append("start")
        if missing:
            fail([f"--{m}: required (or run `letdown log` at a terminal to be asked)"
                  for m in missing])
        changes.setdefault("end", now_utc())
        if "start" not in changes:
            fail("--start: required (or give --minutes)")
        if "baby_id" not in changes and changes.get("kind") == "breastfeed":
            babies = journal.list_babies()
            if len(babies) == 1:
                changes["baby_id"] = babies[0].id
        saved = journal.add_session(Session.model_validate(changes))
        click.echo(f"saved session {saved.id}: {_summary(saved, zone())}")


@click.command()
@click.option("--since", help="From this day or time (today, 7d, 2026-11-01, 20:00).")
@click.option("--until", help="Before this day or time.")
@click.option("--kind", "-k", type=click.Choice(KINDS), help="Only this kind.")
@click.option("--baby", help="Only sessions for this baby (id or name).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many of the newest sessions to show.")
@click.option("--all", "show_all", is_flag=True, help="Show every matching session.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON (times in UTC).")
def sessions(
    since: str | None, until: str | None, kind: str | None, baby: str | None, limit: int,
    show_all: bool, as_json: bool,
) -> None:
    """List sessions, newest first, in local time."""
    from letdown.journal.quicklist import (
        SessionLine,
        fast_session_lines,
        resolve_fast_settings,
    )
    from letdown.journal.when import local_zone

    fast = None if as_json or baby else resolve_fast_settings()
    if fast is not None:
        try:
            tz = local_zone(fast.timezone)
        except ValueError as error:
            fail(str(error))
        found = fast_session_lines(
            fast.sqlite_path, since=_bound(since, "--since", tz),
            until=_bound(until, "--until", tz), kind=kind, limit=None if show_all else limit,
        )
        if found is not None:
            _show_table(*found, tz=tz, filtered=any((since, until, kind)))
            return
    tz = zone()
    with open_journal() as journal:
        filters: dict[str, Any] = {
            "since": _bound(since, "--since", tz), "until": _bound(until, "--until", tz),
            "kind": kind,
            "baby_id": _resolve_baby(journal, baby, required=False) if baby else None,
        }
        records = journal.list_sessions(**filters, limit=None if show_all else limit)
        total = len(records) if show_all or len(records) < limit else journal.count_sessions(
            **filters)
    if as_json:
        _print_json([s.model_dump(mode="json") for s in records])
        return
    _show_table([SessionLine.of(s) for s in records], total, tz=tz,
                filtered=any((since, until, kind, baby)))


def _show_table(lines: list[Any], total: int, *, tz: dt.tzinfo, filtered: bool) -> None:
    from letdown.journal.quicklist import render_table

    if not lines:
        click.echo("No sessions match." if filtered else
                   "No sessions yet. Record one with `letdown log`.")
        return
    click.echo("\n".join(render_table(lines, tz)))
    if total > len(lines):
        click.echo(f"\n{len(lines)} of {total} sessions shown (--limit N or --all for more).")


def _bound(text: str | None, field: str, tz: dt.tzinfo) -> dt.datetime | None:
    """``--since``/``--until``: a day means its local midnight; a time means itself."""
    if text is None:
        return None
    from letdown.journal.when import parse_day

    today = now_utc().astimezone(tz).date()
    try:
        day = parse_day(text, today=today)
    except ValueError:
        return _moment(text, field)
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz)


@click.command()
@click.argument("session_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON (times in UTC).")
def show(session_id: int, as_json: bool) -> None:
    """Show one session in full."""
    from letdown.journal.when import local_text, mmss

    with open_journal() as journal:
        session = journal.get_session(session_id)
        baby = journal.get_baby(session.baby_id) if session.baby_id else None
    if as_json:
        _print_json(session.model_dump(mode="json"))
        return
    tz = zone()
    lines: list[tuple[str, str]] = [
        ("session", f"{session.id}  {session.kind.value.replace('_', ' ')}"),
        ("baby", f"{baby.name} ({baby.id})" if baby else "-"),
        ("sides", session.sides.value + (f", {session.side_mode.value}"
                                         if session.side_mode else "")),
        ("start", local_text(session.start, tz, with_year=True)),
        ("end", f"{local_text(session.end, tz, with_year=True)}  "
                f"({session.duration_s / 60:.0f} min)"),
        ("let-downs", ", ".join(f"{e.side.value} {mmss(e.at_s)}" for e in session.letdowns)
         or "none noted"),
    ]
    optional = [
        ("left", session.volume_left_ml, " mL"), ("right", session.volume_right_ml, " mL"),
        ("pump", session.pump_name, ""), ("flange", session.flange_mm, " mm"),
        ("suction", session.suction_level, ""), ("suction mmHg", session.suction_mmhg, ""),
        ("cycle", session.cycle, ""), ("pain", session.pain, "/10"),
        ("stress", session.stress, "/10"),
        ("context", session.context.value if session.context else None, ""),
        ("felt cold", session.felt_cold, ""), ("felt rushed", session.felt_rushed, ""),
        ("self-conscious", session.felt_self_conscious, ""),
        ("sleep", session.sleep_hours, " h in 24 h"),
        ("alcohol", session.alcohol_drinks, " drinks"),
        ("hours since drink", session.alcohol_hours_before, " h"),
        ("cigarettes today", session.cigarettes_today, ""),
    ]
    for label, value, unit in optional:
        if value is not None:
            shown = ("yes" if value else "no") if isinstance(value, bool) else (
                f"{value:g}" if isinstance(value, float) else str(value))
            lines.append((label, shown + unit))
    if session.medicines:
        lines.append(("medicines", ", ".join(session.medicines)))
    if session.techniques:
        lines.append(("techniques", ", ".join(t.value for t in session.techniques)))
    if session.notes:
        lines.append(("notes", session.notes))
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        click.echo(f"{label:<{width}}  {value}")


@click.command()
@click.argument("session_id", type=int)
@session_options
@click.option("--clear", "clear", multiple=True, metavar="FIELD",
              help="Empty an optional field (e.g. --clear pain, --clear letdowns).")
def edit(session_id: int, clear: tuple[str, ...], **flags: Any) -> None:
    """Change fields of a session: give only the flags to change.

    List flags replace the whole list: --letdown replaces the let-downs
    recorded, --technique the techniques, --medicine the medicines.

    \b
      letdown edit 12 --pain 3 --letdown 1:10
      letdown edit 12 --clear notes
    """
    from letdown.journal.records import Session

    with open_journal() as journal:
        current = journal.get_session(session_id)
        changes = _changes_from_flags(flags, journal, current)
        for field in clear:
            name = field.replace("-", "_")
            info = Session.model_fields.get(name)
            if info is None or name in {"id", "kind", "sides", "start", "end"}:
                fail(f"--clear: {field!r} cannot be cleared; allowed: any optional field "
                     "(pain, stress, notes, letdowns, techniques, ...)")
            changes[name] = [] if name in {"letdowns", "medicines", "techniques"} else (
                "" if name == "notes" else None)
        if not changes:
            fail("nothing to change: give the flags to change (see `letdown edit --help`)")
        updated = journal.update_session(session_id, changes)
        click.echo(f"updated session {updated.id}: {_summary(updated, zone())}")


@click.command()
@click.argument("session_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def delete(session_id: int, yes: bool) -> None:
    """Delete a session (asks first)."""
    with open_journal() as journal:
        session = journal.get_session(session_id)
        if not yes:
            click.confirm(f"Delete session {session_id} ({_summary(session, zone())})?",
                          abort=True)
        journal.delete_session(session_id)
    click.echo(f"deleted session {session_id}")


@click.command()
@click.option("--pseudonym", help="What to call you (no real name needed).")
@click.option("--delivery-date", help="Date your baby was born (YYYY-MM-DD).")
@click.option("--first-baby/--not-first-baby", default=None, help="Is this your first baby?")
@click.option("--condition", multiple=True, help="A relevant condition (repeat; replaces list).")
@click.option("--medicine", multiple=True, help="A regular medicine (repeat; replaces list).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def profile(
    pseudonym: str | None, delivery_date: str | None, first_baby: bool | None,
    condition: tuple[str, ...], medicine: tuple[str, ...], as_json: bool,
) -> None:
    """Show the parent profile, or set fields of it."""
    from letdown.journal.records import ParentProfile

    changes: dict[str, Any] = {}
    if pseudonym is not None:
        changes["pseudonym"] = pseudonym
    if delivery_date is not None:
        changes["delivery_date"] = _day(delivery_date, "--delivery-date")
    if first_baby is not None:
        changes["first_baby"] = first_baby
    if condition:
        changes["conditions"] = list(condition)
    if medicine:
        changes["regular_medicines"] = list(medicine)
    with open_journal() as journal:
        current = journal.get_profile()
        if changes:
            if current is None:
                if "pseudonym" not in changes:
                    fail("--pseudonym: required for a new profile (any name or nickname)")
                current = journal.set_profile(ParentProfile.model_validate(changes))
            else:
                current = journal.update_profile(changes)
            click.echo("profile saved")
    if current is None:
        click.echo("No profile yet. Set one with `letdown profile --pseudonym NAME`.")
        return
    if as_json:
        _print_json(current.model_dump(mode="json"))
        return
    click.echo(f"pseudonym      {current.pseudonym}")
    click.echo(f"delivery date  {current.delivery_date or '-'}")
    click.echo("first baby     " + ("-" if current.first_baby is None else
                                    "yes" if current.first_baby else "no"))
    click.echo(f"conditions     {', '.join(current.conditions) or '-'}")
    click.echo(f"medicines      {', '.join(current.regular_medicines) or '-'}")


@click.group()
def baby() -> None:
    """Add, list, edit or delete babies (twins: add each)."""


@baby.command("add")
@click.argument("name")
@click.option("--born", required=True, help="Date of birth (YYYY-MM-DD).")
@click.option("--sex", type=click.Choice(("female", "male")), help="For growth charts.")
@click.option("--birth-weight-g", help="Birth weight in grams.")
def baby_add(name: str, born: str, sex: str | None, birth_weight_g: str | None) -> None:
    """Add a baby: letdown baby add Ada --born 2026-10-01 --sex female --birth-weight-g 3400"""
    from letdown.journal.records import Baby

    values = {"name": name, "birth_date": _day(born, "--born"), "sex": sex,
              "birth_weight_g": birth_weight_g}
    with open_journal() as journal:
        saved = journal.add_baby(Baby.model_validate(values))
    click.echo(f"added baby {saved.id}: {saved.name}, born {saved.birth_date}")


@baby.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def baby_list(as_json: bool) -> None:
    """List babies."""
    with open_journal() as journal:
        babies = journal.list_babies()
    if as_json:
        _print_json([b.model_dump(mode="json") for b in babies])
    elif not babies:
        click.echo("No babies yet. Add one with `letdown baby add NAME --born YYYY-MM-DD`.")
    else:
        _table(["id", "name", "born", "sex", "birth g"], [
            [str(b.id), b.name, str(b.birth_date), b.sex.value if b.sex else "-",
             str(b.birth_weight_g or "-")] for b in babies], right={0, 4})


@click.group()
def weight() -> None:
    """Add, list, edit or delete infant weights."""


@weight.command("add")
@click.argument("grams")
@click.option("--baby", help="Which baby (id or name; optional with one baby).")
@click.option("--date", "day", default="today", show_default=True, help="Day weighed.")
def weight_add(grams: str, baby: str | None, day: str) -> None:
    """Add a weight in grams: letdown weight add 4120 --baby Ada"""
    from letdown.journal.records import InfantWeight

    with open_journal() as journal:
        values = {"baby_id": _resolve_baby(journal, baby, required=True),
                  "date": _day(day, "--date"), "grams": grams}
        saved = journal.add_weight(InfantWeight.model_validate(values))
    click.echo(f"saved weight {saved.id}: {saved.grams} g on {saved.date}")


@weight.command("list")
@click.option("--baby", help="Only this baby (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def weight_list(baby: str | None, as_json: bool) -> None:
    """List weights, oldest first."""
    with open_journal() as journal:
        baby_id = _resolve_baby(journal, baby, required=False) if baby else None
        weights = journal.list_weights(baby_id)
        names = {b.id: b.name for b in journal.list_babies()}
    if as_json:
        _print_json([w.model_dump(mode="json") for w in weights])
    elif not weights:
        click.echo("No weights yet. Add one with `letdown weight add GRAMS`.")
    else:
        _table(["id", "baby", "date", "grams"], [
            [str(w.id), names.get(w.baby_id, "?"), str(w.date), str(w.grams)]
            for w in weights], right={0, 3})


@click.group()
def diapers() -> None:
    """Add, list, edit or delete daily diaper counts."""


@diapers.command("add")
@click.option("--wet", required=True, help="Wet diapers that day.")
@click.option("--dirty", required=True, help="Dirty diapers that day.")
@click.option("--baby", help="Which baby (id or name; optional with one baby).")
@click.option("--date", "day", default="today", show_default=True, help="The day counted.")
@click.option("--replace", is_flag=True, help="Replace that day's count if there is one.")
def diapers_add(wet: str, dirty: str, baby: str | None, day: str, replace: bool) -> None:
    """Add a day's count: letdown diapers add --wet 6 --dirty 3"""
    from letdown.journal.records import DiaperCount

    with open_journal() as journal:
        values = {"baby_id": _resolve_baby(journal, baby, required=True),
                  "date": _day(day, "--date"), "wet": wet, "dirty": dirty}
        count = DiaperCount.model_validate(values)
        existing = [c for c in journal.list_diapers(count.baby_id) if c.date == count.date]
        if existing and replace:
            saved = journal.update_diapers(existing[0].id or 0, {"wet": count.wet,
                                                                 "dirty": count.dirty})
        elif existing:
            fail(f"--date: {count.date} already has a count ({existing[0].wet} wet, "
                 f"{existing[0].dirty} dirty); add --replace to change it")
        else:
            saved = journal.add_diapers(count)
    click.echo(f"saved diapers for {saved.date}: {saved.wet} wet, {saved.dirty} dirty")


@diapers.command("list")
@click.option("--baby", help="Only this baby (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def diapers_list(baby: str | None, as_json: bool) -> None:
    """List daily diaper counts, oldest first."""
    with open_journal() as journal:
        baby_id = _resolve_baby(journal, baby, required=False) if baby else None
        counts = journal.list_diapers(baby_id)
        names = {b.id: b.name for b in journal.list_babies()}
    if as_json:
        _print_json([c.model_dump(mode="json") for c in counts])
    elif not counts:
        click.echo("No diaper counts yet. Add one with `letdown diapers add --wet N --dirty N`.")
    else:
        _table(["id", "baby", "date", "wet", "dirty"], [
            [str(c.id), names.get(c.baby_id, "?"), str(c.date), str(c.wet), str(c.dirty)]
            for c in counts], right={0, 3, 4})


# ------------------------------------------- edit and delete babies, weights, diapers
#
# Like `letdown edit` and `letdown delete` for sessions: edit changes only the flags
# given (the whole record is checked again, and nothing is written if it is wrong);
# delete shows the record and asks first unless --yes.


def _confirm_delete(yes: bool, what: str) -> None:
    if not yes:
        click.confirm(f"Delete {what}?", abort=True)


def _baby_text(record: Any) -> str:
    extra = "".join(
        f", {part}" for part in (record.sex.value if record.sex else None,
                                 f"{record.birth_weight_g} g at birth"
                                 if record.birth_weight_g else None) if part)
    return f"{record.name}, born {record.birth_date}{extra}"


def _baby_name(journal: Journal, baby_id: int) -> str:
    return next((b.name for b in journal.list_babies() if b.id == baby_id), "?")


def _nothing_to_change(command: str) -> NoReturn:
    fail(f"nothing to change: give the flags to change (see `letdown {command} --help`)")


@baby.command("edit")
@click.argument("baby_id", type=int)
@click.option("--name", help="The baby's name or nickname.")
@click.option("--born", help="Date of birth (YYYY-MM-DD).")
@click.option("--sex", type=click.Choice(("female", "male")), help="For growth charts.")
@click.option("--birth-weight-g", help="Birth weight in grams.")
@click.option("--clear", "clear", multiple=True, type=click.Choice(("sex", "birth-weight-g")),
              help="Empty an optional field.")
def baby_edit(baby_id: int, name: str | None, born: str | None, sex: str | None,
              birth_weight_g: str | None, clear: tuple[str, ...]) -> None:
    """Change a baby: letdown baby edit 1 --name "Ada Rose" --birth-weight-g 3450"""
    changes: dict[str, Any] = {"name": name, "sex": sex, "birth_weight_g": birth_weight_g}
    changes = {k: v for k, v in changes.items() if v is not None}
    if born is not None:
        changes["birth_date"] = _day(born, "--born")
    for field in clear:
        changes[field.replace("-", "_")] = None
    if not changes:
        _nothing_to_change("baby edit")
    with open_journal() as journal:
        updated = journal.update_baby(baby_id, changes)
    click.echo(f"updated baby {updated.id}: {_baby_text(updated)}")


@baby.command("delete")
@click.argument("baby_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def baby_delete(baby_id: int, yes: bool) -> None:
    """Delete a baby (asks first). A baby with sessions, weights or diapers is kept."""
    with open_journal() as journal:
        found = journal.get_baby(baby_id)
        _confirm_delete(yes, f"baby {baby_id} ({_baby_text(found)})")
        journal.delete_baby(baby_id)
    click.echo(f"deleted baby {baby_id}")


@weight.command("edit")
@click.argument("weight_id", type=int)
@click.option("--grams", help="Weight in grams.")
@click.option("--date", "day", help="Day weighed.")
@click.option("--baby", help="Move it to this baby (id or name).")
def weight_edit(weight_id: int, grams: str | None, day: str | None, baby: str | None) -> None:
    """Change a weight: letdown weight edit 3 --grams 4150"""
    changes: dict[str, Any] = {} if grams is None else {"grams": grams}
    if day is not None:
        changes["date"] = _day(day, "--date")
    with open_journal() as journal:
        if baby is not None:
            changes["baby_id"] = _resolve_baby(journal, baby, required=True)
        if not changes:
            _nothing_to_change("weight edit")
        updated = journal.update_weight(weight_id, changes)
        name = _baby_name(journal, updated.baby_id)
    click.echo(f"updated weight {updated.id}: {updated.grams} g on {updated.date} ({name})")


@weight.command("delete")
@click.argument("weight_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def weight_delete(weight_id: int, yes: bool) -> None:
    """Delete a weight (asks first)."""
    with open_journal() as journal:
        found = journal.get_weight(weight_id)
        name = _baby_name(journal, found.baby_id)
        _confirm_delete(yes, f"weight {weight_id} ({found.grams} g on {found.date}, {name})")
        journal.delete_weight(weight_id)
    click.echo(f"deleted weight {weight_id}")


@diapers.command("edit")
@click.argument("count_id", type=int)
@click.option("--wet", help="Wet diapers that day.")
@click.option("--dirty", help="Dirty diapers that day.")
@click.option("--date", "day", help="The day counted.")
@click.option("--baby", help="Move it to this baby (id or name).")
def diapers_edit(count_id: int, wet: str | None, dirty: str | None, day: str | None,
                 baby: str | None) -> None:
    """Change a day's count: letdown diapers edit 4 --wet 7"""
    changes: dict[str, Any] = {k: v for k, v in (("wet", wet), ("dirty", dirty)) if v is not None}
    if day is not None:
        changes["date"] = _day(day, "--date")
    with open_journal() as journal:
        if baby is not None:
            changes["baby_id"] = _resolve_baby(journal, baby, required=True)
        if not changes:
            _nothing_to_change("diapers edit")
        updated = journal.update_diapers(count_id, changes)
        name = _baby_name(journal, updated.baby_id)
    click.echo(f"updated diapers {updated.id}: {updated.wet} wet, {updated.dirty} dirty on "
               f"{updated.date} ({name})")


@diapers.command("delete")
@click.argument("count_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def diapers_delete(count_id: int, yes: bool) -> None:
    """Delete a day's diaper count (asks first)."""
    with open_journal() as journal:
        found = journal.get_diapers(count_id)
        name = _baby_name(journal, found.baby_id)
        _confirm_delete(yes, f"diapers {count_id} ({found.wet} wet, {found.dirty} dirty on "
                             f"{found.date}, {name})")
        journal.delete_diapers(count_id)
    click.echo(f"deleted diapers {count_id}")
