"""``letdown serve``: run the local web app with uvicorn and print its URL.

Beyond loopback (``--host 0.0.0.0``) the app asks every device to pair first
(``letdown.web.pairing``); here the one-time pairing link is printed, shown as a
QR code in the terminal and saved as a PNG in the data dir, for the phone to scan.

Server mode can run several worker processes (``--workers N``, uvicorn's own
supervisor: a worker that dies is started again). Each worker builds its app with
``worker_app`` from the same settings, which reach it through the environment; the
schema is upgraded once, here, before any worker starts.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from fastapi import FastAPI

    from letdown.accounts.service import Accounts
    from letdown.config import Settings

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Seconds server mode keeps an idle connection open: longer than clients and proxies keep
#: theirs (browsers and httpx: seconds; proxies: a minute or two), so the client closes an
#: idle connection, never the server just as the client sends on it again (uvicorn's
#: 5 s equals httpx's and reset a request in the soak, benchmarks/bench_soak.py).
SERVER_KEEP_ALIVE_S = 130
#: The most worker processes ``--workers`` accepts (each holds its own database pools).
MAX_WORKERS = 64
QR_FILE = "pairing-qr.png"


class BadAddress(click.ClickException):
    """An address or port letdown cannot listen on: exit 2, like every bad input."""

    exit_code = 2


def _interface_addresses() -> list[str]:
    """This machine's IPv4 addresses, read from its network interfaces (Linux; nothing is
    sent anywhere). Empty where the interfaces cannot be asked."""
    try:
        import fcntl
        import struct

        names = [name for _, name in socket.if_nameindex()]
    except (ImportError, OSError):
        return []
    found = []
    siocgifaddr = 0x8915
    for name in names:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                packed = fcntl.ioctl(probe.fileno(), siocgifaddr,
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface without an IPv4 address
                continue
        found.append(socket.inet_ntoa(packed[20:24]))
    return found


def lan_address(host: str) -> str:
    """The address a phone should use: ``host`` itself when it is one address, else (for
    0.0.0.0 or ::) this machine's address on the home network, private ranges first."""
    try:
        wildcard = not host.strip() or ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name such as "mylaptop.local": phones can use it as it is
        return host
    if not wildcard:
        return host
    candidates = []
    for text in _interface_addresses():
        address = ipaddress.ip_address(text)
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            candidates.append(address)
    candidates.sort(key=lambda a: not a.is_private)
    return str(candidates[0]) if candidates else f"{socket.gethostname()}.local"


def show_pairing(link: str, data_dir: Path) -> None:
    """Print the pairing link, a QR code of it (in a terminal) and save the QR as a PNG."""
    import segno

    qr = segno.make(link, error="m")
    click.echo("\nTo use letdown from your phone, open this link once on the phone")
    click.echo("(or scan the QR code). It works once; every other device is refused:")
    click.echo(f"  {link}")
    if sys.stdout.isatty():
        qr.terminal(compact=True)
    png = data_dir / QR_FILE
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        png.unlink(missing_ok=True)
        qr.save(str(png), scale=8)
        png.chmod(0o600)
    except OSError as error:
        click.echo(f"(could not save the QR code as a picture: {error.strerror})", err=True)
    else:
        click.echo(f"The QR code is also saved as a picture: {png}")
    sys.stdout.flush()


def _host(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a host no machine can have: an empty one would listen on every network."""
    if value is not None and (not value.strip() or any(c.isspace() or c == "\x00" for c in value)):
        raise click.BadParameter(
            f"{value!r} is not an address; allowed: an address of this machine such as "
            "127.0.0.1 (the default) or 0.0.0.0 for every network", ctx, param)
    return value


def _refuse_multi_user(settings: Settings) -> None:
    """Server mode's start-up checks (``letdown.accounts.startup``): one line, exit 2."""
    from letdown.accounts.startup import refusal

    reason = refusal(settings)
    if reason is not None:
        _stop(reason)


def _open_accounts(settings: Settings) -> Accounts:
    """Server mode's accounts, opened (and the schema upgraded) before listening, so a
    database that cannot be reached stops here with one line, not at every request."""
    from sqlalchemy.exc import SQLAlchemyError

    from letdown.accounts.roles import Role
    from letdown.accounts.service import Accounts

    shown = settings.database_url_object().render_as_string(hide_password=True)
    try:
        accounts = Accounts.open(settings)
        admins = accounts.list_accounts(Role.ADMIN)
    except (SQLAlchemyError, OSError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        _stop(f"cannot open the database {shown}: {reason[0] if reason else 'no reason given'}"
              "; check LETDOWN_DATABASE_URL and that PostgreSQL is running")
    if not admins:
        click.echo("note: there is no administrator yet; make one with "
                   "`letdown admin create --email ADDRESS`", err=True)
    return accounts


def _probe(settings: Settings, port: int | None) -> int:
    """Check that the address can be listened on (one line and exit 2 if not); the port
    to use (a free one when 0 was asked for)."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Check the address first, to say plainly when it is taken (and to learn the
        # port when 0 asks for a free one). uvicorn then binds it itself, which also
        # sets TCP_NODELAY on connections (a socket handed to it does not get it).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, 0 if port == 0 else settings.port))
        except (OSError, OverflowError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            wrong_host = isinstance(error, socket.gaierror) or (
                getattr(error, "errno", None) == errno.EADDRNOTAVAIL)
            advice = ("check --host: it must be an address of this machine, or 0.0.0.0"
                      if wrong_host else "choose another --port (or LETDOWN_PORT)")
            asked = 0 if port == 0 else settings.port
            raise BadAddress(
                f"cannot listen on {settings.host}:{asked}: {reason}; {advice}") from error
        bound: int = probe.getsockname()[1]
    return bound


def worker_app() -> FastAPI:
    """The app one worker process serves (uvicorn calls this in each worker): built from
    the settings the environment holds, which ``serve`` has set for its workers."""
    from letdown.config import load_settings
    from letdown.web.app import create_app

    return create_app(load_settings())


def _worker_environment(settings: Settings, port: int) -> None:
    """Hand what ``serve`` decided (options, not only settings) to the worker processes,
    which read their settings from the environment like any letdown command."""
    import os

    os.environ["LETDOWN_MULTI_USER"] = "true"
    os.environ["LETDOWN_HOST"] = settings.host
    os.environ["LETDOWN_PORT"] = str(port)


def _stop(reason: str) -> NoReturn:
    click.echo(f"error: {reason}", err=True)
    sys.exit(2)


@click.command()
@click.option("--host", default=None, callback=_host,
              help="Address to listen on (default: settings.host, 127.0.0.1). Any other "
                   "address (0.0.0.0: the home network) asks each device to pair first.")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port (default: settings.port, 8765; 0 picks a free one).")
@click.option("--unpair", is_flag=True,
              help="Forget every paired phone first (a lost phone); each pairs again "
                   "with the new link.")
@click.option("--multi-user", is_flag=True,
              help="Server mode for a practice: everyone signs in (accounts from `letdown "
                   "admin create`); needs PostgreSQL and LETDOWN_SECRET_KEY; also set by "
                   "LETDOWN_MULTI_USER.")
@click.option("--workers", type=click.IntRange(1, MAX_WORKERS), default=1, show_default=True,
              help="Server mode only: worker processes answering at once (each keeps its "
                   "own database connections; see LETDOWN_DB_POOL_SIZE).")
def serve(host: str | None, port: int | None, unpair: bool, multi_user: bool,
          workers: int) -> None:
    """Start the local web app and print its URL (Ctrl+C stops it).

    It listens on 127.0.0.1 unless told otherwise: the journal is private, so
    other devices can reach it only if you choose a different --host, and then
    only after pairing with the one-time link this prints.
    """
    import uvicorn

    from letdown.config import load_settings
    from letdown.web.app import create_app

    overrides: dict[str, object] = {}
    if host is not None:
        overrides["host"] = host
    if port:
        overrides["port"] = port
    settings = load_settings(**overrides)
    if multi_user and not settings.multi_user:
        settings = load_settings(**overrides, multi_user=True)
    if workers > 1 and not settings.multi_user:
        _stop(f"--workers {workers} is for server mode only (one journal on this machine "
              "needs one worker): add --multi-user with PostgreSQL, or leave out --workers")
    accounts = None
    if settings.multi_user:
        _refuse_multi_user(settings)
        accounts = _open_accounts(settings)
    if workers > 1:
        assert accounts is not None
        accounts.close()  # each worker opens its own pools; the schema is up to date now
        _serve_workers(settings, port, workers)
        return
    app = create_app(settings, accounts=accounts)

    bound_port = _probe(settings, port)
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    shown = f"[{settings.host}]" if family == socket.AF_INET6 else settings.host
    click.echo(f"letdown {'server mode ' if settings.multi_user else ''}is running at "
               f"http://{shown}:{bound_port}/  (Ctrl+C to stop)")
    pairing = app.state.pairing
    if unpair:
        from letdown.web.pairing import STORE_FILE, Pairing

        forgotten = (pairing or Pairing(store=settings.data_dir / STORE_FILE)).forget_all()
        click.echo(f"Forgot {forgotten} paired device{'s' if forgotten != 1 else ''}.")
    if pairing is not None:
        reach = lan_address(settings.host)
        reach = f"[{reach}]" if ":" in reach else reach
        click.echo("note: listening beyond this machine; only paired devices can use it",
                   err=True)
        show_pairing(pairing.link(f"http://{reach}:{bound_port}"), settings.data_dir)
    # Server mode reads proxy headers itself, and only when LETDOWN_TRUST_PROXY says so
    # (letdown.web.proxy); uvicorn's own reading (trusting 127.0.0.1) stays as it was
    # for the single-user app.
    config = uvicorn.Config(app, host=settings.host, port=bound_port, log_level="warning",
                            access_log=False, server_header=False,
                            proxy_headers=not settings.multi_user,
                            # uvicorn's own 5 s for the single-user app, as before
                            timeout_keep_alive=SERVER_KEEP_ALIVE_S if settings.multi_user else 5)
    try:
        uvicorn.Server(config).run()
    finally:
        if accounts is not None:
            accounts.close()


def _serve_workers(settings: Settings, port: int | None, workers: int) -> None:
    """Server mode with ``workers`` processes under uvicorn's supervisor, which shares the
    listening socket among them and starts a worker again if one dies."""
    import uvicorn

    bound_port = _probe(settings, port)
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    click.echo(f"letdown server mode is running at http://{shown}:{bound_port}/ with "
               f"{workers} workers  (Ctrl+C to stop)")
    sys.stdout.flush()
    _worker_environment(settings, bound_port)
    uvicorn.run("letdown.cli.serve:worker_app", factory=True, workers=workers,
                host=settings.host, port=bound_port, log_level="warning", access_log=False,
                server_header=False, proxy_headers=False,
                timeout_keep_alive=SERVER_KEEP_ALIVE_S)
