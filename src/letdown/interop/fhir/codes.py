"""The codes, code systems and resource ids the FHIR export uses, in one place.

Standard codes where one exists and fits exactly: LOINC for body weight (29463-7), birth
weight (8339-4), gestational age at birth (76516-4) and pain severity 0-10 (72514-3);
SNOMED CT for the left and right breast (body sites); HL7 v3 RoleCode MTH (mother) for
the parent's relation to each baby; UCUM for every unit. Everything else (time to
let-down, milk volume per side, stress, diaper counts, the session and its settings) has
no standard code we could confirm, so it uses letdown's own code system ``LOCAL``: a
clinical system shows these by their display text and can map them later.

Resource ids are uuids, so a Bundle can be sent to a FHIR server again and again
(``PUT`` on the same id) and re-imported into letdown without doubles: a record's own
uuid for the resource that stands for it, and a uuid derived from it (uuid5) for the
extra resources one record makes (a session's volumes, a baby's birth weight).
"""

from __future__ import annotations

import uuid
from typing import Any

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
#: letdown's own code system (codes without a standard equivalent).
LOCAL = "urn:letdown:fhir:code"
#: Identifier systems: the record's uuid, and its number in the journal.
UUID_SYSTEM = "urn:letdown:uuid"
ID_SYSTEM = "urn:letdown:record-id"
#: Extensions on the parent's Patient (no standard element holds these).
EXT_DELIVERY_DATE = "urn:letdown:fhir:extension:delivery-date"
EXT_FIRST_BABY = "urn:letdown:fhir:extension:first-baby"
#: The Questionnaire's canonical URL.
QUESTIONNAIRE_URL = "urn:letdown:fhir:questionnaire:advisor"

#: uuid5 namespace for resources derived from a record.
NAMESPACE = uuid.UUID("6f3c1f6e-4a55-5d0b-9a57-1e7d2b0c9c41")

BODY_WEIGHT = (LOINC, "29463-7", "Body weight")
BIRTH_WEIGHT = (LOINC, "8339-4", "Birth weight Measured")
GESTATION = (LOINC, "76516-4", "Gestational age--at birth")
PAIN = (LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
MOTHER = (ROLE_CODE, "MTH", "mother")
BREAST = {"left": (SNOMED, "80248007", "Left breast structure"),
          "right": (SNOMED, "73056007", "Right breast structure")}

SESSION = (LOCAL, "lactation-session", "Breastfeeding, pumping or hand-expression session")
LETDOWN = (LOCAL, "time-to-letdown", "Time from session start to a let-down")
VOLUME = (LOCAL, "milk-volume", "Milk volume from one breast in a session")
STRESS = (LOCAL, "stress-score", "Stress, 0 (none) to 10, self-reported")
DIAPERS = (LOCAL, "diaper-count-day", "Wet and dirty diapers in one day")
WET = (LOCAL, "wet-diapers", "Wet diapers that day")
DIRTY = (LOCAL, "dirty-diapers", "Dirty diapers that day")

#: Session fields held as components of the session Observation: field -> (code, kind).
#: kind: code (a local code for the enum value), text, bool, or a UCUM unit.
SESSION_PARTS: dict[str, tuple[str, str]] = {
    "kind": ("session-kind", "code"),
    "sides": ("sides", "code"),
    "side_mode": ("side-mode", "code"),
    "pump_name": ("pump-name", "text"),
    "flange_mm": ("flange-size", "mm"),
    "suction_level": ("suction-level", "text"),
    "suction_mmhg": ("suction-vacuum", "mm[Hg]"),
    "cycle": ("pump-cycle", "text"),
    "context": ("place", "code"),
    "felt_cold": ("felt-cold", "bool"),
    "felt_rushed": ("felt-rushed", "bool"),
    "felt_self_conscious": ("felt-self-conscious", "bool"),
    "sleep_hours": ("sleep-last-24h", "h"),
    "alcohol_drinks": ("alcohol-drinks", "{drink}"),
    "alcohol_hours_before": ("hours-since-last-drink", "h"),
    "cigarettes_today": ("cigarettes-today", "{cigarette}"),
}
#: Session fields that are whole numbers (read back as int, not float).
WHOLE = {"suction_mmhg", "cigarettes_today"}
TECHNIQUE = "technique"


def coding(code: tuple[str, str, str]) -> dict[str, Any]:
    """A CodeableConcept with one coding, and the display as its text."""
    system, value, display = code
    return {"coding": [{"system": system, "code": value, "display": display}],
            "text": display}


def local(value: str, display: str | None = None) -> dict[str, Any]:
    """A CodeableConcept in letdown's own code system."""
    return coding((LOCAL, value, display or value.replace("-", " ").replace("_", " ")))


def quantity(value: float | int, unit: str) -> dict[str, Any]:
    """A UCUM quantity (``unit`` is both the shown unit and the UCUM code)."""
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def derived_id(base: uuid.UUID | str, part: str) -> str:
    """A stable id for an extra resource made from a record (same input, same id)."""
    return str(uuid.uuid5(NAMESPACE, f"{base}/{part}"))


def identifiers(record_uuid: uuid.UUID | None, record_id: int | None) -> list[dict[str, Any]]:
    """The record's uuid and journal id as identifiers (what makes re-import exact)."""
    found = []
    if record_uuid is not None:
        found.append({"system": UUID_SYSTEM, "value": str(record_uuid)})
    if record_id is not None:
        found.append({"system": ID_SYSTEM, "value": str(record_id)})
    return found


def codes_of(concept: Any) -> set[tuple[str, str]]:
    """(system, code) pairs of a CodeableConcept read from a file (anything else: none)."""
    found = set()
    if isinstance(concept, dict) and isinstance(concept.get("coding"), list):
        for item in concept["coding"]:
            if isinstance(item, dict):
                found.add((str(item.get("system")), str(item.get("code"))))
    return found


def has(concept: Any, code: tuple[str, str, str]) -> bool:
    """True when the CodeableConcept carries ``code`` (system and code)."""
    return (code[0], code[1]) in codes_of(concept)
