"""A ``click.Path`` that refuses impossible names itself, instead of crashing on them.

``click.Path`` looks the path up with ``os.stat``, which raises ``ValueError`` (not
``OSError``) for a name with a NUL character; click does not catch it, so the person
would see a traceback. This type turns it into the usual "Invalid value" message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click


class SafePath(click.Path):
    """``click.Path`` plus a clean refusal of names that no file can have."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "\x00" in value:
            self.fail("the name contains a NUL character; allowed: an ordinary file name",
                      param, ctx)
        return super().convert(value, param, ctx)


def private_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by this user only: a temporary
    file beside it, flushed to disk, then renamed, so ``path`` is never half-written."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
