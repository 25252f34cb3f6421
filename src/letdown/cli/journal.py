"""Session commands: ``log``, ``sessions``, ``show``, ``edit`` and ``delete``.

A thin shell over ``letdown.journal.service.Journal``: it turns flags (or
friendly prompts, when a person is at the terminal) into records, and records
into readable text in local time. Bad input never writes anything: the message
names the field and what is allowed, and the exit status is 2.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

import click

from letdown.cli.common import (
    fail,
    moment_value,
    now_utc,
    open_journal,
    print_json,
    resolve_baby,
    zone,
)

if TYPE_CHECKING:
    from letdown.journal.records import Session


from letdown.cli.session_flags import (
    KINDS,
    changes_from_flags,
    prompt_missing,
    session_options,
)


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
        changes = changes_from_flags(flags, journal, None)
        essentials = {"kind", "sides", "start"} <= changes.keys()
        if ask if ask is not None else (sys.stdin.isatty() and not essentials):
            prompt_missing(changes, journal)
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
        changes = changes_from_flags(flags, journal, current)
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

