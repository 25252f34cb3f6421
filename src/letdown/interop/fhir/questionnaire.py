"""The advisor's questions as a FHIR Questionnaire, and saved answers as a QuestionnaireResponse.

The journal does not hold the advisor's answers (the last ones are kept beside it, in
the data directory), so they are not records to round-trip: the export includes the
Questionnaire always, so a clinical system knows every question letdown asks, and a
QuestionnaireResponse when answers were saved. Import skips both and says so.

The questions arrive as plain objects (``Question``-like: name, label, kind, choices,
bounds) from ``letdown.advisor.question_list``; this module does not import the advisor
(the two are sibling layers), the caller hands them over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from letdown.interop.fhir import codes as c

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"


class QuestionLike(Protocol):
    """What a question must tell: see ``letdown.advisor.question_list.Question``."""

    name: str
    label: str
    kind: str
    choices: tuple[str, ...]
    low: float | None
    high: float | None
    integer: bool
    outcomes: tuple[str, ...]


class SectionLike(Protocol):
    """A titled group of questions."""

    title: str
    questions: list[Any]


def _option(value: str) -> dict[str, Any]:
    return {"valueCoding": {"system": c.LOCAL, "code": value,
                            "display": value.replace("_", " ")}}


def _item(question: QuestionLike) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": question.name, "text": question.label}
    if question.kind == "bool":
        item["type"] = "boolean"
    elif question.kind == "number":
        item["type"] = "integer" if question.integer else "decimal"
        value = "valueInteger" if question.integer else "valueDecimal"
        bounds = [{"url": url, value: int(b) if question.integer else float(b)}
                  for url, b in ((MIN_VALUE, question.low), (MAX_VALUE, question.high))
                  if b is not None]
        if bounds:
            item["extension"] = bounds
    elif question.kind in ("choice", "multi"):
        item["type"] = "choice"
        item["answerOption"] = [_option(v) for v in question.choices]
        if question.kind == "multi":
            item["repeats"] = True
    elif question.kind == "date":
        item["type"] = "date"
    elif question.kind == "tried":
        item |= {"type": "group", "repeats": True, "item": [
            {"linkId": f"{question.name}.technique", "text": "Technique", "type": "choice",
             "answerOption": [_option(v) for v in question.choices]},
            {"linkId": f"{question.name}.outcome", "text": "How it went", "type": "choice",
             "answerOption": [_option(v) for v in question.outcomes]}]}
    else:
        item |= {"type": "string", "repeats": True}
    return item


def questionnaire(sections: Iterable[SectionLike]) -> dict[str, Any]:
    """The Questionnaire resource: one group per section, one item per question."""
    groups = [{"linkId": f"section-{number}", "text": section.title, "type": "group",
               "item": [_item(q) for q in section.questions]}
              for number, section in enumerate(sections, start=1)]
    return {"resourceType": "Questionnaire", "id": c.derived_id("questionnaire", "advisor"),
            "url": c.QUESTIONNAIRE_URL, "name": "LetdownAdvisor",
            "title": "letdown advisor questionnaire", "status": "active",
            "subjectType": ["Patient"], "item": groups}


def _flat(answers: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"pump": {"flange_mm": 24}}`` -> ``{"pump.flange_mm": 24}``."""
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, Mapping):
            flat |= _flat(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _answers(question: QuestionLike, value: Any) -> list[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    found: list[dict[str, Any]] = []
    for one in values:
        if one is None:
            continue
        if question.kind == "bool" and isinstance(one, bool):
            found.append({"valueBoolean": one})
        elif question.kind == "number" and isinstance(one, int | float):
            found.append({"valueInteger": int(one)} if question.integer
                         else {"valueDecimal": float(one)})
        elif question.kind in ("choice", "multi"):
            found.append(_option(str(one)))
        elif question.kind == "date":
            found.append({"valueDate": str(one)})
        else:
            found.append({"valueString": str(one)})
    return found


def response(sections: Iterable[SectionLike], answers: Mapping[str, Any],
             authored: str | None = None) -> dict[str, Any]:
    """Saved answers (as JSON, e.g. ``Answers.model_dump(mode="json")``) as a response."""
    flat = _flat(answers)
    groups = []
    for number, section in enumerate(sections, start=1):
        items = []
        for question in section.questions:
            value = flat.get(question.name)
            if value in (None, []):
                continue
            if question.kind == "tried":
                items += [{"linkId": question.name, "text": question.label, "item": [
                    {"linkId": f"{question.name}.technique", "answer": [
                        _option(str(t.get("technique")))]},
                    {"linkId": f"{question.name}.outcome", "answer": [
                        _option(str(t.get("outcome")))]}]}
                    for t in value if isinstance(t, Mapping)]
                continue
            answered = _answers(question, value)
            if answered:
                items.append({"linkId": question.name, "text": question.label,
                              "answer": answered})
        if items:
            groups.append({"linkId": f"section-{number}", "text": section.title,
                           "item": items})
    result: dict[str, Any] = {"resourceType": "QuestionnaireResponse",
                              "id": c.derived_id("questionnaire-response", "advisor"),
                              "questionnaire": c.QUESTIONNAIRE_URL, "status": "completed"}
    if authored:
        result["authored"] = authored
    result["item"] = groups
    return result
