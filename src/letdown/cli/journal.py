"""Session commands: ``log``, ``sessions``, ``show``, ``edit`` and ``delete``.

A thin shell over ``letdown.journal.service.Journal``: it turns flags (or
friendly prompts, when a person is at the terminal) into records, and records
into readable text in local time. Bad input never writes anything: the message
names the field and what is allowed, and the exit status is 2.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import click

from letdown.cli.common import (
    fail,
    moment_value,
    now_utc,
    open_journal,
    parse_value,
    print_json,
    resolve_baby,
    zone,
)

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
        click.option("--tandem-baby", metavar="BABY",
                     help="Feeding both twins? The second baby (id or name), fed at the same "
                     "time on the other breast (breastfeed, both sides)."),
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
    from letdown.journal.when import parse_minutes

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
        changes["baby_id"] = resolve_baby(journal, flags["baby"], required=False)
    if flags.get("tandem_baby") is not None:
        changes["tandem_baby_id"] = resolve_baby(
            journal, flags["tandem_baby"], required=False, flag="--tandem-baby")
    sides = changes.get("sides") or (current.sides.value if current else None)
    used = ["left", "right"] if sides == "both" else [sides] if sides else []
    if flags.get("ml") is not None:
        if len(used) != 1:
            fail("--ml: only with one side; with both sides give --left-ml and --right-ml")
        changes[f"volume_{used[0]}_ml"] = flags["ml"]
    # times
    end = moment_value(flags["end"], "--end") if flags.get("end") else None
    start = moment_value(flags["start"], "--start") if flags.get("start") else None
    if flags.get("minutes") is not None:
        if start is not None and end is not None:
            fail("--minutes: give at most two of --start, --end and --minutes")
        length = dt.timedelta(minutes=parse_value(parse_minutes, flags["minutes"], "--minutes"))
        if start is not None:
            end = start + length
        else:
            end = end or (current.end if current else now_utc())
            start = end - length
    if start is not None:
        changes["start"] = start
    if end is not None:
        changes["end"] = end
    letdowns = _letdowns_from_flags(flags, used, current)
    if letdowns is not None:
        changes["letdowns"] = letdowns
    return changes


def _letdowns_from_flags(
    flags: Mapping[str, Any], used: list[str], current: Session | None
) -> list[dict[str, Any]] | None:
    """The let-downs the flags ask for, or None when no let-down flag was given.

    ``--letdown`` replaces every let-down; ``--letdown-left`` (or ``-right``) alone
    replaces only that side's, so editing one side never loses the other's.
    """
    from letdown.journal.when import parse_offset_seconds

    events: list[dict[str, Any]] = []
    replaced: set[str] = set()
    for flag, sides_for in (("letdown_any", used), ("letdown_left", ["left"]),
                            ("letdown_right", ["right"])):
        name = "--" + flag.replace("_any", "").replace("_", "-")
        for text in flags.get(flag) or ():
            if not sides_for:
                fail(f"{name}: say which --sides were used (left, right or both)")
            seconds = parse_value(parse_offset_seconds, text, name)
            events += [{"side": side, "at_s": seconds} for side in sides_for]
        if flags.get(flag):
            replaced.update(["left", "right"] if flag == "letdown_any" else sides_for)
    if not replaced:
        return None
    kept = [
        {"side": e.side.value, "at_s": e.at_s}
        for e in (current.letdowns if current else [])
        if e.side.value not in replaced
    ]
    return kept + events


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
      letdown log -k breastfeed -s both -m 20 --baby Ada --tandem-baby Ben   # twins
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
@click.option("--limit", "-n", type=click.IntRange(1, 2**31 - 1), default=20, show_default=True,
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
        shown_names,
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
            "baby_id": resolve_baby(journal, baby, required=False) if baby else None,
        }
        records = journal.list_sessions(**filters, limit=None if show_all else limit)
        named = shown_names((b.id, b.name) for b in journal.list_babies())
        total = len(records) if show_all or len(records) < limit else journal.count_sessions(
            **filters)
    if as_json:
        print_json([s.model_dump(mode="json") for s in records])
        return
    _show_table([SessionLine.of(s, named) for s in records], total, tz=tz,
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
        return moment_value(text, field)
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
        twin = journal.get_baby(session.tandem_baby_id) if session.tandem_baby_id else None
    if as_json:
        print_json(session.model_dump(mode="json"))
        return
    tz = zone()
    lines: list[tuple[str, str]] = [
        ("session", f"{session.id}  {session.kind.value.replace('_', ' ')}"),
        ("baby", f"{baby.name} ({baby.id})" if baby else "-"),
        *([("tandem with", f"{twin.name} ({twin.id}), fed at the same time")] if twin else []),
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
    --letdown-left (or --letdown-right) replaces only that side's let-downs.

    \b
      letdown edit 12 --pain 3 --letdown 1:10
      letdown edit 12 --clear notes
      letdown edit 12 --clear tandem-baby
    """
    from letdown.journal.records import Session

    with open_journal() as journal:
        current = journal.get_session(session_id)
        changes = _changes_from_flags(flags, journal, current)
        for field in clear:
            name = field.replace("-", "_")
            name = {"baby": "baby_id", "tandem_baby": "tandem_baby_id"}.get(name, name)
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
