"""Passwords: the policy's refusals, argon2 round trip, rehash, and no leaks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.conftest import CANARY, cheap_hasher
from letdown.accounts.errors import BadAccountInput
from letdown.accounts.passwords import ALLOWED, Hasher, check_password


def test_hash_round_trip_and_a_wrong_password() -> None:
    hasher = cheap_hasher()
    stored = hasher.hash(CANARY)
    assert stored.startswith("$argon2id$")
    assert CANARY not in stored
    assert hasher.verify(stored, CANARY)
    assert not hasher.verify(stored, CANARY + "x")
    assert not hasher.verify("not a hash at all", CANARY)  # damaged: refused, no exception


def test_a_hash_with_older_parameters_needs_rehash() -> None:
    old, new = cheap_hasher(), Hasher(time_cost=2, memory_cost=16, parallelism=1)
    stored = old.hash(CANARY)
    assert not old.needs_rehash(stored)
    assert new.needs_rehash(stored)
    assert new.verify(stored, CANARY)  # still accepted, so it can be renewed at sign-in
    assert not new.needs_rehash(new.hash(CANARY))
    assert new.needs_rehash("garbage")


@pytest.mark.parametrize("password, problem", [
    ("tiny-pw7", "shorter than 12"),
    (" " * 20, "only spaces"),
    ("ops@example.org", "is the email address"),
    ("Password1234", "too easy"),
    ("aaaaaaaaaaaaaaaa", "too easy"),
    ("x" * 500 + "é" * 300, "longer than 1024 bytes"),
    ("twelve chars\x00!", "NUL"),
    ("lone \ud800 surrogate!", "cannot be stored"),
])
def test_policy_refuses_with_what_is_allowed(password: str, problem: str) -> None:
    with pytest.raises(BadAccountInput) as refused:
        check_password(password, "ops@example.org")
    assert problem in str(refused.value)
    assert "allowed:" in str(refused.value)
    assert password not in str(refused.value)


PROBLEMS = ("contains a NUL character", "is shorter than 12 characters",
            "is longer than 1024 bytes", "is only spaces", "is the email address",
            "is too easy to guess", "contains characters that cannot be stored")


@settings(max_examples=200)
@given(st.text(min_size=0, max_size=60))
def test_policy_never_quotes_the_password(password: str) -> None:
    """Every refusal is one of a fixed set of sentences: nothing typed is echoed."""
    try:
        check_password(password, "ops@example.org")
    except BadAccountInput as error:
        assert str(error) in {f"the password {p}; allowed: {ALLOWED}" for p in PROBLEMS}


def test_a_long_passphrase_is_accepted() -> None:
    check_password("correct horse staple battery", "ops@example.org")


def test_hasher_repr_shows_no_secret() -> None:
    hasher = cheap_hasher()
    hasher.waste_time(CANARY)
    assert CANARY not in repr(hasher)
