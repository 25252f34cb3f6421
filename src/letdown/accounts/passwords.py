"""Password rules and argon2 hashing.

The policy follows NIST SP 800-63B (section 5.1.1.2): length matters, composition rules
do not. At least 12 characters, at most 1024 bytes (so hashing stays cheap for us and
costly only for attackers), not only spaces, not the email address, and not one of the
passwords every attacker tries first.

Hashing is argon2id through argon2-cffi's ``PasswordHasher`` (RFC 9106 parameters by
default). ``needs_rehash`` tells when a stored hash was made with older parameters, so it
is renewed at the next successful sign-in. argon2 is imported only here and only when
needed: a parent's own install does not have it.

Nothing in this module ever puts a password into a message, a repr or a log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from letdown.accounts.errors import BadAccountInput, ServerExtraMissing

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_CHARACTERS = 12
MAX_BYTES = 1024
#: The passwords tried first by every attacker (and the README's own example).
TOO_COMMON = frozenset({
    "password1234", "123456789012", "qwertyuiopas", "111111111111", "passwordpassword",
    "letmeinletmein", "iloveyou1234", "changeme1234", "correct horse battery staple",
    "letdownletdown", "letdown-admin", "adminadminadmin", "welcome12345",
})

ALLOWED = (f"at least {MIN_CHARACTERS} characters (a few words work well), at most "
           f"{MAX_BYTES} bytes, not your email address and not a very common password")


def check_password(password: str, email: str = "") -> None:
    """Raise ``BadAccountInput`` (never quoting the password) if it breaks the policy."""
    try:
        size = len(password.encode("utf-8"))
    except UnicodeEncodeError:
        raise BadAccountInput(
            "the password contains characters that cannot be stored; "
            f"allowed: {ALLOWED}") from None
    if "\x00" in password:
        problem = "contains a NUL character"
    elif len(password) < MIN_CHARACTERS:
        problem = f"is shorter than {MIN_CHARACTERS} characters"
    elif size > MAX_BYTES:
        problem = f"is longer than {MAX_BYTES} bytes"
    elif not password.strip():
        problem = "is only spaces"
    elif email and password.strip().casefold() == email.strip().casefold():
        problem = "is the email address"
    elif password.casefold() in TOO_COMMON or len(set(password)) < 3:
        problem = "is too easy to guess"
    else:
        return
    raise BadAccountInput(f"the password {problem}; allowed: {ALLOWED}")


class Hasher:
    """argon2id hashing: ``hash``, ``verify`` and ``needs_rehash``.

    Keyword arguments go to ``argon2.PasswordHasher`` (tests pass small costs to stay
    fast; real use keeps argon2-cffi's defaults)."""

    def __init__(self, **parameters: Any) -> None:
        self._parameters = parameters
        self._hasher: PasswordHasher | None = None
        self._dummy: str | None = None

    def __repr__(self) -> str:
        return f"Hasher({self._parameters or 'argon2 defaults'})"

    def _argon2(self) -> PasswordHasher:
        if self._hasher is None:
            try:
                from argon2 import PasswordHasher
            except ImportError:
                raise ServerExtraMissing() from None
            self._hasher = PasswordHasher(**self._parameters)
        return self._hasher

    def hash(self, password: str) -> str:
        """A salted argon2id hash of ``password``, as the PHC string to store."""
        return self._argon2().hash(password)

    def verify(self, stored: str, password: str) -> bool:
        """True when ``password`` matches ``stored``; False for a mismatch or a damaged hash."""
        from argon2.exceptions import InvalidHashError, VerificationError

        hasher = self._argon2()
        try:
            return hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """True when ``stored`` was made with other parameters than this hasher's."""
        from argon2.exceptions import InvalidHashError

        try:
            return self._argon2().check_needs_rehash(stored)
        except InvalidHashError:
            return True

    def waste_time(self, password: str) -> None:
        """Verify against a throw-away hash: an unknown email costs as long as a known one,
        so the time a sign-in takes does not reveal whether an account exists."""
        if self._dummy is None:
            import secrets

            self._dummy = self.hash(secrets.token_urlsafe(16))
        self.verify(self._dummy, password)
