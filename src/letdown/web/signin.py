"""Server mode's sign-in and sign-out pages, and Home by role.

``POST /signin`` checks the email and password with ``Accounts.authenticate`` (argon2,
lockout after five failures, the same words whether or not the account exists), behind
a per-address limiter (``client_limit``). On success it deletes the browser's previous
session, if any, and starts a new one (a new random id: no session fixation), then sends
the browser to ``next`` when that is a path on this site (never elsewhere: no open
redirect). ``POST /signout`` deletes the session on the server. Both forms carry the CSRF
token, like every form; the same-origin rule applies to them too.

Nothing here logs or echoes a password or a session id.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from letdown.accounts.models import Account
from letdown.web.auth import (
    SIGNIN_PATH,
    SIGNOUT_PATH,
    Auth,
    clear_session_cookie,
    current_account,
    session_cookie,
    set_session_cookie,
)
from letdown.web.templating import render

router = APIRouter(include_in_schema=False)
MAX_NEXT = 2000
#: Longer than any password ``accounts.passwords`` accepts (1024 bytes).
MAX_PASSWORD = 1100


def safe_next(value: str | None) -> str:
    """``value`` when it is a path on this site, else ``/``.

    Only printable ASCII without spaces or backslashes (browsers read ``/\\host`` and
    ``/<tab>/host`` as ``//host``, another site), starting with one ``/`` and naming no
    scheme or host, and not the sign-in or sign-out page itself."""
    if not value or len(value) > MAX_NEXT or not value.startswith("/"):
        return "/"
    if value.startswith("//") or any(not "\x21" <= c <= "\x7e" or c == "\\" for c in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path in (SIGNIN_PATH, SIGNOUT_PATH):
        return "/"
    return value


def _auth(request: Request) -> Auth:
    found = request.app.state.auth
    assert isinstance(found, Auth)
    return found


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _form(request: Request, *, next_path: str, email: str = "", problem: str = "",
          status: int = 200) -> Response:
    return render(request, "signin.html", {"next": next_path, "email": email,
                                           "problem": problem}, status_code=status)


@router.get(SIGNIN_PATH)
def signin_page(request: Request, next: str = "/") -> Response:
    return _form(request, next_path=safe_next(next))


@router.post(SIGNIN_PATH)
def signin(request: Request, email: Annotated[str, Form()] = "",
           password: Annotated[str, Form()] = "",
           next: Annotated[str, Form()] = "/") -> Response:
    from letdown.accounts.errors import AccountLocked, SignInFailed

    auth = _auth(request)
    target = safe_next(next)
    shown = email.strip()[:254]
    client = _client(request)
    wait = auth.limit.wait(client)
    if wait:
        minutes = max(1, round(wait / 60))
        return _form(request, next_path=target, email=shown, status=429, problem=(
            "Not signed in: too many failed sign-ins from this network; signing in from "
            "here is paused. "
            f"Try again in about {minutes} minute{'s' if minutes != 1 else ''}."))
    try:
        if len(password) > MAX_PASSWORD:  # no stored password is this long: argon2 spared
            raise SignInFailed()
        actor = auth.accounts.authenticate(email, password)
    except AccountLocked as error:
        return _form(request, next_path=target, email=shown, status=429,
                     problem=f"Not signed in: {error}.")
    except SignInFailed as error:
        auth.limit.failed(client)
        return _form(request, next_path=target, email=shown, status=401,
                     problem=f"Not signed in: {error}.")
    started = auth.sessions.start(actor.account_id or 0, replacing=session_cookie(request.scope))
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request.scope, started.secret,
                       int(auth.sessions.lifetime.total_seconds()))
    return response


@router.post(SIGNOUT_PATH)
def signout(request: Request) -> Response:
    secret = session_cookie(request.scope)
    if secret:
        _auth(request).sessions.end(secret)
    response = RedirectResponse(SIGNIN_PATH, status_code=303)
    clear_session_cookie(response, request.scope)
    return response


@router.get("/")
def home_by_role(request: Request,
                 account: Annotated[Account, Depends(current_account)]) -> Response:
    """A parent's Home is their journal, and so is a consultant's while they view a family
    (``letdown.web.families``); otherwise a consultant or an administrator sees who they
    are, and a consultant a link to their families."""
    from letdown.accounts.roles import Role
    from letdown.web.services import REQUEST_JOURNAL

    # a parent's own journal, or the family a consultant opened (the gate chose which)
    if account.role is Role.PARENT or REQUEST_JOURNAL.get() is not None:
        from letdown.web.pages.home import home
        from letdown.web.services import journal

        return home(request, journal(request))
    return render(request, "signed_in.html", {"account": account})
