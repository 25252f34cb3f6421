"""Helpers for the web tests: settings on a private dir, a live server, a socket guard."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
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


def minutes_ago(minutes: float) -> str:
    """An ISO time ``minutes`` ago (UTC)."""
    return (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")


def field_error(page: str, name: str) -> str:
    """The message shown next to the field ``name`` (empty when there is none)."""
    found = re.search(rf'<p class="field-error" id="e-{re.escape(name)}">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def is_invalid(page: str, control_id: str, error_id: str) -> bool:
    """Whether the control ``control_id`` is marked invalid and described by ``error_id``."""
    tag = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(control_id)}"[^>]*>',
                    page)
    described = re.search(r'aria-describedby="([^"]*)"', tag.group(0)) if tag else None
    return bool(tag and described and 'aria-invalid="true"' in tag.group(0)
                and error_id in described.group(1).split())


# ------------------------------------------------------------------ form tokens

_FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*\baction="([^"]*)"[^>]*>(.*?)</form>', re.S)
_TOKEN = re.compile(r'<input type="hidden" name="csrftoken" value="([^"]+)">')


def form_tokens(page: str) -> dict[str, str]:
    """``{form action: its CSRF token}`` for every post form on an HTML page."""
    found = {}
    for action, body in _FORM.findall(page):
        token = _TOKEN.search(body)
        if token:
            found[action.replace("&amp;", "&")] = token.group(1)
    return found


def form_token(client: httpx.Client | TestClient, action: str, page: str | None = None) -> str:
    """The CSRF token of the form posting to ``action``, read as a browser would: from the
    page that shows it (``page``; by default ``action`` itself, else the Babies page, which
    holds the weight and diaper forms). For an address with no form (a record already
    deleted), the token of the profile form: one token serves a whole browser session."""
    for where in [page] if page else [action, "/babies"]:
        tokens = form_tokens(client.get(where).text)
        if action in tokens:
            return tokens[action]
    return form_tokens(client.get("/profile").text)["/profile"]


class FormClient(TestClient):
    """A TestClient that sends page forms like a browser: with the form's CSRF token."""

    def post(self, url: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        path = urlsplit(str(url)).path
        data = kwargs.get("data")
        if not path.startswith("/api/") and not (isinstance(data, dict) and "csrftoken" in data):
            kwargs["data"] = {"csrftoken": form_token(self, path), **(data or {})}
        return super().post(url, *args, **kwargs)


def post_form(url: str, action: str, page: str | None = None, **kwargs: Any) -> httpx.Response:
    """Post a page form to a live server at ``url`` as a browser would (token and cookie)."""
    with httpx.Client(base_url=url, timeout=10) as browser:
        token = form_token(browser, action, page)
        data = {"csrftoken": token, **kwargs.pop("data", {})}
        return browser.post(action, data=data, **kwargs)


# ---------------------------------------------------------------- socket guard


def is_loopback(host: Any) -> bool:
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
        if not is_loopback(host):
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


# ------------------------------------------------------------------ another site


class AttackSite:
    """Pages of another origin, served on another loopback port, for cross-site tests.

    ``add(path, html, headers)`` publishes a page; ``url(path)`` is its address.
    """

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        pages: dict[str, tuple[bytes, dict[str, str]]] = {}
        self.pages = pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body, headers = pages.get(self.path, (b"not here", {}))
                self.send_response(200 if self.path in pages else 404)
                self.send_header("content-type", "text/html; charset=utf-8")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path: str, html: str, headers: dict[str, str] | None = None) -> str:
        self.pages[path] = (html.encode(), headers or {})
        return self.origin + path

    def __enter__(self) -> AttackSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


# ------------------------------------------------ multipart bodies written by hand


def token_part(client: Any, boundary: str) -> bytes:
    """The media form's CSRF token as the first part of a multipart body, as a browser
    sends it (the client keeps the matching cookie)."""
    token = form_token(client, "/media")
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrftoken\"\r\n\r\n"
            f"{token}\r\n").encode()


def live_token(port: int, boundary: str) -> tuple[bytes, str]:
    """For a raw socket: the token part and the ``Cookie:`` header line that goes with it."""
    page = httpx.get(f"http://127.0.0.1:{port}/media", timeout=30)
    token = form_tokens(page.text)["/media"]
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrftoken\"\r\n\r\n"
            f"{token}\r\n").encode()
    cookie = "; ".join(f"{name}={value}" for name, value in page.cookies.items())
    return part, f"Cookie: {cookie}\r\n"


def multipart_head(boundary: str, filename: str) -> bytes:
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{filename}\"\r\nContent-Type: video/mp4\r\n\r\n").encode()
