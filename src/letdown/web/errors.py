"""Error responses: JSON with the reason under ``/api``, a readable page elsewhere.

Also fixes the ``Allow`` header on 405. Starlette answers 405 from the first
route whose path matches, so with ``GET`` and ``POST`` on one path declared as
two routes it would only list one of them; here every route on the path is asked.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from letdown.journal.errors import ReadOnly
from letdown.journal.faults import JournalFault
from letdown.web.templating import render

#: Methods probed when building an ``Allow`` header.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route fully accepts for this request's path (HEAD with GET).

    Each method is tried against the routing table, which works however deeply
    routers are nested.
    """
    methods: set[str] = set()
    for method in METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in app.router.routes):
            methods.add(method)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def wants_json(request: Request) -> bool:
    """API paths answer in JSON; pages answer in HTML."""
    return request.url.path.startswith("/api/")


def describe_validation(errors: list[Any]) -> list[str]:
    """FastAPI's error list as ``field: problem`` lines a person can act on."""
    lines = []
    for item in errors:
        loc = [str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path", "form")]
        message = str(item.get("msg", "invalid")).removeprefix("Value error, ")
        lines.append(f"{'.'.join(loc)}: {message}" if loc else message)
    return lines


def not_a_number_in_path(errors: list[Any]) -> str | None:
    """For a page address with a part that should be a number and is not (``/sessions/abc``),
    the reason to show on the "not found" page; None when the address itself is fine."""
    for item in errors:
        loc = item.get("loc", ())
        if loc and loc[0] == "path":
            value = str(item.get("input", ""))[:40]
            return f"There is no page at this address: “{value}” is not a number."
    return None


def unreadable_body(exc: StarletteHTTPException) -> str | None:
    """For FastAPI's bare "error parsing the body" (400), what was wrong with the body,
    from the error behind it; None when there is nothing more precise to say."""
    cause = exc.__cause__
    if exc.status_code != 400 or cause is None:
        return None
    if isinstance(cause, RecursionError):
        return ("body: the JSON is nested too deeply; allowed: records as the API "
                "describes them (a few levels of objects and lists)")
    if isinstance(cause, UnicodeDecodeError):
        return "body: not UTF-8 text; send JSON encoded as UTF-8"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return ("body: a number has too many digits; allowed: numbers in the ranges "
                "the API describes")
    return f"body: could not be read as JSON ({type(cause).__name__}); send one JSON object"


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(app, request))
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        detail = unreadable_body(exc) or detail
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)
        response = render(
            request, "error.html", {"status": exc.status_code, "detail": detail},
            status_code=exc.status_code,
        )
        response.headers.update(headers)
        return response

    @app.exception_handler(JournalFault)
    async def journal_fault(request: Request, exc: JournalFault) -> Response:
        # The storage said no (busy, full disk, damaged, read-only, made by a newer
        # letdown): nothing was written. 503, because trying again later or after fixing
        # the storage can work; the form's page is one Back away, with what was typed.
        detail = f"{exc}. Go back to keep what you typed, and try again later."
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return render(request, "error.html", {"status": 503, "detail": detail}, status_code=503)

    @app.exception_handler(ReadOnly)
    async def read_only(request: Request, exc: ReadOnly) -> Response:
        # Someone allowed to read a parent's journal (a consultant without a write grant)
        # tried to change it: refused, nothing written.
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=403)
        return render(request, "error.html", {"status": 403, "detail": str(exc)},
                      status_code=403)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        lines = describe_validation(list(exc.errors()))
        if wants_json(request):
            return JSONResponse(
                {"detail": "; ".join(lines), "errors": lines}, status_code=422
            )
        bad_path = not_a_number_in_path(list(exc.errors()))
        if bad_path is not None:  # /sessions/abc: a page that is not there, like /sessions/999
            return render(request, "error.html", {"status": 404, "detail": bad_path},
                          status_code=404)
        return render(
            request, "error.html", {"status": 422, "detail": "; ".join(lines)}, status_code=422
        )


class HeadAsGet:
    """ASGI middleware: answer ``HEAD`` like ``GET`` without the body.

    FastAPI routes list their methods exactly, so without this a HEAD request
    would get 405 even though the ``Allow`` header (rightly) offers HEAD with GET.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
