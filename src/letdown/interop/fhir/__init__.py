"""The journal as a FHIR R4 (4.0.1) transaction Bundle, and such a Bundle back into the journal.

What becomes what, and why (a clinical system should be able to file each piece):

- The parent is a ``Patient`` with the pseudonym only (``HumanName.use`` "anonymous"):
  no real name, no identifiers, no gender (letdown does not record it). The delivery
  date and "first baby" have no standard element, so they are extensions
  (``urn:letdown:fhir:extension:...``); conditions are ``Condition`` resources and
  regular medicines ``MedicationStatement`` (status active), by name only.
- Each baby is a ``Patient`` (name, birthDate, gender) with a ``RelatedPerson`` for the
  parent (relationship v3-RoleCode MTH, mother) that the parent's ``Patient.link``
  points to ("seealso"); birth weight (LOINC 8339-4) and gestation at birth (LOINC
  76516-4, in weeks, or in days when days were given) are ``Observation`` resources.
- A session is one ``Observation`` (local code "lactation-session") with the session's
  ``effectivePeriod``, the fed baby (and a twin) as ``focus``, the session's settings as
  components (kind, sides, pump, flange, suction, cycle, place, feelings, sleep, alcohol,
  cigarettes, techniques) and ``hasMember`` links to one ``Observation`` per
  measurement: each let-down (seconds from the start, with the breast as bodySite),
  milk volume per side (mL), pain (LOINC 72514-3, 0-10) and stress (local code, 0-10).
  Why not an ``Encounter``: in FHIR an Encounter is a meeting with a care provider, and a
  feed or a pump at home is not one; Observations are what clinical systems chart and
  import as flowsheet rows, and a grouping Observation with ``hasMember`` is how FHIR
  groups a panel of them. Medicines taken for a session are ``MedicationStatement``
  (status completed) ``partOf`` the session.
- Infant weights are vital-sign ``Observation`` resources (LOINC 29463-7, grams); a day's
  diaper count is an ``Observation`` with wet and dirty components (local codes: we found
  no LOINC code for diaper counts).
- The advisor's questions go in as a ``Questionnaire``, and the saved answers as a
  ``QuestionnaireResponse`` (the journal itself does not hold them; see
  ``questionnaire``).

Local codes live in the code system ``urn:letdown:fhir:code`` (see ``codes``); units are
UCUM. Every record's uuid is its resource id and an identifier (``urn:letdown:uuid``),
with its journal number (``urn:letdown:record-id``), so export then import gives back
exactly the same records and importing twice adds nothing.

Validation: the tests build every exported resource with fhirclient 4.4, whose models
are generated from FHIR R4 4.0.1 exactly (what we write), in strict mode, and again with
fhir.resources 8.3's R4B models as a second, independent validator (fhir.resources no
longer ships plain R4; R4B changed none of the elements these resources use). Neither
library is needed to export or import: the Bundle is plain JSON built here.
"""

from __future__ import annotations

from letdown.interop.fhir.export import to_bundle
from letdown.interop.fhir.read import FhirImport, bundle_in, load_bundle, load_bundle_text

__all__ = ["FhirImport", "bundle_in", "load_bundle", "load_bundle_text", "to_bundle"]
