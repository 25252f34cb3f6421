"""Server mode's consent pages: a parent shares their journal, and sees who looked.

Routed only when ``settings.multi_user`` is on (``create_app`` includes this router next
to ``letdown.web.signin``); the single-user app never imports it. Every change of consent
goes through the accounts service (``Accounts.invite``, ``accept_invitation``,
``revoke_share``, ``set_write``), which writes it to the parent's audit log; the parent
is always the signed-in account, never an id the browser sends. A share named in a path
is looked up among the signed-in parent's own shares, so another parent's share id
finds nothing (404).

* ``GET /sharing`` (parents): open invitations, shares, the latest audit entries;
* ``POST /sharing/invite``: a new invitation code, shown once, with its link;
* ``POST /sharing/{share}/revoke`` and ``POST /sharing/{share}/write``;
* ``POST /sharing/invitations/{invitation}/withdraw``: an unused code stops working;
* ``GET /sharing/audit.csv``: the parent's whole audit log as CSV;
* ``GET``/``POST /invitations/accept`` (consultants): use a code, get a share.

Forms carry the CSRF token and pass the same-origin rule like every other form.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from starlette.responses import RedirectResponse, Response

from letdown.accounts.models import Account, AuditEntry, Share
from letdown.accounts.roles import Role
from letdown.web.auth import Auth, current_account, current_actor
from letdown.web.templating import render

if TYPE_CHECKING:
    from letdown.accounts.roles import Actor

router = APIRouter(include_in_schema=False)

SHARING_PATH = "/sharing"
ACCEPT_PATH = "/invitations/accept"
#: Audit entries shown on the page (the CSV holds them all).
SHOWN_AUDIT = 50
#: Far more than any parent's log; the CSV export asks for "everything".
ALL_AUDIT = 10_000_000
#: A code is 19 characters; anything much longer is refused without hashing it.
MAX_CODE = 64
REFUSED = ("This invitation code does not work: it is unknown, already used, withdrawn or "
           "expired. Check it, or ask the parent for a new one.")
#: A spreadsheet runs a cell starting with these as a formula: such cells get a ``'``.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _auth(request: Request) -> Auth:
    found = request.app.state.auth
    assert isinstance(found, Auth)
    return found


def _role(account: Account, role: Role) -> None:
    if account.role is not role:
        who = "parents" if role is Role.PARENT else "consultants"
        raise HTTPException(status_code=403, detail=f"this page is for {who} only")


def parent(account: Annotated[Account, Depends(current_account)]) -> Account:
    """Dependency: the signed-in parent (403 for a consultant or an administrator)."""
    _role(account, Role.PARENT)
    return account


def consultant(account: Annotated[Account, Depends(current_account)]) -> Account:
    """Dependency: the signed-in consultant (403 for a parent or an administrator)."""
    _role(account, Role.CONSULTANT)
    return account


def _emails(auth: Auth, ids: set[int | None]) -> dict[int | None, str]:
    """Who each account id is, for people to read (a deleted account: its number)."""
    from letdown.accounts.errors import AccountError

    found: dict[int | None, str] = {None: "someone not signed in"}
    for account_id in ids - {None}:
        assert account_id is not None
        try:
            found[account_id] = auth.sessions.account(account_id).email
        except AccountError:
            found[account_id] = f"account #{account_id}"
    return found


def _describe(entry: AuditEntry) -> str:
    """An audit action in plain words."""
    words = {"read": "looked at", "write": "changed", "read refused": "was refused a look at",
             "write refused": "was refused a change to", "share.accepted": "accepted your "
             "invitation:", "share.revoked": "stopped sharing with",
             "share.write": "allowed changes by", "share.read_only": "made read-only for"}
    return words.get(entry.action, entry.action)


def _page(request: Request, account: Account, *, issued: str = "", link: str = "",
          notice: str = "", problem: str = "", status: int = 200) -> Response:
    auth = _auth(request)
    accounts = auth.accounts
    shares = [s for s in accounts.shares_of(account.id) if s.active]
    audit = accounts.audit_for(_actor(request), account.id, limit=SHOWN_AUDIT)
    ids: set[int | None] = {s.consultant_id for s in shares}
    emails = _emails(auth, ids | {e.actor_id for e in audit})
    emails[account.id] = "You"  # the parent's own changes of consent
    return render(request, "sharing.html", {
        "invitations": accounts.open_invitations(account.id), "shares": shares,
        "audit": [(e, emails[e.actor_id], _describe(e),
                   _subject(e, emails, auth)) for e in audit],
        "emails": emails, "issued": issued, "link": link, "notice": notice,
        "problem": problem, "account": account}, status_code=status)


def _subject(entry: AuditEntry, emails: dict[int | None, str], auth: Auth) -> str:
    """``what`` with "consultant #7" shown as their email."""
    prefix = "consultant #"
    if entry.what.startswith(prefix) and entry.what[len(prefix):].isdigit():
        consultant_id = int(entry.what[len(prefix):])
        return _emails(auth, {consultant_id})[consultant_id]
    return entry.what


def _actor(request: Request) -> Actor:
    return current_actor(request)


@router.get(SHARING_PATH)
def sharing_page(request: Request, account: Annotated[Account, Depends(parent)]) -> Response:
    return _page(request, account)


@router.post(SHARING_PATH + "/invite")
def invite(request: Request, account: Annotated[Account, Depends(parent)],
           days: Annotated[str, Form()] = "7",
           can_write: Annotated[str, Form()] = "") -> Response:
    from letdown.accounts.errors import AccountError

    text = days.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        return _page(request, account, status=422, problem=(
            "No invitation made: the number of days must be a whole number from 1 to 30."))
    try:
        issued = _auth(request).accounts.invite(account.id, days=int(text),
                                                can_write=can_write == "yes")
    except AccountError as error:
        return _page(request, account, status=422, problem=f"No invitation made: {error}.")
    link = f"{str(request.base_url).rstrip('/')}{ACCEPT_PATH}?code={quote(issued.code)}"
    return _page(request, account, issued=issued.code, link=link)


@router.post(SHARING_PATH + "/invitations/{invitation_id}/withdraw")
def withdraw(request: Request, invitation_id: int,
             account: Annotated[Account, Depends(parent)]) -> Response:
    """Withdraw an unused code (only one of the signed-in parent's own: else 404)."""
    from letdown.accounts.errors import AccountNotFound

    try:
        _auth(request).accounts.revoke_invitation(account.id, invitation_id)
    except AccountNotFound as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    return RedirectResponse(SHARING_PATH, status_code=303)


def _own_share(request: Request, account: Account, share_id: int) -> Share:
    for share in _auth(request).accounts.shares_of(account.id):
        if share.id == share_id and share.active:
            return share
    raise HTTPException(status_code=404, detail=(
        "you do not share with this consultant (any more); the list on /sharing is current"))


@router.post(SHARING_PATH + "/{share_id}/revoke")
def revoke(request: Request, share_id: int,
           account: Annotated[Account, Depends(parent)]) -> Response:
    share = _own_share(request, account, share_id)
    _auth(request).accounts.revoke_share(account.id, share.consultant_id)
    return RedirectResponse(SHARING_PATH, status_code=303)


@router.post(SHARING_PATH + "/{share_id}/write")
def set_write(request: Request, share_id: int, account: Annotated[Account, Depends(parent)],
              allow: Annotated[str, Form()] = "") -> Response:
    share = _own_share(request, account, share_id)
    _auth(request).accounts.set_write(account.id, share.consultant_id, allow == "yes")
    return RedirectResponse(SHARING_PATH, status_code=303)


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


@router.get(SHARING_PATH + "/audit.csv")
def audit_csv(request: Request, account: Annotated[Account, Depends(parent)]) -> Response:
    """Every entry of the parent's audit log, oldest first, times in UTC."""
    auth = _auth(request)
    entries = auth.accounts.audit_for(_actor(request), account.id, limit=ALL_AUDIT)
    emails = _emails(auth, {e.actor_id for e in entries})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["when_utc", "who", "action", "what"])
    for entry in reversed(entries):
        when = entry.at.astimezone(dt.UTC).isoformat(timespec="seconds")
        writer.writerow([when, _cell(emails[entry.actor_id]), _cell(entry.action),
                         _cell(entry.what)])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="letdown-audit.csv"'})


def _accept_page(request: Request, *, code: str = "", problem: str = "",
                 share: Share | None = None, parent_email: str = "",
                 status: int = 200) -> Response:
    return render(request, "invitation_accept.html", {
        "code": code, "problem": problem, "share": share, "parent_email": parent_email,
        "max_code": MAX_CODE}, status_code=status)


@router.get(ACCEPT_PATH)
def accept_page(request: Request, account: Annotated[Account, Depends(consultant)],
                code: str = "") -> Response:
    return _accept_page(request, code=code.strip()[:MAX_CODE])


@router.post(ACCEPT_PATH)
def accept(request: Request, account: Annotated[Account, Depends(consultant)],
           code: Annotated[str, Form()] = "") -> Response:
    from letdown.accounts.errors import AccountError

    shown = code.strip()[:MAX_CODE]
    if not shown:
        return _accept_page(request, status=422, problem=(
            "Type the invitation code the parent gave you (like K7QD-M2PA-Z4XW-9RTE)."))
    if len(code.strip()) > MAX_CODE:
        return _accept_page(request, code=shown, status=422, problem=REFUSED)
    auth = _auth(request)
    try:
        share = auth.accounts.accept_invitation(account.id, code)
    except AccountError:
        return _accept_page(request, code=shown, status=422, problem=REFUSED)
    parent_email = _emails(auth, {share.parent_id})[share.parent_id]
    return _accept_page(request, share=share, parent_email=parent_email)
