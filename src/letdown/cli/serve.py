"""``letdown serve``: run the local web app with uvicorn and print its URL."""

from __future__ import annotations

import sys

import click


def _host(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a host no machine can have: an empty one would listen on every network."""
    if value is not None and (not value.strip() or any(c.isspace() or c == "\x00" for c in value)):
        raise click.BadParameter(
            f"{value!r} is not an address; allowed: an address of this machine such as "
            "127.0.0.1 (the default) or 0.0.0.0 for every network", ctx, param)
    return value


@click.command()
@click.option("--host", default=None, callback=_host,
              help="Address to listen on (default: settings.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port (default: settings.port, 8765; 0 picks a free one).")
def serve(host: str | None, port: int | None) -> None:
    """Start the local web app and print its URL (Ctrl+C stops it).

    It listens on 127.0.0.1 unless told otherwise: the journal is private, so
    other devices can reach it only if you choose a different --host.
    """
    import socket

    import uvicorn

    from letdown.config import load_settings
    from letdown.web.app import create_app

    overrides: dict[str, object] = {}
    if host is not None:
        overrides["host"] = host
    if port:
        overrides["port"] = port
    settings = load_settings(**overrides)
    app = create_app(settings)

    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Check the address first, to say plainly when it is taken (and to learn the
        # port when 0 asks for a free one). uvicorn then binds it itself, which also
        # sets TCP_NODELAY on connections (a socket handed to it does not get it).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, 0 if port == 0 else settings.port))
        except OSError as error:
            unknown = isinstance(error, socket.gaierror)
            click.echo(
                f"error: cannot listen on {settings.host}:{settings.port}: {error.strerror}; "
                + ("choose another --host (an address of this machine)" if unknown
                   else "choose another --port (or LETDOWN_PORT)"), err=True)
            sys.exit(2)
        bound_port = probe.getsockname()[1]
    shown = f"[{settings.host}]" if family == socket.AF_INET6 else settings.host
    click.echo(f"letdown is running at http://{shown}:{bound_port}/  (Ctrl+C to stop)")
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("warning: listening beyond this machine; anyone on the network can reach it",
                   err=True)
    config = uvicorn.Config(app, host=settings.host, port=bound_port, log_level="warning",
                            access_log=False, server_header=False)
    uvicorn.Server(config).run()
