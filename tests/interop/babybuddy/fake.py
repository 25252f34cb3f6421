"""A local fake of Baby Buddy's REST API serving the REAL response bodies in ``data/``.

It behaves as the real server did when the bodies were saved (see data/SOURCE.txt):
``Authorization: Token <key>`` on every request (401 ``{"detail": "Invalid token."}``
otherwise), LimitOffsetPagination with ``limit``/``offset`` and ``next`` links on the
host asked for, compact JSON. With the default page size (100) the saved bodies are
served byte for byte; smaller pages are cut from the same records, and the first one
matches the saved ``feedings_limit10.json`` byte for byte (a test checks it).
Faults can be injected per list: a status for one page, a body cut short.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

DATA = Path(__file__).parent / "data"
TOKEN = "9f1c0de5a7b24a6e8d3c1b2a0f9e8d7c6b5a4f3e"  # made up for the tests
#: Where the bodies were saved from: their links name this host.
SAVED_HOST = "http://127.0.0.1:8123"
LISTS = {"children": "children.json", "feedings": "feedings.json", "pumping": "pumping.json",
         "weight": "weight.json", "changes": "changes.json"}


def compact(value: Any) -> bytes:
    """JSON as Django REST framework renders it (compact, non-ASCII kept)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass
class FakeBabyBuddy:
    server: HTTPServer
    token: str = TOKEN
    page_size: int = 100
    #: list name -> records served (default: the saved ones)
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: (list name, page number from 1) -> (status, body, content type) served instead
    faults: dict[tuple[str, int], tuple[int, bytes, str]] = field(default_factory=dict)
    #: host written in next links (default: the fake's own)
    link_host: str | None = None
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name, file in LISTS.items():
            self.records.setdefault(name, json.loads((DATA / file).read_bytes())["results"])
        self.server.expect_request("/api/").respond_with_handler(self._root)
        for name in LISTS:
            self.server.expect_request(f"/api/{name}/").respond_with_handler(
                lambda request, name=name: self._list(request, name))

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def _refused(self, request: Request) -> Response | None:
        self.requests.append((request.full_path, request.headers.get("Authorization")))
        given = request.headers.get("Authorization")
        if given is None:
            detail = "Authentication credentials were not provided."
        elif given != f"Token {self.token}":
            detail = "Invalid token."
        else:
            return None
        return Response(compact({"detail": detail}), status=401,
                        content_type="application/json",
                        headers={"WWW-Authenticate": "Token"})

    def _root(self, request: Request) -> Response:
        refused = self._refused(request)
        if refused is not None:
            return refused
        body = (DATA / "api_root.json").read_bytes().replace(SAVED_HOST.encode(),
                                                            self.url.encode())
        return Response(body, content_type="application/json")

    def _list(self, request: Request, name: str) -> Response:
        refused = self._refused(request)
        if refused is not None:
            return refused
        limit = int(request.args.get("limit", self.page_size))
        offset = int(request.args.get("offset", 0))
        page = offset // limit + 1
        if (name, page) in self.faults:
            status, body, kind = self.faults[(name, page)]
            return Response(body, status=status, content_type=kind)
        records = self.records[name]
        if "limit" not in request.args and self.page_size == 100 and records == json.loads(
                (DATA / LISTS[name]).read_bytes())["results"]:
            return Response((DATA / LISTS[name]).read_bytes(),
                            content_type="application/json")
        host = self.link_host or self.url
        following = (f"{host}/api/{name}/?limit={limit}&offset={offset + limit}"
                     if offset + limit < len(records) else None)
        previous = None
        if offset > 0:
            previous = f"{host}/api/{name}/?limit={limit}" + (
                f"&offset={offset - limit}" if offset - limit > 0 else "")
        body = {"count": len(records), "next": following, "previous": previous,
                "results": records[offset:offset + limit]}
        return Response(compact(body), content_type="application/json")
