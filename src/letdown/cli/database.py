"""``letdown db``: database maintenance (schema upgrades)."""

from __future__ import annotations

import click


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command()
def upgrade() -> None:
    """Bring the database schema up to date (letdown also does this on open)."""
    from letdown.cli.common import fail
    from letdown.cli.settings import _redact
    from letdown.config import load_settings
    from letdown.journal.store import current_revision, open_engine
    from letdown.journal.store import upgrade as run_upgrade

    settings = load_settings()
    try:
        engine = open_engine(settings, auto_upgrade=False)
        before = current_revision(engine)
        run_upgrade(engine)
        after = current_revision(engine)
    except Exception as error:
        fail(f"cannot upgrade {_redact(settings.effective_database_url)}: {error}")
    engine.dispose()
    where = _redact(settings.effective_database_url)
    if before == after:
        click.echo(f"{where} is up to date (revision {after})")
    else:
        click.echo(f"upgraded {where} from revision {before or 'none'} to {after}")


@db.command()
def current() -> None:
    """Show the database's schema revision."""
    from letdown.cli.settings import _redact
    from letdown.config import load_settings
    from letdown.journal.migrations.head import HEAD_REVISION
    from letdown.journal.store import current_revision, open_engine

    settings = load_settings()
    engine = open_engine(settings, auto_upgrade=False)
    revision = current_revision(engine)
    engine.dispose()
    state = "up to date" if revision == HEAD_REVISION else f"behind (latest is {HEAD_REVISION})"
    click.echo(f"{_redact(settings.effective_database_url)}: revision {revision or 'none'}, "
               f"{state}")
