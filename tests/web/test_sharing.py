"""Server mode: a parent invites a consultant, sees the share, changes or ends it, and
reads who looked at their records; a consultant accepts with the code."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web import signing
from tests.web.helpers import form_tokens
from tests.web.signing import Practice

from letdown.accounts.access import journal_access
from letdown.accounts.roles import Actor, Role, Scope

practice = signing.practice  # a fixture
pg_practice = signing.pg_practice  # a fixture

PARENT = "parent@example.org"
CONSULTANT = "consultant@example.org"
ADMIN = "admin@example.org"
_CODE = re.compile(r'<strong id="invitation-code">([^<]+)</strong>')
_LINK = re.compile(r'<a id="invitation-link" href="([^"]+)"')
_PROBLEM = re.compile(r'id="accept-problem">([^<]*)</p>')


def _token(client: TestClient, page: str, action: str) -> str:
    return form_tokens(client.get(page).text)[action]


def invite(practice: Practice, client: TestClient, *, days: str = "7",
           can_write: bool = False) -> httpx.Response:
    data = {"csrftoken": _token(client, "/sharing", "/sharing/invite"), "days": days}
    if can_write:
        data["can_write"] = "yes"
    return client.post("/sharing/invite", data=data)


def code_of(page: str) -> str:
    found = _CODE.search(page)
    assert found, page
    return found.group(1)


def accept(client: TestClient, code: str) -> httpx.Response:
    token = _token(client, "/invitations/accept", "/invitations/accept")
    return client.post("/invitations/accept", data={"csrftoken": token, "code": code})


def shared(practice: Practice, *, can_write: bool = False) -> str:
    """Invite and accept; the code used."""
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        code = code_of(invite(practice, parent, can_write=can_write).text)
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        done = accept(consultant, code)
        assert done.status_code == 200 and 'id="accepted"' in done.text, done.text
        assert PARENT in done.text
    return code


def _share_id(practice: Practice) -> int:
    parent = practice.accounts.find_account(PARENT)
    assert parent is not None
    return practice.accounts.shares_of(parent.id)[0].id


def test_invite_accept_and_the_parent_sees_the_share(practice: Practice) -> None:
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        assert "Nobody: your journal is private." in parent.get("/sharing").text
        made = invite(practice, parent)
        assert made.status_code == 200
        code = code_of(made.text)
        link = _LINK.search(made.text)
        assert link and link.group(1).endswith("/invitations/accept?code=" + code)
        page = parent.get("/sharing").text
        assert code not in page  # shown once only
        assert 'id="invitations"' in page and "read only" in page
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        form = consultant.get("/invitations/accept", params={"code": code})
        assert form.status_code == 200 and f'value="{code}"' in form.text
        done = accept(consultant, code)
        assert 'id="accepted"' in done.text and "read only" in done.text
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        page = parent.get("/sharing").text
        assert CONSULTANT in page and "Stop sharing" in page
        assert "Codes not used yet" in page and 'id="invitations"' not in page


def test_the_invitation_link_leads_a_signed_out_consultant_through_sign_in(
        practice: Practice) -> None:
    with practice.client() as consultant:
        answer = consultant.get("/invitations/accept?code=ABCD-EFGH")
        assert answer.status_code == 303
        assert "next=/invitations/accept" in answer.headers["location"]


def test_revoking_ends_the_share_and_the_consultants_access(practice: Practice) -> None:
    shared(practice)
    parent_account = practice.accounts.find_account(PARENT)
    consultant_account = practice.accounts.find_account(CONSULTANT)
    assert parent_account and consultant_account
    actor = Actor(consultant_account.id, Role.CONSULTANT, Scope.WRITE)
    assert practice.accounts.can_read(actor, parent_account.id)
    share = _share_id(practice)
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        token = _token(parent, "/sharing", f"/sharing/{share}/revoke")
        gone = parent.post(f"/sharing/{share}/revoke", data={"csrftoken": token})
        assert gone.status_code == 303
        page = parent.get("/sharing").text
        assert "Nobody: your journal is private." in page
        assert f"You stopped sharing with {CONSULTANT}" in page
        again = parent.post(f"/sharing/{share}/revoke", data={"csrftoken": token})
        assert again.status_code == 404
    assert not practice.accounts.can_read(actor, parent_account.id)


def test_the_parent_allows_and_withdraws_changes(practice: Practice) -> None:
    shared(practice)
    share = _share_id(practice)
    consultant_account = practice.accounts.find_account(CONSULTANT)
    parent_account = practice.accounts.find_account(PARENT)
    assert consultant_account and parent_account
    actor = Actor(consultant_account.id, Role.CONSULTANT, Scope.WRITE)
    assert not practice.accounts.can_write(actor, parent_account.id)
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        token = _token(parent, "/sharing", f"/sharing/{share}/write")
        assert parent.post(f"/sharing/{share}/write",
                           data={"csrftoken": token, "allow": "yes"}).status_code == 303
        assert practice.accounts.can_write(actor, parent_account.id)
        assert "may add and change records" in parent.get("/sharing").text
        assert parent.post(f"/sharing/{share}/write",
                           data={"csrftoken": token, "allow": "no"}).status_code == 303
        assert not practice.accounts.can_write(actor, parent_account.id)
        assert practice.accounts.can_read(actor, parent_account.id)


def test_an_invitation_may_allow_changes_from_the_start(practice: Practice) -> None:
    shared(practice, can_write=True)
    parent_account = practice.accounts.find_account(PARENT)
    assert parent_account
    assert practice.accounts.shares_of(parent_account.id)[0].can_write


def test_the_audit_csv_lists_a_consultants_look(practice: Practice) -> None:
    shared(practice)
    parent_account = practice.accounts.find_account(PARENT)
    consultant_account = practice.accounts.find_account(CONSULTANT)
    assert parent_account and consultant_account
    actor = Actor(consultant_account.id, Role.CONSULTANT, Scope.WRITE)
    journal_access(practice.accounts, actor, parent_account.id, write=False,
                   what="session 12")
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        page = parent.get("/sharing").text
        assert f"{CONSULTANT} looked at session 12" in page
        answer = parent.get("/sharing/audit.csv")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/csv")
        assert answer.headers["content-disposition"].startswith("attachment")
        rows = list(csv.reader(io.StringIO(answer.text)))
        assert rows[0] == ["when_utc", "who", "action", "what"]
        assert [CONSULTANT, "read", "session 12"] in [row[1:] for row in rows[1:]]
        assert [CONSULTANT, "share.accepted", "read only"] in [row[1:] for row in rows[1:]]


def test_another_parent_cannot_touch_a_share(practice: Practice) -> None:
    shared(practice)
    share = _share_id(practice)
    practice.accounts.create_account("other@example.org", signing.PARENT_PASSWORD + "x",
                                     Role.PARENT)
    with practice.client() as other:
        practice.sign_in(other, "other@example.org", password=signing.PARENT_PASSWORD + "x")
        page = other.get("/sharing").text
        assert CONSULTANT not in page
        token = _token(other, "/sharing", "/sharing/invite")
        assert other.post(f"/sharing/{share}/revoke",
                          data={"csrftoken": token}).status_code == 404
        assert other.post(f"/sharing/{share}/write",
                          data={"csrftoken": token, "allow": "yes"}).status_code == 404
        rows = list(csv.reader(io.StringIO(other.get("/sharing/audit.csv").text)))
        assert rows == [["when_utc", "who", "action", "what"]]
    parent_account = practice.accounts.find_account(PARENT)
    assert parent_account
    live = practice.accounts.shares_of(parent_account.id)[0]
    assert live.active and not live.can_write


def test_a_withdrawn_code_no_longer_works(practice: Practice) -> None:
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        code = code_of(invite(practice, parent).text)
        page = parent.get("/sharing").text
        action = re.search(r'action="(/sharing/invitations/\d+/withdraw)"', page)
        assert action
        token = form_tokens(page)[action.group(1)]
        assert parent.post(action.group(1), data={"csrftoken": token}).status_code == 303
        assert 'id="invitations"' not in parent.get("/sharing").text
        missing = parent.post("/sharing/invitations/999/withdraw", data={"csrftoken": token})
        assert missing.status_code == 404
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        refused = accept(consultant, code)
        assert refused.status_code == 422 and "withdrawn" in refused.text


@pytest.mark.postgres
def test_invite_accept_audit_and_revoke_on_postgresql(pg_practice: Practice) -> None:
    shared(pg_practice)
    share = _share_id(pg_practice)
    with pg_practice.client() as parent:
        pg_practice.sign_in(parent, PARENT)
        assert CONSULTANT in parent.get("/sharing").text
        rows = list(csv.reader(io.StringIO(parent.get("/sharing/audit.csv").text)))
        assert [CONSULTANT, "share.accepted", "read only"] in [row[1:] for row in rows[1:]]
        token = _token(parent, "/sharing", f"/sharing/{share}/revoke")
        assert parent.post(f"/sharing/{share}/revoke",
                           data={"csrftoken": token}).status_code == 303
        assert "Nobody: your journal is private." in parent.get("/sharing").text


def test_a_parent_finds_sharing_from_every_page(practice: Practice) -> None:
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        assert 'href="/sharing"' in parent.get("/").text
        assert 'href="/sharing"' in parent.get("/history").text
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        assert 'href="/sharing"' not in consultant.get("/").text
