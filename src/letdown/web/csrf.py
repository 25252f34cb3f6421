"""A per-form CSRF token on every HTML form, by Simon Willison's ``asgi-csrf``.

The exact-origin rule (``letdown.web.origin``) already refuses posts from other
pages; the token is a second, independent lock for the forms, in case a browser
leaves ``Origin`` out. ``asgi-csrf`` keeps a signed random token in a cookie and
wants the same token back in the form's ``csrftoken`` field (the first field of
a multipart form, so an upload is checked before its file is read; see
``letdown.web.csrf_multipart`` for a fix to the library's multipart reading). Templates
put it in with ``{% include "_csrf.html" %}``.

Two settings differ from the library's defaults, on purpose:

* every page POST is checked, even a request that carries no cookie at all (the
  library would let those through, which suits sites whose only secret is a
  login cookie; ours is the journal itself);
* the JSON API (``/api/``) is left to the origin rule plus ``Content-Type:
  application/json``, which a form on another site cannot send.

The signing secret is kept in the data dir, so a page left open across a
restart of ``letdown serve`` can still be sent.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECRET_FILE = ".web-secret"
API_PREFIX = "/api/"

EXPIRED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Please send the form again</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Please send the form again</h1>
<p>This form could not be checked: it was opened before letdown restarted, or it did
not come from letdown itself. Nothing was saved.</p>
<p>Go back, reload the page, and send it again.</p>
<p><a href="/">Back to Home</a></p></main></body></html>
"""


class _PageForms:
    """The paths ``asgi-csrf`` must check even without cookies: every page, not the API."""

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and not path.startswith(API_PREFIX)


def _not_a_page_form(scope: Scope) -> bool:
    """Requests the token check leaves alone: the JSON API, and methods other than POST
    on pages (no page route takes them: they end in 405, with the Allow header)."""
    return str(scope.get("path", "")).startswith(API_PREFIX) or scope.get("method") != "POST"


def load_secret(data_dir: Path) -> str:
    """The signing secret kept in ``data_dir`` (made on first use, readable by us only).

    Falls back to a secret for this run only when the data dir does not exist or
    cannot be written (a read-only backup): forms then work until the next restart.
    """
    path = data_dir / SECRET_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
        if len(found) >= 32:
            return found
    except (OSError, UnicodeDecodeError):
        pass
    secret = secrets.token_urlsafe(32)
    if data_dir.is_dir():
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secret)
        except OSError:
            pass
    return secret


async def _refuse(scope: Scope, send: Send, error: Any) -> None:
    """The page shown when a form's token is missing or wrong (403, nothing saved)."""
    await HTMLResponse(EXPIRED_PAGE, status_code=403)(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class CsrfMiddleware:
    """``asgi-csrf`` around the app, answering 400 instead of crashing on a garbled form."""

    def __init__(self, app: ASGIApp, secret: str) -> None:
        from asgi_csrf import asgi_csrf

        from letdown.web import csrf_multipart

        csrf_multipart.install()  # asgi-csrf 0.11's multipart reading is broken, see there
        self.app = app
        self.protected = asgi_csrf(
            self._passed,
            signing_secret=secret,
            always_protect=_PageForms(),
            skip_if_scope=_not_a_page_form,
            cookie_samesite="Strict",
            send_csrf_failed=_refuse,
        )

    async def _passed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The request passed the check: note it (see ``__call__``) and go on."""
        scope[_OUTCOME]["passed"] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        outcome: dict[str, bool] = {}
        try:
            await self.protected({**scope, _OUTCOME: outcome}, receive, send)
        except (UnicodeDecodeError, IndexError, AssertionError, ValueError):
            # asgi-csrf reads the cookies and the form itself, and raises on what no
            # browser sends (bytes that are not UTF-8, a multipart body without its
            # boundary).
            if outcome.get("passed"):
                raise  # the app's own error, not the check's
            await PlainTextResponse(
                "This request could not be read: its form or cookies are not what a "
                "browser sends. Nothing was saved; open the page in letdown and try again.",
                status_code=400,
            )(scope, receive, send)


#: Where a request's outcome is noted (asgi-csrf copies the scope, not this dict).
_OUTCOME = "letdown.csrf"
