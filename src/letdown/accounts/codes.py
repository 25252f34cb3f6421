"""API tokens and invitation codes: made with ``secrets``, kept only as SHA-256.

A token or code is shown once, when made; the database keeps its SHA-256, so a copy of
the database (a backup, a leak) gives nobody a usable token. SHA-256 without salt is
right here, unlike for passwords: these are 256- and 80-bit random values, not words a
person chose, so there is nothing to guess.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

TOKEN_PREFIX = "ldt_"
#: Characters of a token shown in `letdown token list` to tell tokens apart.
SHOWN_PREFIX = 12
_CODE_GROUPS = 4


def new_token() -> str:
    """A new API token: ``ldt_`` and 43 URL-safe characters (256 random bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The SHA-256 (hex) a token or a normalised invitation code is stored as."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def new_invitation_code() -> str:
    """A code a parent can read out or send: 16 letters and digits in groups of 4, 80
    random bits, e.g. ``K7QD-M2PA-Z4XW-9RTE``."""
    text = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalise_code(code: str) -> str:
    """A typed code in its stored form: upper case, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", code).upper()
