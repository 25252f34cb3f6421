"""The knowledge base: every entry graded and cited, every cross-reference resolving."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from letdown.evidence import EvidenceError, Grade, Level, load_evidence
from letdown.evidence.loader import FILES, build, read_file

REQUIRED_CAUSES = {
    "stress_anxiety",
    "pain_latch",
    "pain_suction",
    "flange_fit",
    "rushed_watched",
    "cold",
    "weak_pump",
    "infrequent_removal",
    "fatigue",
    "dehydration",
    "alcohol",
    "smoking",
    "decongestants",
    "supply_lowering_medicines",
    "thyroid_hormonal",
    "retained_placenta",
    "insufficient_glandular_tissue",
    "breast_surgery",
    "mastitis",
}
REQUIRED_TECHNIQUES = {
    "relaxation",
    "warmth",
    "sensory_cues",
    "massage_compression",
    "hands_on_pumping",
    "flange_fitting",
    "comfortable_suction",
    "double_pumping",
    "consistent_schedule",
    "privacy_comfort",
    "skin_to_skin",
    "pump_near_baby",
}
REQUIRED_RED_FLAGS = {
    "weight_loss_over_10pct",
    "not_back_to_birth_weight",
    "percentile_crossing",
    "few_wet_diapers",
    "lethargy_dehydration",
    "fever_red_breast",
    "heavy_bleeding",
    "milk_not_in",
    # Issue 11: what a triage nurse would never miss, beyond the let-down.
    "weight_trend_concern",
    "infant_fever",
    "newborn_jaundice",
    "thoughts_of_harm",
    "low_mood",
    "faint_after_birth",
    "parent_infection",
}
REQUIRED_SUBSTANCES = {"alcohol", "nicotine", "pseudoephedrine", "phenylephrine"}


def raw() -> dict[str, list[dict[str, Any]]]:
    return {name: copy.deepcopy(read_file(name)) for name in FILES}


def test_the_issue_lists_are_all_present() -> None:
    ev = load_evidence()
    assert set(ev.causes) >= REQUIRED_CAUSES
    assert set(ev.techniques) >= REQUIRED_TECHNIQUES
    assert set(ev.red_flags) == REQUIRED_RED_FLAGS
    assert set(ev.substances) >= REQUIRED_SUBSTANCES


def test_every_entry_has_a_grade_and_a_findable_citation() -> None:
    ev = load_evidence()
    tables = [ev.causes, ev.techniques, ev.red_flags, ev.substances]
    entries = [e for table in tables for e in table.values()]
    assert len(entries) >= 45
    for entry in entries:
        assert isinstance(entry.grade, Grade), entry.id
        assert entry.citations, entry.id
        for c in entry.citations:
            assert c.locator().startswith("https://"), (entry.id, c.title)


@pytest.mark.parametrize("name", list(FILES))
def test_an_entry_without_citations_is_rejected(name: str) -> None:
    data = raw()
    victim = data[name][0]
    victim["citations"] = []
    with pytest.raises(EvidenceError, match=victim["id"]):
        build(data)


@pytest.mark.parametrize("name", list(FILES))
def test_an_entry_without_a_grade_is_rejected(name: str) -> None:
    data = raw()
    victim = data[name][-1]
    del victim["grade"]
    with pytest.raises(EvidenceError, match=victim["id"]):
        build(data)


def test_an_unknown_grade_is_rejected() -> None:
    data = raw()
    data["causes.toml"][0]["grade"] = "very strong"
    with pytest.raises(EvidenceError, match="grade"):
        build(data)


def test_a_citation_without_doi_pmid_or_url_is_rejected() -> None:
    data = raw()
    cit = data["techniques.toml"][0]["citations"][0]
    for key in ("doi", "pmid", "url"):
        cit.pop(key, None)
    with pytest.raises(EvidenceError, match="doi, pmid or url"):
        build(data)


def test_a_technique_pointing_to_a_missing_cause_is_rejected() -> None:
    data = raw()
    data["techniques.toml"][0]["addresses"].append("moon_phase")
    with pytest.raises(EvidenceError, match="moon_phase"):
        build(data)


def test_a_substance_pointing_to_a_missing_cause_is_rejected() -> None:
    data = raw()
    data["substances.toml"][0]["causes"] = ["nowhere"]
    with pytest.raises(EvidenceError, match="nowhere"):
        build(data)


def test_every_non_medical_cause_has_something_to_try() -> None:
    ev = load_evidence()
    for cause in ev.causes.values():
        if cause.kind != "medical":
            assert ev.techniques_for(cause.id), f"no technique addresses {cause.id}"


def test_every_substance_sends_to_a_pharmacist_or_doctor_and_gives_no_dose() -> None:
    ev = load_evidence()
    dose = re.compile(r"\b\d+(\.\d+)?\s*(mg|g|ml|mcg|µg|tablets?|pills?|drinks?)\b", re.I)
    for sub in ev.substances.values():
        assert "pharmacist or doctor" in sub.what_to_do.lower(), sub.id
        assert not dose.search(sub.what_to_do), sub.id


def test_substance_advice_without_the_pharmacist_line_is_rejected() -> None:
    data = raw()
    data["substances.toml"][0]["what_to_do"] = "Just stop taking it and see what happens."
    with pytest.raises(EvidenceError, match="pharmacist or doctor"):
        build(data)


ANSWERED_IN_WORDS = {
    "weight_trend_concern", "thoughts_of_harm", "low_mood", "faint_after_birth",
    "parent_infection",
}


def test_red_flags_escalate_and_carry_numeric_thresholds() -> None:
    ev = load_evidence()
    for flag in ev.red_flags.values():
        assert flag.level.rank >= Level.PROVIDER.rank
        # Signs a parent reports in words (mood, faintness, ...) have no number to compare.
        assert flag.threshold or flag.id in ANSWERED_IN_WORDS, flag.id
        assert all(isinstance(v, float) for v in flag.threshold.values())
    assert ev.red_flags["weight_loss_over_10pct"].threshold["max_loss_percent"] == 10.0
    assert ev.red_flags["fever_red_breast"].threshold["fever_c"] == 38.0
    assert ev.red_flags["few_wet_diapers"].threshold["wet_from_day5"] == 6
    assert ev.red_flags["infant_fever"].threshold == {
        "fever_c": 38.0, "urgent_under_age_days": 90.0}


def test_popular_beliefs_that_fail_are_stated() -> None:
    ev = load_evidence()
    assert "water" in (ev.causes["dehydration"].myth or "").lower()
    assert "not felt" in (ev.causes["low_milk_transfer"].myth or "")
    assert "stress" in (ev.causes["stress_anxiety"].myth or "").lower()


def test_duplicate_ids_are_rejected() -> None:
    data = raw()
    data["causes.toml"].append(copy.deepcopy(data["causes.toml"][0]))
    with pytest.raises(EvidenceError, match="duplicate"):
        build(data)


def test_loading_is_cached() -> None:
    assert load_evidence() is load_evidence()


README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_states_how_many_citations_are_checked() -> None:
    """The README's count of checked citations comes from the data, so it cannot drift."""
    citations = [
        c for name in FILES for entry in read_file(name) for c in entry.get("citations", [])
    ]
    total = len(citations)
    checked = sum(1 for c in citations if c.get("checked", False))
    text = README.read_text(encoding="utf-8")
    advisor = text.split("<!-- section: advisor -->", 1)[1].split("<!-- /section: advisor -->")[0]
    said = re.search(
        r"(\d+) of the (\d+) citations behind the advice are checked.*?the other (\d+) await",
        advisor,
        re.S,
    )
    assert said, "README advisor section no longer states how many citations are checked"
    assert tuple(int(g) for g in said.groups()) == (checked, total, total - checked), (
        f"README says {said.group(0)!r}; the data have {checked} of {total} checked"
    )
