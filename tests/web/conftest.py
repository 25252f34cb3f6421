"""Web fixtures: an app on a private data dir, a live server, one Chromium, a socket guard.

The browser is Debian's Chromium at /usr/bin/chromium driven by Playwright's Python
API (never `playwright install`). One browser per test session; a fresh context
(390x844, a phone) per test. The live server runs uvicorn in a thread of this
process on a free loopback port, so the socket guard installed here watches the
server's own outbound connections.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from letdown.config import Settings
from letdown.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def make_settings(data_dir: Path) -> Settings:
    """Settings for a private data dir, ignoring any config file or LETDOWN_* variable."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LETDOWN_CONFIG", str(data_dir.parent / "absent-config.toml"))
        patch.delenv("LETDOWN_DATABASE_URL", raising=False)
        return Settings(data_dir=data_dir, timezone="Europe/London")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A test client on a fresh journal."""
    with TestClient(create_app(settings, allowed_hosts=["testserver"])) as test_client:
        yield test_client


def minutes_ago(minutes: float) -> str:
    """An ISO time ``minutes`` ago (UTC)."""
    return (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")


# ---------------------------------------------------------------- socket guard


def _is_loopback(host: Any) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


class SocketGuard:
    """Fails and records any attempt of this process to reach a non-loopback address."""

    def __init__(self) -> None:
        self.attempts: list[str] = []
        self._lock = threading.Lock()

    def check(self, host: Any, what: str) -> None:
        if not _is_loopback(host):
            with self._lock:
                self.attempts.append(f"{what} {host}")
            raise OSError(f"socket guard: outbound {what} to {host!r} refused in tests")

    @contextlib.contextmanager
    def installed(self) -> Iterator[SocketGuard]:
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        real_getaddrinfo = socket.getaddrinfo
        guard = self

        def connect(sock: socket.socket, address: Any) -> Any:
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                guard.check(address[0], "connect")
            return real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> Any:
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                guard.check(address[0], "connect")
            return real_connect_ex(sock, address)

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            guard.check(host.decode() if isinstance(host, bytes) else host, "resolve")
            return real_getaddrinfo(host, *args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(socket.socket, "connect", connect)
            patch.setattr(socket.socket, "connect_ex", connect_ex)
            patch.setattr(socket, "getaddrinfo", getaddrinfo)
            yield self


# ------------------------------------------------------------------ live server


class LiveServer:
    """A uvicorn server on a free loopback port, in a background thread."""

    def __init__(self, settings: Settings) -> None:
        import uvicorn

        self.settings = settings
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port,
                                log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def socket_guard() -> Iterator[SocketGuard]:
    """Installed for the whole browser session: the server may only talk to loopback."""
    with SocketGuard().installed() as guard:
        yield guard


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, socket_guard: SocketGuard
) -> Iterator[LiveServer]:
    data = tmp_path_factory.mktemp("live") / "data"
    with LiveServer(make_settings(data)) as server:
        yield server


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session (skipped where Debian's chromium is missing)."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (./test installs it)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh tab at phone size; any request that leaves loopback is blocked and recorded."""
    outside: list[str] = []

    def route(route: Any) -> None:
        from urllib.parse import urlsplit

        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or _is_loopback(host):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab = browser.new_page()
    tab.route("**/*", route)
    tab.set_default_timeout(10_000)
    try:
        yield tab
    finally:
        tab.close()
    assert outside == [], f"the page tried to reach the network: {outside}"
