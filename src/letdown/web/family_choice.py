"""Which family a signed-in consultant is looking at, kept in a signed cookie.

Why a cookie and not a column on the web session: it needs no migration (so no clash
with other branches' "0010"), and it proves nothing on its own. The value is
``<owner id>.<HMAC>``; the HMAC (keyed by ``LETDOWN_SECRET_KEY``) covers the owner id AND
the digest of the browser's session id, so a value copied from another session, or kept
past sign-out, or with an edited owner id, is ignored. Even a valid value only names a
family: ``journal_access`` (the one authorization point) is asked again on every request,
so a revoked share stops the next request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.responses import Response
    from starlette.types import Scope

    from letdown.config import Settings
    from letdown.journal.service import Journal

COOKIE_PLAIN = "letdown_family"
COOKIE_TLS = "__Host-letdown_family"
_VALUE = re.compile(r"([1-9][0-9]{0,17})\.([0-9a-f]{64})")


def _name(scope: Scope) -> str:
    return COOKIE_TLS if scope.get("scheme") == "https" else COOKIE_PLAIN


def _signature(key: str, session_secret: str, owner_id: int) -> str:
    session = hashlib.sha256(session_secret.encode("utf-8", "surrogatepass")).hexdigest()
    message = f"letdown family\0{session}\0{owner_id}".encode()
    return hmac.new(key.encode("utf-8", "surrogatepass"), message, hashlib.sha256).hexdigest()


def chosen_family(scope: Scope, key: str, session_secret: str | None) -> int | None:
    """The owner id this browser's session chose, or None (none, forged, another session's)."""
    from starlette.requests import HTTPConnection

    if not session_secret or not key:
        return None
    found = _VALUE.fullmatch(HTTPConnection(scope).cookies.get(_name(scope), ""))
    if found is None:
        return None
    owner_id = int(found.group(1))
    expected = _signature(key, session_secret, owner_id)
    return owner_id if hmac.compare_digest(expected, found.group(2)) else None


def remember_family(response: Response, scope: Scope, key: str, session_secret: str,
                    owner_id: int) -> None:
    """Set the choice (a session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS)."""
    value = f"{owner_id}.{_signature(key, session_secret, owner_id)}"
    response.set_cookie(_name(scope), value, path="/", secure=scope.get("scheme") == "https",
                        httponly=True, samesite="lax")


def forget_family(response: Response, scope: Scope) -> None:
    response.delete_cookie(_name(scope), path="/", secure=scope.get("scheme") == "https",
                           httponly=True, samesite="lax")


def family_key(settings: Settings) -> str:
    """The key the choice is signed with (``LETDOWN_SECRET_KEY``; server mode has one)."""
    return settings.secret_key.get_secret_value() if settings.secret_key else ""


def pseudonym_of(store: Journal, owner_id: int) -> str:
    """What the parent asked to be called (their profile), else a neutral number."""
    profile = store.get_profile()
    return profile.pseudonym if profile is not None else f"Family #{owner_id}"
