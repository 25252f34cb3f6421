"""The consultant's side of server mode: their families, and opening one family's journal.

``GET /families`` lists the parents who share their journal with the signed-in consultant
(``Accounts.families_of``: live shares only), each read through ``journal_access`` (so
every look is in that parent's audit log) and summed up as Home would: the advisor's level
and red flags, the first trend finding. The most serious come first: a consultant with
forty families sees the one who needs a call today at the top.

``POST /families/{owner_id}/open`` checks the share (never trusting the id the browser
sent: an id with no live share is a plain 404) and remembers the choice in a signed cookie
(``family_choice``); from then on ``web.auth.SignInGate`` opens THAT parent's journal on
every request, read-only unless the parent allowed changes. ``POST /families/close``
forgets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.responses import RedirectResponse, Response

from letdown.accounts.models import Account
from letdown.accounts.roles import Actor
from letdown.web.auth import Auth, current_account, current_actor, session_cookie
from letdown.web.family_choice import family_key, pseudonym_of
from letdown.web.templating import render

if TYPE_CHECKING:
    from letdown.config import Settings
    from letdown.evidence.schema import Level
    from letdown.journal.service import Journal
    from letdown.trends.findings import Finding

router = APIRouter(include_in_schema=False)
FAMILIES_PATH = "/families"
CLOSE_PATH = "/families/close"
#: Trends compare the newest session's week with the week before it (as on Home).
TREND_SPAN = dt.timedelta(days=14)
#: The largest account id there can be (a signed 64-bit integer in either database).
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Family:
    """One family on a consultant's list, as much as fits on one line of it."""

    owner_id: int
    pseudonym: str
    can_write: bool
    level: Level | None
    advice: str | None
    red_flags: tuple[str, ...]
    trend: Finding | None

    @property
    def rank(self) -> int:
        """How serious: the higher of the advisor's level and the trend's (-1: nothing)."""
        ranks = [x.rank for x in (self.level, self.trend.level if self.trend else None) if x]
        return max(ranks, default=-1)

    @property
    def urgent(self) -> bool:
        from letdown.evidence.schema import Level

        return self.rank >= Level.URGENT.rank


def summarise(store: Journal, owner_id: int, can_write: bool, settings: Settings) -> Family:
    """One family's line: pseudonym, the advisor's level and red flags, the first trend."""
    from letdown.evidence import load_evidence
    from letdown.journal.when import local_zone
    from letdown.trends.findings import find_trends
    from letdown.web.advice import current_advice, one_line

    found = current_advice(store, settings)
    advice = found[0] if found else None
    today = dt.datetime.now(local_zone(settings.timezone)).date()
    newest = store.list_sessions(limit=1)
    sessions = store.list_sessions(since=newest[0].start - TREND_SPAN) if newest else []
    trends = find_trends(sessions, store.list_babies(), store.list_weights(),
                         store.list_diapers(), today, load_evidence())
    trends = sorted(trends, key=lambda f: -f.level.rank)
    return Family(owner_id=owner_id, pseudonym=pseudonym_of(store, owner_id),
                  can_write=can_write, level=advice.level if advice else None,
                  advice=one_line(advice) if advice else None,
                  red_flags=tuple(r.text for r in advice.escalation.reasons if r.red_flag)
                  if advice else (),
                  trend=trends[0] if trends else None)


def families_for(auth: Auth, actor: Actor, settings: Settings, engine: Any) -> list[Family]:
    """The consultant's families, most serious first (then by name)."""
    from letdown.accounts.access import journal_access
    from letdown.accounts.errors import NotAllowed
    from letdown.journal.service import Journal

    listed = []
    for share in auth.accounts.families_of(actor.account_id or 0):
        try:
            access = journal_access(auth.accounts, actor, share.parent_id, write=False,
                                    what=FAMILIES_PATH)
        except NotAllowed:  # revoked or disabled between the two reads
            continue
        listed.append(summarise(Journal(engine, access=access), share.parent_id,
                                share.can_write, settings))
    return sorted(listed, key=lambda f: (-f.rank, f.pseudonym.casefold(), f.owner_id))


def _auth(request: Request) -> Auth:
    found = request.app.state.auth
    assert isinstance(found, Auth)
    return found


def _consultant(account: Account) -> None:
    from letdown.accounts.roles import Role

    if account.role is not Role.CONSULTANT:
        raise HTTPException(status_code=403, detail="this page is for consultants: it lists "
                                                    "the families who share with you")


AccountDep = Annotated[Account, Depends(current_account)]
ActorDep = Annotated[Actor, Depends(current_actor)]


@router.get(FAMILIES_PATH)
def families_page(request: Request, account: AccountDep, actor: ActorDep) -> Response:
    from letdown.web.services import services

    _consultant(account)
    own = services(request)
    listed = families_for(_auth(request), actor, own.settings, own.shared_journal.engine)
    return render(request, "families.html", {"families": listed})


@router.post("/families/{owner_id}/open")
def open_family(request: Request, owner_id: int, account: AccountDep,
                actor: ActorDep) -> Response:
    from letdown.accounts.access import journal_access
    from letdown.accounts.errors import NotAllowed
    from letdown.web.family_choice import remember_family

    _consultant(account)
    refused = HTTPException(status_code=404, detail=f"no family #{owner_id} shares their "
                                                    "journal with you")
    if not 1 <= owner_id <= MAX_ID:  # beyond any database id (and SQLite's integers)
        raise refused
    try:  # the id came from the browser: only a live share makes it mean anything
        journal_access(_auth(request).accounts, actor, owner_id, write=False,
                       what=f"/families/{owner_id}/open")
    except NotAllowed:
        raise refused from None
    secret = session_cookie(request.scope)
    if not secret:
        raise HTTPException(status_code=403, detail="open a family from a signed-in browser")
    response = RedirectResponse("/", status_code=303)
    remember_family(response, request.scope, family_key(request.app.state.settings), secret,
                    owner_id)
    return response


@router.post(CLOSE_PATH)
def close_family(request: Request, account: AccountDep) -> Response:
    from letdown.web.family_choice import forget_family

    _consultant(account)
    response = RedirectResponse(FAMILIES_PATH, status_code=303)
    forget_family(response, request.scope)
    return response
