"""Server mode: passwords and session cookies never reach a log line, even at DEBUG."""

from __future__ import annotations

import logging

import pytest
from tests.web import signing
from tests.web.signing import (
    PASSWORDS,
    Practice,
    signin_token,
)

from letdown.web.auth import COOKIE_PLAIN

practice = signing.practice  # a fixture


def test_no_password_or_cookie_in_the_logs(practice: Practice,
                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    engine_log = logging.getLogger("sqlalchemy.engine")
    engine_log.setLevel(logging.DEBUG)  # every SQL statement with its parameters
    cookies: list[str] = []
    pages: list[str] = []
    try:
        for email, password in PASSWORDS.items():
            with practice.client() as client:
                pages.append(practice.sign_in(client, email=email,
                                              password=password + "x").text)
                pages.append(practice.sign_in(client, email="nobody@example.org",
                                              password=password).text)
                practice.sign_in(client, email=email, password=password)
                cookies.append(client.cookies[COOKIE_PLAIN])
                pages.append(client.get("/").text)
                client.post("/signout", data={"csrftoken": signin_token(client)})
    finally:
        engine_log.setLevel(logging.WARNING)
    logged = [record.getMessage() + repr(record.args) for record in caplog.records]
    assert len(logged) > 20  # the log really was captured
    secrets = [*PASSWORDS.values(), *cookies]
    assert [line for line in logged if any(s in line for s in secrets)] == []
    assert [page for page in pages if any(p in page for p in PASSWORDS.values())] == []
