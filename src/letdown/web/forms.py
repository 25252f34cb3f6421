"""Read the pages' HTML forms into journal records, or into messages for the person.

HTML forms send every value as text and leave blanks empty. This module turns
that into the journal's record fields (blank -> not given, ``1:35`` -> 95 s,
local ``datetime-local`` values -> aware times) and lets the journal's records
do all the checking, so a form accepts exactly what the CLI and API accept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from letdown.journal.records import PUMP_FIELDS, Kind, Session, Technique, describe_errors
from letdown.journal.when import clock as clock_text

SESSION_TEXT_FIELDS = (
    "kind", "sides", "side_mode", "context", "pump_name", "suction_level", "cycle", "notes",
)
SESSION_NUMBER_FIELDS = (
    "volume_left_ml", "volume_right_ml", "flange_mm", "suction_mmhg", "pain", "stress",
    "sleep_hours", "alcohol_drinks", "alcohol_hours_before", "cigarettes_today", "baby_id",
    "tandem_baby_id",
)
SESSION_FLAGS = ("felt_cold", "felt_rushed", "felt_self_conscious")


class FormError(ValueError):
    """A form value that cannot even be read (the message names the field)."""


class FormData:
    """A read-only view of submitted form fields: one value, or all values of a name."""

    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        self._items = [(k, v if isinstance(v, str) else "") for k, v in items]

    def get(self, name: str) -> str:
        """The first value of ``name``, stripped; empty when absent."""
        for key, value in self._items:
            if key == name:
                return value.strip()
        return ""

    def getall(self, name: str) -> list[str]:
        """Every non-empty value of ``name``, in order."""
        return [v.strip() for k, v in self._items if k == name and v.strip()]

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self._items)


def parse_seconds(text: str, field: str) -> float:
    """``95``, ``95.5``, ``1:35`` or ``1:02:05`` -> seconds; else a FormError naming the field."""
    parts = text.strip().split(":")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise FormError(
            f"{field}: {text!r} is not a time; allowed: seconds (95) or minutes:seconds (1:35)"
        ) from None
    if len(numbers) > 3 or any(n < 0 for n in numbers) or any(n != n for n in numbers):
        raise FormError(f"{field}: {text!r} is not a time; allowed: 95, 1:35 or 1:02:05")
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


def parse_local_time(text: str, field: str, zone: dt.tzinfo) -> dt.datetime:
    """An ISO time; without an offset it is read in the display zone.

    A time that has no place on the calendar once in UTC (year 1 east of UTC, the
    last day of 9999 west of it) is refused here, before anything converts it.
    """
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FormError(
            f"{field}: {text[:40]!r} is not a date and time; allowed: YYYY-MM-DDTHH:MM"
        ) from None
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    try:
        moment.astimezone(dt.UTC).astimezone(zone)
    except (OverflowError, ValueError):
        raise FormError(
            f"{field}: {text[:40]!r} is out of range; allowed: a date and time between the "
            "years 1 and 9999"
        ) from None
    return moment


def session_values(
    form: FormData, zone: dt.tzinfo, now: dt.datetime
) -> tuple[dict[str, Any], list[str]]:
    """(the session fields a form gives, blank ones left out; messages for unreadable ones).

    ``end`` defaults to ``now`` when the form has no end (the guided session ends
    when its form is sent, unless the page recorded the moment "finish" was tapped).
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name in SESSION_TEXT_FIELDS:
        if form.get(name):
            values[name] = form.get(name)
    for name in SESSION_NUMBER_FIELDS:
        text = form.get(name).replace(",", ".")
        if text:
            values[name] = text  # the record checks it is a number in range
    for name in SESSION_FLAGS:
        if form.has(name):
            values[name] = form.get(name) not in ("", "0", "false", "no")
    values["techniques"] = form.getall("techniques")
    medicines = [m.strip() for m in form.get("medicines").split(",") if m.strip()]
    if medicines:
        values["medicines"] = medicines
    for name in ("start", "end"):
        text = form.get(name)
        if text:
            try:
                values[name] = parse_local_time(text, name, zone)
            except FormError as error:
                problems.append(str(error))
    if "end" not in values and "start" in values:
        values["end"] = now
    letdowns = []
    for side in ("left", "right"):
        field = f"letdown_{side}"
        for chunk in form.get(field).replace(";", ",").split(","):
            if chunk.strip():
                try:
                    letdowns.append({"side": side, "at_s": parse_seconds(chunk, field)})
                except FormError as error:
                    problems.append(str(error))
    values["letdowns"] = letdowns
    if values.get("sides") != "both":
        values.pop("side_mode", None)  # one side: the question does not arise
    if values.get("kind") != Kind.pump.value:
        for name in PUMP_FIELDS:
            values.pop(name, None)
    return values, problems


def validate(model: type[BaseModel], values: Mapping[str, Any]) -> tuple[Any, list[str]]:
    """(record, []) when valid, else (None, messages naming each field)."""
    try:
        return model.model_validate(dict(values)), []
    except ValidationError as error:
        return None, describe_errors(error, model)


def read_session(
    form: FormData, zone: dt.tzinfo, now: dt.datetime
) -> tuple[Session | None, dict[str, Any], list[str]]:
    """(session or None, the values read, error messages) from a session form."""
    values, problems = session_values(form, zone, now)
    record, errors = validate(Session, values)
    errors = [on_letdown_field(in_clock_time(e), values) for e in errors]
    if problems:
        unread = {p.partition(":")[0] for p in problems}  # "start: Field required" says no more
        errors = [e for e in errors if not any(e.startswith(f"{u}: Field required")
                                               for u in unread)]
        return None, values, problems + errors
    return record, values, errors


def clock(seconds: float) -> str:
    """Seconds as the pages show times within a session: ``1:35``, ``1:02:05``."""
    return clock_text(seconds)


_NUMBER = r"(\d+(?:\.\d+)?(?:e[+-]?\d+)?)"
_TOO_LATE = re.compile(rf"^(letdowns\.\d+\.at_s): Input should be less than or equal to {_NUMBER}$")


def in_clock_time(message: str) -> str:
    """A let-down time past the 6-hour limit, in hours:minutes:seconds for the form.

    The limit is the field's own bound, which the API and CLI give in seconds; a
    parent who typed ``1:35`` reads ``6:00:00`` and what to change instead. (A
    let-down after the session's end is already told in minutes:seconds by the journal.)
    """
    late = _TOO_LATE.match(message)
    if late:
        return (f"{late.group(1)}: more than {clock(float(late.group(2)))} from the start; "
                "allowed: a time within the session (at most 6 hours)")
    return message


def on_letdown_field(message: str, values: Mapping[str, Any]) -> str:
    """A message about ``letdowns.N`` or ``letdowns`` named by the form field it came
    from (``letdown_left: ...``), as every other message on the form is."""
    head, colon, rest = message.partition(":")
    parts = head.strip().split(".")
    if not colon or parts[0] != "letdowns":
        return message
    read = values.get("letdowns") or []
    side = None
    if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(read):
        side = read[int(parts[1])].get("side")
    elif len(parts) == 1:
        side = next((w for w in re.findall(r"[a-z]+", rest) if w in ("left", "right")), None)
    return f"letdown_{side}:{rest}" if side in ("left", "right") else message


TECHNIQUE_CHOICES: tuple[Technique, ...] = tuple(Technique)


def session_form(session: Session | None, zone: dt.tzinfo, **extra: object) -> FormData:
    """A form pre-filled from a saved session (for editing) plus any ``extra`` fields."""
    items: list[tuple[str, str]] = []
    if session is not None:
        data = session.model_dump(mode="python")
        for name in (*SESSION_TEXT_FIELDS, *SESSION_NUMBER_FIELDS):
            value = data.get(name)
            if value is not None and value != "":
                items.append((name, _text(value)))
        for name in SESSION_FLAGS:
            if data.get(name):
                items.append((name, "on"))
        items += [("techniques", t.value) for t in session.techniques]
        if session.medicines:
            items.append(("medicines", ", ".join(session.medicines)))
        for name in ("start", "end"):
            moment: dt.datetime = data[name]
            items.append((name, moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M:%S")))
        for side in ("left", "right"):
            times = [_text(e.at_s) for e in session.letdowns if e.side.value == side]
            if times:
                items.append((f"letdown_{side}", ", ".join(times)))
    for name, value in extra.items():
        if isinstance(value, list | tuple):
            items += [(name, _text(v)) for v in value]
        elif value is not None:
            items.append((name, _text(value)))
    return FormData(items)


def _text(value: object) -> str:
    raw = getattr(value, "value", value)
    if isinstance(raw, float):
        return f"{raw:g}"
    return str(raw)


def errors_by_field(errors: Sequence[str]) -> dict[str, str]:
    """Each message keyed by the field it names (``conditions.2: ...`` -> ``conditions``).

    Pages show these next to their fields, as well as in the summary at the top;
    a message that names no field (a conflict, say) is only in the summary.
    """
    found: dict[str, str] = {}
    for message in errors:
        head, colon, _ = message.partition(":")
        name = head.split(".", 1)[0].strip()
        if colon and name.isidentifier():
            found[name] = f"{found[name]} {message}" if name in found else message
    return found


def field_of(message: str, fields: Collection[str]) -> str | None:
    """The form field (one of ``fields``) a message is about, or None.

    Besides ``field: ...`` and ``field.0: ...`` (as ``errors_by_field``), this finds
    dotted names (``pump.flange_mm: ...``), a part's own check (``infant: weighed_on
    needs ...`` -> ``infant.weighed_on``) and a record's own check that starts with a
    field's name (``end must be after start`` -> ``end``).
    """
    head, colon, rest = message.partition(":")
    path = head.strip().split(".") if colon and _PATH.fullmatch(head.strip()) else []
    for size in range(len(path), 0, -1):  # the longest known prefix of the path
        name = ".".join(path[:size])
        if name in fields:
            return name
    words = (rest if path else message).split()
    first = words[0].rstrip(",;") if words else ""
    name = ".".join([*path, first])
    return name if first.isidentifier() and name in fields else None


_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*")


def errors_next_to(
    errors: Sequence[str], place: Callable[[str], str | None]
) -> dict[str, str]:
    """Each message keyed by the field ``place`` finds for it (several joined by a space).

    Pages show these next to their fields, as well as in the summary at the top;
    a message that ``place`` finds no field for is only in the summary.
    """
    found: dict[str, str] = {}
    for message in errors:
        name = place(message)
        if name:
            found[name] = f"{found[name]} {message}" if name in found else message
    return found


#: The fields of the session forms that a message can be shown next to.
SESSION_FORM_FIELDS = frozenset({
    *SESSION_TEXT_FIELDS, *SESSION_NUMBER_FIELDS, *SESSION_FLAGS, "techniques", "medicines",
    "start", "end", "letdown_left", "letdown_right",
})


def session_errors_by_field(errors: Sequence[str], values: Mapping[str, Any]) -> dict[str, str]:
    """The problems of a session form keyed by its fields.

    Let-downs are one list in a session but two fields on the form: a message about
    ``letdowns.N`` goes to the side of the N-th let-down read (``values`` from
    ``session_values``), and one about the whole list (``letdowns: left let-down at
    900 s is after the end``) to the first side it names.
    """
    letdowns = values.get("letdowns") or []

    def place(message: str) -> str | None:
        head, colon, rest = message.partition(":")
        parts = head.strip().split(".")
        if colon and parts[0] == "letdowns":
            if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(letdowns):
                return f"letdown_{letdowns[int(parts[1])].get('side')}"
            sides = [w for w in re.findall(r"[a-z]+", rest) if w in ("left", "right")]
            return f"letdown_{sides[0]}" if sides else None
        return field_of(message, SESSION_FORM_FIELDS)

    return errors_next_to(errors, place)


def split_list(text: str) -> list[str]:
    """``"PCOS, thyroid"`` -> ``["PCOS", "thyroid"]`` (commas or new lines; blanks dropped)."""
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


PROFILE_LISTS = ("conditions", "regular_medicines")


def profile_values(form: FormData) -> dict[str, Any]:
    """The parent profile a form gives: blank fields are "not given", lists split on commas."""
    values: dict[str, Any] = {"pseudonym": form.get("pseudonym")}
    values["delivery_date"] = form.get("delivery_date") or None
    choice = form.get("first_baby")
    values["first_baby"] = {"yes": True, "no": False}.get(choice, choice or None)
    for name in PROFILE_LISTS:
        values[name] = split_list(form.get(name))
    return values


def record_form(record: BaseModel | None) -> FormData:
    """A form pre-filled from a baby, weight, diaper count or profile (for editing)."""
    items: list[tuple[str, str]] = []
    if record is not None:
        for name, value in record.model_dump(mode="python").items():
            if isinstance(value, bool):
                items.append((name, "yes" if value else "no"))
            elif isinstance(value, list):
                items.append((name, ", ".join(str(v) for v in value)))
            elif value is not None:
                items.append((name, _text(value)))
    return FormData(items)
