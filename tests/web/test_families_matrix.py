"""The authorization matrix: every route of the app, for every role, on parent A's
records (their ids in every path). Only parent A and the consultant A shares with (and
has opened) may see A's records; nobody but A may change them (the share is read-only).
0 cases of someone reaching A's data wrongly."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.families import (
    CONSULTANT_TWO,
    CONSULTANT_TWO_PASSWORD,
    consultant_id,
    make_family,
    open_family,
    own_journal,
    second_consultant,
    share,
)
from tests.web.helpers import form_tokens
from tests.web.signing import PARENT_PASSWORD, PASSWORDS, Practice
from tests.web.test_signin_routes import _every_route

from letdown.accounts.roles import Role
from letdown.journal.records import Session

practice = pytest.importorskip("tests.web.signing").practice  # a fixture

CANARIES = ("CanaryAsterA", "CanaryBrambleA", "CanaryNoteA")
REVOKED = "consultant3@example.org"
SKIPPED = {"/signout", "/families/close"}  # would end the role's own state mid-matrix


def _snapshot(practice: Practice, owner_id: int) -> tuple[Any, ...]:
    journal = own_journal(practice, owner_id)
    profile = journal.get_profile()
    return (profile.pseudonym if profile else None,
            [b.model_dump() for b in journal.list_babies()],
            [w.model_dump() for w in journal.list_weights()],
            [d.model_dump() for d in journal.list_diapers()],
            [s.model_dump() for s in journal.list_sessions()])


def _fill(path: str, ids: dict[str, int]) -> str:
    path = re.sub(r"\{[^}:]+:path\}", "a/b", path)
    path = path.replace("{kind}", "weights").replace("{name}", "x.jpg")
    return re.sub(r"\{([^}]+)\}", lambda m: str(ids.get(m.group(1), 1)), path)


def _sign_in(practice: Practice, email: str, password: str) -> TestClient:
    client = practice.client()
    assert practice.sign_in(client, email, password).status_code == 303
    return client


def _token(client: TestClient, page: str = "/") -> str:
    tokens = form_tokens(client.get(page).text)
    return next(iter(tokens.values()))


def _body(path: str, method: str, token: str) -> dict[str, Any]:
    if method in ("GET", "HEAD"):
        return {}
    fields = {"name": "Hacked", "birth_date": "2026-10-01", "grams": "3000",
              "date": dt.date.today().isoformat(), "wet": "1", "dirty": "1",
              "pseudonym": "Hacked", "notes": "Hacked"}
    if path.startswith("/api/"):
        return {"json": fields}
    return {"data": {"csrftoken": token, **fields}}


def test_nobody_reaches_parent_a_s_records_wrongly(practice: Practice) -> None:
    a = make_family(practice, None, "CanaryAsterA", "CanaryBrambleA")
    journal = own_journal(practice, a.owner_id)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    note = journal.add_session(Session(kind="breastfeed", sides="left", start=start,
                                       end=start + dt.timedelta(minutes=15),
                                       notes="CanaryNoteA"))
    weight = journal.list_weights()[0]
    b = make_family(practice, "b@example.org", "Willow", "Sorrel")
    sharing, without = consultant_id(practice), second_consultant(practice)
    revoked = practice.accounts.create_account(REVOKED, PASSWORDS["consultant@example.org"],
                                               Role.CONSULTANT).id
    share(practice, a, sharing)
    share(practice, a, revoked)
    share(practice, b, without)  # a consultant with a family of their own, just not A
    ids = {"session_id": note.id or 0, "baby_id": a.baby_id, "weight_id": weight.id or 0,
           "record_id": weight.id or 0, "count_id": 1, "owner_id": a.owner_id}

    roles: dict[str, TestClient] = {"anonymous": practice.client()}
    roles["parent B"] = _sign_in(practice, "b@example.org", PARENT_PASSWORD + "b@example.org")
    roles["admin"] = _sign_in(practice, "admin@example.org", PASSWORDS["admin@example.org"])
    roles["consultant without a share"] = _sign_in(practice, CONSULTANT_TWO,
                                                   CONSULTANT_TWO_PASSWORD)
    assert open_family(roles["consultant without a share"], a.owner_id) == 404
    roles["revoked consultant"] = _sign_in(practice, REVOKED,
                                           PASSWORDS["consultant@example.org"])
    assert open_family(roles["revoked consultant"], a.owner_id) == 303
    tokens = {role: _token(client, "/signin" if role == "anonymous" else "/")
              for role, client in roles.items()}
    practice.accounts.revoke_share(a.owner_id, revoked)
    roles["consultant with a share"] = _sign_in(practice, "consultant@example.org",
                                                PASSWORDS["consultant@example.org"])
    assert open_family(roles["consultant with a share"], a.owner_id) == 303
    tokens["consultant with a share"] = _token(roles["consultant with a share"])
    readers = {"consultant with a share"}

    routes = [(m, _fill(p, ids)) for m, p in _every_route(practice)
              if p not in SKIPPED and not p.startswith("/static")]
    assert len(routes) > 60
    wrong: list[tuple[str, str, str, int]] = []
    seen_by_reader = False
    for role, client in roles.items():
        before = _snapshot(practice, a.owner_id)
        for method, path in routes:
            answer = client.request(method, path, **_body(path, method, tokens[role]))
            assert answer.status_code < 500, (role, method, path, answer.text[:300])
            leaked = any(c in answer.text for c in CANARIES)
            if role in readers:
                seen_by_reader |= leaked
            elif leaked:
                wrong.append((role, method, path, answer.status_code))
        if _snapshot(practice, a.owner_id) != before:
            wrong.append((role, "*", "changed A's records", 0))
        client.close()
    assert wrong == []
    assert seen_by_reader  # the matrix can see a leak: the reader did see A's records
    with _sign_in(practice, "parent@example.org", PARENT_PASSWORD) as owner:
        assert "CanaryBrambleA" in owner.get("/babies").text
