"""Finding the CSRF token in a multipart upload, for ``asgi-csrf`` 0.11.

``asgi-csrf`` 0.11 builds python-multipart's ``FormParser`` with a ``FileClass``
argument that python-multipart removed in 0.0.26 (the release that fixed
CVE-2026-40347), so every multipart POST crashed with a TypeError (reported
upstream as simonw/asgi-csrf#38, fix proposed in #39, not released). This is
the same function written against python-multipart's streaming
``MultipartParser``: it reads the body only until the ``csrftoken`` field is
complete, refuses a file part that comes before it, and hands back a
``receive`` that replays what it read. ``install()`` puts it in place of the
library's; ``asgi-csrf`` is pinned, so the replaced name cannot drift.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.types import Message, Receive

#: The form field asgi-csrf reads (its default ``form_input``).
FIELD = b"csrftoken"
#: A token is ~90 characters; anything much longer is not one.
MAX_TOKEN = 1024


async def parse_multipart_form_data(
    boundary: bytes, receive: Receive
) -> tuple[str | None, Callable[[], Awaitable[Message]]]:
    """The token in a multipart body (None when there is none) and a replaying receive.

    Raises ``asgi_csrf.FileBeforeToken`` when a file part comes first.
    """
    import asgi_csrf
    from python_multipart.multipart import MultipartParser, parse_options_header

    messages: list[Message] = []

    async def replay_receive() -> Message:
        return messages.pop(0) if messages else await receive()

    part: dict[str, Any] = {}

    def on_part_begin() -> None:
        part.clear()
        part.update(field=bytearray(), value=bytearray(), disposition=b"", name=None)

    def on_header_field(data: bytes, start: int, end: int) -> None:
        part["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        if bytes(part["field"]).lower() == b"content-disposition":
            part["disposition"] += data[start:end]

    def on_header_end() -> None:
        part["field"] = bytearray()

    def on_headers_finished() -> None:
        _, options = parse_options_header(bytes(part["disposition"]))
        if b"filename" in options:
            raise asgi_csrf.FileBeforeToken
        part["name"] = options.get(b"name")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if part.get("name") == FIELD and len(part["value"]) <= MAX_TOKEN:
            part["value"] += data[start:end]

    def on_part_end() -> None:
        if part.get("name") == FIELD:
            raise asgi_csrf.TokenFound(bytes(part["value"]).decode("utf-8", "replace"))

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished, "on_part_data": on_part_data,
        "on_part_end": on_part_end,
    })
    more_body = True
    try:
        while more_body:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: nothing to check
            messages.append(message)
            parser.write(message.get("body", b""))
            more_body = message.get("more_body", False)
    except asgi_csrf.TokenFound as found:
        return str(found.args[0]), replay_receive
    return None, replay_receive


def install() -> None:
    """Use :func:`parse_multipart_form_data` inside asgi-csrf (idempotent)."""
    import asgi_csrf

    asgi_csrf._parse_multipart_form_data = parse_multipart_form_data
