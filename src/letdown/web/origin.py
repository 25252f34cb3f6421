"""Same-origin proof for requests that change something.

A browser tells us where a request comes from in ``Origin`` (and, when that is
absent, ``Referer`` or ``Sec-Fetch-Site``). An unsafe request is accepted only
when that source is exactly the origin being served: same scheme, same host,
same port. Port matters: another program on ``127.0.0.1:3000`` is another
origin, even though it shares the host. ``Origin: null`` (a sandboxed page, a
``data:`` URL, some redirects) proves nothing and is refused.

A request that carries none of these headers does not come from a web page
(browsers always send ``Origin`` on a cross-origin POST, and ``Sec-Fetch-Site``
on every request): it is a script or ``curl`` on this machine, and is allowed.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import Scope

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


class Origin(NamedTuple):
    """A web origin: scheme, host and port, normalised for comparison."""

    scheme: str
    host: str
    port: int


def parse_origin(value: str) -> Origin | None:
    """The origin of a URL or ``Origin`` header value; None when it names none."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:  # a port that is not a number, an unbalanced "[" ...
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return Origin(scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme])


def served_origin(scope: Scope, headers: Headers) -> Origin | None:
    """The origin this request was sent to: its scheme and its ``Host`` header.

    The Host header is what the browser put in the address bar; the Host
    allow-list (or pairing) has already decided that it is one we serve.
    """
    scheme = str(scope.get("scheme", "http"))
    host = headers.get("host")
    if not host:
        server = scope.get("server")
        if not server:
            return None
        host = f"[{server[0]}]:{server[1]}" if ":" in str(server[0]) else f"{server[0]}:{server[1]}"
    return parse_origin(f"{scheme}://{host}")


def cross_site_reason(scope: Scope, headers: Headers) -> str | None:
    """Why this unsafe request must be refused as cross-site; None when it may go on."""
    source = headers.get("origin")
    what = "Origin"
    if source is None:
        source = headers.get("referer")
        what = "Referer"
    if source is None:
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site.strip().lower() != "same-origin":
            return f"the browser says it was sent from another site ({fetch_site[:20]})"
        return None  # not from a web page: a script or curl on this machine
    if source.strip().lower() == "null":
        return "it comes from a page that hides where it is (Origin: null)"
    theirs = parse_origin(source)
    ours = served_origin(scope, headers)
    if theirs is None or ours is None or theirs != ours:
        return f"it was sent from another page ({what} is not this app's address)"
    return None
