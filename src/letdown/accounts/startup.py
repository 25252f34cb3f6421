"""Whether server mode may start: the checks ``letdown serve --multi-user`` runs first.

Server mode holds many families' records, so it refuses to start rather than start
unsafely: on SQLite (one file, one machine: not for a practice), without a secret key,
with one shorter than 32 bytes, or with a known one (an example from documentation, a
placeholder, a single repeated character). Each refusal is one line saying what to do.
The key's value never appears in a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letdown.config import Settings

MIN_SECRET_BYTES = 32
#: Keys seen in examples and templates; refused whatever their length.
KNOWN_KEYS = frozenset({
    "changeme", "change-me", "change_me", "secret", "secret-key", "secretkey", "your-secret-key",
    "your-secret-key-here", "replace-me", "please-change-me", "insecure", "development",
    "letdown", "letdown-secret", "letdown-secret-key", "example", "example-secret-key",
    "not-a-secret", "django-insecure", "supersecret", "password", "test", "xxx",
    "0123456789abcdef0123456789abcdef", "00000000000000000000000000000000",
    "ReplaceThisWithALongRandomValueFromSecretsModule",
})
HOW = ("set LETDOWN_SECRET_KEY to a new random value: "
       "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'")


def _known(key: str) -> bool:
    lowered = key.strip().lower()
    if lowered in {k.lower() for k in KNOWN_KEYS}:
        return True
    if len(set(lowered)) <= 2:  # "aaaa...", "abab..."
        return True
    return any(lowered.startswith(k.lower()) and len(lowered) - len(k) < 8 for k in KNOWN_KEYS
               if len(k) >= 6)


def refusal(settings: Settings) -> str | None:
    """The one-line reason server mode must not start with these settings, or None."""
    import importlib.util

    if importlib.util.find_spec("argon2") is None:
        return ("server mode needs the argon2-cffi package; install letdown with the server "
                "extra: pip install 'letdown[server]'")
    backend = settings.database_url_object().get_backend_name()
    if backend != "postgresql":
        return ("server mode needs PostgreSQL, not SQLite: set LETDOWN_DATABASE_URL to "
                "postgresql+psycopg://USER@HOST/DATABASE (SQLite stays the single-user "
                "journal: `letdown serve` without --multi-user)")
    secret = settings.secret_key.get_secret_value() if settings.secret_key else ""
    if not secret.strip():
        return f"server mode needs a secret key and none is set; {HOW}"
    if _known(secret):
        return f"LETDOWN_SECRET_KEY is a known example value, not a secret; {HOW}"
    size = len(secret.encode("utf-8", "surrogatepass"))
    if size < MIN_SECRET_BYTES:
        return (f"LETDOWN_SECRET_KEY is too short ({size} bytes; at least "
                f"{MIN_SECRET_BYTES} are needed); {HOW}")
    return None
