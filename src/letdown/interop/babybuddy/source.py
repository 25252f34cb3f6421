"""Baby Buddy's records as typed values, read from its REST API JSON or admin CSV rows.

Both readers end here, so the mapping sees one shape. The two formats differ (see the
reference notes): the API gives aware UTC times ending in ``Z``, booleans and tag
names; the CSV export gives naive local times ("YYYY-MM-DD HH:MM:SS" in the exporting
user's time zone), ``1``/``0`` and tag primary keys. A record that is not what Baby
Buddy writes (a missing field, a date that is not a date) is a problem naming the file
or endpoint, the record's id and the field; the readers collect them and refuse the
whole import, so nothing is half-imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Stop listing after this many problems (one broken column can fail every row).
MAX_PROBLEMS = 20


class BabyBuddyProblem(Exception):
    """Baby Buddy's data could not be read; ``problems`` says what and where (nothing written)."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Child:
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date
    birth_time: dt.time | None = None

    @property
    def name(self) -> str:
        return " ".join(f"{self.first_name} {self.last_name}".split())


@dataclass(frozen=True)
class Feeding:
    id: int
    child: int
    start: dt.datetime
    end: dt.datetime
    type: str
    method: str
    amount: float | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pumping:
    id: int
    child: int | None
    start: dt.datetime
    end: dt.datetime
    amount: float | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Weight:
    id: int
    child: int
    weight: float
    date: dt.date
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    id: int
    child: int
    time: dt.datetime
    wet: bool
    solid: bool
    color: str = ""
    amount: float | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass
class Export:
    """Everything read from one Baby Buddy (API or CSV files), before mapping.

    ``origin`` names the server (its normalised address) and is part of every imported
    record's uuid. ``tag_names`` is False for the CSV export, whose tags are primary
    keys that mean nothing without the server's tag table.
    """

    origin: str
    children: list[Child] = field(default_factory=list)
    feedings: list[Feeding] = field(default_factory=list)
    pumping: list[Pumping] = field(default_factory=list)
    weights: list[Weight] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    tag_names: bool = True


class _Bad(ValueError):
    """One field of one record is not what Baby Buddy writes."""


class Row:
    """One record's fields (a JSON object or a CSV row) with typed getters.

    ``zone`` is the time zone of naive times (the CSV's); ``csv`` switches to the
    CSV's spellings (``1``/``0``, empty for null, comma-separated tag keys).
    """

    def __init__(self, values: Mapping[str, object], zone: dt.tzinfo, csv: bool) -> None:
        self.values = values
        self.zone = zone
        self.csv = csv

    def _raw(self, name: str, required: bool = True) -> object:
        if name not in self.values:
            if required:
                raise _Bad(f"{name}: missing")
            return None
        value = self.values[name]
        if self.csv and value == "":
            return None
        return value

    def integer(self, name: str, required: bool = True) -> int | None:
        value = self._raw(name, required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise _Bad(f"{name}: {_shown(value)} is not a whole number")
        try:
            number = int(value)
        except ValueError:
            raise _Bad(f"{name}: {_shown(value)} is not a whole number") from None
        if not 1 <= number <= 2**31 - 1:
            raise _Bad(f"{name}: {_shown(value)} is not a record id (1 or more)")
        return number

    def number(self, name: str) -> float | None:
        value = self._raw(name, required=False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _Bad(f"{name}: {_shown(value)} is not a number")
        try:
            number = float(value)
        except ValueError:
            raise _Bad(f"{name}: {_shown(value)} is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise _Bad(f"{name}: {_shown(value)} is not a number")
        return number

    def text(self, name: str, required: bool = False) -> str:
        value = self._raw(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _Bad(f"{name}: {_shown(value)} is not text")
        return value

    def flag(self, name: str) -> bool:
        value = self._raw(name)
        if isinstance(value, bool):
            return value
        if self.csv and value in ("1", "0", "True", "False", "true", "false"):
            return value in ("1", "True", "true")
        raise _Bad(f"{name}: {_shown(value)} is not true or false")

    def day(self, name: str) -> dt.date:
        value = self._raw(name)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad(f"{name}: {_shown(value)} is not a date (YYYY-MM-DD)")

    def clock(self, name: str) -> dt.time | None:
        value = self._raw(name, required=False)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return dt.time.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad(f"{name}: {_shown(value)} is not a time of day (HH:MM:SS)")

    def moment(self, name: str) -> dt.datetime:
        value = self._raw(name)
        if isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=self.zone)
                try:
                    return moment.astimezone(dt.UTC)
                except (OverflowError, ValueError):
                    pass
        shape = "YYYY-MM-DD HH:MM:SS" if self.csv else "an ISO 8601 date and time"
        raise _Bad(f"{name}: {_shown(value)} is not a date and time ({shape})")

    def tags(self) -> tuple[str, ...]:
        value = self._raw("tags", required=False)
        if value is None:
            return ()
        if self.csv and isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(item for item in value if item.strip())
        raise _Bad(f"tags: {_shown(value)} is not a list of tag names")


def _shown(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 4] + "...'"


def read_child(row: Row) -> Child:
    return Child(
        id=_id(row), first_name=row.text("first_name", required=True),
        last_name=row.text("last_name"), birth_date=row.day("birth_date"),
        birth_time=row.clock("birth_time"))


def read_feeding(row: Row) -> Feeding:
    return Feeding(
        id=_id(row), child=_id(row, "child"), start=row.moment("start"), end=row.moment("end"),
        type=row.text("type", required=True), method=row.text("method", required=True),
        amount=row.number("amount"), notes=row.text("notes"), tags=row.tags())


def read_pumping(row: Row) -> Pumping:
    return Pumping(
        id=_id(row), child=row.integer("child", required=False), start=row.moment("start"),
        end=row.moment("end"), amount=row.number("amount"), notes=row.text("notes"),
        tags=row.tags())


def read_weight(row: Row) -> Weight:
    weight = row.number("weight")
    if weight is None:
        raise _Bad("weight: missing")
    return Weight(id=_id(row), child=_id(row, "child"), weight=weight, date=row.day("date"),
                  notes=row.text("notes"), tags=row.tags())


def read_change(row: Row) -> Change:
    return Change(
        id=_id(row), child=_id(row, "child"), time=row.moment("time"), wet=row.flag("wet"),
        solid=row.flag("solid"), color=row.text("color"), amount=row.number("amount"),
        notes=row.text("notes"), tags=row.tags())


def _id(row: Row, name: str = "id") -> int:
    if row.csv and name == "child":
        name = "child_id"
    value = row.integer(name)
    assert value is not None
    return value


#: model name (as in Baby Buddy's API path) -> (Export attribute, reader, one record called)
MODELS: dict[str, tuple[str, Callable[[Row], Any], str]] = {
    "children": ("children", read_child, "child"),
    "feedings": ("feedings", read_feeding, "feeding"),
    "pumping": ("pumping", read_pumping, "pumping"),
    "weight": ("weights", read_weight, "weight"),
    "changes": ("changes", read_change, "diaper change"),
}


def read_records(
    export: Export, model: str, rows: Sequence[object], *, where: str,
    zone: dt.tzinfo, csv: bool, problems: list[str], lines: list[int] | None = None,
) -> None:
    """Add ``rows`` of ``model`` to ``export``; each bad one becomes a line in ``problems``.

    A record whose id was read before (a page repeated while Baby Buddy changed, or the
    same export given twice) replaces the earlier one.
    """
    attribute, reader, _ = MODELS[model]
    found: dict[int, Any] = {r.id: r for r in getattr(export, attribute)}
    for index, values in enumerate(rows):
        if not isinstance(values, Mapping):
            problems.append(f"{where}: item {index + 1} is {_shown(values)}, not a record")
            continue
        try:
            item = reader(Row(values, zone, csv))
        except _Bad as error:
            place = f"line {lines[index]}" if lines else f"record {index + 1}"
            ident = values.get("id")
            named = f" (id {_shown(ident)})" if isinstance(ident, int | str) and ident else ""
            problems.append(f"{where}, {place}{named}: {error}")
            continue
        found[item.id] = item
    setattr(export, attribute, list(found.values()))
