"""What the exported Bundle says: standard codes, UCUM units, a pseudonymous parent, ids."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest

from interop.fhir.realistic import realistic
from interop.fhir.validators import validate
from letdown.advisor import Answers
from letdown.advisor.question_list import sections
from letdown.interop.fhir import to_bundle
from letdown.interop.fhir.questionnaire import questionnaire, response

Resource = dict[str, Any]


def bundle() -> Resource:
    return json.loads(json.dumps(to_bundle(realistic())))  # type: ignore[no-any-return]


def resources(found: Resource, kind: str) -> list[Resource]:
    return [e["resource"] for e in found["entry"] if e["resource"]["resourceType"] == kind]


def with_code(found: Resource, system: str, code: str) -> list[Resource]:
    return [r for r in resources(found, "Observation")
            if {"system": system, "code": code}.items() <= r["code"]["coding"][0].items()]


def test_bundle_is_a_transaction_of_puts_with_resolvable_references() -> None:
    found = bundle()
    assert found["resourceType"] == "Bundle" and found["type"] == "transaction"
    urls = {e["fullUrl"] for e in found["entry"]}
    assert len(urls) == len(found["entry"])
    for item in found["entry"]:
        resource = item["resource"]
        assert item["fullUrl"] == f"urn:uuid:{resource['id']}"
        assert item["request"] == {"method": "PUT",
                                   "url": f"{resource['resourceType']}/{resource['id']}"}
        uuid.UUID(resource["id"])
    references = [m.group(1) for m in __import__("re").finditer(
        r'"reference": "([^"]+)"', json.dumps(found))]
    assert references and all(r in urls for r in references)


def test_standard_codes_and_ucum_units() -> None:
    found = bundle()
    weights = with_code(found, "http://loinc.org", "29463-7")
    assert [w["valueQuantity"]["value"] for w in weights] == [2650, 2600, 2790]
    assert all(w["valueQuantity"]["system"] == "http://unitsofmeasure.org"
               and w["valueQuantity"]["code"] == "g" for w in weights)
    assert [b["valueQuantity"]["value"] for b in with_code(found, "http://loinc.org",
                                                           "8339-4")] == [2650, 2480]
    gestation = with_code(found, "http://loinc.org", "76516-4")
    assert [(g["valueQuantity"]["value"], g["valueQuantity"]["code"]) for g in gestation] == [
        (252, "d"), (36, "wk")]  # 36+0 in days, plain 36 in weeks
    pains = with_code(found, "http://loinc.org", "72514-3")
    assert [p["valueQuantity"]["value"] for p in pains] == [3, 1]
    assert all(p["valueQuantity"]["code"] == "{score}" for p in pains)
    volumes = with_code(found, "urn:letdown:fhir:code", "milk-volume")
    assert [(v["valueQuantity"]["value"], v["valueQuantity"]["code"],
             v["bodySite"]["coding"][0]["code"]) for v in volumes] == [
        (42.5, "mL", "80248007"), (60, "mL", "73056007"), (12.0, "mL", "80248007")]
    letdowns = with_code(found, "urn:letdown:fhir:code", "time-to-letdown")
    assert [v["valueQuantity"]["value"] for v in letdowns] == [95.5, 120, 610, 240.25, 300]
    assert all(v["valueQuantity"]["code"] == "s" for v in letdowns)


def test_parent_is_pseudonymous_and_mother_of_each_baby() -> None:
    found = bundle()
    parent, *babies = resources(found, "Patient")
    assert parent["name"] == [{"use": "anonymous", "text": "Robin"}]
    assert "identifier" not in parent and "gender" not in parent
    assert [b["name"][0]["text"] for b in babies] == ["Ada", "Ben", "Cleo"]
    assert [b.get("gender") for b in babies] == ["female", "male", None]
    mothers = resources(found, "RelatedPerson")
    assert [m["relationship"][0]["coding"][0]["code"] for m in mothers] == ["MTH"] * 3
    assert [m["patient"]["reference"] for m in mothers] == [
        f"urn:uuid:{b['id']}" for b in babies]
    assert [link["other"]["reference"] for link in parent["link"]] == [
        f"urn:uuid:{m['id']}" for m in mothers]
    assert [c["code"]["text"] for c in resources(found, "Condition")] == [
        "PCOS", "breast surgery"]


def test_sessions_are_observations_with_members_and_medicines() -> None:
    found = bundle()
    sessions = with_code(found, "urn:letdown:fhir:code", "lactation-session")
    assert [s["id"] for s in sessions] == [str(s.uuid) for s in realistic().sessions]
    twins = sessions[0]
    assert len(twins["focus"]) == 2 and len(twins["hasMember"]) == 3 + 2  # let-downs, pain, stress
    assert twins["note"] == [{"text": "Twins together.\nLeft felt full first."}]
    pump = {c["code"]["coding"][0]["code"]: c for c in sessions[1]["component"]}
    assert pump["suction-vacuum"]["valueQuantity"]["code"] == "mm[Hg]"
    assert pump["flange-size"]["valueQuantity"] == {
        "value": 21.0, "unit": "mm", "system": "http://unitsofmeasure.org", "code": "mm"}
    assert pump["pump-name"]["valueString"] == "Spectra S1"
    medicines = resources(found, "MedicationStatement")
    regular = [m["medicationCodeableConcept"]["text"] for m in medicines if "partOf" not in m]
    taken = [(m["medicationCodeableConcept"]["text"], m["partOf"][0]["reference"])
             for m in medicines if "partOf" in m]
    assert regular == ["levothyroxine", "iron"]
    assert taken == [("ibuprofen", f"urn:uuid:{sessions[0]['id']}"),
                     ("domperidone", f"urn:uuid:{sessions[1]['id']}"),
                     ("paracetamol", f"urn:uuid:{sessions[1]['id']}")]


def test_same_journal_same_bundle() -> None:
    assert bundle() == bundle()


def test_questionnaire_and_saved_answers_validate() -> None:
    asked = sections(Answers)
    answers = Answers.model_validate({
        "feeding_mode": "pumping", "letdown_minutes": 6.5, "pain_score": 4,
        "slower_at": ["work"], "other_medicines": ["sertraline"],
        "pump": {"flange_mm": 24, "double_pumping": True},
        "tried": [{"technique": "warmth", "outcome": "helped"}],
    }).model_dump(mode="json", exclude_defaults=True)
    found = json.loads(json.dumps(to_bundle(
        realistic(), questionnaire=questionnaire(asked),
        response=response(asked, answers, "2026-11-01T10:00:00+00:00"))))
    validate(found)
    form = resources(found, "Questionnaire")[0]
    links = {i["linkId"] for g in form["item"] for i in g["item"]}
    assert {"feeding_mode", "pump.flange_mm", "tried"} <= links
    reply = resources(found, "QuestionnaireResponse")[0]
    answered = {i["linkId"]: i for g in reply["item"] for i in g["item"]}
    assert answered["letdown_minutes"]["answer"] == [{"valueDecimal": 6.5}]
    assert answered["pump.double_pumping"]["answer"] == [{"valueBoolean": True}]
    assert answered["tried"]["item"][1]["answer"][0]["valueCoding"]["code"] == "helped"
    assert reply["subject"]["reference"] == f"urn:uuid:{resources(found, 'Patient')[0]['id']}"


@pytest.mark.parametrize("damage", [
    lambda b: b["entry"][0]["resource"].update(colour="red"),  # no such element
    lambda b: next(e["resource"] for e in b["entry"]
                   if e["resource"]["resourceType"] == "Observation").pop("status"),
    lambda b: b["entry"][0]["resource"].update(birthDate=20240101),
])
def test_the_validators_do_refuse_broken_resources(damage: Any) -> None:
    from fhir.resources.R4B.bundle import Bundle as R4BBundle
    from fhirclient.models.bundle import Bundle as R4Bundle
    from fhirclient.models.fhirabstractbase import FHIRValidationError
    from pydantic import ValidationError

    broken = copy.deepcopy(bundle())
    damage(broken)
    with pytest.raises(FHIRValidationError):
        R4Bundle(broken, strict=True)
    with pytest.raises(ValidationError):
        R4BBundle.model_validate(broken)
