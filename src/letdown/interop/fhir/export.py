"""The journal as a FHIR R4 transaction Bundle (pure: records in, a JSON-ready dict out).

See the package docstring for why each record becomes the resource it does. Every
entry is a ``PUT`` on the resource's own id, so sending the same Bundle to a FHIR
server twice leaves one copy; references between entries use ``urn:uuid:`` full URLs,
which a server rewrites when it stores the transaction.
"""

from __future__ import annotations

import uuid
from typing import Any

from letdown.interop.fhir import codes as c
from letdown.journal.records import Baby, JournalData, ParentProfile, Session

Resource = dict[str, Any]


def ref(resource_id: str) -> dict[str, str]:
    """A reference to another entry of the Bundle."""
    return {"reference": f"urn:uuid:{resource_id}"}


def entry(resource: Resource) -> dict[str, Any]:
    """A transaction entry that creates or updates ``resource`` under its own id."""
    return {
        "fullUrl": f"urn:uuid:{resource['id']}",
        "resource": resource,
        "request": {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"},
    }


def parent_id(data: JournalData) -> str:
    """The parent's resource id: stable across exports of the same journal.

    The profile has no uuid of its own, so the id is derived from the first baby's (or
    the first session's) uuid, which never change; from the pseudonym only when the
    journal holds neither.
    """
    for record_uuid in [b.uuid for b in data.babies] + [s.uuid for s in data.sessions]:
        if record_uuid is not None:
            return c.derived_id(record_uuid, "parent")
    name = data.profile.pseudonym if data.profile else ""
    return c.derived_id("parent", name)


def _record_id(record_uuid: uuid.UUID | None, section: str, record_id: int | None) -> str:
    """The resource id of a record: its uuid (a record without one gets a stable stand-in)."""
    if record_uuid is not None:
        return str(record_uuid)
    return c.derived_id(section, str(record_id))


def to_bundle(
    data: JournalData,
    *,
    questionnaire: Resource | None = None,
    response: Resource | None = None,
    timestamp: str | None = None,
) -> dict[str, Any]:
    """Every record of ``data`` as a FHIR R4 transaction Bundle.

    ``questionnaire`` and ``response`` (see ``letdown.interop.fhir.questionnaire``) are
    added as they are; the response's subject is set to the parent.
    """
    parent = parent_id(data)
    babies = {b.id: _record_id(b.uuid, "baby", b.id) for b in data.babies}
    resources: list[Resource] = [_parent(data.profile, parent, list(babies.values()))]
    resources += _parent_extras(data.profile, parent)
    for baby in data.babies:
        resources += _baby(baby, babies[baby.id], data.profile, parent)
    for session in data.sessions:
        resources += _session(session, parent, babies)
    for weight in data.weights:
        resources.append({
            "resourceType": "Observation", "id": _record_id(weight.uuid, "weight", weight.id),
            "identifier": c.identifiers(weight.uuid, weight.id), "status": "final",
            "category": [_category("vital-signs", "Vital Signs")],
            "code": c.coding(c.BODY_WEIGHT), "subject": ref(babies[weight.baby_id]),
            "effectiveDateTime": weight.date.isoformat(),
            "valueQuantity": c.quantity(weight.grams, "g"),
        })
    for count in data.diapers:
        resources.append({
            "resourceType": "Observation", "id": _record_id(count.uuid, "diapers", count.id),
            "identifier": c.identifiers(count.uuid, count.id), "status": "final",
            "code": c.coding(c.DIAPERS), "subject": ref(babies[count.baby_id]),
            "effectiveDateTime": count.date.isoformat(),
            "component": [{"code": c.coding(c.WET), "valueInteger": count.wet},
                          {"code": c.coding(c.DIRTY), "valueInteger": count.dirty}],
        })
    if questionnaire is not None:
        resources.append(questionnaire)
    if response is not None:
        resources.append({**response, "subject": ref(parent)})
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "transaction"}
    if timestamp is not None:
        bundle["timestamp"] = timestamp
    bundle["entry"] = [entry(r) for r in resources]
    return bundle


def _category(code: str, display: str) -> dict[str, Any]:
    return c.coding((c.OBSERVATION_CATEGORY, code, display))


def _parent(profile: ParentProfile | None, parent: str, babies: list[str]) -> Resource:
    """The parent as a Patient: the pseudonym only (no real name, no identifiers).

    Without a profile the Patient has no name: it is still there because every session
    and medicine needs a subject.
    """
    patient: Resource = {"resourceType": "Patient", "id": parent}
    extensions: list[dict[str, Any]] = []
    if profile is not None:
        if profile.delivery_date is not None:
            extensions.append({"url": c.EXT_DELIVERY_DATE,
                               "valueDate": profile.delivery_date.isoformat()})
        if profile.first_baby is not None:
            extensions.append({"url": c.EXT_FIRST_BABY, "valueBoolean": profile.first_baby})
    if extensions:
        patient["extension"] = extensions
    if profile is not None:
        patient["name"] = [{"use": "anonymous", "text": profile.pseudonym}]
    if babies:
        patient["link"] = [{"other": ref(c.derived_id(baby, "mother")), "type": "seealso"}
                           for baby in babies]
    return patient


def _parent_extras(profile: ParentProfile | None, parent: str) -> list[Resource]:
    """The parent's conditions (Condition) and regular medicines (MedicationStatement)."""
    if profile is None:
        return []
    found: list[Resource] = []
    for index, name in enumerate(profile.conditions):
        found.append({"resourceType": "Condition", "id": c.derived_id(parent, f"condition/{index}"),
                      "code": {"text": name}, "subject": ref(parent)})
    for index, name in enumerate(profile.regular_medicines):
        found.append({"resourceType": "MedicationStatement",
                      "id": c.derived_id(parent, f"medicine/{index}"), "status": "active",
                      "medicationCodeableConcept": {"text": name}, "subject": ref(parent)})
    return found


def _baby(baby: Baby, baby_id: str, profile: ParentProfile | None, parent: str) -> list[Resource]:
    """A baby as a Patient, the parent as its mother (RelatedPerson), and birth facts."""
    patient: Resource = {"resourceType": "Patient", "id": baby_id,
                         "identifier": c.identifiers(baby.uuid, baby.id),
                         "name": [{"use": "usual", "text": baby.name}]}
    if baby.sex is not None:
        patient["gender"] = baby.sex.value
    patient["birthDate"] = baby.birth_date.isoformat()
    mother: Resource = {"resourceType": "RelatedPerson", "id": c.derived_id(baby_id, "mother"),
                        "patient": ref(baby_id), "relationship": [c.coding(c.MOTHER)]}
    if profile is not None:
        mother["name"] = [{"use": "anonymous", "text": profile.pseudonym}]
    found = [patient, mother]
    born = baby.birth_date.isoformat()
    if baby.birth_weight_g is not None:
        found.append({"resourceType": "Observation", "id": c.derived_id(baby_id, "birth-weight"),
                      "status": "final", "category": [_category("vital-signs", "Vital Signs")],
                      "code": c.coding(c.BIRTH_WEIGHT), "subject": ref(baby_id),
                      "effectiveDateTime": born,
                      "valueQuantity": c.quantity(baby.birth_weight_g, "g")})
    if baby.gestation_weeks is not None:
        # Weeks alone in "wk"; weeks and days in "d", so 34+0 and plain 34 stay apart.
        value = (c.quantity(baby.gestation_weeks, "wk") if baby.gestation_days is None
                 else c.quantity(baby.gestation_weeks * 7 + baby.gestation_days, "d"))
        found.append({"resourceType": "Observation", "id": c.derived_id(baby_id, "gestation"),
                      "status": "final", "code": c.coding(c.GESTATION), "subject": ref(baby_id),
                      "effectiveDateTime": born, "valueQuantity": value})
    return found


def _session(session: Session, parent: str, babies: dict[int | None, str]) -> list[Resource]:
    """A session: one Observation holding its settings, with one Observation per measurement."""
    own = _record_id(session.uuid, "session", session.id)
    period = {"start": session.start.isoformat(), "end": session.end.isoformat()}
    members: list[Resource] = []

    def measurement(part: str, code: tuple[str, str, str], value: dict[str, Any],
                    side: str | None = None, survey: bool = False) -> None:
        item: Resource = {"resourceType": "Observation", "id": c.derived_id(own, part),
                          "status": "final"}
        if survey:
            item["category"] = [_category("survey", "Survey")]
        item |= {"code": c.coding(code), "subject": ref(parent), "effectivePeriod": period,
                 "valueQuantity": value}
        if side is not None:
            item["bodySite"] = c.coding(c.BREAST[side])
        members.append(item)

    for index, event in enumerate(session.letdowns):
        measurement(f"letdown/{index}", c.LETDOWN, c.quantity(event.at_s, "s"), event.side.value)
    for side, volume in (("left", session.volume_left_ml), ("right", session.volume_right_ml)):
        if volume is not None:
            measurement(f"volume/{side}", c.VOLUME, c.quantity(volume, "mL"), side)
    if session.pain is not None:
        measurement("pain", c.PAIN, c.quantity(session.pain, "{score}"), survey=True)
    if session.stress is not None:
        measurement("stress", c.STRESS, c.quantity(session.stress, "{score}"), survey=True)

    components = []
    for name, (code, kind) in c.SESSION_PARTS.items():
        value = getattr(session, name)
        if value is None:
            continue
        part: Resource = {"code": c.local(code)}
        if kind == "code":
            part["valueCodeableConcept"] = c.local(value.value)
        elif kind == "text":
            part["valueString"] = value
        elif kind == "bool":
            part["valueBoolean"] = value
        else:
            part["valueQuantity"] = c.quantity(value, kind)
        components.append(part)
    components += [{"code": c.local(c.TECHNIQUE), "valueCodeableConcept": c.local(t.value)}
                   for t in session.techniques]
    observation: Resource = {"resourceType": "Observation", "id": own,
                             "identifier": c.identifiers(session.uuid, session.id),
                             "status": "final", "code": c.coding(c.SESSION),
                             "subject": ref(parent)}
    fed = [babies[b] for b in (session.baby_id, session.tandem_baby_id) if b is not None]
    if fed:
        observation["focus"] = [ref(b) for b in fed]
    observation["effectivePeriod"] = period
    if session.notes:
        observation["note"] = [{"text": session.notes}]
    if members:
        observation["hasMember"] = [ref(m["id"]) for m in members]
    observation["component"] = components
    medicines = [{"resourceType": "MedicationStatement",
                  "id": c.derived_id(own, f"medicine/{index}"), "partOf": [ref(own)],
                  "status": "completed", "medicationCodeableConcept": {"text": name},
                  "subject": ref(parent), "effectivePeriod": period}
                 for index, name in enumerate(session.medicines)]
    return [observation, *members, *medicines]
