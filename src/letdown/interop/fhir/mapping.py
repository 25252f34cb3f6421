"""Which resource of a Bundle becomes which journal record (the reading half of the mapping).

``Mapper.run`` walks the entries in three passes (mothers, then patients, then
everything that refers to them) and returns plain dicts for ``JournalData`` plus, per
record, the entry it came from, so a problem is reported by entry. See ``read`` for
the rules; ``export`` for the writing half.
"""

from __future__ import annotations

from typing import Any

from letdown.interop.fhir import codes as c
from letdown.interop.fhir.read import (
    Wrong,
    code_label,
    concept,
    date_of,
    get,
    identity,
    label,
    moment,
    objects,
    quantity,
    target,
    within,
)
from letdown.interop.problems import BadJournalFile

Entry = tuple[int, dict[str, Any], str | None]
PARTS = {code: (name, kind) for name, (code, kind) in c.SESSION_PARTS.items()}
MEMBERS = {c.LETDOWN[:2], c.VOLUME[:2], c.PAIN[:2], c.STRESS[:2]}
NOT_RECORDS = {
    "Questionnaire": "Questionnaire (the advisor's questions, not a journal record)",
    "QuestionnaireResponse": "QuestionnaireResponse (advisor answers are not journal records)",
    "RelatedPerson": "RelatedPerson",
}


class Mapper:
    """One Bundle's entries, read into journal sections."""

    def __init__(self, found: list[Entry], name: str) -> None:
        self.found = found
        self.name = name
        self.by_ref: dict[str, Entry] = {}
        for item in found:
            _, resource, full_url = item
            if full_url:
                self.by_ref[full_url] = item
            if isinstance(resource.get("id"), str):
                self.by_ref[f"{resource['resourceType']}/{resource['id']}"] = item
        self.problems: list[str] = []
        self.skipped: list[str] = []
        self.places: dict[tuple[str, int], str] = {}
        self.babies: dict[int, dict[str, Any]] = {}  # entry number -> baby
        self.sessions: dict[int, dict[str, Any]] = {}  # entry number -> session
        self.parent: tuple[int, dict[str, Any]] | None = None
        self.profile: dict[str, Any] | None = None
        self.conditions: list[str] = []
        self.medicines: list[str] = []
        self.weights: list[dict[str, Any]] = []
        self.diapers: list[dict[str, Any]] = []
        self.used: set[int] = set()

    def resolve(self, reference: Any, path: str) -> Entry:
        text = target(reference, path)
        item = self.by_ref.get(text)
        if item is None:
            raise Wrong(f"{path}.reference", f"{text[:80]!r} is not an entry of this Bundle")
        return item

    def each(self, kinds: set[str], action: Any) -> None:
        for number, resource, _ in self.found:
            if resource["resourceType"] in kinds and number not in self.used:
                try:
                    action(number, resource)
                except Wrong as error:
                    self.problems.append(f"{self.name} {label(number, resource)}, field "
                                         f"{error.path}: {error}")

    def run(self) -> tuple[dict[str, Any], dict[tuple[str, int], str]]:
        """The journal sections as plain dicts, and where each record came from."""
        mothers: set[int] = set()

        def mother(number: int, resource: dict[str, Any]) -> None:
            relations = objects(resource, "relationship")
            for index, item in enumerate(relations):
                concept({f"relationship[{index}]": item}, f"relationship[{index}]")
            if any(c.has(r, c.MOTHER) for r in relations):
                mothers.add(self.resolve(resource.get("patient"), "patient")[0])
                self.used.add(number)

        self.each({"RelatedPerson"}, mother)
        self.each({"Patient"}, lambda n, r: self.patient(n, r, n in mothers))
        self.number_babies()
        self.each({"Observation"}, self.observation)
        self.each({"MedicationStatement"}, self.medication)
        self.each({"Condition"}, self.condition)
        if self.problems:
            raise BadJournalFile(self.problems)
        for number, resource, _ in self.found:
            kind = resource["resourceType"]
            if number not in self.used and kind not in {
                    "Patient", "Observation", "MedicationStatement", "Condition"}:
                self.skipped.append(NOT_RECORDS.get(kind, str(kind)))
        return self.sections(), self.places

    def patient(self, number: int, resource: dict[str, Any], is_baby: bool) -> None:
        name = _name(resource)
        if is_baby:
            record_uuid, record_id = identity(resource)
            gender = get(resource, "gender", str)
            baby = {"id": record_id, "uuid": record_uuid, "name": name,
                    "birth_date": date_of(resource, "birthDate") if "birthDate" in resource
                    else None,
                    "sex": gender if gender in ("female", "male") else None}
            self.babies[number] = baby
            self.places[("babies", len(self.babies) - 1)] = label(number, resource)
            return
        if self.parent is not None:
            self.skipped.append("Patient (a second parent: only one is imported)")
            return
        self.parent = (number, resource)
        self.places[("profile", -1)] = label(number, resource)
        profile: dict[str, Any] = {}
        for index, item in enumerate(objects(resource, "extension")):
            if item.get("url") == c.EXT_DELIVERY_DATE:
                profile["delivery_date"] = within(f"extension[{index}]", date_of, item,
                                                  "valueDate")
            elif item.get("url") == c.EXT_FIRST_BABY:
                profile["first_baby"] = within(f"extension[{index}]", get, item,
                                               "valueBoolean", bool, required=True)
        if name is not None:
            self.profile = {"pseudonym": name, **profile}
        elif profile:
            raise Wrong("name", "missing; letdown keeps the parent's details under a name or "
                        "nickname: add one")

    def number_babies(self) -> None:
        """Give babies without a journal id (from elsewhere) the next free ones."""
        taken = {b["id"] for b in self.babies.values() if isinstance(b["id"], int)}
        next_id = max(taken, default=0) + 1
        for baby in self.babies.values():
            if baby["id"] is None:
                baby["id"] = next_id
                next_id += 1

    def baby_of(self, reference: Any, path: str) -> dict[str, Any] | None:
        number = self.resolve(reference, path)[0]
        return self.babies.get(number)

    def observation(self, number: int, resource: dict[str, Any]) -> None:
        code = concept(resource, "code", required=True)
        status = resource.get("status")
        if status in ("entered-in-error", "cancelled"):
            self.skipped.append(f"Observation ({status})")
            return
        if c.has(code, c.SESSION):
            self.session(number, resource)
            return
        if c.codes_of(code) & MEMBERS:
            self.skipped.append(f"Observation ({code_label(resource)}) outside a session")
            return
        simple = {c.BODY_WEIGHT[:2], c.BIRTH_WEIGHT[:2], c.GESTATION[:2], c.DIAPERS[:2]}
        if not c.codes_of(code) & simple:
            self.skipped.append(f"Observation ({code_label(resource)})")
            return
        baby = self.baby_of(resource.get("subject"), "subject")
        if baby is None:
            self.skipped.append(f"Observation ({code_label(resource)}) not about a baby")
            return
        if c.has(code, c.BIRTH_WEIGHT):
            baby["birth_weight_g"] = _grams(resource)
        elif c.has(code, c.GESTATION):
            value = quantity(resource, "valueQuantity", ("wk", "d"))
            unit = resource["valueQuantity"].get("code", resource["valueQuantity"].get("unit"))
            if unit == "wk":
                baby["gestation_weeks"] = value
            else:
                weeks, days = divmod(value, 7)
                baby["gestation_weeks"], baby["gestation_days"] = weeks, days
        elif c.has(code, c.BODY_WEIGHT):
            record_uuid, record_id = identity(resource)
            self.places[("weights", len(self.weights))] = label(number, resource)
            self.weights.append({"id": record_id, "uuid": record_uuid, "baby_id": baby["id"],
                                 "date": _effective_date(resource), "grams": _grams(resource)})
        else:
            record_uuid, record_id = identity(resource)
            counts: dict[str, Any] = {}
            for index, part in enumerate(objects(resource, "component")):
                within(f"component[{index}]", concept, part, "code")
                for key, kind in (("wet", c.WET), ("dirty", c.DIRTY)):
                    if c.has(part.get("code"), kind):
                        counts[key] = within(f"component[{index}]", get, part, "valueInteger",
                                             int, required=True)
            self.places[("diapers", len(self.diapers))] = label(number, resource)
            self.diapers.append({"id": record_id, "uuid": record_uuid, "baby_id": baby["id"],
                                 "date": _effective_date(resource), **counts})

    def session(self, number: int, resource: dict[str, Any]) -> None:
        record_uuid, record_id = identity(resource)
        period = get(resource, "effectivePeriod", dict, required=True)
        session: dict[str, Any] = {
            "id": record_id, "uuid": record_uuid,
            "start": within("effectivePeriod", moment, period, "start"),
            "end": within("effectivePeriod", moment, period, "end"),
            "letdowns": [], "medicines": [], "techniques": [],
        }
        fed = [self.baby_of(item, f"focus[{i}]") for i, item in
               enumerate(objects(resource, "focus"))]
        fed_ids = [b["id"] for b in fed if b is not None]
        if fed_ids:
            session["baby_id"] = fed_ids[0]
        if len(fed_ids) > 1:
            session["tandem_baby_id"] = fed_ids[1]
        notes = [get(n, "text", str) or "" for n in objects(resource, "note")]
        session["notes"] = "\n\n".join(notes)
        for index, part in enumerate(objects(resource, "component")):
            within(f"component[{index}]", self.detail, part, session)
        for index, member in enumerate(objects(resource, "hasMember")):
            path = f"hasMember[{index}]"
            item_number, item, _ = self.resolve(member, path)
            if item["resourceType"] != "Observation":
                raise Wrong(path, f"points to a {item['resourceType']}; allowed: an Observation")
            self.used.add(item_number)
            try:
                self.measurement(item, session)
            except Wrong as error:
                self.problems.append(f"{self.name} {label(item_number, item)}, field "
                                     f"{error.path}: {error}")
        self.places[("sessions", len(self.sessions))] = label(number, resource)
        self.sessions[number] = session

    def detail(self, part: dict[str, Any], session: dict[str, Any]) -> None:
        """One component of a session Observation into the session's field."""
        concept(part, "code", required=True)
        local = [code for system, code in c.codes_of(part.get("code")) if system == c.LOCAL]
        if local and local[0] == c.TECHNIQUE:
            session["techniques"].append(_local_value(part))
            return
        if not local or local[0] not in PARTS:
            self.skipped.append(f"session detail ({code_label(part)})")
            return
        name, kind = PARTS[local[0]]
        if kind == "code":
            session[name] = _local_value(part)
        elif kind == "text":
            session[name] = get(part, "valueString", str, required=True)
        elif kind == "bool":
            session[name] = get(part, "valueBoolean", bool, required=True)
        else:
            session[name] = quantity(part, "valueQuantity", (kind,))

    def measurement(self, item: dict[str, Any], session: dict[str, Any]) -> None:
        code = concept(item, "code", required=True)
        if c.has(code, c.LETDOWN):
            session["letdowns"].append({"side": _side(item),
                                        "at_s": quantity(item, "valueQuantity", ("s",))})
        elif c.has(code, c.VOLUME):
            key = f"volume_{_side(item)}_ml"
            if key in session:
                raise Wrong("bodySite", "a second volume for the same side in one session")
            session[key] = quantity(item, "valueQuantity", ("mL",))
        elif c.has(code, c.PAIN) or c.has(code, c.STRESS):
            key = "pain" if c.has(code, c.PAIN) else "stress"
            session[key] = quantity(item, "valueQuantity", ("{score}", "1"))
        else:
            self.skipped.append(f"Observation ({code_label(item)}) in a session")

    def medication(self, number: int, resource: dict[str, Any]) -> None:
        if resource.get("status") in ("entered-in-error", "not-taken", "intended"):
            self.skipped.append(f"MedicationStatement ({resource.get('status')})")
            return
        medicine = concept(resource, "medicationCodeableConcept")
        name = _concept_text(medicine) if medicine else None
        if name is None:
            self.skipped.append("MedicationStatement without a medicine name")
            return
        parts = objects(resource, "partOf")
        if parts:
            owner = self.resolve(parts[0], "partOf[0]")[0]
            if owner not in self.sessions:
                self.skipped.append("MedicationStatement part of something else than a session")
                return
            self.sessions[owner]["medicines"].append(name)
        else:
            self.medicines.append(name)

    def condition(self, number: int, resource: dict[str, Any]) -> None:
        name = _concept_text(concept(resource, "code"))
        if name is None:
            self.skipped.append("Condition without a name")
            return
        self.conditions.append(name)

    def sections(self) -> dict[str, Any]:
        profile = self.profile
        if (self.conditions or self.medicines) and profile is None:
            self.skipped.append("conditions and medicines of a parent without a name")
        elif profile is not None:
            profile |= {"conditions": self.conditions, "regular_medicines": self.medicines}
        return {"profile": profile, "babies": list(self.babies.values()),
                "sessions": list(self.sessions.values()), "weights": self.weights,
                "diapers": self.diapers}


def _name(resource: dict[str, Any]) -> str | None:
    """A Patient's first name as one line: its text, or given and family names joined."""
    for index, item in enumerate(objects(resource, "name")):
        text = within(f"name[{index}]", get, item, "text", str)
        if text:
            return str(text)
        given = within(f"name[{index}]", get, item, "given", list) or []
        family = within(f"name[{index}]", get, item, "family", str)
        parts = [str(p) for p in (*given, family) if isinstance(p, str) and p]
        if parts:
            return " ".join(parts)
    return None


def _concept_text(concept: Any) -> str | None:
    if not isinstance(concept, dict):
        return None
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        return str(concept["text"])
    for item in concept.get("coding") or []:
        if isinstance(item, dict) and isinstance(item.get("display"), str):
            return str(item["display"])
    return None


def _local_value(part: dict[str, Any]) -> str:
    value = concept(part, "valueCodeableConcept", required=True)
    for system, code in c.codes_of(value):
        if system == c.LOCAL:
            return code
    raise Wrong("valueCodeableConcept", f"no code from {c.LOCAL}")


def _side(item: dict[str, Any]) -> str:
    site = concept(item, "bodySite", required=True)
    for side, code in c.BREAST.items():
        if c.has(site, code):
            return side
    raise Wrong("bodySite", "not the left or right breast; allowed: SNOMED CT 80248007 "
                "(left breast) or 73056007 (right breast)")


def _effective_date(resource: dict[str, Any]) -> str:
    if "effectiveDateTime" in resource:
        return date_of(resource, "effectiveDateTime")
    period = get(resource, "effectivePeriod", dict)
    if period is not None:
        return str(within("effectivePeriod", date_of, period, "start"))
    raise Wrong("effectiveDateTime", "missing; the day of the measurement is needed")


def _grams(resource: dict[str, Any]) -> float:
    """A weight in grams (a Bundle from elsewhere may give kilograms: converted, rounded)."""
    value = quantity(resource, "valueQuantity", ("g", "kg"))
    unit = resource["valueQuantity"].get("code", resource["valueQuantity"].get("unit"))
    return round(value * 1000) if unit == "kg" else value
