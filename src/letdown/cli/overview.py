"""``letdown overview``: the journal at a glance (what ``./run`` shows).

Recent sessions, how many there are, and how the time to the first let-down
has moved week by week. On first run, a friendly word on how to start.
"""

from __future__ import annotations

import click

from letdown.cli.common import now_utc, open_journal, zone

FIRST_RUN = """\
Welcome to letdown.

Nothing is recorded yet. To log your first feed or pumping session, run:

    letdown log            (it asks a few short questions; Enter accepts the default)

or all at once, e.g.:

    letdown log --kind pump --sides both --minutes 20 --letdown 1:30 --left-ml 40 --right-ml 35

Everything stays in one private file on this computer (see `letdown where`).
`letdown --help` lists every command.
"""

NOT_A_DIAGNOSIS = (
    "letdown is not a diagnosis. Fever with a painful breast, a baby not gaining weight or "
    "with few wet diapers, or heavy bleeding: contact a professional."
)


@click.command()
@click.option("--recent", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many recent sessions to show.")
def overview(recent: int) -> None:
    """Recent sessions at a glance, with the let-down trend."""
    import datetime as dt

    from letdown.journal.quicklist import (
        SessionLine,
        fast_overview,
        resolve_fast_settings,
        shown_names,
    )
    from letdown.journal.summary import trend_words, weekly_letdown
    from letdown.journal.when import local_text, local_zone, mmss

    now = now_utc()
    since = now - dt.timedelta(days=28)
    fast = resolve_fast_settings()
    found = fast_overview(fast.sqlite_path, since=since, recent=recent) if fast else None
    if fast is not None and found is not None:
        try:
            tz = local_zone(fast.timezone)
        except ValueError:
            tz = zone()
        total, month, latest, babies = found
    else:
        tz = zone()
        with open_journal() as journal:
            total = journal.count_sessions()
            records = journal.list_babies()
            babies = [b.name for b in records]
            named = shown_names((b.id, b.name) for b in records)
            month = [SessionLine.of(s, named) for s in journal.list_sessions(since=since)]
            latest = [SessionLine.of(s, named) for s in journal.list_sessions(limit=recent)]
    if total == 0:
        click.echo(FIRST_RUN + "\n" + NOT_A_DIAGNOSIS)
        return
    last_week = sum(1 for s in month if s.start >= now - dt.timedelta(days=7))
    click.echo(f"letdown: {total} sessions recorded, {last_week} in the last 7 days"
               + (f"; babies: {', '.join(babies)}" if babies else ""))
    weeks = weekly_letdown(month, now=now)
    click.echo("\nTime to the first let-down (median per week):")
    for label, week in zip(("this week", "last week", "2 weeks ago", "3 weeks ago"), weeks,
                           strict=False):
        shown = mmss(week.median_s) if week.median_s is not None else "-"
        click.echo(f"  {label:<12} {shown:>6}   ({week.sessions} with a let-down noted)")
    trend = trend_words(weeks)
    click.echo(f"  This week is {trend}." if trend else
               "  Not enough let-downs noted yet to see a trend (3 a week are needed).")
    click.echo("\nRecent sessions:")
    for s in latest:
        first = s.first_letdown_s()
        volume = "" if s.total_ml is None else f", {s.total_ml:g} mL"
        click.echo(f"  {s.id:>5}  {local_text(s.start, tz)}  {s.kind.replace('_', ' ')}"
                   f" ({s.sides}), {s.duration_s / 60:.0f} min, let-down "
                   f"{mmss(first) if first is not None else 'not noted'}{volume}")
    click.echo("\n`letdown sessions` lists more; `letdown log` records a new one.")
    click.echo(NOT_A_DIAGNOSIS)
