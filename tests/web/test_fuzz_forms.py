"""No form submission makes a page fail (500) or show a traceback, and a refused one
changes nothing.

The forms are discovered: every page of a seeded journal is fetched and its
``<form>`` elements parsed (stdlib html.parser). For each form, generated
submissions send each field its default, one of its choices, a hostile value
(overflowing numbers, edge dates, unicode, empty, very long), or nothing, plus
repeated and unknown fields. Each submission first fetches the page again and
sends back its hidden anti-forgery token (if the form has one) unchanged.
A response other than 2xx or 303 must leave the journal's export, the media
folder and the advisor's saved answers exactly as they were.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.fuzzing import (
    PNG,
    TRACEBACK,
    Control,
    Form,
    ResettableClient,
    concrete_paths,
    forms_of,
    hostile_values,
    is_token,
    page_routes,
    post_paths,
    seeded_client,
    snapshot,
)

FILES = (("ada.png", PNG), ("ada.exe", b"MZ" * 40), ("ada.mp4", b"not a video"),
         ("", b""), ("..%2F..%2Fx.png", PNG), ("ada.png", b""))


def _pages(client: TestClient) -> list[str]:
    """Every page of the seeded journal, plus the pages only links lead to."""
    pages = [p for path, _ in page_routes() if not path.startswith("/api/")
             for p in concrete_paths(path)]
    seen, frontier = set(pages), list(pages)
    for _ in range(3):  # edit pages link to delete pages: follow links a few levels deep
        linked = {link for page in frontier
                  for link in re.findall(r'href="(/[^"?#]*)"', client.get(page).text)
                  if not link.startswith(("/static/", "/api/"))}
        frontier = sorted(linked - seen)
        seen |= linked
        pages += frontier
    return pages


#: A stored media file's name: random, so different in every seeded journal.
MEDIA_NAME = re.compile(r"/media/[a-z0-9]{16}\.[a-z0-9]+")


def _shape(form: Form) -> str:
    """A form's kind, ignoring which record it is for (one weight form stands for all)."""
    return MEDIA_NAME.sub("/media/NAME", re.sub(r"/\d+(?=/|$)", "/N", form.key()))


def _resolve(client: TestClient, page: str) -> str:
    """The page's address in this journal (the seeded photo's own name for ``NAME``)."""
    if "/media/NAME" not in page:
        return page
    found = MEDIA_NAME.search(client.get("/media").text)
    return page.replace("/media/NAME", found.group(0)) if found else page


def discover(data_dir: Path) -> list[tuple[str, str]]:
    """(page, form shape) for every distinct form on every page."""
    found: dict[str, str] = {}
    with seeded_client(data_dir) as client:
        for page in _pages(client):
            response = client.get(page)
            if response.status_code == 200:
                for form in forms_of(page, response.text):
                    found.setdefault(_shape(form), MEDIA_NAME.sub("/media/NAME", page))
    return sorted((page, shape) for shape, page in found.items())


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    return discover(tmp_path_factory.mktemp("fuzz-forms-discovery") / "data")


def _form_on(app: ResettableClient, page: str, shape: str) -> Form:
    """The form of that shape on a fresh copy of the page; when an earlier submission
    deleted its record, the seeded journal is restored first."""
    for client in (app.client, None):
        client = client or app.reset()
        address = _resolve(client, page)
        response = client.get(address)
        found = [f for f in forms_of(address, response.text) if _shape(f) == shape]
        if response.status_code == 200 and found:
            return found[0]
    raise AssertionError(f"{shape} is not on {page} even in the seeded journal")


def _value(control: Control, draw: st.DataObject) -> list[str]:
    """What one control sends: nothing, its default, a choice, hostile values, or several."""
    offered = [o for o in control.options if o] or ([control.value] if control.value else [])
    choice = draw.draw(st.sampled_from(["default", "default", "choice", "hostile", "omit",
                                        "repeat"]), label=control.name)
    if choice == "omit":
        return []
    if choice == "default":
        if control.kind in ("checkbox", "radio") and not control.checked:
            return []
        return [control.value or (control.options[0] if control.options else "")]
    if choice == "choice" and offered:
        return [draw.draw(st.sampled_from(offered), label=control.name)]
    values = st.lists(hostile_values(), min_size=1, max_size=3 if choice == "repeat" else 1)
    return draw.draw(values, label=control.name)


def _submission(form: Form, draw: st.DataObject) -> tuple[list[tuple[str, str]], Any]:
    """(fields, files) for one generated submission of ``form``."""
    pairs: list[tuple[str, str]] = []
    files = []
    for control in form.controls:
        if is_token(control):
            pairs.append((control.name, control.value))
        elif control.kind == "file":
            name, content = draw.draw(st.sampled_from(FILES), label=control.name)
            files.append((control.name, (name, content)))
        else:
            pairs += [(control.name, v) for v in _value(control, draw)]
    extra = draw.draw(st.lists(st.tuples(st.text(max_size=10), hostile_values()), max_size=2),
                      label="extra fields")
    return pairs + extra, files


def _send(client: TestClient, form: Form, pairs: list[tuple[str, str]], files: Any) -> Any:
    if form.method == "GET":
        return client.get(form.action, params=pairs)
    if "multipart" in form.enctype:
        data: dict[str, list[str]] = {}
        for key, value in pairs:
            data.setdefault(key, []).append(value)
        return client.post(form.action, data=data, files=files or None,
                           follow_redirects=False)
    return client.post(form.action, content=urlencode(pairs).encode(),
                       headers={"content-type": "application/x-www-form-urlencoded"},
                       follow_redirects=False)


def test_every_page_with_a_form_is_found(forms: list[tuple[str, str]]) -> None:
    """Every page route that accepts POST is the action of some discovered form, so no
    form escapes the fuzzing below."""
    actions = {shape.split(" ")[1] for _, shape in forms if shape.startswith("POST")}
    for path in post_paths():
        pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(path))
        assert any(re.fullmatch(pattern, a) for a in actions), f"no form posts to {path}"


def test_no_form_submission_fails_or_changes_data_when_refused(
    tmp_path: Path, forms: list[tuple[str, str]], subtests: Any
) -> None:
    for number, (page, shape) in enumerate(forms):
        with subtests.test(form=shape):
            app = ResettableClient(tmp_path / f"form-{number}")
            try:
                _fuzz_one(app, page, shape)
            finally:
                app.close()


def _fuzz_one(app: ResettableClient, page: str, shape: str) -> None:
    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    @given(draw=st.data())
    def run(draw: st.DataObject) -> None:
        form = _form_on(app, page, shape)
        client = app.client
        pairs, files = _submission(form, draw)
        before = snapshot(client)
        response = _send(client, form, pairs, files)
        where = f"{form.method} {form.action} {pairs!r:.300}"
        assert response.status_code < 500, f"{where}: {response.text[:300]}"
        assert TRACEBACK not in response.text, where
        if not (200 <= response.status_code < 300 or response.status_code == 303):
            assert snapshot(client) == before, f"{where}: refused ({response.status_code}) " \
                                               "but the data changed"

    run()


#: Per kind of control, the values likeliest to overflow what it feeds.
OVERFLOWING = {
    "date": ("0001-01-01", "9999-12-31"),
    "datetime-local": ("0001-01-01T00:00", "9999-12-31T23:59"),
    "number": ("99999999999999999999", "1e400"),
    "hidden": ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
               "99999999999999999999"),
    "text": ("0001-01-01T00:00:00+14:00", "99999999999999999999"),
    "select": ("99999999999999999999",),
    "textarea": ("9" * 5000,),
}


def test_each_field_survives_its_overflowing_values(
    tmp_path: Path, forms: list[tuple[str, str]], subtests: Any
) -> None:
    """Systematically, not by chance: each field of each form, alone, set to each value
    likeliest to overflow it (a guided session starting 0001-01-01T00:00+14:00 was a 500),
    the other fields left as the page filled them."""
    app = ResettableClient(tmp_path / "overflow")
    try:
        for page, shape in forms:
            form = _form_on(app, page, shape)
            if form.method != "POST" or "multipart" in form.enctype:
                continue  # GET forms: the query fuzz; the upload: test_limits
            filled = [(c.name, c.value or (c.options[0] if c.options else ""))
                      for c in form.controls if c.kind not in ("checkbox", "radio")
                      or c.checked]
            with subtests.test(form=shape):
                for control in form.controls:
                    for value in () if is_token(control) else OVERFLOWING.get(control.kind, ()):
                        form = _form_on(app, page, shape)
                        pairs = [(k, value if k == control.name else v) for k, v in filled]
                        before = snapshot(app.client)
                        response = _send(app.client, form, pairs, None)
                        where = f"{form.action} {control.name}={value[:40]!r}"
                        assert response.status_code < 500, f"{where}: {response.text[:300]}"
                        assert TRACEBACK not in response.text, where
                        if response.status_code not in (200, 303):
                            assert snapshot(app.client) == before, where
    finally:
        app.close()
