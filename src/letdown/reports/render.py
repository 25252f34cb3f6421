"""The report as HTML (Jinja, with its print CSS inlined) and as PDF (WeasyPrint).

The HTML is one self-contained document: the CSS is inlined and the charts are inline
SVG, so it prints the same from a browser and needs nothing from anywhere. The PDF is
that HTML laid out by WeasyPrint (imported only when a PDF is made) with a URL fetcher
that refuses every URL except ``data:`` URIs, so making a report never touches the
network or the disk, whatever the HTML contains. Fonts come from the system (DejaVu).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letdown.reports.model import Report

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"


class RefusedURL(ValueError):
    """A report asked for something outside itself (a remote or local URL)."""


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that opens ``data:`` URIs only and refuses every other
    URL (http, https, file, ftp...) before anything is opened."""
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
            if scheme != "data":
                raise RefusedURL(f"the report does not fetch {scheme or 'relative'} URLs")
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols=("data",), allow_redirects=False)


def seconds(value: float | None) -> str:
    """45 -> '45 s'; 95 -> '1:35 min'; None -> an en dash."""
    if value is None:
        return "–"
    total = round(value)
    if total < 60:
        return f"{total} s"
    return f"{total // 60}:{total % 60:02d} min"


def number(value: float | None, digits: int = 0) -> str:
    """A number without a spurious '.0'; None -> an en dash."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.filters["seconds"] = seconds
    env.filters["number"] = number
    return env


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document."""
    from markupsafe import Markup

    env = _environment()
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return env.get_template("report.html").render(r=report, css=Markup(css), svg=Markup)


def render_pdf(html: str) -> bytes:
    """The HTML laid out on A4 pages by WeasyPrint, offline."""
    import logging

    from weasyprint import HTML  # type: ignore[import-untyped]

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no CSS chatter on stderr
    pdf = HTML(string=html, url_fetcher=offline_fetcher(), base_url=None).write_pdf()
    assert pdf is not None
    return bytes(pdf)
