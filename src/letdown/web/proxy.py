"""Server mode's edge: HTTPS as the browser sees it, behind a reverse proxy or not.

letdown itself speaks plain HTTP; a practice puts Caddy or nginx in front of it for TLS.
The proxy says what the browser used in ``X-Forwarded-Proto`` and who the browser is in
``X-Forwarded-For``. Anyone can send those headers, so they are believed only when the
``LETDOWN_TRUST_PROXY`` setting says letdown sits behind such a proxy (and listens on
127.0.0.1, so nothing else can reach it). Then this middleware rewrites the request's
scheme and client address before anything else looks at them: the same-origin check
compares against ``https://``, the session cookie gets ``Secure``, and the sign-in
limiter counts the browser's address, not the proxy's.

Over HTTPS every response also carries ``Strict-Transport-Security`` (HSTS): the browser
will not use plain HTTP for this site again for a year.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = (b"strict-transport-security", b"max-age=31536000")


class ServerEdge:
    """ASGI middleware (server mode only): trusted proxy headers, and HSTS over HTTPS."""

    def __init__(self, app: ASGIApp, trust_proxy: bool) -> None:
        self.app = app
        self.trust_proxy = trust_proxy

    def _rewrite(self, scope: Scope) -> Scope:
        headers = Headers(scope=scope)
        scope = dict(scope)
        proto = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        if proto in ("http", "https"):
            scope["scheme"] = proto
        forwarded = headers.get("x-forwarded-for", "")
        # The proxy appends the address it saw last: the only entry it vouches for.
        client = forwarded.split(",")[-1].strip()
        if client and len(client) <= 64 and client.isprintable():
            port = scope["client"][1] if scope.get("client") else 0
            scope["client"] = (client, port)
        return scope

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.trust_proxy:
            scope = self._rewrite(scope)
        if scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def with_hsts(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), HSTS]
            await send(message)

        await self.app(scope, receive, with_hsts)
