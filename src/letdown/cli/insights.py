"""``letdown insights``: what seems to help *you*, in plain words, then the numbers.

Reads every session (or the last ``--days``), estimates each factor's effect on time to
let-down and on volume (``letdown.insights``), and prints one line per factor: what
helps first, then what slows, then what needs more sessions. ``--plot FILE.svg`` also
writes the forest plot; ``--json`` prints the figures for other tools.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from letdown.cli.common import fail, now_utc, open_journal, print_json, refuse_live_journal, zone

if TYPE_CHECKING:
    from letdown.journal.service import Journal


def _trend_plain(finding: Any) -> dict[str, Any]:
    """One trend finding as JSON: what, how serious, why, what to say, and the source."""
    return {"id": finding.id, "level": finding.level.value, "urgent": finding.urgent,
            "text": finding.text, "evidence": finding.evidence,
            "what_to_say": finding.what_to_say, "baby": finding.baby,
            "source": finding.source, "grade": finding.grade.value}


def _plot_path(value: str | None) -> Path | None:
    """Check ``--plot`` before any work: an .svg file in a folder that exists."""
    if value is None:
        return None
    if not value.strip() or "\x00" in value:
        fail("--plot: empty file name; allowed: a file name ending in .svg, e.g. effects.svg")
    path = Path(value).expanduser()
    if path.suffix.lower() != ".svg":
        fail(f"--plot: {value!r} does not end in .svg; allowed: a file name ending in .svg, "
             "e.g. effects.svg")
    if path.is_dir():
        fail(f"--plot: {value!r} is a folder; allowed: a file name ending in .svg")
    if not path.parent.is_dir():
        fail(f"--plot: the folder {str(path.parent)!r} does not exist; create it or choose "
             "another")
    refuse_live_journal(path, "--plot")
    return path


@click.command()
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help="Only the sessions of the last N days (default: all).")
@click.option("--plot", "plot", metavar="FILE.svg", default=None,
              help="Also write the forest plot (SVG) to this file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def insights(days: int | None, plot: str | None, as_json: bool) -> None:
    """What seems to help you, and how sure that is (from your own sessions)."""
    from letdown.evidence import load_evidence
    from letdown.insights.effects import estimate
    from letdown.insights.plain import as_plain
    from letdown.insights.words import lines, summary

    target = _plot_path(plot)
    since = now_utc() - dt.timedelta(days=days) if days else None
    tz = zone()
    from letdown.trends.findings import find_trends, render

    evidence = load_evidence()
    today = now_utc().astimezone(tz).date()
    with open_journal() as journal:
        sessions = journal.list_sessions(since=since, newest_first=False)
        running = _experiment_line(journal)
        # trends look at the last two weeks and the babies' growth, whatever --days says
        recent = journal.list_sessions(since=now_utc() - dt.timedelta(days=21))
        trends = find_trends(recent, journal.list_babies(), journal.list_weights(),
                             journal.list_diapers(), today, evidence)
    found = estimate(sessions, evidence, tz)
    if as_json:
        print_json({**as_plain(found), "trends": [_trend_plain(t) for t in trends]})
    else:
        if trends:  # a trend that needs someone comes first, before what helps
            click.echo("When a trend needs help\n")
            click.echo(render(trends) + "\n")
        click.echo("What works for you\n")
        click.echo(summary(found))
        if running:
            click.echo("\n" + running)
        shown = lines(found)
        if shown:
            click.echo("")
        for item in shown:
            click.echo(f"- {item.text}")
            for note in item.notes:
                click.echo(f"    Note: {note}")
        if found.sessions:
            click.echo("\nTo find out for sure whether one technique helps you, run an "
                       "experiment: `letdown experiment start TECHNIQUE`.")
    if target is not None:
        _write_plot(found, target)


def _experiment_line(journal: Journal) -> str | None:
    """The running experiment in one line (what to do next), when one is running."""
    from letdown.cli.experiment import current
    from letdown.insights.experiment_words import next_session

    found = current(journal)
    if found is None:
        return None
    upcoming = next_session(found)
    return (f"An experiment is running ({found.experiment.label}, {found.done} of "
            f"{found.experiment.planned} sessions done"
            + (f"). {upcoming}" if upcoming else ").")
            + " `letdown experiment status` says more.")


def _write_plot(found: Any, target: Path) -> None:
    from letdown.insights.plot import forest_svg

    svg = forest_svg(found)
    if svg is None:
        click.echo("\nNo plot yet: no factor has enough sessions with and without it.",
                   err=True)
        return
    try:
        target.write_text(svg, encoding="utf-8")
    except OSError as error:
        fail(f"--plot: cannot write {str(target)!r} ({error.strerror or error}); choose "
             "another file")
    click.echo(f"\nForest plot written to {target}.")
