"""Guards for a web app that listens on the parent's own machine.

A local app is still reachable by any web page the parent opens in the same
browser, so two classic attacks matter even on 127.0.0.1:

* **DNS rebinding**: a hostile name that resolves to 127.0.0.1 would let another
  site read the journal. Requests whose ``Host`` is not one we serve get 400.
* **Cross-site form posts**: another site could post a form to us. Unsafe methods
  whose ``Origin`` (or ``Referer``) names another host get 403.

Every response also carries a Content-Security-Policy that only allows our own
origin, which doubles as a guarantee that no page can pull anything from a CDN.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def _hostname(value: str) -> str:
    """The host part of a ``Host`` header or URL netloc, without the port."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class LocalOnlyMiddleware:
    """Reject foreign ``Host`` headers and cross-site unsafe requests; add security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = _hostname(headers.get("host", ""))
        if "*" not in self.allowed and host not in self.allowed:
            response = PlainTextResponse(f"Host {host!r} is not served here.", status_code=400)
            await response(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            source = headers.get("origin") or headers.get("referer")
            if source and source != "null":
                origin_host = _hostname(urlsplit(source).netloc)
                if origin_host and origin_host != host and origin_host not in self.allowed:
                    response = PlainTextResponse(
                        "Cross-site request refused: this form must be sent from letdown itself.",
                        status_code=403,
                    )
                    await response(scope, receive, send)
                    return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in existing]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
