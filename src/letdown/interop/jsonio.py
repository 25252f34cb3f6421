"""The journal as one JSON file, and back, without loss.

Layout: one object with ``format``, ``version``, ``profile`` and the lists
``babies``, ``sessions``, ``weights``, ``diapers``; each record sits on its own
line, so a problem can be reported by line and the file diffs well. Times are
ISO 8601 in UTC (``Z``); units are in the field names. Reading accepts any
valid JSON with the same structure (pretty-printed or not) and reports
problems by the line where the record starts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from letdown.interop.problems import (
    SECTIONS,
    BadJournalFile,
    dotted,
    validated,
)
from letdown.journal.records import JournalData

FORMAT = "letdown-journal"


def dump_json(data: JournalData) -> str:
    """The journal as JSON text, one record per line."""

    def record(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    plain = data.model_dump(mode="json")
    lines = ["{", f'"format": {record(FORMAT)},', f'"version": {plain["version"]},',
             f'"profile": {record(plain["profile"])},']
    sections = [name for name in SECTIONS if name != "profile"]
    for number, name in enumerate(sections):
        items = plain[name]
        closing = "]" if number == len(sections) - 1 else "],"
        if not items:
            lines.append(f'"{name}": [{closing}')
            continue
        lines.append(f'"{name}": [')
        lines += [record(item) + ("," if i < len(items) - 1 else "") for i, item in
                  enumerate(items)]
        lines.append(closing)
    lines.append("}")
    return "\n".join(lines) + "\n"


def load_json(text: str, *, name: str = "file") -> JournalData:
    """Read a JSON journal; ``BadJournalFile`` lists every problem (line, record and field)."""
    if not text.strip():
        raise BadJournalFile([f"{name}: the file is empty; expected a letdown export "
                              "(letdown export -o FILE writes one)"])
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadJournalFile(
            [f"{name} line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"]
        ) from None
    except RecursionError:
        raise BadJournalFile([f"{name}: brackets nested too deeply; a letdown export nests "
                              "only a few levels"]) from None
    except ValueError as error:  # for example an integer of more than 4300 digits
        raise BadJournalFile([f"{name}: not a readable JSON export ({error})"]) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BadJournalFile([f"{name}: not a letdown journal export (expected an object with "
                              f'"format": "{FORMAT}")'])
    where = _locator(text, name, raw)
    try:
        return validated(raw, where)
    except RecursionError:
        raise BadJournalFile([f"{name}: values nested too deeply; a letdown export nests "
                              "only a few levels"]) from None


#: Section -> what one of its records is called in messages.
RECORD_NAMES = {"babies": "baby", "sessions": "session", "weights": "weight",
                "diapers": "diaper count"}


def _locator(text: str, name: str, raw: dict[str, Any]) -> Callable[[tuple[int | str, ...]], str]:
    """A function naming the line and the record (kind, number, id) of ``section[index]``.

    The record is named too, so a problem can be found even when the whole file is
    one line.
    """
    starts = _record_offsets(text)

    def where(loc: tuple[int | str, ...]) -> str:
        key: tuple[str, int] | None = None
        if len(loc) >= 2 and isinstance(loc[1], int):
            key = (str(loc[0]), loc[1])
        elif loc:
            key = (str(loc[0]), -1)
        offset = starts.get(key) if key else None
        if offset is None:
            place = f"{name} ({dotted(loc[:2])})"
        else:
            place = f"{name} line {text.count(chr(10), 0, offset) + 1}"
        if key is not None and key[1] >= 0 and key[0] in RECORD_NAMES:
            place += f", {_record_name(raw, *key)}"
        return place

    return where


def _record_name(raw: dict[str, Any], section: str, index: int) -> str:
    """``session #3 (id 7)``: the kind, 1-based position and id (or uuid) of a record."""
    label = f"{RECORD_NAMES[section]} #{index + 1}"
    items = raw.get(section)
    item = items[index] if isinstance(items, list) and index < len(items) else None
    if isinstance(item, dict):
        for key in ("id", "uuid"):
            value = item.get(key)
            if isinstance(value, int | str) and not isinstance(value, bool):
                shown = str(value)
                if len(shown) <= 40:
                    return f"{label} ({key} {shown})"
    return label


def _record_offsets(text: str) -> dict[tuple[str, int], int]:
    """Where each top-level section (index -1) and each record in it starts."""
    decoder = json.JSONDecoder()
    offsets: dict[tuple[str, int], int] = {}

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    try:
        pos = skip(0)
        if text[pos] != "{":
            return offsets
        pos = skip(pos + 1)
        while pos < len(text) and text[pos] != "}":
            key, pos = decoder.raw_decode(text, pos)
            pos = skip(skip(pos) + 1)  # the colon
            offsets[(str(key), -1)] = pos
            if text[pos] == "[" and key in SECTIONS:
                pos = skip(pos + 1)
                index = 0
                while text[pos] != "]":
                    offsets[(str(key), index)] = pos
                    _, pos = decoder.raw_decode(text, pos)
                    pos = skip(pos)
                    if text[pos] == ",":
                        pos = skip(pos + 1)
                    index += 1
                pos += 1
            else:
                _, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if pos < len(text) and text[pos] == ",":
                pos = skip(pos + 1)
    except (ValueError, IndexError, RecursionError):
        pass  # already parsed by json.loads; give up on positions only
    return offsets
