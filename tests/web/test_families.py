"""The consultant's view in server mode: their families (most serious first), one family's
journal read-only, refused as soon as the parent revokes, every look in the audit log."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
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
from tests.web.signing import PASSWORDS, Practice

practice = pytest.importorskip("tests.web.signing").practice  # a fixture
pg_practice = pytest.importorskip("tests.web.signing").pg_practice  # a fixture


def _names(page: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", page)


def _parent_id(practice: Practice) -> int:
    found = practice.accounts.find_account("parent@example.org")
    assert found is not None
    return found.id


def _consultant(practice: Practice, email: str = "consultant@example.org") -> TestClient:
    client = practice.client()
    password = CONSULTANT_TWO_PASSWORD if email == CONSULTANT_TWO else PASSWORDS[email]
    assert practice.sign_in(client, email, password).status_code == 303
    return client


def test_the_list_shows_only_families_who_shared_most_serious_first(
        practice: Practice) -> None:
    me = consultant_id(practice)
    other = second_consultant(practice)
    calm = make_family(practice, None, "Aster", "Bramble")
    worrying = make_family(practice, "b@example.org", "Willow", "Sorrel", worrying=True)
    elsewhere = make_family(practice, "c@example.org", "Juniper", "Tansy")
    share(practice, calm, me)
    share(practice, worrying, me)
    share(practice, elsewhere, other)
    with _consultant(practice) as client:
        assert 'href="/families"' in client.get("/").text  # the landing page links to it
        page = client.get("/families")
        assert page.status_code == 200
        assert _names(page.text) == ["Willow", "Aster"]  # the red flag first; not Juniper
        assert "Juniper" not in page.text and "Tansy" not in page.text
        assert "14.7% below birth weight" in page.text  # Willow's red flag, on the list


def test_opening_a_family_shows_their_journal_and_no_other(practice: Practice) -> None:
    me = consultant_id(practice)
    mine = make_family(practice, None, "Aster", "Bramble")
    theirs = make_family(practice, "b@example.org", "Willow", "Sorrel")
    share(practice, mine, me)
    with _consultant(practice) as client:
        assert client.get("/history").status_code == 403  # nothing opened yet
        assert open_family(client, mine.owner_id) == 303
        home = client.get("/")
        assert home.status_code == 200
        assert "Viewing <strong>Aster</strong>'s journal (read-only)" in home.text
        assert 'href="/families">Back to my families' in home.text
        babies = client.get("/babies").text
        assert "Bramble" in babies and "Sorrel" not in babies
        assert client.get("/history").status_code == 200
        assert client.get("/insights").status_code == 200
        # the other family: the list does not offer it, a forged open is refused
        assert open_family(client, theirs.owner_id) == 404
        assert "Sorrel" not in client.get("/babies").text
        # closing goes back to the landing page
        token = form_tokens(client.get("/").text)["/families/close"]
        assert client.post("/families/close", data={"csrftoken": token}).status_code == 303
        assert "Viewing" not in client.get("/").text
        assert client.get("/babies").status_code == 403


def test_a_read_only_consultant_cannot_write(practice: Practice) -> None:
    me = consultant_id(practice)
    family = make_family(practice, None, "Aster", "Bramble")
    share(practice, family, me)
    with _consultant(practice) as client:
        open_family(client, family.owner_id)
        tokens = form_tokens(client.get("/babies").text)
        form = next(key for key in tokens if key == "/babies")
        refused = client.post(form, data={"csrftoken": tokens[form], "name": "Intruder",
                                          "birth_date": "2026-10-01"})
        assert refused.status_code == 403
        edit = f"/babies/{family.baby_id}/delete"
        assert client.post(edit, data={"csrftoken": tokens[form]}).status_code == 403
    names = [b.name for b in own_journal(practice, family.owner_id).list_babies()]
    assert names == ["Bramble"]


def test_revoking_stops_the_next_request_and_forgets_the_choice(practice: Practice) -> None:
    me = consultant_id(practice)
    family = make_family(practice, None, "Aster", "Bramble")
    share(practice, family, me)
    with _consultant(practice) as client:
        open_family(client, family.owner_id)
        assert "Bramble" in client.get("/babies").text
        practice.accounts.revoke_share(family.owner_id, me)
        refused = client.get("/babies")
        assert refused.status_code == 403
        assert "Bramble" not in refused.text and "no longer shares" in refused.text
        assert "letdown_family=" in refused.headers.get("set-cookie", "")
        assert _names(client.get("/families").text) == []
        assert "Bramble" not in client.get("/").text


def test_another_consultant_cannot_open_a_family_that_did_not_share(
        practice: Practice) -> None:
    family = make_family(practice, None, "Aster", "Bramble")
    share(practice, family, consultant_id(practice))
    second_consultant(practice)
    with _consultant(practice) as mine:
        open_family(mine, family.owner_id)
        stolen = mine.cookies.get("letdown_family")
    assert stolen
    with _consultant(practice, CONSULTANT_TWO) as other:
        assert _names(other.get("/families").text) == []
        assert open_family(other, family.owner_id) == 404
        other.cookies.set("letdown_family", stolen)  # another session's choice, copied
        page = other.get("/")
        assert "Bramble" not in page.text and "Aster" not in page.text
        assert other.get("/babies").status_code == 403


def test_each_look_is_in_the_parent_s_audit_log(practice: Practice) -> None:
    me = consultant_id(practice)
    family = make_family(practice, None, "Aster", "Bramble")
    share(practice, family, me)
    with _consultant(practice) as client:
        client.get("/families")
        open_family(client, family.owner_id)
        client.get("/history")
    from letdown.accounts.roles import Actor, Role, Scope

    owner = Actor(family.owner_id, Role.PARENT, Scope.WRITE)
    entries = practice.accounts.audit_for(owner, family.owner_id)
    looked = [e for e in entries if e.actor_id == me]
    whats = {e.what for e in looked}
    assert {"/families", "/history"} <= whats, whats


def test_a_parent_and_an_admin_have_no_family_list(practice: Practice) -> None:
    with practice.client() as parent:
        practice.sign_in(parent)
        assert parent.get("/families").status_code == 403
    with practice.client() as admin:
        practice.sign_in(admin, "admin@example.org")
        assert admin.get("/families").status_code == 403


@pytest.mark.postgres
def test_open_view_and_revoke_on_postgresql(pg_practice: Practice) -> None:
    me = consultant_id(pg_practice)
    family = make_family(pg_practice, None, "Aster", "Bramble")
    other = make_family(pg_practice, "b@example.org", "Willow", "Sorrel")
    share(pg_practice, family, me)
    with _consultant(pg_practice) as client:
        assert _names(client.get("/families").text) == ["Aster"]
        assert open_family(client, other.owner_id) == 404
        assert open_family(client, family.owner_id) == 303
        assert "Bramble" in client.get("/babies").text
        pg_practice.accounts.revoke_share(family.owner_id, me)
        assert client.get("/babies").status_code == 403


@given(owner=st.one_of(st.integers(-2**70, 2**70).map(str),
                       st.text(st.characters(min_codepoint=33, max_codepoint=126,
                                             exclude_characters="/?#%"), min_size=1,
                               max_size=30)),
       cookie=st.text(st.characters(min_codepoint=33, max_codepoint=126,
                                    exclude_characters=";,\\\""), max_size=120))
@examples(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_generated_family_ids_and_cookies_never_reach_a_family_that_did_not_share(
        practice: Practice, owner: str, cookie: str) -> None:
    """A consultant with no share forges the open form's id and the choice cookie."""
    if not own_journal(practice, _parent_id(practice)).list_babies():
        make_family(practice, None, "Aster", "Bramble")  # never shared with anyone
    with _consultant(practice) as client:
        token = form_tokens(client.get("/").text)["/signout"]
        answer = client.post(f"/families/{owner}/open", data={"csrftoken": token})
        assert answer.status_code in (403, 404, 405, 422), (owner, answer.status_code)
        client.cookies.set("letdown_family", cookie)
        for path in ("/", "/babies", "/history"):
            page = client.get(path)
            assert page.status_code in (200, 403) and "Bramble" not in page.text


def test_a_consultant_the_parent_allowed_to_change_records_can(practice: Practice) -> None:
    me = consultant_id(practice)
    family = make_family(practice, None, "Aster", "Bramble")
    share(practice, family, me, can_write=True)
    with _consultant(practice) as client:
        open_family(client, family.owner_id)
        page = client.get("/babies").text
        assert "Viewing <strong>Aster</strong>'s journal (you may change records)" in page
        token = form_tokens(page)["/babies"]
        saved = client.post("/babies", data={"csrftoken": token, "name": "Clover",
                                             "birth_date": "2026-10-01"})
        assert saved.status_code in (200, 303)
    names = sorted(b.name for b in own_journal(practice, family.owner_id).list_babies())
    assert names == ["Bramble", "Clover"]
