"""Tokens and invitation codes: random, readable, and stored only as SHA-256."""

from __future__ import annotations

import hashlib
import re

from letdown.accounts.codes import digest, new_invitation_code, new_token, normalise_code


def test_tokens_are_long_random_and_distinct() -> None:
    made = {new_token() for _ in range(200)}
    assert len(made) == 200
    assert all(re.fullmatch(r"ldt_[A-Za-z0-9_\-]{43}", t) for t in made)


def test_invitation_codes_are_groups_a_person_can_type() -> None:
    code = new_invitation_code()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", code)
    assert normalise_code(f" {code.lower().replace('-', ' ')} ") == code.replace("-", "")


def test_digest_is_sha256_hex() -> None:
    assert digest("ldt_x") == hashlib.sha256(b"ldt_x").hexdigest()
    assert len(digest("\ud800")) == 64  # a lone surrogate typed in a form: no exception
