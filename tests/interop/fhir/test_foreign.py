"""A Bundle from another system: what maps is read, the rest is counted as skipped."""

from __future__ import annotations

from typing import Any

import pytest

from letdown.interop.fhir import load_bundle
from letdown.interop.problems import BadJournalFile

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"


def entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"http://clinic.example/fhir/{resource['resourceType']}/{resource['id']}",
            "resource": resource}


def observation(ident: str, code: str, subject: str, value: dict[str, Any],
                **extra: Any) -> dict[str, Any]:
    return {"resourceType": "Observation", "id": ident, "status": "final",
            "code": {"coding": [{"system": LOINC, "code": code}]},
            "subject": {"reference": subject}, **extra, "valueQuantity": value}


def clinic_bundle() -> dict[str, Any]:
    """What a clinic's record system might send: a mother, her baby, weights and more."""
    return {"resourceType": "Bundle", "type": "searchset", "entry": [
        entry({"resourceType": "Patient", "id": "mum", "gender": "female",
               "name": [{"given": ["Robin", "A."], "family": "Example"}]}),
        entry({"resourceType": "Patient", "id": "0b7f2bde-7d8e-4f4e-9d7a-3c3f8f9b1a11",
               "gender": "male", "birthDate": "2026-10-02", "name": [{"text": "Baby Boy"}]}),
        entry({"resourceType": "RelatedPerson", "id": "rp1",
               "patient": {"reference": "Patient/0b7f2bde-7d8e-4f4e-9d7a-3c3f8f9b1a11"},
               "relationship": [{"coding": [{
                   "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                   "code": "MTH"}]}]}),
        entry(observation("w1", "29463-7", "Patient/0b7f2bde-7d8e-4f4e-9d7a-3c3f8f9b1a11",
                          {"value": 3.95, "unit": "kg", "system": UCUM, "code": "kg"},
                          effectiveDateTime="2026-10-20T09:15:00+01:00")),
        entry(observation("bw", "8339-4", "Patient/0b7f2bde-7d8e-4f4e-9d7a-3c3f8f9b1a11",
                          {"value": 3410, "unit": "g", "system": UCUM, "code": "g"})),
        entry(observation("mum-weight", "29463-7", "Patient/mum",
                          {"value": 68, "unit": "kg", "system": UCUM, "code": "kg"},
                          effectiveDateTime="2026-10-20")),
        entry(observation("bp", "8480-6", "Patient/mum",
                          {"value": 120, "unit": "mm[Hg]", "system": UCUM, "code": "mm[Hg]"})),
        entry({"resourceType": "AllergyIntolerance", "id": "a1",
               "patient": {"reference": "Patient/mum"}}),
        entry({"resourceType": "MedicationStatement", "id": "m1", "status": "active",
               "medicationCodeableConcept": {"coding": [{"display": "Levothyroxine 50 mcg"}]},
               "subject": {"reference": "Patient/mum"}}),
        entry({"resourceType": "Condition", "id": "c1", "code": {"text": "Hypothyroidism"},
               "subject": {"reference": "Patient/mum"}}),
    ]}


def test_clinic_bundle_imports_what_maps_and_counts_the_rest() -> None:
    found = load_bundle(clinic_bundle(), name="clinic.json")
    data = found.data
    assert data.profile is not None and data.profile.pseudonym == "Robin A. Example"
    assert data.profile.regular_medicines == ["Levothyroxine 50 mcg"]
    assert data.profile.conditions == ["Hypothyroidism"]
    [baby] = data.babies
    assert (baby.name, str(baby.birth_date), baby.sex, baby.birth_weight_g, baby.id) == (
        "Baby Boy", "2026-10-02", "male", 3410, 1)
    assert str(baby.uuid) == "0b7f2bde-7d8e-4f4e-9d7a-3c3f8f9b1a11"
    [weight] = data.weights
    assert (weight.grams, str(weight.date), weight.baby_id) == (3950, "2026-10-20", 1)
    assert weight.uuid == load_bundle(clinic_bundle()).data.weights[0].uuid  # stable: no doubles
    assert found.skipped == {
        "AllergyIntolerance": 1,
        "Observation (8480-6)": 1,
        "Observation (29463-7) not about a baby": 1,
    }


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda b: b["entry"][3]["resource"].pop("valueQuantity"),
     "clinic.json entry 4 (Observation/w1), field valueQuantity: missing"),
    (lambda b: b["entry"][3]["resource"]["valueQuantity"].update(value="heavy"),
     "clinic.json entry 4 (Observation/w1), field valueQuantity.value: 'heavy' is not a number"),
    (lambda b: b["entry"][3]["resource"]["valueQuantity"].update(code="[lb_av]"),
     "clinic.json entry 4 (Observation/w1), field valueQuantity.code: unit '[lb_av]'; "
     "allowed: g, kg (UCUM)"),
    (lambda b: b["entry"][1]["resource"].update(birthDate="last Tuesday"),
     "clinic.json entry 2 (Patient/0b7f2bde-7d8e-4f4e-9d7a-3c3f8f9b1a11), field birthDate: "
     "'last Tuesday' is not a date"),
    (lambda b: b["entry"][2]["resource"]["patient"].update(reference="Patient/nobody"),
     "clinic.json entry 3 (RelatedPerson/rp1), field patient.reference: 'Patient/nobody' is "
     "not an entry of this Bundle"),
    (lambda b: b["entry"].append(7), "clinic.json entry 11: 7 is not an entry object"),
    (lambda b: b["entry"].append({"resource": {"id": "x"}}),
     "clinic.json entry 11, field resource.resourceType: missing"),
    (lambda b: b["entry"][3]["resource"].update(effectiveDateTime="2026-10-20T09:15:00+01:00",
                                                valueQuantity={"value": 120, "code": "kg",
                                                               "unit": "kg"}),
     "clinic.json entry 4 (Observation/w1), field grams: Input should be less than or equal "
     "to 30000"),
])
def test_a_damaged_bundle_names_the_entry_and_field(damage: Any, expected: str) -> None:
    bundle = clinic_bundle()
    damage(bundle)
    with pytest.raises(BadJournalFile) as caught:
        load_bundle(bundle, name="clinic.json")
    assert any(p.startswith(expected) for p in caught.value.problems), caught.value.problems


def test_a_weight_entered_in_error_is_not_imported() -> None:
    bundle = clinic_bundle()
    bundle["entry"][3]["resource"]["status"] = "entered-in-error"
    found = load_bundle(bundle)
    assert found.data.weights == []
    assert found.skipped["Observation (entered-in-error)"] == 1


def test_a_second_mother_patient_is_skipped_not_merged() -> None:
    bundle = clinic_bundle()
    bundle["entry"].append(entry({"resourceType": "Patient", "id": "aunt",
                                  "name": [{"text": "Someone else"}]}))
    found = load_bundle(bundle)
    assert found.data.profile is not None and found.data.profile.pseudonym == "Robin A. Example"
    assert found.skipped["Patient (a second parent: only one is imported)"] == 1
