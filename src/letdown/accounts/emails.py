"""Email addresses as account names: normalised so one person has one account."""

from __future__ import annotations

import re

from letdown.accounts.errors import BadAccountInput

MAX_LENGTH = 254
_SHAPE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
ALLOWED = "an email address such as name@example.org (at most 254 characters)"


def normalise_email(email: str) -> str:
    """The stored form (trimmed, lower case) or ``BadAccountInput`` naming what is allowed."""
    cleaned = email.strip().lower()
    if (not cleaned or len(cleaned) > MAX_LENGTH or not cleaned.isprintable()
            or _SHAPE.match(cleaned) is None):
        shown = email if len(email) <= 60 else email[:57] + "..."
        raise BadAccountInput(f"{shown!r} is not an email address; allowed: {ALLOWED}")
    return cleaned


def quiet_normalise(email: str) -> str:
    """For sign-in: the same normal form without refusing, so a malformed address fails
    like a wrong password (and is never echoed back)."""
    return email.strip().lower()[:MAX_LENGTH]
