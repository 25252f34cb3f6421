"""Pairing a phone when letdown listens beyond this machine (``serve --host``).

On the home network anyone, or a web page that rebinds its name to this
machine's address, could otherwise read and change the journal. So in that mode
``letdown serve`` makes one secret code and shows it as a link and a QR code.
Opening the link once sets a session cookie on the phone (HttpOnly, so page
scripts cannot read it; SameSite=Strict, so other sites cannot send it) and the
code is spent. Every other request without a valid cookie gets 401 and a short
page saying how to pair.

Sessions are random ids; only their SHA-256 hashes are kept, in memory and in
``paired-devices.json`` in the data dir (readable by us only), so a phone stays
paired when letdown restarts, and a copy of that file pairs nobody.
``letdown serve --unpair`` forgets them all (a lost phone).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import Scope

COOKIE = "letdown_paired"
#: Where the hashes of paired sessions are kept, in the data dir.
STORE_FILE = "paired-devices.json"
#: How long a phone's cookie lasts (browsers cap cookies at 400 days).
COOKIE_SECONDS = 400 * 24 * 3600
PAIR_PATH = "/pair"
#: Paths that need no pairing: the pairing link itself, and a liveness check that
#: says only "ok".
OPEN_PATHS = frozenset({PAIR_PATH, "/healthz"})

HOW_TO_PAIR = (
    "This letdown is not paired with this device yet.\n\n"
    "To pair: open the link (or scan the QR code) that `letdown serve` printed on the "
    "computer running letdown. Each link works once; restart `letdown serve` for a new one.\n"
)


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()


class Pairing:
    """The one-time code and the paired sessions of one running app."""

    def __init__(self, code: str | None = None, store: Path | None = None) -> None:
        #: The one-time code, or None once it has been used.
        self.code: str | None = code or secrets.token_urlsafe(32)
        self.store = store
        self._sessions: set[bytes] = self._load()
        self._lock = threading.Lock()

    def _load(self) -> set[bytes]:
        """The paired sessions kept in ``store`` (none when it is missing or unreadable)."""
        if self.store is None:
            return set()
        try:
            kept = json.loads(self.store.read_text(encoding="utf-8"))["sessions"]
            return {bytes.fromhex(item) for item in kept if isinstance(item, str)}
        except (OSError, ValueError, KeyError, TypeError):
            return set()

    def _save(self) -> None:
        """Keep the sessions in ``store`` (atomically; if it cannot be written, a phone
        stays paired only until letdown stops)."""
        if self.store is None:
            return
        temporary = self.store.with_name(self.store.name + ".tmp")
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump({"sessions": sorted(s.hex() for s in self._sessions)}, handle)
            os.replace(temporary, self.store)
        except OSError:
            temporary.unlink(missing_ok=True)

    def forget_all(self) -> int:
        """Unpair every device (a lost phone); how many were paired."""
        with self._lock:
            count = len(self._sessions)
            self._sessions.clear()
            if self.store is not None:
                self.store.unlink(missing_ok=True)
            return count

    def link(self, base_url: str) -> str:
        """The pairing link for ``base_url`` (``http://192.168.1.20:8765``)."""
        return f"{base_url.rstrip('/')}{PAIR_PATH}?code={self.code}"

    def spend(self, offered: str) -> str | None:
        """A new session id if ``offered`` is the unspent code (compared in constant
        time), else None. The code works once."""
        with self._lock:
            if self.code is None:
                return None
            if not secrets.compare_digest(_digest(offered), _digest(self.code)):
                return None
            self.code = None
            session = secrets.token_urlsafe(32)
            self._sessions.add(_digest(session))
            self._save()
            return session

    def is_paired(self, headers: Headers) -> bool:
        """Whether the request carries the cookie of a paired session."""
        raw = headers.get("cookie")
        if not raw:
            return False
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(raw)
        except CookieError:  # a garbled Cookie header is no session
            return False
        found = cookies.get(COOKIE)
        return found is not None and _digest(found.value) in self._sessions

    def answer(self, scope: Scope, headers: Headers) -> Response | None:
        """The response that stops this request, or None when it may go on."""
        path = str(scope.get("path", ""))
        if path == PAIR_PATH:
            # only a real GET spends the code (not a HEAD from a link checker, not a POST)
            return self._pair(scope, headers) if scope.get("method") == "GET" else refused()
        if path in OPEN_PATHS or self.is_paired(headers):
            return None
        return refused()

    def _pair(self, scope: Scope, headers: Headers) -> Response:
        query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
        offered = query.get("code", [""])[0]
        session = self.spend(offered) if offered else None
        if session is None:
            # already paired (the link opened twice on the same phone): just go Home
            return RedirectResponse("/", status_code=303) if self.is_paired(headers) else refused()
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, session, max_age=COOKIE_SECONDS, path="/", httponly=True,
                            samesite="strict")
        return response


def refused() -> Response:
    """401 and how to pair: the same answer for no cookie, a wrong code and a spent one."""
    return PlainTextResponse(HOW_TO_PAIR, status_code=401,
                             headers={"cache-control": "no-store"})
