"""A canary password never appears in a message, a repr, a log line or the database."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from accounts.conftest import CANARY, FakeClock
from letdown.accounts.errors import AccountError
from letdown.accounts.roles import Role
from letdown.accounts.service import Accounts


def test_the_canary_is_nowhere(accounts: Accounts, clock: FakeClock,
                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)  # every SQL parameter
    try:
        texts: list[str] = []
        made = accounts.create_account("p@example.org", CANARY, Role.PARENT)
        texts += [repr(made), repr(accounts), repr(accounts.hasher)]
        actor = accounts.authenticate("p@example.org", CANARY)
        texts.append(repr(actor))
        attempts = [("p@example.org", CANARY + "x"), ("nobody@example.org", CANARY)]
        attempts += [("p@example.org", CANARY)] * 6
        for email, password in attempts:
            try:
                accounts.authenticate(email, password)
            except AccountError as error:
                texts += [str(error), repr(error)]
        for bad in (CANARY[:8], CANARY + "\x00"):
            try:
                accounts.create_account("q@example.org", bad, Role.PARENT)
            except AccountError as error:
                texts += [str(error), repr(error)]
        with accounts.engine.connect() as connection:
            for table in ("account", "login_attempt"):
                texts += [repr(row) for row in connection.execute(text(f"SELECT * FROM {table}"))]
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    texts += [record.getMessage() for record in caplog.records]
    assert len(caplog.records) > 10  # the log really was captured
    assert [t for t in texts if CANARY in t or CANARY[:8] in t] == []
