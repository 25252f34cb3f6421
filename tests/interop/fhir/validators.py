"""Two independent FHIR validators for the tests.

fhirclient 4.4: models generated from FHIR R4 4.0.1, the version we export; ``strict=True``
refuses unknown elements, wrong JSON types and missing required elements.
fhir.resources 8.3: pydantic models of R4B (it no longer ships plain R4); R4B changed none
of the elements these resources use, so it is a second opinion, not a different target.
"""

from __future__ import annotations

from typing import Any


def validate(bundle: dict[str, Any]) -> None:
    """Raise if either library refuses the Bundle (or any resource in it)."""
    from fhir.resources.R4B.bundle import Bundle as R4BBundle
    from fhirclient.models.bundle import Bundle as R4Bundle

    built = R4Bundle(bundle, strict=True)
    assert built.as_json()["resourceType"] == "Bundle"
    kinds = [type(e.resource).__name__ for e in built.entry or []]
    assert kinds == [e["resource"]["resourceType"] for e in bundle.get("entry", [])]
    R4BBundle.model_validate(bundle)
