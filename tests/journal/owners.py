"""Two parents, a consultant and an administrator on one database, for the owner tests.

Each parent's journal holds a profile, two babies (twins), a tandem session, a weight
and a diaper count, so every kind of record and every reference to a baby is there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from accounts.conftest import CANARY, cheap_hasher
from journal.helpers import make_tandem
from letdown.accounts.access import journal_access
from letdown.accounts.roles import Actor, Role, Scope
from letdown.accounts.service import Accounts
from letdown.journal.access import Access
from letdown.journal.records import Baby, DiaperCount, InfantWeight, ParentProfile
from letdown.journal.service import Journal

BIRTH = dt.date.today() - dt.timedelta(days=30)


@dataclass
class Seeded:
    """The ids of one parent's records."""

    babies: list[int]
    session: int
    weight: int
    diapers: int

    def id_of(self, kind: str) -> int:
        return {"baby": self.babies[0], "session": self.session, "weight": self.weight,
                "diapers": self.diapers}[kind]


@dataclass
class Family:
    engine: Engine
    accounts: Accounts
    parent_a: int
    parent_b: int
    consultant: int
    admin: int

    def actor(self, account_id: int, role: Role, scope: Scope = Scope.WRITE) -> Actor:
        return Actor(account_id=account_id, role=role, scope=scope)

    def access(self, owner: int, *, write: bool = True, by: int | None = None,
               role: Role = Role.PARENT) -> Access:
        actor = self.actor(owner if by is None else by, role)
        return journal_access(self.accounts, actor, owner, write=write)

    def journal(self, access: Access) -> Journal:
        return Journal(self.engine, access=access)


def make_family(engine: Engine) -> Family:
    accounts = Accounts(engine, hasher=cheap_hasher())
    ids = [accounts.create_account(f"{name}@example.org", CANARY, role).id for name, role in
           (("a", Role.PARENT), ("b", Role.PARENT), ("c", Role.CONSULTANT),
            ("d", Role.ADMIN))]
    return Family(engine, accounts, *ids)


def seed(journal: Journal, name: str) -> Seeded:
    """A profile, twins, a tandem session, a weight and a diaper count; their ids."""
    journal.set_profile(ParentProfile(pseudonym=f"parent {name}"))
    babies = [journal.add_baby(Baby(name=f"{name} {n}", birth_date=BIRTH)).id or 0
              for n in (1, 2)]
    session = journal.add_session(make_tandem(*babies, notes=f"note of {name}"))
    weight = journal.add_weight(InfantWeight(baby_id=babies[0], date=BIRTH, grams=3400))
    count = journal.add_diapers(DiaperCount(baby_id=babies[0], date=BIRTH, wet=6, dirty=2))
    return Seeded(babies, session.id or 0, weight.id or 0, count.id or 0)
