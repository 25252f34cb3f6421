"""The pure authorization rules, over every kind of actor and share a generator can make."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from letdown.accounts.policy import Grant, may_read, may_write
from letdown.accounts.roles import ANONYMOUS, Actor, Role, Scope

ids = st.integers(min_value=1, max_value=5)
actors = st.one_of(
    st.just(ANONYMOUS),
    st.builds(Actor, account_id=ids, role=st.sampled_from(Role), scope=st.sampled_from(Scope)),
)
grants = st.one_of(st.none(), st.builds(Grant, parent_id=ids, consultant_id=ids,
                                        can_write=st.booleans(), revoked=st.booleans()))


@given(actor=actors, owner=ids, share=grants, active=st.booleans())
def test_rules_never_let_the_wrong_person_in(actor: Actor, owner: int, share: Grant | None,
                                             active: bool) -> None:
    read = may_read(actor, owner, share, actor_active=active)
    write = may_write(actor, owner, share, actor_active=active)
    assert not write or read  # writing always implies reading
    if actor.is_anonymous or not active:
        assert not read
    if write:
        assert actor.scope is Scope.WRITE
    if read and actor.account_id != owner:
        # Only a consultant, through a live share from exactly this owner to them.
        assert actor.role is Role.CONSULTANT
        assert share is not None and not share.revoked
        assert (share.parent_id, share.consultant_id) == (owner, actor.account_id)
        assert not write or share.can_write
    if actor.role is Role.ADMIN and actor.account_id != owner:
        assert not read


def test_actor_repr_is_short_and_plain() -> None:
    assert repr(ANONYMOUS) == "Actor(anonymous, read)"
    assert repr(Actor(3, Role.CONSULTANT)) == "Actor(consultant #3, write)"
