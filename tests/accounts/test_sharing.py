"""Invitations: single use, expiry, withdrawal; shares reopen and record consent changes."""

from __future__ import annotations

import pytest

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.errors import BadAccountInput, InvitationRefused, NotAllowed
from letdown.accounts.roles import Actor, Role
from letdown.accounts.service import Accounts


def _people(accounts: Accounts) -> tuple[int, int, int]:
    parent = accounts.create_account("p@example.org", CANARY, Role.PARENT).id
    first = accounts.create_account("c1@example.org", CANARY, Role.CONSULTANT).id
    second = accounts.create_account("c2@example.org", CANARY, Role.CONSULTANT).id
    return parent, first, second


def test_an_invitation_works_once(accounts: Accounts) -> None:
    parent, first, second = _people(accounts)
    issued = accounts.invite(parent)
    assert issued.code not in repr(issued)
    share = accounts.accept_invitation(first, issued.code.lower().replace("-", " "))
    assert (share.parent_id, share.consultant_id, share.can_write) == (parent, first, False)
    with pytest.raises(InvitationRefused):
        accounts.accept_invitation(second, issued.code)
    with pytest.raises(InvitationRefused):
        accounts.accept_invitation(first, issued.code)
    assert not accounts.can_read(Actor(second, Role.CONSULTANT), parent)


def test_an_invitation_expires(accounts: Accounts, clock: FakeClock) -> None:
    parent, first, _ = _people(accounts)
    issued = accounts.invite(parent, days=1)
    clock.advance(days=1)
    with pytest.raises(InvitationRefused):
        accounts.accept_invitation(first, issued.code)
    assert accounts.families_of(first) == []


def test_a_withdrawn_invitation_is_refused(accounts: Accounts) -> None:
    parent, first, _ = _people(accounts)
    issued = accounts.invite(parent)
    accounts.revoke_invitation(parent, issued.invitation.id)
    with pytest.raises(InvitationRefused):
        accounts.accept_invitation(first, issued.code)


def test_only_parents_invite_and_only_consultants_accept(accounts: Accounts) -> None:
    parent, first, _ = _people(accounts)
    other_parent = accounts.create_account("q@example.org", CANARY, Role.PARENT).id
    with pytest.raises(NotAllowed):
        accounts.invite(first)
    issued = accounts.invite(parent)
    with pytest.raises(NotAllowed):
        accounts.accept_invitation(other_parent, issued.code)
    accounts.accept_invitation(first, issued.code)  # still unused after the refusal
    with pytest.raises(BadAccountInput):
        accounts.invite(parent, days=31)


def test_sharing_again_after_revoking_reopens_the_share(accounts: Accounts) -> None:
    parent, first, _ = _people(accounts)
    accounts.accept_invitation(first, accounts.invite(parent).code)
    accounts.revoke_share(parent, first)
    assert accounts.families_of(first) == []
    accounts.accept_invitation(first, accounts.invite(parent, can_write=True).code)
    (share,) = accounts.shares_of(parent)
    assert share.active and share.can_write
    actions = [e.action for e in accounts.audit_for(Actor(parent, Role.PARENT), parent)]
    assert actions == ["share.accepted", "share.revoked", "share.accepted"]


def test_two_consultants_racing_for_one_code_get_one_share(accounts: Accounts) -> None:
    """Accepting is one conditional UPDATE: however the two interleave, one wins."""
    from concurrent.futures import ThreadPoolExecutor

    parent, first, second = _people(accounts)
    code = accounts.invite(parent).code

    def accept(consultant: int) -> bool:
        try:
            accounts.accept_invitation(consultant, code)
        except InvitationRefused:
            return False
        return True

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(accept, [first, second]))
    assert sorted(results) == [False, True]
    assert len([s for s in accounts.shares_of(parent) if s.active]) == 1
