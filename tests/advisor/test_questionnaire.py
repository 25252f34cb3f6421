"""The questionnaire model: its schema, its checks, and its link to the evidence ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import jsonschema
import pytest
from pydantic import ValidationError

from letdown.advisor import Answers, answers_schema
from letdown.advisor.questionnaire import SubstanceId, TechniqueId
from letdown.evidence import load_evidence

VIGNETTES = sorted((Path(__file__).parent / "vignettes").glob("*.json"))


def test_technique_and_substance_ids_match_the_evidence_base() -> None:
    ev = load_evidence()
    assert set(get_args(TechniqueId)) == set(ev.techniques)
    assert set(get_args(SubstanceId)) == set(ev.substances)


def test_schema_documents_every_question_and_requires_only_feeding_mode() -> None:
    schema = answers_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["feeding_mode"]
    props = schema["properties"]
    for name in (
        "baby_age_days",
        "letdown_minutes",
        "pain_score",
        "stress_score",
        "substances",
        "pump",
        "tried",
        "infant",
        "parent",
    ):
        assert name in props
        assert props[name].get("description"), name


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_every_vignette_is_valid_under_the_published_schema(path: Path) -> None:
    answers = json.loads(path.read_text("utf-8"))["answers"]
    jsonschema.validate(answers, answers_schema())


def test_schema_rejects_what_the_model_rejects() -> None:
    bad = {"feeding_mode": "bottle"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, answers_schema())
    with pytest.raises(ValidationError):
        Answers.model_validate(bad)


def _error_fields(data: dict[str, object]) -> str:
    with pytest.raises(ValidationError) as info:
        Answers.model_validate(data)
    return str(info.value)


def test_out_of_range_answers_name_the_field() -> None:
    text = _error_fields({"feeding_mode": "pumping", "pain_score": 12})
    assert "pain_score" in text and "10" in text
    text = _error_fields({"feeding_mode": "pumping", "parent": {"fever_c": 50}})
    assert "fever_c" in text


def test_unknown_questions_are_rejected_not_ignored() -> None:
    assert "fluid_litres" in _error_fields({"feeding_mode": "both", "fluid_litres": 3})


def test_nothing_is_guessed_for_inconsistent_answers() -> None:
    assert "alcohol" in _error_fields({"feeding_mode": "both", "alcohol_g_per_kg": 0.5})
    assert "nicotine" in _error_fields({"feeding_mode": "both", "cigarettes_per_day": 10})
    assert "birth_date" in _error_fields(
        {"feeding_mode": "both", "infant": {"weighed_on": "2026-01-05"}}
    )
    tried = [
        {"technique": "warmth", "outcome": "helped"},
        {"technique": "warmth", "outcome": "worse"},
    ]
    assert "once" in _error_fields({"feeding_mode": "both", "tried": tried})


def test_weight_loss_and_age_at_weighing_are_worked_out() -> None:
    a = Answers.model_validate(
        {
            "feeding_mode": "breastfeeding",
            "infant": {
                "birth_date": "2026-03-01",
                "weighed_on": "2026-03-13",
                "birth_weight_g": 3500,
                "current_weight_g": 3185,
            },
        }
    )
    assert a.infant.weight_age_days(None) == 12
    assert a.infant.loss_percent() == pytest.approx(9.0)
