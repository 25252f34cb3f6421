"""In server mode each signed-in parent reaches their own journal, and only theirs.

Through pages, the API (session or token) and Home's cached summaries: two parents on one
server never see each other's records, and nothing lands in the laptop (single-user)
journal that the same database also holds.
"""

from __future__ import annotations

import pytest
from tests.web.helpers import form_tokens
from tests.web.signing import PARENT_PASSWORD, Practice

from letdown.accounts.roles import Role, Scope
from letdown.journal.service import Journal
from letdown.journal.store import create_journal_engine

practice = pytest.importorskip("tests.web.signing").practice  # a fixture

SECOND = "parent2@example.org"


def _add_second_parent(practice: Practice) -> int:
    return practice.accounts.create_account(SECOND, PARENT_PASSWORD + "-2", Role.PARENT).id


def _bearer(practice: Practice, account_id: int, scope: Scope = Scope.WRITE) -> dict[str, str]:
    token = practice.accounts.issue_token(account_id, scope, 30).secret
    return {"Authorization": f"Bearer {token}"}


def test_two_parents_each_see_only_their_own_records(practice: Practice) -> None:
    second = _add_second_parent(practice)
    first = practice.accounts.find_account("parent@example.org")
    assert first is not None
    with practice.client() as a, practice.client() as b:
        a.headers.update(_bearer(practice, first.id))
        b.headers.update(_bearer(practice, second))
        made = a.post("/api/v1/babies", json={"name": "Zephyrine", "birth_date": "2026-10-01"})
        assert made.status_code == 201, made.text
        ada = made.json()["id"]
        assert [x["name"] for x in a.get("/api/v1/babies").json()] == ["Zephyrine"]
        assert b.get("/api/v1/babies").json() == []
        assert b.get(f"/api/v1/babies/{ada}").status_code == 404  # not "forbidden": unknown
        assert b.delete(f"/api/v1/babies/{ada}").status_code == 404
        assert b.post("/api/v1/babies", json={"name": "Quillon", "birth_date": "2026-10-02"}
                      ).status_code == 201
        assert [x["name"] for x in a.get("/api/v1/babies").json()] == ["Zephyrine"]
    laptop = Journal(create_journal_engine(practice.settings.database_url_object()))
    assert laptop.list_babies() == []  # the single-user journal in the same database


def test_a_signed_in_parent_pages_show_their_own_journal(practice: Practice) -> None:
    second = _add_second_parent(practice)
    with practice.client() as b:
        b.headers.update(_bearer(practice, second))
        assert b.post("/api/v1/babies", json={"name": "Quillon", "birth_date": "2026-10-02"}
                      ).status_code == 201
    with practice.client() as a:
        practice.sign_in(a)
        assert "Quillon" not in a.get("/babies").text
        tokens = form_tokens(a.get("/babies").text)
        form = next(key for key in tokens if key.startswith("/babies"))
        saved = a.post(form, data={"csrftoken": tokens[form], "name": "Zephyrine",
                                   "birth_date": "2026-10-01"})
        assert saved.status_code in (200, 303)
        page = a.get("/babies").text
        assert "Zephyrine" in page and "Quillon" not in page
        assert a.get("/").status_code == 200  # Home's cached views are per parent


def test_a_read_token_cannot_write_the_journal(practice: Practice) -> None:
    first = practice.accounts.find_account("parent@example.org")
    assert first is not None
    with practice.client() as a:
        a.headers.update(_bearer(practice, first.id, Scope.READ))
        assert a.get("/api/v1/babies").status_code == 200
        assert a.post("/api/v1/babies", json={"name": "Zephyrine", "birth_date": "2026-10-01"}
                      ).status_code == 403
