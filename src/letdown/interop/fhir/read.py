"""A FHIR Bundle back into journal records: what maps is read, the rest is counted.

Reading is all or nothing, like the JSON and CSV imports: a Bundle that is not shaped as
FHIR says (an entry without a resource, a number where a date belongs) is refused with
one line per problem naming the entry and its field, and nothing is imported. What is
well formed but means nothing to letdown (a blood pressure, an AllergyIntolerance, the
advisor's Questionnaire) is skipped and counted, so the parent sees what was left out.

Which Patient is who: a Patient that a RelatedPerson with relationship MTH (mother)
points to is a baby; the one other Patient is the parent. Session measurements are read
through the session's ``hasMember``; a record's uuid and journal id come from its
identifiers (``urn:letdown:uuid``, ``urn:letdown:record-id``), or, for a Bundle from
elsewhere, from the resource's type and id (a uuid id as it is, any other through uuid5),
so importing it twice adds nothing either.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from letdown.interop.fhir import codes as c
from letdown.interop.problems import BadJournalFile, dotted, shown, validated
from letdown.journal.records import JournalData


class Wrong(ValueError):
    """One field of one entry is not what FHIR (or letdown) allows: ``path``, then why."""

    def __init__(self, path: str, why: str) -> None:
        self.path = path
        super().__init__(why)


@dataclass
class FhirImport:
    """Journal records read from a Bundle, and what was skipped (what -> how many)."""

    data: JournalData
    skipped: dict[str, int] = field(default_factory=dict)


def get(resource: dict[str, Any], key: str, kind: type | tuple[type, ...],
        *, required: bool = False) -> Any:
    """``resource[key]`` if it has the JSON type ``kind``; ``Wrong`` names the field."""
    value = resource.get(key)
    if value is None:
        if required:
            raise Wrong(key, "missing; it is required here")
        return None
    wanted = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in wanted:
        raise Wrong(key, f"{shown(value)} is not {_kind_name(wanted)}")
    if not isinstance(value, wanted):
        raise Wrong(key, f"{shown(value)} is not {_kind_name(wanted)}")
    return value


def _kind_name(kinds: tuple[type, ...]) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true or false",
             dict: "an object", list: "a list"}
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in kinds))


def objects(resource: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """A list of objects (``[]`` when absent); ``Wrong`` names the item that is not one."""
    items = get(resource, key, list) or []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise Wrong(f"{key}[{index}]", f"{shown(item)} is not an object")
    return list(items)


def within(path: str, action: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``action``; a ``Wrong`` inside gets ``path`` put in front of its field."""
    try:
        return action(*args, **kwargs)
    except Wrong as error:
        raise Wrong(f"{path}.{error.path}", str(error)) from None


def quantity(holder: dict[str, Any], key: str, units: tuple[str, ...]) -> float:
    """A Quantity's value, checked to be in one of the UCUM ``units`` letdown uses."""
    value = get(holder, key, dict, required=True)
    number = within(key, get, value, "value", (int, float), required=True)
    unit = value.get("code", value.get("unit"))
    if unit not in units:
        raise Wrong(f"{key}.code", f"unit {shown(unit)}; allowed: {', '.join(units)} (UCUM)")
    return float(number) if isinstance(number, float) else number


def date_of(holder: dict[str, Any], key: str) -> str:
    """A FHIR date (or the date part of a dateTime), as ISO text."""
    text = get(holder, key, str, required=True)
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise Wrong(key, f"{shown(text)} is not a date like 2024-05-01") from None


def moment(holder: dict[str, Any], key: str) -> dt.datetime:
    """A FHIR dateTime with a time zone."""
    text = get(holder, key, str, required=True)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise Wrong(key, f"{shown(text)} is not a date and time with a time zone, like "
                    "2024-05-01T06:30:00+00:00")
    return value


def target(reference: Any, path: str) -> str:
    """The entry a Reference points to, as written (``urn:uuid:...`` or ``Type/id``)."""
    if not isinstance(reference, dict):
        raise Wrong(path, f"{shown(reference)} is not a reference object")
    text = reference.get("reference")
    if not isinstance(text, str) or not text:
        raise Wrong(f"{path}.reference", "missing; a reference to another entry is needed")
    return text


def identity(resource: dict[str, Any]) -> tuple[uuid.UUID | None, int | None]:
    """A record's uuid and journal id, from its identifiers (or a uuid-shaped resource id)."""
    found_uuid = found_id = None
    for index, item in enumerate(objects(resource, "identifier")):
        system, value = item.get("system"), item.get("value")
        try:
            if system == c.UUID_SYSTEM:
                found_uuid = uuid.UUID(str(value))
            elif system == c.ID_SYSTEM:
                found_id = int(str(value))
        except ValueError:
            raise Wrong(f"identifier[{index}].value",
                        f"{shown(value)} is not a {'uuid' if system == c.UUID_SYSTEM else 'number'}"
                        ) from None
    ident = resource.get("id")
    if found_uuid is None and isinstance(ident, str) and ident:
        # From elsewhere: the resource id is the record's identity, so importing the same
        # Bundle again adds nothing (a uuid as it is, any other id through uuid5).
        try:
            found_uuid = uuid.UUID(ident)
        except ValueError:
            found_uuid = uuid.UUID(c.derived_id("resource", f"{resource['resourceType']}/{ident}"))
    return found_uuid, found_id


def concept(holder: dict[str, Any], key: str, *, required: bool = False) -> dict[str, Any] | None:
    """A CodeableConcept, checked: ``coding`` a list of objects with text system and code."""
    value: dict[str, Any] | None = get(holder, key, dict, required=required)
    if value is None:
        return None
    for index, item in enumerate(within(key, objects, value, "coding")):
        for part in ("system", "code", "display"):
            within(f"{key}.coding[{index}]", get, item, part, str)
    within(key, get, value, "text", str)
    return value


def code_label(resource: dict[str, Any]) -> str:
    """How a skipped Observation is named in the report: its first coding or text."""
    concept = resource.get("code")
    if isinstance(concept, dict) and isinstance(concept.get("coding", []), list):
        for item in concept.get("coding") or []:
            if isinstance(item, dict) and item.get("code"):
                return f"{item.get('display') or item.get('code')}"[:60]
        if isinstance(concept.get("text"), str):
            return str(concept["text"])[:60]
    return "no code"


def entries(bundle: Any, name: str) -> list[tuple[int, dict[str, Any], str | None]]:
    """(number, resource, fullUrl) per entry; ``BadJournalFile`` for a misshapen Bundle."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise BadJournalFile([f'{name}: not a FHIR Bundle (expected "resourceType": "Bundle")'])
    items = bundle.get("entry", [])
    if not isinstance(items, list):
        raise BadJournalFile([f"{name}, field entry: {shown(items)} is not a list of entries"])
    found, problems = [], []
    for number, item in enumerate(items, start=1):
        where = f"{name} entry {number}"
        resource = item.get("resource") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            problems.append(f"{where}: {shown(item)} is not an entry object")
        elif not isinstance(resource, dict):
            problems.append(f"{where}, field resource: missing or not an object")
        elif not isinstance(resource.get("resourceType"), str):
            problems.append(f"{where}, field resource.resourceType: missing or not text")
        elif not isinstance(item.get("fullUrl", ""), str):
            problems.append(f"{where}, field fullUrl: {shown(item['fullUrl'])} is not text")
        else:
            found.append((number, resource, item.get("fullUrl")))
    if problems:
        raise BadJournalFile(problems)
    return found


def label(number: int, resource: dict[str, Any]) -> str:
    """``entry 4 (Observation/abc)``: how a problem names its entry."""
    ident = resource.get("id")
    ident = ident if isinstance(ident, str) and len(ident) <= 64 else "?"
    return f"entry {number} ({resource.get('resourceType')}/{ident})"


def load_bundle(bundle: Any, *, name: str = "file") -> FhirImport:
    """Journal records from a parsed Bundle; ``BadJournalFile`` when it cannot be read."""
    from letdown.interop.fhir.mapping import Mapper

    mapper = Mapper(entries(bundle, name), name)
    raw, places = mapper.run()

    def where(loc: tuple[int | str, ...]) -> str:
        key = (str(loc[0]), loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1)
        place = places.get(key) or places.get((str(loc[0]), -1))
        return f"{name} {place}" if place else f"{name} ({dotted(loc[:2])})"

    data = validated(raw, where)
    return FhirImport(data, dict(sorted(Counter(mapper.skipped).items())))


def bundle_in(text: str) -> Any | None:
    """The parsed JSON when ``text`` is a FHIR Bundle (``"resourceType": "Bundle"``), else None.

    Cheap for anything else: only text that mentions ``resourceType`` is parsed.
    """
    import json

    if '"resourceType"' not in text:
        return None
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(raw, dict) and raw.get("resourceType") == "Bundle":
        return raw
    return None


def load_bundle_text(text: str, *, name: str = "file") -> FhirImport:
    """Journal records from a Bundle's JSON text (see ``load_bundle``)."""
    raw = bundle_in(text)
    if raw is None:
        raise BadJournalFile([f'{name}: not a FHIR Bundle (expected JSON with "resourceType": '
                              '"Bundle")'])
    try:
        return load_bundle(raw, name=name)
    except RecursionError:
        raise BadJournalFile([f"{name}: values nested too deeply for a FHIR Bundle"]) from None
