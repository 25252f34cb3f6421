"""Helpers for the consultant's tests: parents with records, shares made through the
accounts service (as the sharing pages will), consultants signed in like a browser."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from tests.web.helpers import form_tokens
from tests.web.signing import PARENT_PASSWORD, Practice

from letdown.accounts.access import journal_access
from letdown.accounts.roles import Actor, Role, Scope
from letdown.journal.records import Baby, InfantWeight, ParentProfile
from letdown.journal.service import Journal

CONSULTANT_TWO = "consultant2@example.org"
CONSULTANT_TWO_PASSWORD = "canary-Rt8-olive-wren-25-consultant2"


@dataclass(frozen=True)
class Family:
    owner_id: int
    pseudonym: str
    baby: str
    baby_id: int


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def own_journal(practice: Practice, owner_id: int) -> Journal:
    actor = Actor(owner_id, Role.PARENT, Scope.WRITE)
    access = journal_access(practice.accounts, actor, owner_id, write=True, what="test")
    return Journal(practice.accounts.engine, access=access)


def make_family(practice: Practice, email: str | None, pseudonym: str, baby: str, *,
                worrying: bool = False) -> Family:
    """A parent (``email`` None: the fixture's parent) with a profile and a baby; a
    ``worrying`` baby has lost more than 10% of the birth weight (a red flag)."""
    if email is None:
        found = practice.accounts.find_account("parent@example.org")
        assert found is not None
        owner_id = found.id
    else:
        owner_id = practice.accounts.create_account(email, PARENT_PASSWORD + email,
                                                    Role.PARENT).id
    journal = own_journal(practice, owner_id)
    journal.set_profile(ParentProfile(pseudonym=pseudonym))
    day = today() - dt.timedelta(days=1)
    made = journal.add_baby(Baby(name=baby, birth_date=day - dt.timedelta(days=12),
                                 birth_weight_g=3400))
    assert made.id is not None
    journal.add_weight(InfantWeight(baby_id=made.id, date=day,
                                    grams=2900 if worrying else 3500))
    return Family(owner_id, pseudonym, baby, made.id)


def share(practice: Practice, family: Family, consultant_id: int,
          can_write: bool = False) -> None:
    code = practice.accounts.invite(family.owner_id, can_write=can_write).code
    practice.accounts.accept_invitation(consultant_id, code)


def consultant_id(practice: Practice, email: str = "consultant@example.org") -> int:
    found = practice.accounts.find_account(email)
    assert found is not None
    return found.id


def second_consultant(practice: Practice) -> int:
    return practice.accounts.create_account(CONSULTANT_TWO, CONSULTANT_TWO_PASSWORD,
                                            Role.CONSULTANT).id


def open_family(client: TestClient, owner_id: int) -> int:
    """Press "Open" for a family on the list (or forge the form for one that is not)."""
    page = client.get("/families").text
    tokens = form_tokens(page)
    token = tokens.get(f"/families/{owner_id}/open") or next(iter(tokens.values()))
    return client.post(f"/families/{owner_id}/open", data={"csrftoken": token}).status_code
