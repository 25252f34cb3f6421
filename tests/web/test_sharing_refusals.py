"""Server mode's sharing pages refuse the wrong role, bad codes, forged forms and
generated junk with a clear message, never a 500; single-user mode has none of them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from tests.web import signing
from tests.web.signing import Practice
from tests.web.test_sharing import (
    _PROBLEM,
    ADMIN,
    CONSULTANT,
    PARENT,
    _token,
    accept,
    code_of,
    invite,
    shared,
)

practice = signing.practice  # a fixture

SAME_WORDS = "unknown, already used, withdrawn or expired"


def _problem(page: str) -> str:
    found = _PROBLEM.search(page)
    assert found, page
    return found.group(1)


def _new_code(practice: Practice, **options: object) -> str:
    parent = practice.accounts.find_account(PARENT)
    assert parent
    return practice.accounts.invite(parent.id, **options).code  # type: ignore[arg-type]


@pytest.mark.parametrize("email", [CONSULTANT, ADMIN])
def test_only_parents_reach_the_sharing_pages(practice: Practice, email: str) -> None:
    with practice.client() as client:
        practice.sign_in(client, email)
        for path in ("/sharing", "/sharing/audit.csv"):
            assert client.get(path).status_code == 403, path
        token = _token(client, "/", "/signout")
        for path in ("/sharing/invite", "/sharing/1/revoke", "/sharing/1/write"):
            assert client.post(path, data={"csrftoken": token}).status_code == 403, path


@pytest.mark.parametrize("email", [PARENT, ADMIN])
def test_only_consultants_accept_invitations(practice: Practice, email: str) -> None:
    code = _new_code(practice)
    with practice.client() as client:
        practice.sign_in(client, email)
        assert client.get("/invitations/accept").status_code == 403
        token = _token(client, "/", "/signout")
        refused = client.post("/invitations/accept", data={"csrftoken": token, "code": code})
        assert refused.status_code == 403
    with practice.client() as consultant:  # the code was not used up by the refusals
        practice.sign_in(consultant, CONSULTANT)
        assert 'id="accepted"' in accept(consultant, code).text


def test_unknown_and_used_codes_get_the_same_words(practice: Practice) -> None:
    code = shared(practice)
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        used = accept(consultant, code)
        unknown = accept(consultant, "AAAA-BBBB-CCCC-DDDD")
        assert used.status_code == unknown.status_code == 422
        assert _problem(used.text) == _problem(unknown.text)
        assert SAME_WORDS in _problem(used.text)
        assert 'value="AAAA-BBBB-CCCC-DDDD"' in unknown.text  # what was typed is kept


def test_an_expired_code_is_refused_with_a_clear_message(practice: Practice) -> None:
    code = _new_code(practice, days=1)
    practice.clock.advance(days=1, seconds=1)
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        late = accept(consultant, code)
        assert late.status_code == 422
        assert "expired" in _problem(late.text) and "ask the parent" in _problem(late.text)


def test_a_code_typed_in_lower_case_with_spaces_works(practice: Practice) -> None:
    code = _new_code(practice)
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        done = accept(consultant, " " + code.lower().replace("-", " ") + " ")
        assert 'id="accepted"' in done.text


def test_an_empty_code_asks_for_one(practice: Practice) -> None:
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        empty = accept(consultant, "   ")
        assert empty.status_code == 422 and "Type the invitation code" in _problem(empty.text)


@pytest.mark.parametrize("days", ["0", "31", "-1", "seven", "1e3", "٣", "9999"])
def test_bad_invitation_lengths_make_no_invitation(practice: Practice, days: str) -> None:
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        made = invite(practice, parent, days=days)
        assert made.status_code == 422 and "No invitation made" in made.text
        assert "1 to 30" in made.text
        assert 'id="invitation-code"' not in made.text
        assert 'id="invitations"' not in made.text  # nothing written


def test_forms_without_a_csrf_token_or_from_elsewhere_change_nothing(
        practice: Practice) -> None:
    shared(practice)
    parent_account = practice.accounts.find_account(PARENT)
    assert parent_account
    share = practice.accounts.shares_of(parent_account.id)[0].id
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        token = _token(parent, "/sharing", "/sharing/invite")
        for path, form in (("/sharing/invite", {"days": "7"}),
                           (f"/sharing/{share}/revoke", {}),
                           (f"/sharing/{share}/write", {"allow": "yes"})):
            assert parent.post(path, data=form).status_code == 403, path
            assert parent.post(path, data={**form, "csrftoken": "forged"}).status_code == 403
            cross = parent.post(path, data={**form, "csrftoken": token},
                                headers={"origin": "http://evil.example"})
            assert cross.status_code == 403, path
        assert 'id="invitations"' not in parent.get("/sharing").text
    live = practice.accounts.shares_of(parent_account.id)[0]
    assert live.active and not live.can_write
    code = _new_code(practice)
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        assert consultant.post("/invitations/accept", data={"code": code}).status_code == 403
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        assert 'id="accepted"' in accept(consultant, code).text  # still unused


def test_a_code_is_shown_once_and_only_to_its_parent(practice: Practice) -> None:
    with practice.client() as parent:
        practice.sign_in(parent, PARENT)
        code = code_of(invite(practice, parent).text)
        assert code not in parent.get("/sharing").text
        assert code not in parent.get("/sharing/audit.csv").text


@given(code=st.one_of(st.text(max_size=200), st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567- ",
                                                     min_size=1, max_size=30)))
@examples(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_generated_codes_get_an_answer_never_a_500(practice: Practice, code: str) -> None:
    with practice.client() as consultant:
        practice.sign_in(consultant, CONSULTANT)
        shown = consultant.get("/invitations/accept", params={"code": code})
        assert shown.status_code == 200
        answer = accept(consultant, code)
        assert answer.status_code == 422, answer.text
        assert _problem(answer.text)


def test_single_user_mode_has_no_sharing_pages(client: TestClient) -> None:
    for path in ("/sharing", "/sharing/audit.csv", "/invitations/accept"):
        assert client.get(path).status_code == 404, path
