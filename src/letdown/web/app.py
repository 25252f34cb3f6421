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
) -> FastAPI:
    """Build the web app for ``settings`` (default: environment and config file).

    ``journal`` lets a caller supply an already open journal (the app then does
    not close it). ``allowed_hosts`` replaces the Host names accepted (default:
    the loopback names when listening on loopback, which blocks DNS rebinding;
    any name when ``settings.host`` is another address; ``"*"`` accepts any).
    """
    settings = settings or load_settings()
    services = Services(settings, journal)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

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

    if allowed_hosts is not None:
        hosts = set(allowed_hosts)
    elif settings.host in LOCAL_HOSTS:
        hosts = set(LOCAL_HOSTS)
    else:  # listening beyond loopback was asked for: other devices name us as they like
        hosts = {"*"}
    # Beyond loopback every device must pair first (letdown.web.pairing); serve prints the code.
    app.state.pairing = (None if settings.host in LOCAL_HOSTS
                         else Pairing(store=settings.data_dir / PAIRED_STORE))
    app.add_middleware(HeadAsGet)
    app.add_middleware(WriteCounter, services=services)
    app.add_middleware(CsrfMiddleware, secret=load_secret(settings.data_dir))
    app.add_middleware(LocalOnlyMiddleware, allowed_hosts=hosts, pairing=app.state.pairing)
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

    app.include_router(api_router)
    app.include_router(pages_router)
    return app
