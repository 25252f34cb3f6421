"""Email addresses as account names: one normal form, clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letdown.accounts.emails import normalise_email
from letdown.accounts.errors import BadAccountInput


def test_normal_form() -> None:
    assert normalise_email("  Sam.Doe@Clinic.Example.ORG ") == "sam.doe@clinic.example.org"


@pytest.mark.parametrize("typed", ["", "sam", "sam@", "@example.org", "sam@example",
                                   "a b@example.org", "sam@@example.org",
                                   "x" * 250 + "@example.org", "sam\x00@example.org"])
def test_refused_with_what_is_allowed(typed: str) -> None:
    with pytest.raises(BadAccountInput, match="allowed: an email address"):
        normalise_email(typed)


@given(st.one_of(st.emails(), st.text()))
def test_anything_typed_is_normalised_or_refused_cleanly(typed: str) -> None:
    try:
        address = normalise_email(typed)
    except BadAccountInput:
        return
    assert address == address.strip().lower() and "@" in address
