"""``letdown growth``: the baby's weights against the WHO standards, in plain words.

Reads the journal only. ``--plot FILE.svg`` also draws the growth chart; the file is
written whole or not at all (a temporary file renamed into place), and a bad path is
refused before anything is computed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from letdown.cli.common import fail, now_utc, open_journal, resolve_baby, zone


def _check_plot_path(plot: str) -> Path:
    """The SVG path, or a clear refusal (exit 2) when it cannot be written."""
    path = Path(plot).expanduser()
    if path.suffix.lower() != ".svg":
        fail(f"--plot: {plot!r} does not end in .svg; allowed: a file name ending in .svg, "
             "e.g. --plot growth.svg")
    if path.is_dir():
        fail(f"--plot: {plot!r} is a folder; give a file name ending in .svg")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        fail(f"--plot: the folder {str(parent)!r} does not exist; create it first or pick "
             "another place")
    if not os.access(parent, os.W_OK):
        fail(f"--plot: cannot write in {str(parent)!r}; pick a folder you can write to")
    return path


def _write_atomically(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".growth-", suffix=".svg")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@click.command()
@click.option("--baby", "baby_given", help="Which baby (name or id); default: the only one.")
@click.option("--plot", help="Also draw the growth chart into this .svg file.")
def growth(baby_given: str | None, plot: str | None) -> None:
    """How the baby is growing, against the WHO Child Growth Standards."""
    from letdown.growth.assess import growth_of
    from letdown.growth.words import describe, source_line

    path = _check_plot_path(plot) if plot is not None else None
    today = now_utc().astimezone(zone()).date()
    with open_journal() as journal:
        baby_id = resolve_baby(journal, baby_given, required=True)
        assert baby_id is not None
        baby = journal.get_baby(baby_id)
        weights, diapers = journal.list_weights(baby_id), journal.list_diapers(baby_id)
        g = growth_of(baby, weights, diapers, today)
    if path is not None and g.sex is None:
        fail("--plot: the chart needs the baby's sex (WHO's charts differ for girls and "
             f"boys); set it with `letdown baby edit {baby.id} --sex female` (or male)",
             "Nothing was written.")
    for line in describe(g):
        click.echo(line)
    if g.points:
        from letdown.growth.words import point_line

        click.echo("\nWeights:")
        for p in g.points:
            click.echo("  " + point_line(p))
    click.echo("\n" + source_line())
    from letdown.evidence import load_evidence
    from letdown.trends.findings import find_trends, render

    found = find_trends([], [baby], weights, diapers, today, load_evidence())
    if found:
        click.echo("\nWhen to get help:")
        click.echo(render(found))
    elif g.points or g.diapers:
        click.echo("A percentile compares with healthy breastfed babies; nothing in these "
                   "weights or diaper counts needs a professional right now.")
    if path is not None and g.sex is not None:
        from letdown.growth.chart import growth_svg

        _write_atomically(path, growth_svg(g, g.sex, f"{g.name}: weight on WHO's chart"))
        click.echo(f"Chart written to {path}")
