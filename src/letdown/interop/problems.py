"""What goes wrong when reading a journal file, said so a person can fix it.

Readers collect every problem they find (up to a limit) instead of stopping at
the first, and raise ``BadJournalFile`` listing them, each naming where (file,
line) and which field. Nothing is written to the journal when a file is bad.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from letdown.journal.records import (
    FORMAT_VERSION,
    Baby,
    DiaperCount,
    InfantWeight,
    JournalData,
    ParentProfile,
    Record,
    Session,
    allowed,
)

#: Stop listing after this many problems (one broken column can fail every row).
MAX_PROBLEMS = 20

#: Section name in a journal file -> record type.
SECTIONS: dict[str, type[Record]] = {
    "profile": ParentProfile,
    "babies": Baby,
    "sessions": Session,
    "weights": InfantWeight,
    "diapers": DiaperCount,
}


def shown(value: object, limit: int = 40) -> str:
    """A value from a file as quoted in a message: ``repr``, cut short so a line stays a line."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 4] + "...'"


def dotted(loc: tuple[int | str, ...]) -> str:
    """A field's place (``letdowns.0.side``), each part cut short (keys come from the file)."""
    parts = [str(part) for part in loc]
    return ".".join(part if len(part) <= 40 else part[:36] + "..." for part in parts)


class BadJournalFile(ValueError):
    """A journal file that cannot be imported; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        extra = len(problems) - len(self.problems)
        if extra > 0:
            self.problems.append(f"... and {extra} more problems")
        super().__init__("\n".join(self.problems))


def validation_problems(
    error: ValidationError, where: Callable[[tuple[int | str, ...]], str]
) -> list[str]:
    """Lines for a ``JournalData`` validation error; ``where(loc)`` names file and line."""
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        model = SECTIONS.get(str(loc[0])) if loc else None
        field_loc = loc[1:] if loc[:1] == ("profile",) else loc[2:]
        if model is None and loc:
            field = dotted(loc)
            problems.append(f"{where(loc)}, field {field}: {message}"
                            + (f"; this letdown reads versions 1 to {FORMAT_VERSION}"
                               if loc == ("version",) else ""))
            continue
        if model is None or not field_loc:
            problems.append(f"{where(loc)}: {message}")
            continue
        hint = allowed(model, str(field_loc[0]))
        if hint and "allowed" not in message and item["type"] not in {"missing", "enum"}:
            message += f" (allowed: {hint})"
        problems.append(f"{where(loc)}, field {dotted(field_loc)}: {message}")
    return problems


def validated(raw: object, where: Callable[[tuple[int | str, ...]], str]) -> JournalData:
    """``raw`` as journal data, or ``BadJournalFile`` listing every problem with its place."""
    try:
        data = JournalData.model_validate(raw)
    except ValidationError as error:
        raise BadJournalFile(validation_problems(error, where)) from None
    problems = reference_problems(data, where)
    if problems:
        raise BadJournalFile(problems)
    return data


def reference_problems(
    data: JournalData, where: Callable[[tuple[int | str, ...]], str]
) -> list[str]:
    """Duplicate ids or uuids, and references to babies that are not in the file."""
    problems = []
    baby_ids = {b.id for b in data.babies if b.id is not None}
    for section in ("babies", "sessions", "weights", "diapers"):
        seen: set[object] = set()
        records: list[Record] = getattr(data, section)
        for index, record in enumerate(records):
            for key in ("id", "uuid"):
                value = getattr(record, key, None)
                if value is not None:
                    if (key, value) in seen:
                        problems.append(f"{where((section, index, key))}, field {key}: "
                                        f"{key} {value} appears twice; allowed: unique {key}s")
                    seen.add((key, value))
            for field in ("baby_id", "tandem_baby_id"):
                baby_id = getattr(record, field, None)
                if section != "babies" and baby_id is not None and baby_id not in baby_ids:
                    problems.append(f"{where((section, index, field))}, field {field}: no baby "
                                    f"with id {baby_id} in this file")
    days: set[tuple[int, object]] = set()
    for index, count in enumerate(data.diapers):
        if (count.baby_id, count.date) in days:
            problems.append(f"{where(('diapers', index, 'date'))}, field date: a second count "
                            f"for baby {count.baby_id} on {count.date}; allowed: one per day")
        days.add((count.baby_id, count.date))
    return problems
