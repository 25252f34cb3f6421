"""Listening beyond loopback, nothing answers a device until it has paired once."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from letdown.config import Settings
from letdown.web import pairing
from letdown.web.app import create_app

PHONE_HOST = "http://192.168.1.20:8765"


@pytest.fixture
def wide_app(settings: Settings) -> FastAPI:
    return create_app(settings.model_copy(update={"host": "0.0.0.0"}))


@pytest.fixture
def phone(wide_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(wide_app, base_url=PHONE_HOST) as client:
        yield client


def pair(client: TestClient, code: str) -> None:
    response = client.get(f"/pair?code={code}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


@pytest.mark.parametrize("path", ["/", "/history", "/api/v1/sessions", "/api/v1/profile",
                                  "/static/app.css", "/docs", "/api/v1/openapi.json",
                                  "/no-such-page"])
def test_an_unpaired_device_gets_nothing(phone: TestClient, path: str) -> None:
    """Before: with --host 0.0.0.0 anyone on the network read and wrote the journal."""
    response = phone.get(path)
    assert response.status_code == 401
    assert "not paired" in response.text and "letdown serve" in response.text
    assert response.headers["content-type"].startswith("text/plain")


def test_an_unpaired_device_cannot_change_anything(phone: TestClient) -> None:
    baby = {"name": "Ada", "birth_date": "2026-10-01"}
    assert phone.post("/api/v1/babies", json=baby,
                      headers={"origin": PHONE_HOST}).status_code == 401
    assert phone.post("/babies", data=baby, headers={"origin": PHONE_HOST}).status_code == 401
    pair(phone, phone.app.state.pairing.code)  # type: ignore[attr-defined]
    assert phone.get("/api/v1/babies").json() == []


def test_pairing_sets_a_private_cookie_and_goes_home(wide_app: FastAPI,
                                                    phone: TestClient) -> None:
    code = wide_app.state.pairing.code
    response = phone.get(f"/pair?code={code}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    name, _, rest = cookie.partition("=")
    value = rest.split(";")[0]
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert name == pairing.COOKIE and len(value) >= 40 and value != code
    assert {"httponly", "samesite=strict", "path=/"} <= attributes
    home = phone.get("/")
    assert home.status_code == 200 and "Start pumping" in home.text
    baby = phone.post("/api/v1/babies", json={"name": "Ada", "birth_date": "2026-10-01"},
                      headers={"origin": PHONE_HOST})
    assert baby.status_code == 201


def test_the_code_works_once(wide_app: FastAPI, phone: TestClient) -> None:
    code = wide_app.state.pairing.code
    pair(phone, code)
    with TestClient(wide_app, base_url=PHONE_HOST) as second:
        again = second.get(f"/pair?code={code}", follow_redirects=False)
        assert again.status_code == 401 and "set-cookie" not in again.headers
        assert second.get("/").status_code == 401
    # the phone that paired opens its link again: it is simply taken Home
    assert phone.get(f"/pair?code={code}", follow_redirects=False).status_code == 303
    assert phone.get("/").status_code == 200


@pytest.mark.parametrize("wrong", ["x", "", "%00", "é" * 50, "A" * 43, "code=1&code=2"])
def test_a_wrong_code_reveals_nothing(wide_app: FastAPI, phone: TestClient, wrong: str) -> None:
    code = wide_app.state.pairing.code
    unpaired = phone.get("/")
    response = phone.get("/pair", params={"code": wrong}, follow_redirects=False)
    assert response.status_code == 401 and "set-cookie" not in response.headers
    assert response.text == unpaired.text and code not in response.text
    assert phone.get("/pair", follow_redirects=False).status_code == 401  # no code at all
    pair(phone, code)  # a wrong try does not spend the real code


def test_a_forged_or_old_cookie_is_refused(wide_app: FastAPI, phone: TestClient,
                                           tmp_path: Path) -> None:
    phone.cookies.set(pairing.COOKIE, secrets.token_urlsafe(32))
    assert phone.get("/").status_code == 401
    phone.cookies.set(pairing.COOKIE, wide_app.state.pairing.code)  # the code is not a session
    assert phone.get("/").status_code == 401
    elsewhere = wide_app.state.settings.model_copy(
        update={"data_dir": tmp_path / "another-letdown"})
    with TestClient(create_app(elsewhere), base_url=PHONE_HOST) as other:
        pair(other, other.app.state.pairing.code)  # type: ignore[attr-defined]
        session = other.cookies[pairing.COOKIE]
    phone.cookies.set(pairing.COOKIE, session)  # a session of another letdown
    assert phone.get("/").status_code == 401


def test_a_phone_stays_paired_when_letdown_restarts(wide_app: FastAPI, phone: TestClient,
                                                    settings: Settings) -> None:
    pair(phone, wide_app.state.pairing.code)
    session = phone.cookies[pairing.COOKIE]
    kept = settings.data_dir / pairing.STORE_FILE
    assert kept.stat().st_mode & 0o077 == 0 and session not in kept.read_text()
    restarted = create_app(wide_app.state.settings)
    with TestClient(restarted, base_url=PHONE_HOST) as same_phone:
        same_phone.cookies.set(pairing.COOKIE, session)
        assert same_phone.get("/").status_code == 200
        assert restarted.state.pairing.forget_all() == 1  # serve --unpair: a lost phone
        assert same_phone.get("/").status_code == 401 and not kept.exists()
    with TestClient(create_app(wide_app.state.settings), base_url=PHONE_HOST) as after:
        after.cookies.set(pairing.COOKIE, session)
        assert after.get("/").status_code == 401


@pytest.mark.parametrize("garbled", [b"", b"\xff\xfe", b"[]", b'{"sessions": [1, "zz"]}',
                                     b'{"sessions": "ab"}', b"{" * 5000])
def test_a_damaged_pairing_file_pairs_nobody_and_breaks_nothing(
        settings: Settings, garbled: bytes) -> None:
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / pairing.STORE_FILE).write_bytes(garbled)
    app = create_app(settings.model_copy(update={"host": "0.0.0.0"}))
    with TestClient(app, base_url=PHONE_HOST) as phone:
        phone.cookies.set(pairing.COOKIE, "ab")
        assert phone.get("/").status_code == 401
        pair(phone, app.state.pairing.code)
        assert phone.get("/").status_code == 200


def test_the_code_is_compared_in_constant_time(wide_app: FastAPI, phone: TestClient,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = secrets.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(pairing.secrets, "compare_digest", spy)
    phone.get("/pair?code=guess")
    pair(phone, wide_app.state.pairing.code)
    assert len(compared) == 2  # every offered code went through compare_digest


def test_on_loopback_nothing_changes(client: TestClient) -> None:
    """The default: listening on 127.0.0.1, no pairing and no cookie are needed."""
    assert client.app.state.pairing is None  # type: ignore[attr-defined]
    assert client.get("/").status_code == 200
    assert client.get("/pair?code=anything").status_code == 404


def test_only_opening_the_link_spends_the_code(wide_app: FastAPI, phone: TestClient) -> None:
    """A link checker that only asks for the headers does not use the phone's one chance."""
    code = wide_app.state.pairing.code
    assert phone.head(f"/pair?code={code}").status_code == 401
    assert phone.post(f"/pair?code={code}").status_code == 401
    pair(phone, code)


@given(query=st.text(max_size=200))
@examples(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_query_pairs_or_fails(wide_app: FastAPI, query: str) -> None:
    """Whatever follows /pair?, a guess never pairs and never makes a 500."""
    with TestClient(wide_app, base_url=PHONE_HOST) as guesser:
        response = guesser.get("/pair?" + quote(query, safe="=&%"), follow_redirects=False)
        assert response.status_code == 401 and "set-cookie" not in response.headers
    assert wide_app.state.pairing.code is not None  # still unspent
