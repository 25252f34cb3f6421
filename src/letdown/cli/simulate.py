"""``letdown simulate`` and ``letdown calibrate``: thin shells over ``letdown.reflex``."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from letdown.cli.paths import SafePath

_PLOT_SUFFIXES = (".svg", ".png")


def _fmt(v: float | int | None, unit: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if unit == "count":
        return f"{v:g}" if isinstance(v, int) else f"{v:.1f}"
    return f"{v:.1f}"


def _fail(message: str) -> NoReturn:
    """Bad input: say what was wrong on stderr and exit 2 (nothing was written)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _load(path: str) -> Any:
    from letdown.reflex.scenario import ScenarioError, load

    try:
        return load(path)
    except ScenarioError as exc:
        _fail(str(exc))


def _check_writable(path: Path, flag: str, *, folder: bool = False) -> None:
    """Refuse, before any work, an output path that cannot be written.

    The parent must be an existing, writable folder (a missing folder is not created
    silently: a typo would scatter files); the path itself must not be a folder
    (or, for ``folder``, a file).
    """
    if "\x00" in str(path):
        _fail(f"{flag}: the name contains a NUL character; allowed: an ordinary file name")
    parent = path if folder and path.exists() else path.parent
    target = "folder" if folder else "file"
    if folder and path.exists() and not path.is_dir():
        _fail(f"{flag}: {path} is a file; allowed: a folder (new or existing)")
    if not folder and path.is_dir():
        _fail(f"{flag}: {path} is a folder; allowed: a file name ending in .svg or .png")
    if not parent.is_dir():
        _fail(f"{flag}: the folder {parent} does not exist; create it first or choose "
              f"another {target}")
    if not os.access(parent, os.W_OK | os.X_OK) or parent.resolve().is_relative_to("/proc"):
        _fail(f"{flag}: cannot write in {parent}; choose a place you can write to")


#: The first line of the report's README.md: a folder holding it may be written over.
_REPORT_TITLE = "# Reflex model: validation report"


def _check_report_folder(report_dir: str) -> None:
    """The report replaces README.md in its folder: never someone else's README."""
    if not report_dir.strip():
        _fail("--report: give a folder name (e.g. docs/validation)")
    folder = Path(report_dir)
    _check_writable(folder, "--report", folder=True)
    readme = folder / "README.md"
    if readme.exists() and _first_line(readme, "--report") != _REPORT_TITLE:
        _fail(f"--report: {folder} already has a README.md that is not a letdown report "
              "and the report would replace it; choose another folder")


def _first_line(path: Path, flag: str) -> str:
    """The first line of a file a report would replace (to tell our own from someone
    else's); a file that cannot be read ends the command with the reason."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().strip()
    except OSError as error:
        _fail(f"{flag}: cannot read {path}: {error.strerror or error}")


def _write_failed(flag: str, path: Path, error: OSError) -> NoReturn:
    _fail(f"{flag}: cannot write {path}: {error.strerror or error}; nothing was written")


@click.command()
@click.argument("scenario", nargs=-1, type=SafePath(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print metrics as JSON.")
@click.option("--plot", "plot_path", help="Write an SVG/PNG.")
@click.option("--population", type=click.IntRange(1, 1_000_000), help="Run N virtual parents.")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=0, show_default=True,
              help="Seed for --population (0 to 4294967295).")
@click.option("--compare", is_flag=True, help="Two scenarios side by side.")
@click.option("--days", type=click.IntRange(1, 365),
              help="Milk supply over N days (the scenario's session every day, a schedule "
                   "file, or no file: 8 pumps a day).")
def simulate(
    scenario: tuple[str, ...],
    as_json: bool,
    plot_path: str | None,
    population: int | None,
    seed: int,
    compare: bool,
    days: int | None,
) -> None:
    """Run the let-down reflex model on SCENARIO.toml (or --compare A.toml B.toml).

    With --days N (or a schedule file, see examples/schedules/) it shows milk supply day
    by day instead. The model reproduces group-level findings; it does not predict one
    person.
    """
    from letdown.cli.simulate_week import run_days, wants_days

    if not compare and wants_days(scenario, days):
        if len(scenario) > 1:
            raise click.UsageError("give at most one scenario or schedule file with --days")
        if plot_path is not None:
            if Path(plot_path).suffix.lower() not in _PLOT_SUFFIXES:
                raise click.BadParameter("the file must end in .svg or .png",
                                         param_hint="--plot")
            _check_writable(Path(plot_path), "--plot")
        run_days(scenario, days, population, seed, as_json, plot_path)
        return
    if compare and days is not None:
        raise click.UsageError("--days cannot be combined with --compare")

    from letdown.reflex.engine import simulate as run
    from letdown.reflex.metrics import METRICS

    expected = 2 if compare else 1
    if len(scenario) != expected:
        raise click.UsageError(
            "--compare needs exactly two scenario files" if compare
            else "give exactly one scenario file (or --compare A.toml B.toml)"
        )
    if plot_path is not None:
        if Path(plot_path).suffix.lower() not in _PLOT_SUFFIXES:
            raise click.BadParameter("the file must end in .svg or .png", param_hint="--plot")
        _check_writable(Path(plot_path), "--plot")
    scenarios = [_load(s) for s in scenario]

    if population is not None:
        if compare or plot_path is not None:
            raise click.UsageError("--population cannot be combined with --compare or --plot")
        _population(scenarios[0], population, seed, as_json)
        return

    traces = [run(s) for s in scenarios]
    if as_json:
        payload: Any = [t.as_dict(series=False) for t in traces]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2))
    else:
        names = [t.name for t in traces]
        width = max(len(label) + len(unit) + 3 for label, unit in METRICS.values())
        click.echo(" " * width + "".join(f"{n[:18]:>20}" for n in names))
        for key, (label, unit) in METRICS.items():
            cells = "".join(f"{_fmt(t.metrics.as_dict()[key], unit):>20}" for t in traces)
            click.echo(f"{label + ' (' + unit + ')':<{width}}{cells}")
        for t in traces:
            if t.day is not None:
                click.echo(
                    f"\n{t.name}: {int(t.day['sessions'])} sessions, "
                    f"{t.day['volume_ml']:.0f} mL removed in the day, "
                    f"{t.day['synthesised_ml']:.0f} mL synthesised, "
                    f"mean {t.day['mean_pamr']:.0f}% of available milk removed"
                )
        click.echo("\nA model of group-level physiology, not a prediction for one person.")
    if plot_path is not None:
        from letdown.reflex.plot import plot_traces

        try:
            out = plot_traces(traces, plot_path)
        except OSError as error:
            _write_failed("--plot", Path(plot_path), error)
        click.echo(f"plot written to {out}", err=True)


def _population(scenario: Any, n: int, seed: int, as_json: bool) -> None:
    from letdown.reflex.engine import simulate_population
    from letdown.reflex.hormones import HORMONE_OUTPUTS
    from letdown.reflex.metrics import MEASURED, METRICS, population_summary

    values = simulate_population(scenario, n, seed=seed, progress=not as_json)
    summary = population_summary(values)
    extra = {**MEASURED, **HORMONE_OUTPUTS}
    shown = [k for k in extra if k in values]
    summary.update(population_summary(values, shown))
    let_down = float((values["ejections"] > 0).mean())
    if as_json:
        click.echo(json.dumps({"name": scenario.name, "n": n, "seed": seed,
                               "share_with_let_down": let_down, "metrics": summary}, indent=2))
        return
    click.echo(f"{scenario.name}: {n} virtual parents (seed {seed}); "
               f"{100 * let_down:.1f}% had at least one milk ejection")
    click.echo("median and the range of the middle 90% of people (p5-p95), then mean and SD")
    cols = ("median", "p5", "p95", "mean", "sd")
    click.echo(f"{'metric':<44}" + "".join(f"{c:>9}" for c in cols))
    for key, (label, unit) in [*METRICS.items(), *((k, extra[k]) for k in shown)]:
        s = summary[key]
        row = "".join(f"{s[c]:>9.1f}" for c in cols)
        click.echo(f"{label + ' (' + unit + ')':<44}{row}")


@click.command()
@click.option("--report", "report_dir", type=SafePath(file_okay=False),
              help="Also write the Markdown validation report with plots to DIR.")
def calibrate(report_dir: str | None) -> None:
    """Run every catalogued finding the model can express: published vs simulated.

    Training and test findings are reported apart. The exit status is 1 only when a
    training finding that passed before (studies/baseline.txt) now fails; test failures
    are reported, not fatal (see letdown.reflex.calibrate)."""
    from letdown.reflex.calibrate import format_table, regressions, run

    if report_dir is not None:
        _check_report_folder(report_dir)
    calibration = run()
    results = calibration.results
    click.echo(format_table(results))
    click.echo(f"calibration took {calibration.seconds:.0f} s", err=True)
    if report_dir is not None:
        from letdown.reflex.report import write_report

        try:
            path = write_report(results, Path(report_dir))
        except OSError as error:
            _write_failed("--report", Path(report_dir), error)
        click.echo(f"report written to {path}", err=True)
    if regressions(results):
        raise SystemExit(1)
