"""Generated input to `letdown admin create` and `letdown token create`: never a traceback,
exit 0 or 2, and nothing written on a refusal; the password is never printed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letdown.cli import cli

emails = st.one_of(st.emails(), st.text(max_size=40), st.just("p@example.org"),
                   st.just(" P@EXAMPLE.ORG "))
passwords = st.one_of(st.text(min_size=0, max_size=40),
                      st.text(min_size=12, max_size=80).map(lambda t: t + " horse-7Q"))
scopes = st.one_of(st.sampled_from(["read", "write"]), st.text(max_size=10))
days = st.one_of(st.integers(min_value=-10, max_value=400), st.integers(),
                 st.text(max_size=8))


def _snapshot() -> list[tuple[object, ...]]:
    from sqlalchemy import text

    from letdown.journal.store import open_engine

    engine = open_engine()
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text(
            "SELECT 'account', id, email, password_hash FROM account UNION ALL "
            "SELECT 'token', id, scope, token_hash FROM api_token"))]
    engine.dispose()
    return sorted(rows, key=repr)


def _check(args: list[str], env: dict[str, str | None], secret: str | None,
           piped: str = "") -> int:
    before = _snapshot()
    done = CliRunner(env=env).invoke(cli, args, input=piped)
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert done.exit_code in (0, 2), (args, done.output)
    assert "Traceback" not in done.output
    if secret and len(secret.strip()) >= 3 and secret.strip() not in "p@example.org":
        assert secret not in done.output
    if done.exit_code != 0:
        assert _snapshot() == before, args
    return done.exit_code


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=emails, password=passwords, role=st.sampled_from(["admin", "parent"]),
       scope=scopes, day=days)
def test_generated_input_never_breaks_anything(isolated_home: Path, email: str, password: str,
                                               role: str, scope: str, day: object) -> None:
    create = ["admin", "create", "--email", email, "--role", role]
    if "\x00" in password or "\n" in password:
        # An environment variable cannot hold NUL; pipe such a password in instead.
        _check(create, {"LETDOWN_ADMIN_PASSWORD": None}, password, piped=password + "\n")
    else:
        _check(create, {"LETDOWN_ADMIN_PASSWORD": password}, password)
    _check(["token", "create", "--email", email, "--scope", scope, "--days", str(day)],
           {}, None)
