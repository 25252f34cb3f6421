"""Saving the advisor page as it was shown keeps every answer, even one no box can show.

A checklist's fields are not asked again in "Tell us more", so an answer given elsewhere
(the API, the CLI) that none of its boxes stands for, "mood: fine" or "jaundice: none"
beside an unanswered box, used to vanish when the parent pressed the button again.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.helpers import FormClient, make_settings

from letdown.advisor import Answers
from letdown.advisor.short_path import QUESTIONS, get
from letdown.web.advice import load_answers, save_answers
from letdown.web.app import create_app


class _Form(HTMLParser):
    """The fields a browser would send for one form, as it was rendered."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []  # type: ignore[var-annotated]
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea and self.fields and self.fields[-1][0] == self._textarea:
            self.fields[-1] = (self._textarea, self.fields[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _press_the_button_again(client: TestClient) -> None:
    parser = _Form("advisor-form")
    parser.feed(client.get("/advisor").text)
    sent: dict[str, list[str]] = {}
    for name, value in parser.fields:
        sent.setdefault(name, []).append(value)
    response = client.post("/advisor", data=sent)
    assert response.status_code == 200, response.text[:500]


def _checklist_fields() -> list[str]:
    return list(dict.fromkeys(t.field for q in QUESTIONS for t in q.ticks))


def _annotation(dotted: str) -> Any:
    model: Any = Answers
    annotation: Any = None
    for part in dotted.split("."):
        annotation = model.model_fields[part].annotation
        model = next((a for a in typing.get_args(annotation) if hasattr(a, "model_fields")),
                     annotation)
    return annotation


def _values(annotation: Any) -> st.SearchStrategy[Any]:
    """Every value the answers' model accepts for a checklist field (None: unanswered)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _values(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return st.one_of(st.none(), *(_values(a) for a in args))
    if origin is list:
        return st.lists(_values(args[0]), unique=True, max_size=4)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if annotation is bool:
        return st.booleans()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from([m.value for m in annotation])
    raise AssertionError(f"no strategy for {annotation!r}")


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"feeding_mode": "breastfeeding"}
    for dotted, value in flat.items():
        if value is None:
            continue
        *parents, last = dotted.split(".")
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return out


def test_a_fine_mood_and_no_jaundice_survive_a_second_save(client: TestClient,
                                                             settings: Any) -> None:
    save_answers(settings.data_dir, Answers.model_validate(_nested({
        "parent.mood": "ok", "infant.jaundice": "none"})))
    _press_the_button_again(client)
    saved = load_answers(settings.data_dir)
    assert saved is not None
    assert saved.parent.mood == "ok"
    assert saved.infant.jaundice == "none"


FIELDS = _checklist_fields()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.fixed_dictionaries({f: _values(_annotation(f)) for f in FIELDS}))
def test_every_checklist_answer_survives_a_save_of_the_page_as_shown(
    tmp_path_factory: Any, data: dict[str, Any]
) -> None:
    app_settings = make_settings(Path(tmp_path_factory.mktemp("resave")) / "data")
    try:
        answers = Answers.model_validate(_nested(data))
    except ValueError:
        return  # a combination the model itself refuses is not a saved answer
    save_answers(app_settings.data_dir, answers)
    before = answers.model_dump(mode="json")
    with FormClient(create_app(app_settings, allowed_hosts=["testserver"])) as client:
        _press_the_button_again(client)
    after = load_answers(app_settings.data_dir)
    assert after is not None
    dumped = after.model_dump(mode="json")
    for field in FIELDS:
        was, now = get(before, field), get(dumped, field)
        if isinstance(was, list):
            assert sorted(now or []) == sorted(was), field
        else:
            assert now == was, field
