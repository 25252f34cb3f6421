"""``letdown where``: the paths and database in use."""

from __future__ import annotations

import json

import click

from letdown.config import default_config_file


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def where(as_json: bool) -> None:
    """Show the data directory, config file and database letdown uses."""
    from letdown.cli.common import current_settings

    settings = current_settings()
    config = default_config_file()
    info = {
        "data_dir": str(settings.data_dir),
        "config_file": str(config) + ("" if config.exists() else " (not present)"),
        "database": redact(settings.effective_database_url),
        "media_dir": str(settings.media_dir),
    }
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    width = max(len(k) for k in info)
    for key, value in info.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value}")


def redact(url: str) -> str:
    """Hide a password in a database URL before printing it."""
    import re

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # not a URL at all: still never show what looks like a password
        return re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", url)

