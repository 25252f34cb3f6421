"""Shared by the form and query-string fuzz tests: a seeded app, hostile values, HTML forms.

Routes and forms are discovered, never listed: routes from ``app.routes``, forms by
GETting each page and parsing its ``<form>`` elements with the stdlib's html.parser,
so a page or field added later is fuzzed without touching these tests.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import strategies as st
from starlette.routing import BaseRoute
from tests.web.helpers import FormClient, make_settings

from letdown.web.app import create_app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TRACEBACK = "Traceback (most recent call last)"

#: Values that broke or could break a parser: overflowing numbers, edge dates, odd text.
EDGE_VALUES = (
    "99999999999999999999", "-99999999999999999999", "9" * 400, "-1", "0", "1", "2", "1.5",
    "-0.5", "1e400", "nan", "inf", "-inf", "0x10", "1_000", "١٢", "0001-01-01", "9999-12-31",
    "0000-00-00", "2024-02-30", "10000-01-01", "0001-01-01T00:00", "9999-12-31T23:59",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2024-01-01T25:61",
    "1:99:99", "99999999:00", "", " ", "true", "false", "on", "yes", "no", "null", "None",
    "pump", "breastfeed", "both", "left", "right", "result", "\x00", "é", "😀", "%", "%00",
    "../..", "<script>", "a" * 5000, "1,2,3", ";;;", "-", ".",
)

#: The likeliest to overflow a database column or a date: drawn more often.
OVERFLOWS = ("99999999999999999999", "-99999999999999999999", "9223372036854775808",
             "2147483648", "0001-01-01", "9999-12-31", "0001-01-01T00:00:00+14:00",
             "9999-12-31T23:59:59-14:00")


def hostile_values() -> st.SearchStrategy[str]:
    """Text a person, a script or an attacker might put in any field or query parameter."""
    return st.one_of(
        st.sampled_from(EDGE_VALUES),
        st.sampled_from(OVERFLOWS),
        st.integers(min_value=-(10**25), max_value=10**25).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.dates().map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
        st.text(max_size=40),
    )


# ----------------------------------------------------------------- the seeded app


def seed(client: TestClient) -> None:
    """Two babies, a session for each, a weight, a diaper count, a profile and a photo:
    every detail, edit and delete page then exists (ids 1 and 2); and a third baby
    with no records, which can be deleted."""
    for name in ("Ada", "Bo", "Cy"):
        assert client.post("/api/v1/babies", json={"name": name, "birth_date": "2024-01-01",
                                                   "birth_weight_g": 3300}).status_code == 201
    for baby in (1, 2):
        assert client.post("/api/v1/sessions", json={
            "kind": "pump", "sides": "both", "start": "2024-03-01T08:00:00Z",
            "end": "2024-03-01T08:20:00Z", "baby_id": baby, "volume_left_ml": 40,
            "letdowns": [{"side": "left", "at_s": 95}],
        }).status_code == 201
        assert client.post("/api/v1/weights", json={
            "baby_id": baby, "date": "2024-02-01", "grams": 4000}).status_code == 201
        assert client.post("/api/v1/diapers", json={
            "baby_id": baby, "date": "2024-02-01", "wet": 6, "dirty": 3}).status_code == 201
    assert client.put("/api/v1/profile", json={"pseudonym": "M"}).status_code == 200
    stored = client.post("/media", files={"file": ("ada.png", PNG)}, follow_redirects=False)
    assert stored.status_code == 303


@contextlib.contextmanager
def seeded_client(data_dir: Path) -> Iterator[TestClient]:
    """A test client on a fresh journal in ``data_dir``, seeded by ``seed``."""
    app = create_app(make_settings(data_dir), allowed_hosts=["testserver"])
    with FormClient(app, raise_server_exceptions=False) as client:
        seed(client)
        yield client


class ResettableClient:
    """A seeded client that can go back to the seeded state (a copy of its data dir),
    for when a submission deleted what the next one needs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pristine = root / "pristine"
        self._stack = contextlib.ExitStack()
        self.client = self._stack.enter_context(seeded_client(root / "run-0" / "data"))
        self._stack.close()  # closes the journal, so the copy is consistent
        shutil.copytree(root / "run-0", self.pristine)
        self.runs = 0
        self.reset()

    def reset(self) -> TestClient:
        self._stack.close()
        self.runs += 1
        copy = self.root / f"run-{self.runs}"
        shutil.copytree(self.pristine, copy)
        app = create_app(make_settings(copy / "data"), allowed_hosts=["testserver"])
        self.client = self._stack.enter_context(FormClient(app, raise_server_exceptions=False))
        return self.client

    def close(self) -> None:
        self._stack.close()


def snapshot(client: TestClient) -> str:
    """Everything a form could change: the journal's export, the media folder, the
    advisor's saved answers."""
    settings = client.app.state.settings  # type: ignore[attr-defined]
    data = client.app.state.services.journal.export_all()  # type: ignore[attr-defined]
    media = sorted((p.name, p.stat().st_size) for p in settings.media_dir.iterdir()) \
        if settings.media_dir.is_dir() else []
    answers = sorted((p.name, p.read_bytes()) for p in settings.data_dir.glob("*answers*"))
    return json.dumps([data.model_dump(mode="json"), media, repr(answers)], sort_keys=True)


def walk_routes(routes: Iterable[BaseRoute], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """(full path, route) for every route, descending into included routers (which
    newer FastAPI keeps nested rather than copying into the app's list)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            context = getattr(route, "include_context", None)
            yield from walk_routes(inner.routes, prefix + getattr(context, "prefix", ""))


def page_routes() -> list[tuple[str, APIRoute]]:
    """Every GET route of the app (pages and API), from its routing table."""
    app = create_app(make_settings(Path("/nonexistent/letdown-fuzz")),
                     allowed_hosts=["testserver"])
    found = {path: route for path, route in walk_routes(app.routes) if "GET" in route.methods}
    return sorted(found.items())


def post_paths() -> list[str]:
    """Every page (not API) path that accepts POST: each should be reached by a form."""
    app = create_app(make_settings(Path("/nonexistent/letdown-fuzz")),
                     allowed_hosts=["testserver"])
    return sorted({path for path, route in walk_routes(app.routes)
                   if "POST" in route.methods and not path.startswith("/api/")})


def concrete_paths(path: str) -> list[str]:
    """The seeded pages a route path serves (its path parameters filled with ids 1 and 2)."""
    if "{" not in path:
        return [path]
    if "{name}" in path:
        return []  # media names are random; the seeded photo's pages are found by links
    filled = path.replace("{kind}", "weights")
    paths = {filled.replace("{baby_id}", "1").replace("{record_id}", "1")
             .replace("{session_id}", "1").replace("{weight_id}", "1")
             .replace("{count_id}", "1")}
    paths.add(filled.replace("{kind}", "diapers").replace("{baby_id}", "2")
              .replace("{record_id}", "2").replace("{session_id}", "2")
              .replace("{weight_id}", "2").replace("{count_id}", "2"))
    return sorted(p for p in paths if "{" not in p)


# ------------------------------------------------------------------ HTML forms


@dataclass
class Control:
    """One named input, select or textarea: its type, default value and choices."""

    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    """One ``<form>``: where and how it is sent, and its controls in page order."""

    action: str
    method: str
    enctype: str
    controls: list[Control] = field(default_factory=list)

    def key(self) -> str:
        names = ",".join(sorted({c.name for c in self.controls}))
        return f"{self.method} {self.action} [{names}]"


class FormParser(HTMLParser):
    """Collects the forms of a page (enough HTML for our own templates)."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._textarea: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
        elif tag == "form":
            self._form = Form(a.get("action") or self.page_url.split("?")[0],
                              (a.get("method") or "get").upper(),
                              a.get("enctype") or "application/x-www-form-urlencoded")
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "button", "reset"):
            self._form.controls.append(Control(a["name"], a.get("type", "text"),
                                               a.get("value", ""), checked="checked" in a))
        elif tag in ("button",) and a.get("value"):
            self._form.controls.append(Control(a["name"], "button", a["value"]))
        elif tag == "select":
            self._select = Control(a["name"], "select")
            self._form.controls.append(self._select)
        elif tag == "textarea":
            self._textarea = Control(a["name"], "textarea")
            self._form.controls.append(self._textarea)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(page_url: str, html: str) -> list[Form]:
    """The forms on a page."""
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


def is_token(control: Control) -> bool:
    """A hidden anti-forgery token: sent back exactly as the page gave it."""
    return control.kind == "hidden" and any(w in control.name.lower()
                                            for w in ("csrf", "token", "xsrf"))
