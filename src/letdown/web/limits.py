"""How much a request may send: a body-size limit per address, enforced before and while reading.

Without it a page or the JSON API reads a whole body into memory, however large:
one 200 MB request grew the server by 600 MB. Here a request whose ``Content-Length``
is over its address's limit gets 413 before a byte of the body is read, and a body
sent without a length (chunked) is counted as it arrives and stopped once over.

Only the media upload may send large bodies (one photo, video or sound, streamed
to disk by ``letdown.web.media``); every other address, the JSON API included,
carries a few fields and gets a small limit.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from letdown.web import media

MiB = 1024 * 1024

#: The limit for every address not listed in ``ROUTE_LIMITS``: forms and JSON are small.
DEFAULT_LIMIT = MiB

#: Room for the multipart envelope around one upload: part headers and the description.
UPLOAD_ENVELOPE = MiB

#: (method, path) -> largest body accepted there.
ROUTE_LIMITS: dict[tuple[str, str], int] = {
    ("POST", "/media"): max(media.MAX_BYTES.values()) + UPLOAD_ENVELOPE,
}


def limit_for(method: str, path: str) -> int:
    """The largest body accepted for a request to ``path`` with ``method``."""
    return ROUTE_LIMITS.get((method, path.rstrip("/") or "/"), DEFAULT_LIMIT)


def _megabytes(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= MiB else f"{size / 1024:.0f} KB"


def too_large_reason(limit: int, size: int | None = None) -> str:
    """The one line a person (or script) reads when a body is refused."""
    sent = f"{_megabytes(size)} is" if size is not None else "what was sent is"
    return (f"Too much data: {sent} more than this address accepts; allowed: up to "
            f"{_megabytes(limit)}. Send less (a smaller file, or fewer records at a time).")


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a body without a length goes over its limit.

    An ``HTTPException``, so the app's error handlers answer it (a page or JSON
    with the reason) wherever the body is being read.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, detail=too_large_reason(limit),
                         headers={"Connection": "close"})


class BodyLimit:
    """ASGI middleware: refuse bodies over the address's limit, by length or as counted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, too_large_reason(limit, declared))
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge as error:  # read outside any handler (or in a middleware)
            if started:
                raise
            await _refuse(scope, send, str(error.detail))


def _content_length(scope: Scope) -> int | None:
    """The declared body length, or None when absent or unreadable (the server checks it)."""
    for key, value in scope.get("headers", ()):
        if key == b"content-length":
            text = value.decode("latin-1").strip()
            if not text.isdigit():
                return None
            return int(text) if len(text) <= 18 else 10**18
    return None


#: The page a browser gets when a form (a photo upload, in practice) is refused by its
#: declared size before the app runs: no template engine out here, so a fixed page in the
#: app's own style, with the reason and a way back to the form.
REFUSED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Too large - letdown</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main><h1>That was too large to save</h1>
<div class="notice danger" role="alert"><p>{reason}</p></div>
<p>Nothing was saved. <a href="{back}">Go back and choose a smaller file</a>.</p>
</main></body></html>
"""


def refused_page(reason: str, path: str) -> bytes:
    """The HTML 413 page; the way back is this site's own path (never another site)."""
    from html import escape

    back = path if path.startswith("/") and not path.startswith("//") else "/"
    return REFUSED_PAGE.format(reason=escape(reason), back=escape(back, quote=True)).encode()


async def _refuse(scope: Scope, send: Send, reason: str) -> None:
    """413 with the reason: JSON under ``/api/``, an HTML page elsewhere; then close."""
    if scope["path"].startswith("/api/"):
        body, kind = json.dumps({"detail": reason}).encode(), b"application/json"
    else:
        body, kind = refused_page(reason, scope["path"]), b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", kind), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": body})
