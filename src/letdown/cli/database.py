"""``letdown db``: database maintenance (schema upgrades)."""

from __future__ import annotations

import click


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command()
def upgrade() -> None:
    """Bring the database schema up to date (letdown also does this on open).

    A journal made by a newer letdown is never changed: upgrade letdown instead.
    """
    from letdown.cli.common import current_settings, fail_fault
    from letdown.cli.settings import redact
    from letdown.journal.store import current_revision, open_engine
    from letdown.journal.store import upgrade as run_upgrade

    settings = current_settings()
    where = redact(settings.effective_database_url)
    try:
        engine = open_engine(settings, auto_upgrade=False)
        before = current_revision(engine)
        run_upgrade(engine)
        after = current_revision(engine)
    except Exception as error:
        fail_fault(error, settings)
    engine.dispose()
    if before == after:
        click.echo(f"{where} is up to date (revision {after})")
    else:
        click.echo(f"upgraded {where} from revision {before or 'none'} to {after}")


@db.command()
def current() -> None:
    """Show the database's schema revision: up to date, behind (letdown upgrades it on
    open) or ahead (made by a newer letdown: upgrade letdown)."""
    from letdown.cli.common import current_settings, fail_fault
    from letdown.cli.settings import redact
    from letdown.journal.migrations.head import HEAD_REVISION
    from letdown.journal.store import current_revision, open_engine, revision_status

    settings = current_settings()
    try:
        engine = open_engine(settings, auto_upgrade=False)
        revision = current_revision(engine)
    except Exception as error:
        fail_fault(error, settings)
    engine.dispose()
    state = {
        "current": "up to date",
        "empty": f"empty (letdown creates revision {HEAD_REVISION} on first use)",
        "behind": f"behind (latest is {HEAD_REVISION}; letdown upgrades it when it opens it)",
        "ahead": f"ahead: this journal was made by a newer letdown (revision {revision}); "
                 "upgrade letdown",
    }[revision_status(revision)]
    click.echo(f"{redact(settings.effective_database_url)}: revision {revision or 'none'}, "
               f"{state}")
