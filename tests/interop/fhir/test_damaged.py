"""Damaged Bundles (generated): a clear refusal naming the entry, or a clean read; nothing else."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from interop.fhir.realistic import realistic
from letdown.interop.fhir import FhirImport, load_bundle, load_bundle_text, to_bundle
from letdown.interop.problems import BadJournalFile

GOOD = json.loads(json.dumps(to_bundle(realistic())))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                  max_size=4),
    max_leaves=12,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON value (dict keys and list positions)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


def read(bundle: Any) -> FhirImport | BadJournalFile:
    try:
        return load_bundle(bundle, name="damaged.json")
    except BadJournalFile as error:
        assert error.problems and all(p.strip() and "\n" not in p for p in error.problems)
        return error


@settings(max_examples=300, deadline=None)
@given(entry=st.integers(0, len(GOOD["entry"]) - 1), data=st.data())
def test_one_damaged_field_is_refused_by_entry_or_read_cleanly(entry: int, data: Any) -> None:
    bundle = copy.deepcopy(GOOD)
    resource = bundle["entry"][entry]["resource"]
    place = data.draw(st.sampled_from(paths(resource)[1:]))
    holder = resource
    for part in place[:-1]:
        holder = holder[part]
    if data.draw(st.booleans()) and isinstance(holder, dict):
        del holder[place[-1]]
    else:
        holder[place[-1]] = data.draw(json_values)
    outcome = read(bundle)
    if isinstance(outcome, BadJournalFile):
        assert any("damaged.json entry " in p or "damaged.json (" in p
                   for p in outcome.problems), outcome.problems


@settings(max_examples=300, deadline=None)
@given(value=json_values | st.fixed_dictionaries(
    {"resourceType": st.just("Bundle")}, optional={"entry": json_values, "type": json_values}))
def test_any_json_is_refused_cleanly_or_read(value: Any) -> None:
    read(value)


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, 4000), junk=st.text(max_size=5))
def test_truncated_or_garbled_text_is_refused_cleanly(cut: int, junk: str) -> None:
    text = json.dumps(GOOD)[:cut] + junk
    try:
        load_bundle_text(text, name="cut.json")
    except BadJournalFile as error:
        assert error.problems
