"""What a request needs, built once per app and handed out through FastAPI dependencies.

``create_app`` stores one :class:`Services` on ``app.state``; routes ask for the
journal (or the settings) with ``Depends(journal)``. Tests can pass their own
journal. Nothing here is a module-level global, so two apps never share state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

T = TypeVar("T")

if TYPE_CHECKING:
    from letdown.config import Settings
    from letdown.journal.service import Journal


#: In server mode, the signed-in parent's own journal for the request being answered (set by
#: ``letdown.web.auth.SignInGate``; copied into the worker thread that runs a route). Unset
#: in single-user mode, where every request uses the one journal.
REQUEST_JOURNAL: ContextVar[Journal | None] = ContextVar("letdown_request_journal",
                                                         default=None)


class Services:
    """The settings and the open journal of one app (the journal opens on first use)."""

    def __init__(self, settings: Settings, journal: Journal | None = None) -> None:
        self.settings = settings
        self._journal = journal
        self._owns_journal = journal is None
        self._lock = threading.Lock()
        #: Bumped after every request that may have written (POST, PUT, PATCH, DELETE).
        self.writes = 0
        self._memo: dict[str, tuple[Hashable, Any]] = {}

    @property
    def journal(self) -> Journal:
        """The journal: in server mode the signed-in parent's own (scoped to them in the
        journal's service layer); else the app's one journal, opened (and its schema
        upgraded) the first time it is needed."""
        scoped = REQUEST_JOURNAL.get()
        if scoped is not None:
            return scoped
        if self.settings.multi_user:  # never the laptop journal to someone signed in
            from fastapi import HTTPException

            raise HTTPException(status_code=403, detail="this account has no journal here")
        return self.shared_journal

    @property
    def shared_journal(self) -> Journal:
        """The app's own journal (single-user), whose engine server mode's journals share."""
        if self._journal is None:
            with self._lock:
                if self._journal is None:
                    from letdown.journal.service import Journal

                    self.settings.ensure_data_dir()
                    self._journal = Journal.open(self.settings)
        return self._journal

    def memo(self, name: str, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, reused while ``key`` is unchanged (one entry per ``name``).

        For derived views that are costly and read often (the advice on Home):
        the key must change whenever the inputs may have changed.
        """
        scoped = REQUEST_JOURNAL.get()
        if scoped is not None:  # one entry per parent: never another parent's view
            name = f"{name}@{scoped.access.owner_id}"
        found = self._memo.get(name)
        if found is not None and found[0] == key:
            value: T = found[1]
            return value
        value = compute()
        self._memo[name] = (key, value)
        return value

    def close(self) -> None:
        """Close the journal if this object opened it."""
        if self._journal is not None and self._owns_journal:
            self._journal.close()
            self._journal = None


def services(request: Request) -> Services:
    """Dependency: the app's services."""
    found = request.app.state.services
    assert isinstance(found, Services)
    return found


def journal(request: Request) -> Journal:
    """Dependency: the app's journal."""
    return services(request).journal


def settings(request: Request) -> Settings:
    """Dependency: the app's settings."""
    return services(request).settings


class WriteCounter:
    """ASGI middleware: counts requests that may change data, to invalidate memos."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
                self.services.writes += 1
