"""``letdown sensitivity``: which of the reflex model's parameters shape what it says.

A thin shell over ``letdown.reflex.sensitivity`` (Sobol indices with SALib). Everything
heavy (NumPy, SciPy, SALib, matplotlib) is imported only once the options are checked, so
``letdown --help`` stays fast and a bad option is refused at once.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from letdown.cli.paths import SafePath
from letdown.cli.simulate import _check_writable, _fail, _first_line, _write_failed

#: kept in step with letdown.reflex.sensitivity (a test checks), so that --help and the
#: option checks need no NumPy
METRICS = ("time_to_first_ejection_s", "ejections", "volume_ml", "pamr", "ot_pulses",
           "peak_ot_pg_ml", "peak_prl_ng_ml")
SCENARIOS = ("calm-pump", "breastfeed", "stressed-pump")


def _check_options(samples: int, scenarios: tuple[str, ...], metrics: tuple[str, ...],
                   threshold: float) -> None:
    if samples < 4 or samples & (samples - 1):
        _fail(f"--samples: must be a power of 2, at least 4 (got {samples}); "
              "e.g. 64 for a quick look, 1024 or 2048 for the report")
    for name in scenarios:
        if name not in SCENARIOS:
            _fail(f"--scenario: unknown scenario {name!r}; allowed: {', '.join(SCENARIOS)}")
    for name in metrics:
        if name not in METRICS:
            _fail(f"--metric: unknown metric {name!r}; allowed: {', '.join(METRICS)}")
    if not 0.0 < threshold < 1.0:
        _fail(f"--threshold: must be between 0 and 1 (got {threshold:g}); e.g. 0.01")
    if importlib.util.find_spec("SALib") is None:
        _fail("the sensitivity analysis needs SALib, which is not installed; "
              "install it with: pip install 'letdown[sensitivity]'")


def _check_report(report_dir: str) -> Path:
    """The folder must be writable; an existing page is written over only if it is ours."""
    from letdown.reflex.sensitivity_report import PAGE, TITLE

    if not report_dir.strip():
        _fail("--report: give a folder name (e.g. docs/validation)")
    folder = Path(report_dir)
    _check_writable(folder, "--report", folder=True)
    page = folder / PAGE
    if page.is_dir():
        _fail(f"--report: {page} is a folder; choose another folder for the report")
    if page.exists() and _first_line(page, "--report") != TITLE:
        _fail(f"--report: {page} exists and is not a sensitivity report; "
              "choose another folder so it is not overwritten")
    return folder


@click.command()
@click.option("--samples", type=click.IntRange(1, 8192), default=256, show_default=True,
              help="Base samples N, a power of 2 (a scenario runs N x (parameters + 2) "
              "sessions).")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=0, show_default=True,
              help="Seed of the Sobol sequence and of the bootstrap intervals.")
@click.option("--scenario", "scenarios", multiple=True,
              help=f"Scenario to analyse (repeatable; default all: {', '.join(SCENARIOS)}).")
@click.option("--metric", "metrics", multiple=True,
              help="Metric to analyse (repeatable; default all seven headline metrics).")
@click.option("--threshold", type=float, default=0.01, show_default=True,
              help="Total index under which a parameter counts as mattering for nothing.")
@click.option("--top", type=click.IntRange(1, 100), default=8, show_default=True,
              help="Parameters shown per metric in the terminal.")
@click.option("--report", "report_dir", type=SafePath(file_okay=False),
              help="Also write sensitivity.md and sobol-*.svg plots to DIR.")
def sensitivity(samples: int, seed: int, scenarios: tuple[str, ...], metrics: tuple[str, ...],
                threshold: float, top: int, report_dir: str | None) -> None:
    """Sobol indices: which model parameters change each headline metric, and by how much."""
    _check_options(samples, scenarios, metrics, threshold)
    folder = _check_report(report_dir) if report_dir is not None else None

    from tqdm import tqdm

    from letdown.reflex.sensitivity import run_scenario
    from letdown.reflex.sensitivity_report import format_table

    chosen_metrics = tuple(dict.fromkeys(metrics)) or METRICS
    results = []
    for name in tuple(dict.fromkeys(scenarios)) or SCENARIOS:
        with tqdm(desc=name, unit="sessions", leave=False, disable=None) as bar:

            def progress(done: int, total: int, bar: tqdm = bar) -> None:
                bar.total = total
                bar.update(done - bar.n)

            results.append(run_scenario(name, samples, seed, chosen_metrics, progress))
    click.echo(format_table(results, top, threshold))
    if folder is not None:
        from letdown.reflex.sensitivity_report import write_report

        try:
            page = write_report(results, folder, seed, threshold)
        except OSError as error:
            _write_failed("--report", folder, error)
        click.echo(f"report written to {page}", err=True)
