"""Jinja2 templates and the small display filters they share.

Filters only format (local time, durations, numbers); they never decide
anything, so every page shows the same facts the CLI and API give.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from letdown import __version__

TEMPLATES_DIR = Path(__file__).parent / "templates"

#: The pages in the main navigation: (path, label).
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("/", "Home"),
    ("/session", "Session"),
    ("/history", "History"),
    ("/advisor", "Advisor"),
    ("/explorer", "Explorer"),
    ("/babies", "Babies"),
)


def local_zone(name: str | None) -> dt.tzinfo:
    """The zone to show times in: the configured IANA name, else the system's."""
    if name:
        return ZoneInfo(name)
    local = dt.datetime.now().astimezone().tzinfo
    assert local is not None
    return local


def format_duration(seconds: float | None) -> str:
    """``95`` -> ``1:35``; ``3725`` -> ``1:02:05``; None -> an en dash."""
    if seconds is None:
        return "–"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_number(value: float | None, digits: int = 0) -> str:
    """A number without a spurious ``.0``; None -> an en dash."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def label(value: Any) -> str:
    """An enum value or identifier as words: ``warm_compress`` -> ``warm compress``."""
    raw = getattr(value, "value", value)
    return str(raw).replace("_", " ")


@lru_cache(maxsize=8)
def templates_for(zone_name: str | None) -> Jinja2Templates:
    """One template environment per display zone (built once, reused for every request)."""
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    zone = local_zone(zone_name)
    env.globals["navigation"] = NAVIGATION
    env.globals["version"] = __version__
    env.filters["duration"] = format_duration
    env.filters["number"] = format_number
    env.filters["label"] = label
    env.filters["localtime"] = lambda value, fmt="%a %d %b %H:%M": (
        value.astimezone(zone).strftime(fmt) if value is not None else "–"
    )
    env.filters["localinput"] = lambda value: (
        value.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if value is not None else ""
    )
    return templates


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render a page template with the request's settings-bound environment."""
    settings = request.app.state.settings
    templates = templates_for(settings.timezone)
    return templates.TemplateResponse(
        request, name, {"current_path": request.url.path, **(context or {})},
        status_code=status_code,
    )
