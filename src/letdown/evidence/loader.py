"""Load the evidence data files shipped inside the package, once, and validate them.

The files are TOML so that a lactation consultant can review and correct them
line by line without touching code. They are read with ``importlib.resources``
so they work from a wheel or a zip as well as from a checkout.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import ValidationError

from letdown.evidence.schema import Cause, Evidence, RedFlag, Substance, Technique

#: data file -> (table name inside the file, model)
FILES: dict[str, tuple[str, type[Cause | Technique | RedFlag | Substance]]] = {
    "causes.toml": ("cause", Cause),
    "techniques.toml": ("technique", Technique),
    "red_flags.toml": ("red_flag", RedFlag),
    "substances.toml": ("substance", Substance),
}


class EvidenceError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


def read_file(name: str) -> list[dict[str, Any]]:
    """The raw entries of one data file."""
    table, _ = FILES[name]
    text = resources.files("letdown.evidence").joinpath("data", name).read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EvidenceError(f"{name}: {exc}") from exc
    entries = data.get(table)
    if not isinstance(entries, list):
        raise EvidenceError(f"{name}: expected [[{table}]] entries")
    return entries


def build(raw: dict[str, list[dict[str, Any]]]) -> Evidence:
    """Validate raw entries (file name -> entries) into an :class:`Evidence`."""
    tables: dict[str, dict[str, Any]] = {}
    for name, (_, model) in FILES.items():
        parsed: dict[str, Any] = {}
        for i, item in enumerate(raw.get(name, [])):
            label = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
            try:
                entry = model.model_validate(item)
            except ValidationError as exc:
                raise EvidenceError(f"{name}: entry {label}: {exc}") from exc
            if entry.id in parsed:
                raise EvidenceError(f"{name}: duplicate id {entry.id!r}")
            parsed[entry.id] = entry
        tables[name] = parsed
    try:
        return Evidence(
            causes=tables["causes.toml"],
            techniques=tables["techniques.toml"],
            red_flags=tables["red_flags.toml"],
            substances=tables["substances.toml"],
        )
    except ValidationError as exc:
        raise EvidenceError(str(exc)) from exc


@cache
def load_evidence() -> Evidence:
    """The validated knowledge base (read once per process)."""
    return build({name: read_file(name) for name in FILES})
