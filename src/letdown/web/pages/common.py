"""Helpers every page route uses: the display zone, reading forms, redirects."""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from starlette.responses import RedirectResponse

from letdown.web.forms import FormData
from letdown.web.templating import local_zone


def zone(request: Request) -> dt.tzinfo:
    """The zone the parent reads times in."""
    return local_zone(request.app.state.settings.timezone)


def now() -> dt.datetime:
    """The current time (UTC, aware)."""
    return dt.datetime.now(dt.UTC)


async def read_form(request: Request) -> FormData:
    """The submitted form as text fields (uploads are handled by the media routes)."""
    form = await request.form()
    return FormData([(k, v) for k, v in form.multi_items() if isinstance(v, str)])


def see_other(url: str) -> RedirectResponse:
    """Post/redirect/get: after a successful write, go to a page that shows it."""
    return RedirectResponse(url, status_code=303)
