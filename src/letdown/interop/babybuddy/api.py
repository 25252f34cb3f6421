"""Read a Baby Buddy server through its REST API (httpx, imported only when called).

Every request carries ``Authorization: Token <key>``; the key is never put in a
message, a URL or a log. Lists are paged (``LimitOffsetPagination``: ``count``,
``next``, ``previous``, ``results``); ``next`` is followed to the end. A ``next`` link
naming another host (Baby Buddy behind a proxy writes the address it was asked for)
is not followed as is: its page (limit and offset) is asked of the address the
parent gave, so the key only ever goes to that server.

Whatever goes wrong (refused connection, timeout, a refused key, a page that fails
half-way, an answer that is not Baby Buddy's JSON) is a ``BabyBuddyProblem`` with one
plain line, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from letdown.interop.babybuddy.source import (
    MAX_PROBLEMS,
    MODELS,
    BabyBuddyProblem,
    Export,
    read_records,
)

if TYPE_CHECKING:
    import httpx

#: Seconds to wait for Baby Buddy to connect or answer one request.
TIMEOUT_S = 30.0
#: Most pages read from one list (100 records a page by default: a million records).
MAX_PAGES = 10_000
#: The list endpoints read, in this order (children first: the others refer to them).
ENDPOINTS = ("children", "feedings", "pumping", "weight", "changes")


def origin_of(url: str) -> str:
    """The server's address as letdown names it: scheme, host and path, without ``/api``.

    ``http://127.0.0.1:8123/api/`` and ``HTTP://127.0.0.1:8123`` are the same server. A
    ``BabyBuddyProblem`` when it is not an http(s) address.
    """
    text = url.strip()
    try:
        parts = urlsplit(text if "://" in text else f"//{text}", scheme="")
        hostname = parts.hostname
    except ValueError:
        hostname = None
    if hostname is None or parts.scheme.lower() not in ("http", "https"):
        raise BabyBuddyProblem(
            f"{_cut(url)} is not a web address; give the address you open Baby Buddy at, "
            "starting with https:// or http://, e.g. https://baby.example.org")
    if parts.username or parts.password:
        raise BabyBuddyProblem("the address holds a user name or password; give the address "
                               "alone and the API key with --token")
    try:
        port = parts.port
    except ValueError:
        raise BabyBuddyProblem(f"{_cut(url)}: the port is not a number from 1 to 65535") from None
    path = parts.path.rstrip("/")
    path = path[:-4] if path.endswith("/api") else path
    host = hostname.lower()
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))


def _cut(text: str, limit: int = 60) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")


def fetch(
    url: str, token: str, *, zone: dt.tzinfo = dt.UTC, timeout: float = TIMEOUT_S,
    transport: httpx.BaseTransport | None = None,
) -> Export:
    """Everything the key can see on the Baby Buddy at ``url``: children, feedings,
    pumping, weights and diaper changes."""
    import httpx

    origin = origin_of(url)
    if not token.strip():
        raise BabyBuddyProblem("no API key: give --token KEY or set LETDOWN_BABYBUDDY_TOKEN "
                               "(Baby Buddy shows the key under your user's settings)")
    if not token.strip().isascii() or any(
            not c.isprintable() or c.isspace() for c in token.strip()):
        raise BabyBuddyProblem("the API key has spaces or control characters in it; copy it "
                               "again from Baby Buddy (a key is 40 letters and digits)")
    headers = {"Authorization": f"Token {token.strip()}", "Accept": "application/json"}
    with httpx.Client(headers=headers, timeout=timeout, transport=transport,
                      follow_redirects=True, trust_env=False) as client:
        root = _get(client, f"{origin}/api/", "the API's front page")
        if not isinstance(root, Mapping) or not all(name in root for name in ENDPOINTS):
            raise BabyBuddyProblem(
                f"{origin}/api/ answered, but not as Baby Buddy does (no feedings, pumping, "
                "changes ... in its list): is this the address of Baby Buddy?")
        export = Export(origin=origin)
        problems: list[str] = []
        for endpoint in ENDPOINTS:
            rows = _all_pages(client, origin, endpoint)
            read_records(export, endpoint, rows, where=f"/api/{endpoint}/", zone=zone,
                         csv=False, problems=problems)
        if problems:
            raise BabyBuddyProblem(problems[:MAX_PROBLEMS] + (
                [f"... and {len(problems) - MAX_PROBLEMS} more"]
                if len(problems) > MAX_PROBLEMS else []))
    return export


def _all_pages(client: httpx.Client, origin: str, endpoint: str) -> list[Any]:
    """Every record of one list, following ``next``; refuses a list that changed while read."""
    what = MODELS[endpoint][2]
    url: str | None = f"{origin}/api/{endpoint}/"
    seen_urls: set[str] = set()
    rows: list[Any] = []
    count: int | None = None
    pages = 0
    while url is not None:
        if url in seen_urls or pages >= MAX_PAGES:
            raise BabyBuddyProblem(f"/api/{endpoint}/: its pages lead round in a circle; "
                                   "is this Baby Buddy?")
        seen_urls.add(url)
        pages += 1
        page = _get(client, url, f"the {what} list")
        if (not isinstance(page, Mapping) or not isinstance(page.get("results"), list)
                or not isinstance(page.get("count"), int) or isinstance(page["count"], bool)):
            raise BabyBuddyProblem(
                f"/api/{endpoint}/ answered, but not with a Baby Buddy list (count, next, "
                "results): is this the address of Baby Buddy, version 2 or later?")
        count = page["count"] if count is None else count
        rows.extend(page["results"])
        following = page.get("next")
        if following is not None and not isinstance(following, str):
            raise BabyBuddyProblem(f"/api/{endpoint}/: its 'next' link is not an address")
        url = _same_server(following, origin, endpoint) if following else None
    ids = {repr(row.get("id")) for row in rows if isinstance(row, Mapping)}
    if count is not None and len(ids) != count:
        raise BabyBuddyProblem(
            f"the {what} list changed while it was read ({count} at first, {len(ids)} read): "
            "nothing was imported; run the import again")
    return rows


def _same_server(following: str, origin: str, endpoint: str) -> str:
    """``next`` as a URL on the parent's server (same path and query on their address)."""
    parts = urlsplit(following)
    mine = urlsplit(origin)
    if (parts.scheme, parts.netloc) == (mine.scheme, mine.netloc):
        return following
    return f"{origin}/api/{endpoint}/" + (f"?{parts.query}" if parts.query else "")


def _get(client: httpx.Client, url: str, what: str) -> Any:
    """GET ``url`` and decode its JSON; every failure is one plain ``BabyBuddyProblem``."""
    import httpx

    shown = url.split("?", 1)[0]
    try:
        response = client.get(url)
    except httpx.ConnectError as error:
        reason = "connection refused" if "refused" in str(error).lower() else (
            "certificate not trusted" if "certificate" in str(error).lower()
            else "no connection")
        raise BabyBuddyProblem(
            f"could not reach Baby Buddy at {shown} ({reason}): is it running, and is the "
            "address right?") from None
    except httpx.TimeoutException:
        raise BabyBuddyProblem(f"Baby Buddy did not answer within {client.timeout.read:g} s "
                               f"({shown}); try again later") from None
    except httpx.HTTPError as error:
        raise BabyBuddyProblem(f"could not read {what} from {shown}: "
                               f"{type(error).__name__}") from None
    except (httpx.InvalidURL, UnicodeError, ValueError):
        raise BabyBuddyProblem(f"{_cut(shown)} is not an address letdown can use; give the "
                               "address you open Baby Buddy at, e.g. https://baby.example.org"
                               ) from None
    status = response.status_code
    if status >= 400:
        raise BabyBuddyProblem(_status_message(status, _detail(response), shown, what))
    kind = response.headers.get("content-type", "").split(";", 1)[0].strip() or "no type"
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):
        raise BabyBuddyProblem(
            f"{shown} did not answer with JSON ({kind}, {len(response.content)} bytes"
            + (", cut short" if kind == "application/json" else "")
            + "): is this the address of Baby Buddy? Nothing was imported.") from None


def _detail(response: httpx.Response) -> str:
    """Baby Buddy's own reason (``{"detail": "..."}``), cut short and printable."""
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):
        return ""
    detail = body.get("detail") if isinstance(body, Mapping) else None
    if not isinstance(detail, str):
        return ""
    detail = " ".join("".join(c if c.isprintable() else " " for c in detail).split())
    return f' (it said: "{detail[:120]}")'


def _status_message(status: int, detail: str, url: str, what: str) -> str:
    if status == 401:
        return (f"Baby Buddy refused the API key{detail}: copy the key again from your "
                "user settings in Baby Buddy and give it with --token or "
                "LETDOWN_BABYBUDDY_TOKEN")
    if status == 403:
        return (f"Baby Buddy does not let this account read {what}{detail}: use the key of "
                "an account that can see the child's records")
    if status == 404:
        return (f"no Baby Buddy API at {url} (HTTP 404){detail}: give the address you open "
                "Baby Buddy at, e.g. https://baby.example.org")
    if status >= 500:
        return (f"Baby Buddy had a problem of its own (HTTP {status}) reading {what}; "
                "nothing was imported: try again later, or look at Baby Buddy's logs")
    return f"Baby Buddy refused to give {what} (HTTP {status}){detail}; nothing was imported"
