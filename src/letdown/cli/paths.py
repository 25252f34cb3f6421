"""A ``click.Path`` that refuses impossible names itself, instead of crashing on them.

``click.Path`` looks the path up with ``os.stat``, which raises ``ValueError`` (not
``OSError``) for a name with a NUL character; click does not catch it, so the person
would see a traceback. This type turns it into the usual "Invalid value" message.
"""

from __future__ import annotations

from typing import Any

import click


class SafePath(click.Path):
    """``click.Path`` plus a clean refusal of names that no file can have."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "\x00" in value:
            self.fail("the name contains a NUL character; allowed: an ordinary file name",
                      param, ctx)
        return super().convert(value, param, ctx)
