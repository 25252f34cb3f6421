"""The session flags shared by ``log`` and ``edit``, and the prompts for what is missing.

Split from ``cli.journal`` (the commands) so each file holds one kind of thing: here
the options, turning flags into a record's changes, and asking a person at the
terminal for what they left out (each answer checked, and asked again when wrong).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import click

from letdown.cli.common import (
    fail,
    moment_value,
    now_utc,
    parse_value,
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


def changes_from_flags(
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


def prompt_missing(changes: dict[str, Any], journal: Journal) -> None:
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


