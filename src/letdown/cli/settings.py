"""``letdown where``: the paths and database in use."""

from __future__ import annotations

import json

import click

from letdown.config import default_config_file, load_settings


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def where(as_json: bool) -> None:
    """Show the data directory, config file and database letdown uses."""
    settings = load_settings()
    config = default_config_file()
    info = {
        "data_dir": str(settings.data_dir),
        "config_file": str(config) + ("" if config.exists() else " (not present)"),
        "database": _redact(settings.effective_database_url),
        "media_dir": str(settings.media_dir),
    }
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    width = max(len(k) for k in info)
    for key, value in info.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value}")


def _redact(url: str) -> str:
    """Hide a password in a database URL before printing it."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
