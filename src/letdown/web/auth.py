"""Server mode's door: who is asking, and nobody gets past without signing in.

Used only when ``settings.multi_user`` is on (``create_app`` adds ``SignInGate``); the
single-user app never imports this module. Every request is one of:

* a **public** path: ``/signin``, ``/signout``, ``/static/...`` and ``/healthz``;
* an API request (``/api/...``) with ``Authorization: Bearer <token>``: the token is
  checked by ``Accounts.verify_token`` on every request (so a revocation works at once);
  a read-scoped token may only use GET, HEAD and OPTIONS (else 403);
* a request carrying a session cookie that ``WebSessions`` knows and that has not ended;
* anything else: a page answers 303 to ``/signin?next=<this page>``, the API 401 with
  the reason in JSON.

A signed-in parent's pages and API calls reach their own journal only: the gate opens it
through ``letdown.accounts.access.journal_access`` (the one authorization point) on every
request and hands it to the routes (``letdown.web.services.REQUEST_JOURNAL``); the journal's
service layer filters every query by owner. An administrator reaches their
own landing page only. A consultant reaches their landing page and their family list
(``letdown.web.families``); once they open a family (a signed choice,
``letdown.web.family_choice``), the gate opens THAT parent's journal through
``journal_access`` on every request (read-only unless the share allows changes; each
request in the parent's audit log) for the pages in ``VIEWING_PATHS``. A revoked share is
refused on the next request, and the choice is forgotten.

``current_account`` / ``current_actor`` are the dependencies routes use to learn who is
signed in; the gate has already answered for anyone who is not.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import HTTPException, Request
from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from letdown.accounts.models import Account
from letdown.accounts.roles import Actor, Role
from letdown.accounts.roles import Scope as TokenScope
from letdown.web.services import REQUEST_JOURNAL

if TYPE_CHECKING:
    from letdown.accounts.service import Accounts
    from letdown.accounts.web_sessions import WebSessions
    from letdown.config import Settings
    from letdown.journal.service import Journal
    from letdown.web.client_limit import ClientLimit
    from letdown.web.services import Services

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGNIN_PATH = "/signin"
SIGNOUT_PATH = "/signout"
#: Reached without signing in: the sign-in form itself, its style sheet, liveness.
PUBLIC_PATHS = frozenset({SIGNIN_PATH, SIGNOUT_PATH, "/healthz"})
PUBLIC_PREFIXES = ("/static/",)
#: What a consultant or an administrator may open until the family list exists.
EVERY_ROLE_PATHS = frozenset({"/", "/invitations/accept"})
#: A consultant's own pages: their family list, opening and closing one family.
FAMILY_PATHS = frozenset({"/families", "/families/close"})
_FAMILY_OPEN = re.compile(r"/families/[^/]+/open")
#: The pages a consultant may open in a family's journal (reading; writing only with the
#: parent's grant): Home, History, a session, the babies, Insights and the report.
VIEWING_PATHS = frozenset({"/", "/history", "/insights", "/report", "/report/view",
                           "/report/pdf", "/babies"})
VIEWING_PREFIXES = ("/sessions/", "/babies/")
#: Noted in the request's scope while a consultant views a family (for the banner).
VIEWING_KEY = "viewing_family"
#: Where the signed-in person is noted in the request's scope (``request.state``).
STATE_KEY = "signed_in"
#: The cookie's name: with the ``__Host-`` prefix over HTTPS, which browsers accept only
#: with Secure, Path=/ and no Domain (no other site or subdomain can set or shadow it).
COOKIE_PLAIN = "letdown_session"
COOKIE_TLS = "__Host-letdown_session"


@dataclass(frozen=True)
class SignedIn:
    """Who a request comes from, and how they proved it ("session" or "token")."""

    account: Account
    actor: Actor
    via: str


class Auth:
    """The accounts service, the session store and the sign-in limiter of one app.

    The database opens on first use (``Accounts.open(settings)``) unless a test gives its
    own ``accounts`` (a fake clock, cheap hashing)."""

    def __init__(self, settings: Settings, accounts: Accounts | None = None) -> None:
        from letdown.web.client_limit import ClientLimit

        self.settings = settings
        self._accounts = accounts
        self._owns = accounts is None
        self._sessions: WebSessions | None = None
        self._lock = threading.Lock()
        self.limit: ClientLimit = ClientLimit()

    @property
    def accounts(self) -> Accounts:
        if self._accounts is None:
            with self._lock:
                if self._accounts is None:
                    from letdown.accounts.service import Accounts

                    self._accounts = Accounts.open(self.settings)
        return self._accounts

    @property
    def sessions(self) -> WebSessions:
        if self._sessions is None:
            from letdown.accounts.web_sessions import WebSessions

            accounts = self.accounts
            self._sessions = WebSessions(accounts.engine, clock=accounts.clock,
                                         hasher=accounts.hasher)
        return self._sessions

    def close(self) -> None:
        if self._accounts is not None and self._owns:
            self._accounts.close()
            self._accounts = None


def is_tls(scope: Scope) -> bool:
    """Whether the browser reached us over HTTPS (directly, or through a trusted proxy:
    ``letdown.web.proxy`` has then already set the scheme)."""
    return scope.get("scheme") == "https"


def cookie_name(scope: Scope) -> str:
    return COOKIE_TLS if is_tls(scope) else COOKIE_PLAIN


def session_cookie(scope: Scope) -> str | None:
    """The session id the browser sent, if any."""
    from starlette.requests import HTTPConnection

    return HTTPConnection(scope).cookies.get(cookie_name(scope)) or None


def set_session_cookie(response: Response, scope: Scope, secret: str, max_age: int) -> None:
    """HttpOnly (no script can read it), SameSite=Lax (not sent with another site's posts
    or frames), Secure over HTTPS, for the whole site."""
    response.set_cookie(cookie_name(scope), secret, max_age=max_age, path="/",
                        secure=is_tls(scope), httponly=True, samesite="lax")


def clear_session_cookie(response: Response, scope: Scope) -> None:
    response.delete_cookie(cookie_name(scope), path="/", secure=is_tls(scope),
                           httponly=True, samesite="lax")


@dataclass(frozen=True)
class Viewing:
    """The family a consultant is looking at in this request (for the page's banner)."""

    owner_id: int
    pseudonym: str
    can_write: bool


def is_family_path(path: str) -> bool:
    """A consultant's own family pages (the list, open, close)."""
    return path in FAMILY_PATHS or _FAMILY_OPEN.fullmatch(path) is not None


def may_view(path: str) -> bool:
    """A page a consultant may see in a family's journal."""
    return path in VIEWING_PATHS or path.startswith(VIEWING_PREFIXES)


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def signin_location(scope: Scope) -> str:
    """``/signin?next=<the page asked for>`` (a GET's path and query; else Home)."""
    path = str(scope.get("path", "/"))
    query = scope.get("query_string", b"").decode("latin-1")
    wanted = path + (f"?{query}" if query else "")
    if scope.get("method") not in ("GET", "HEAD") or wanted == "/":
        return SIGNIN_PATH
    return f"{SIGNIN_PATH}?next={quote(wanted, safe='/')}"


def _api_refusal(status: int, reason: str) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="letdown"'} if status == 401 else None
    return JSONResponse({"detail": reason}, status_code=status, headers=headers)


NOT_YET = ("this page is for parents; a consultant's list of families and an "
           "administrator's pages come next")


class SignInGate:
    """ASGI middleware: establish who is asking (session or API token), or stop them."""

    def __init__(self, app: ASGIApp, auth: Auth, services: Services) -> None:
        self.app = app
        self.auth = auth
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_public(str(scope.get("path", ""))):
            await self.app(scope, receive, send)
            return
        import anyio.to_thread

        path = str(scope.get("path", ""))
        api = path.startswith("/api/")
        headers = Headers(scope=scope)
        who: SignedIn | None = None
        refusal: Response | None = None
        authorization = headers.get("authorization")
        if api and authorization is not None:
            who, refusal = await anyio.to_thread.run_sync(self._by_token, authorization,
                                                          str(scope.get("method")))
        else:
            secret = session_cookie(scope)
            if secret:
                account = await anyio.to_thread.run_sync(self.auth.sessions.account_for,
                                                         secret)
                if account is not None:
                    who = SignedIn(account, Actor(account.id, account.role, TokenScope.WRITE),
                                   "session")
        if refusal is None and who is None:
            refusal = (_api_refusal(401, "sign in first: send a session cookie from "
                                         "/signin, or Authorization: Bearer <API token>")
                       if api else RedirectResponse(signin_location(scope), status_code=303))
        viewing: Journal | None = None
        if refusal is None and who is not None and who.account.role is Role.CONSULTANT and (
                not api and may_view(path)):
            viewing, refusal = await anyio.to_thread.run_sync(self._family_journal, who,
                                                              scope, path)
        if refusal is None and who is not None and who.account.role is not Role.PARENT and (
                path not in EVERY_ROLE_PATHS and viewing is None and not (
                    who.account.role is Role.CONSULTANT and is_family_path(path))):
            refusal = _api_refusal(403, NOT_YET) if api else HTMLResponse(
                f"<!doctype html><title>Not yet</title><p>Not yet: {NOT_YET}. "
                '<a href="/">Back</a></p>', status_code=403)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        scope.setdefault("state", {})[STATE_KEY] = who
        assert who is not None
        # A parent's requests reach their own journal only: scoped in the journal's service
        # layer (every query filtered by owner), looked up again on every request.
        own = (await anyio.to_thread.run_sync(self._own_journal, who)
               if who.account.role is Role.PARENT else viewing)
        token = REQUEST_JOURNAL.set(own)
        try:
            await self.app(scope, receive, send)
        finally:
            REQUEST_JOURNAL.reset(token)

    def _own_journal(self, who: SignedIn) -> Journal:
        from letdown.accounts.access import journal_access
        from letdown.journal.service import Journal

        access = journal_access(self.auth.accounts, who.actor, who.account.id,
                                write=who.actor.scope is TokenScope.WRITE)
        return Journal(self.services.shared_journal.engine, access=access)

    def _family_journal(self, who: SignedIn, scope: Scope,
                        path: str) -> tuple[Journal | None, Response | None]:
        """The journal of the family this consultant chose (None if none chosen), or a
        refusal that also forgets the choice (the share was revoked, or never was)."""
        from letdown.accounts.access import journal_access
        from letdown.accounts.errors import NotAllowed
        from letdown.journal.service import Journal
        from letdown.web.family_choice import (
            chosen_family,
            family_key,
            forget_family,
            pseudonym_of,
        )

        owner_id = chosen_family(scope, family_key(self.auth.settings), session_cookie(scope))
        if owner_id is None:
            return None, None
        accounts = self.auth.accounts
        share = next((s for s in accounts.families_of(who.account.id)
                      if s.parent_id == owner_id), None)
        try:
            access = journal_access(accounts, who.actor, owner_id,
                                    write=share is not None and share.can_write, what=path)
        except NotAllowed:
            refusal = HTMLResponse(
                "<!doctype html><title>No longer shared</title><p>This family no longer "
                "shares their journal with you, so it is closed. "
                '<a href="/families">Back to my families</a></p>', status_code=403)
            forget_family(refusal, scope)
            return None, refusal
        journal = Journal(self.services.shared_journal.engine, access=access)
        scope.setdefault("state", {})[VIEWING_KEY] = Viewing(
            owner_id, pseudonym_of(journal, owner_id), access.write)
        return journal, None

    def _by_token(self, authorization: str, method: str) -> tuple[SignedIn | None,
                                                                    Response | None]:
        from letdown.accounts.errors import AccountError

        kind, _, token = authorization.strip().partition(" ")
        if kind.lower() != "bearer" or not token.strip():
            return None, _api_refusal(401, "the Authorization header must be "
                                           "'Bearer <API token>' (`letdown token create`)")
        accounts = self.auth.accounts
        try:
            actor = accounts.verify_token(token.strip())
            account = self.auth.sessions.account(actor.account_id or 0)
        except AccountError as error:
            return None, _api_refusal(401, str(error))
        if actor.scope is TokenScope.READ and method not in SAFE_METHODS:
            return None, _api_refusal(403, "this API token may only read; create a token "
                                           "with --scope write to add or change records")
        return SignedIn(account, actor, "token"), None


def signed_in(request: Request) -> SignedIn | None:
    """Who is signed in (None in single-user mode and on public pages)."""
    found = request.scope.get("state", {}).get(STATE_KEY)
    return found if isinstance(found, SignedIn) else None


def current_account(request: Request) -> Account:
    """Dependency: the signed-in account (401 if none: the gate normally answered first)."""
    who = signed_in(request)
    if who is None:
        raise HTTPException(status_code=401, detail="sign in first")
    return who.account


def current_actor(request: Request) -> Actor:
    """Dependency: the signed-in actor, with the scope of the token used (if any)."""
    who = signed_in(request)
    if who is None:
        raise HTTPException(status_code=401, detail="sign in first")
    return who.actor
