"""A local app is still reachable from other sites in the same browser: guard against it."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient
from tests.web.helpers import SocketGuard

from letdown.config import Settings
from letdown.web.app import create_app


def test_foreign_host_header_is_refused(client: TestClient) -> None:
    """DNS rebinding: a hostile name pointing at 127.0.0.1 gets nothing."""
    assert client.get("/api/v1/sessions", headers={"host": "evil.example"}).status_code == 400


def test_any_host_name_when_listening_beyond_loopback(settings: Settings) -> None:
    """With --host 0.0.0.0 a phone on the home network reaches it by the laptop's address."""
    wide = settings.model_copy(update={"host": "0.0.0.0"})
    with TestClient(create_app(wide)) as lan:
        assert lan.get("/healthz", headers={"host": "192.168.1.20:8765"}).status_code == 200
        cross = lan.post("/sessions/new", data={"kind": "pump"},
                         headers={"host": "192.168.1.20:8765", "origin": "https://evil.example"})
        assert cross.status_code == 403
    with TestClient(create_app(settings)) as local:
        assert local.get("/healthz", headers={"host": "192.168.1.20"}).status_code == 400


def test_cross_site_post_is_refused_and_saves_nothing(client: TestClient) -> None:
    response = client.post(
        "/sessions/new",
        data={"kind": "pump", "sides": "both", "start": "2026-01-10T08:00",
              "end": "2026-01-10T08:20"},
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert client.get("/api/v1/sessions").json() == []


def test_pages_forbid_anything_but_our_own_origin(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_socket_guard_catches_outbound_connections() -> None:
    """The guard used by the browser tests really refuses and records a connection."""
    guard = SocketGuard()
    with guard.installed():
        with pytest.raises(OSError, match="socket guard"):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            with socket.create_connection(server.getsockname(), timeout=1):
                pass
    assert guard.attempts == ["resolve 192.0.2.1"]
