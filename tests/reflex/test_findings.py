"""The catalogue of findings: every record is complete, traceable and well-formed, and
the studies `letdown calibrate` runs take their published numbers from it."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from letdown.reflex.findings import AREAS, all_findings, by_id
from letdown.reflex.findings.catalogue import UNITS, Finding, parse
from letdown.reflex.studies import STUDIES

FINDINGS = all_findings()
NEW = [f for f in FINDINGS if f.role == "new"]


def _record(**change: object) -> dict[str, object]:
    base = FINDINGS[0].model_dump(exclude_none=True)
    base.update(change)
    return base


def _text(*records: dict[str, object]) -> str:
    return tomli_w.dumps({"finding": list(records)})


def test_catalogue_holds_at_least_70_findings_of_which_35_new_are_quantitative() -> None:
    assert len(STUDIES) == len(FINDINGS)
    new_quantitative = [f for f in NEW if f.quantitative and not f.animal]
    assert len(new_quantitative) >= 35
    assert len(FINDINGS) - len(NEW) + len(new_quantitative) >= 70


def test_ids_are_unique_and_every_area_is_covered() -> None:
    ids = [f.id for f in FINDINGS]
    assert len(ids) == len(set(ids))
    assert set(Counter(f.area for f in FINDINGS)) == set(AREAS)


def test_a_duplicate_id_is_refused() -> None:
    with pytest.raises(ValueError, match="duplicate finding id"):
        parse(_text(_record(), _record()))


def test_every_calibration_study_takes_its_numbers_from_the_catalogue() -> None:
    assert [s.id for s in STUDIES] == [f.id for f in FINDINGS]
    for s in STUDIES:
        f = by_id(s.id)
        assert (s.finding, s.source, s.published, s.area, s.split) == (
            f.finding, f.source, f.published, f.area, f.split)
        if f.expressible == "yes":  # what the model could express, it still runs
            assert s.run is not None, s.id
        if s.run is not None:
            assert s.tolerance.strip(), f"{s.id} runs without a stated tolerance"


def test_every_new_quantitative_finding_gives_figures_units_and_where_it_was_read() -> None:
    for f in NEW:
        assert f.url.startswith(("http://", "https://")), f.id
        assert f.read_at.strip() and f.source.strip(), f.id
        if f.quantitative:
            assert re.search(r"\d", f.published), f"{f.id}: no figure in 'published'"
            assert f.units and set(f.units) <= UNITS, f.id


def test_findings_the_model_cannot_express_say_what_is_missing() -> None:
    for f in FINDINGS:
        if f.expressible != "yes":
            assert (f.missing_input or f.reason).strip(), f.id


def test_identifiers_have_a_known_form() -> None:
    form = re.compile(r"^(doi:10\.\d{4,9}/\S+|pmid:\d{5,9}|pmcid:PMC\d+|isbn:\d{10,13}|cite:.+)$")
    for f in FINDINGS:
        for i in f.identifiers:
            assert form.match(i), f"{f.id}: {i}"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("identifiers", ["10.1000/xyz"], "identifier"),
    ("identifiers", [], "at least 1"),
    ("units", ["furlongs"], "unknown unit"),
    ("url", "ftp://example.org", "url"),
    ("id", "c1 lower", "finding id"),
    ("area", "astrology", "area"),
    ("year", 1850, "year"),
])
def test_a_malformed_record_is_refused_with_the_field_named(
        field: str, value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Finding.model_validate(_record(**{field: value}))


def test_an_unexpressible_finding_without_a_reason_is_refused() -> None:
    with pytest.raises(ValidationError, match="missing"):
        Finding.model_validate(_record(expressible="no", reason="", missing_input=""))


_FIELDS = sorted(Finding.model_fields)


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(_FIELDS),
       value=st.one_of(st.none(), st.text(max_size=20), st.integers(-5, 3000),
                       st.lists(st.text(max_size=8), max_size=3), st.booleans()))
def test_any_mangled_field_is_either_accepted_or_refused_with_a_validation_error(
        field: str, value: object) -> None:
    record = _record()
    if value is None:
        record.pop(field, None)
    else:
        record[field] = value
    try:
        text = _text(record)
    except (TypeError, ValueError):
        return  # not expressible as TOML at all
    try:
        parsed = parse(text)
    except ValidationError as e:
        assert e.errors(), "a refusal must say what was wrong"
        return
    assert len(parsed) == 1


def test_the_catalogue_says_which_findings_run() -> None:
    """A finding marked expressible (yes or partly) runs in `letdown calibrate`, and one
    marked no or structural does not: the catalogue and the report cannot disagree."""
    for s in STUDIES:
        f = by_id(s.id)
        assert (s.run is not None) == (f.expressible in ("yes", "partly")), (
            s.id, f.expressible)
