"""Guards for a web app that listens on the parent's own machine.

A local app is still reachable by any web page the parent opens in the same
browser, so two classic attacks matter even on 127.0.0.1:

* **DNS rebinding**: a hostile name that resolves to 127.0.0.1 would let another
  site read the journal. Requests whose ``Host`` is not one we serve get 400.
* **Cross-site form posts**: another site could post a form to us. Unsafe methods
  must prove they come from exactly the origin served (``letdown.web.origin``),
  else 403; the API also wants ``Content-Type: application/json`` for a body,
  which another site's form cannot send; page forms also carry a CSRF token
  (``letdown.web.csrf``).

Listening beyond loopback, any Host is accepted but every request needs the
pairing cookie (``letdown.web.pairing``), else 401.

Every response also carries a Content-Security-Policy that only allows our own
origin, which doubles as a guarantee that no page can pull anything from a CDN.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from letdown.web.origin import cross_site_reason
from letdown.web.pairing import Pairing

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Only our own origin; inline styles are allowed because matplotlib's SVG uses them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; "
    "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Not "no-referrer": with it Chromium sends "Origin: null" on our own form posts,
    # which the exact-origin rule must refuse. "same-origin" still tells other sites nothing.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)


def _hostname(value: str) -> str:
    """The host part of a ``Host`` header or URL netloc, without the port."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _json_body_refusal(scope: Scope, headers: Headers) -> Response | None:
    """415 for an API request whose body is not declared JSON (None when fine).

    Forms on other sites can send ``text/plain``, form-encoded or multipart bodies
    (or a body with no type at all) without asking us first; only JSON needs a
    CORS preflight, which we never grant.
    """
    if not str(scope.get("path", "")).startswith("/api/"):
        return None
    has_body = headers.get("content-length", "0").strip() not in ("", "0") or (
        "transfer-encoding" in headers)
    if not has_body:
        return None
    declared = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if declared == "application/json" or (
            declared.startswith("application/") and declared.endswith("+json")):
        return None
    return PlainTextResponse(
        f"The body must be JSON, sent with Content-Type: application/json "
        f"(got {declared[:60] or 'no Content-Type'}).", status_code=415)


class LocalOnlyMiddleware:
    """Reject foreign ``Host`` headers, unpaired devices and cross-site unsafe requests;
    add security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str],
                 pairing: Pairing | None = None) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed_hosts)
        self.pairing = pairing

    def _refusal(self, scope: Scope) -> Response | None:
        """The response that stops this request, or None when it may go on."""
        headers = Headers(scope=scope)
        host = _hostname(headers.get("host", ""))
        if "*" not in self.allowed and host not in self.allowed:
            return PlainTextResponse(f"Host {host!r} is not served here.", status_code=400)
        if self.pairing is not None:
            stop = self.pairing.answer(scope, headers)
            if stop is not None:
                return stop
        if scope["method"] not in SAFE_METHODS:
            reason = cross_site_reason(scope, headers)
            if reason is not None:
                return PlainTextResponse(
                    f"Cross-site request refused: {reason}. Nothing was changed; "
                    "use letdown's own pages.", status_code=403)
            return _json_body_refusal(scope, headers)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in existing]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
