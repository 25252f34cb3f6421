"""The app factory: ``create_app(settings)`` builds a complete, independent web app.

No import-time globals: the journal and settings live on ``app.state`` and reach
routes through dependencies (``letdown.web.services``), so tests and the server
can build as many apps as they like, each on its own data directory.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from letdown import __version__
from letdown.config import Settings, load_settings
from letdown.web.csrf import CsrfMiddleware, load_secret
from letdown.web.docs import OPENAPI_PATH, install_docs
from letdown.web.errors import HeadAsGet, install_error_handlers
from letdown.web.limits import BodyLimit
from letdown.web.pairing import STORE_FILE as PAIRED_STORE
from letdown.web.pairing import Pairing
from letdown.web.security import LocalOnlyMiddleware
from letdown.web.services import Services, WriteCounter

if TYPE_CHECKING:
    from letdown.accounts.service import Accounts
    from letdown.journal.service import Journal

STATIC_DIR = Path(__file__).parent / "static"

#: Hosts a browser may use to reach a local server (besides the configured one).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

DESCRIPTION = (
    "The letdown journal, advisor and reflex model over JSON. Every record type has "
    "list/create/read/update/delete endpoints; bad input gets a 422 naming the field "
    "and what is allowed. Local only: nothing here contacts the network."
)


def create_app(
    settings: Settings | None = None,
    *,
    journal: Journal | None = None,
    allowed_hosts: Iterable[str] | None = None,
    accounts: Accounts | None = None,
) -> FastAPI:
    """Build the web app for ``settings`` (default: environment and config file).

    ``journal`` lets a caller supply an already open journal (the app then does
    not close it). ``allowed_hosts`` replaces the Host names accepted (default:
    the loopback names when listening on loopback, which blocks DNS rebinding;
    any name when ``settings.host`` is another address; ``"*"`` accepts any).

    With ``settings.multi_user`` (server mode) every page and API route needs a signed-in
    account or an API token (``letdown.web.auth``), pairing is off (accounts replace it)
    and any Host is served (a proxy names the site; a rebound name gets no cookie, so no
    data). ``accounts`` lets a test supply the accounts service (a fake clock, cheap
    hashing); by default it opens on the configured database at first use.
    """
    settings = settings or load_settings()
    services = Services(settings, journal)
    multi_user = settings.multi_user
    auth = None
    if multi_user:
        from letdown.web.auth import Auth

        auth = Auth(settings, accounts)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()
        if auth is not None:
            auth.close()

    app = FastAPI(
        title="letdown",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_PATH,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.services = services
    app.state.auth = auth

    if allowed_hosts is not None:
        hosts = set(allowed_hosts)
    elif multi_user:
        hosts = {"*"}
    elif settings.host in LOCAL_HOSTS:
        hosts = set(LOCAL_HOSTS)
    else:  # listening beyond loopback was asked for: other devices name us as they like
        hosts = {"*"}
    # Beyond loopback every device must pair first (letdown.web.pairing); serve prints the code.
    app.state.pairing = (None if settings.host in LOCAL_HOSTS or multi_user
                         else Pairing(store=settings.data_dir / PAIRED_STORE))
    app.add_middleware(HeadAsGet)
    app.add_middleware(WriteCounter, services=services)
    app.add_middleware(CsrfMiddleware, secret=_csrf_secret(settings))
    if auth is not None:
        from letdown.web.auth import SignInGate

        # inside the origin check, before CSRF
        app.add_middleware(SignInGate, auth=auth, services=services)
    app.add_middleware(LocalOnlyMiddleware, allowed_hosts=hosts, pairing=app.state.pairing)
    if multi_user:
        from letdown.web.proxy import ServerEdge

        app.add_middleware(ServerEdge, trust_proxy=settings.trust_proxy)
    app.add_middleware(BodyLimit)  # outermost: nothing reads a body before its limit

    install_error_handlers(app)
    install_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", include_in_schema=False, response_class=PlainTextResponse)
    async def healthz() -> str:
        """A trivial endpoint: liveness for scripts and the benchmark's reference."""
        return "ok"

    from letdown.web.api import router as api_router
    from letdown.web.pages import router as pages_router

    if multi_user:
        from letdown.web.signin import router as signin_router

        app.include_router(signin_router)  # first: its "/" chooses Home by role
        from letdown.web.families import router as families_router

        app.include_router(families_router)
        from letdown.web.sharing import router as sharing_router

        app.include_router(sharing_router)
    app.include_router(api_router)
    app.include_router(pages_router)
    return app


def _csrf_secret(settings: Settings) -> str:
    """The CSRF signing secret: in server mode derived from ``LETDOWN_SECRET_KEY`` (every
    worker gets the same one); else the one kept in the data dir."""
    key = settings.secret_key.get_secret_value() if settings.secret_key else ""
    if settings.multi_user and key:
        import hashlib

        return hashlib.sha256(b"letdown csrf\0" + key.encode("utf-8", "surrogatepass")).hexdigest()
    return load_secret(settings.data_dir)
