"""Global sensitivity analysis of the reflex model: Sobol indices with SALib.

Why: a parameter table of sixty numbers is only honest if we know which of them shape what the
model says. A Sobol analysis varies every parameter at once over its plausible range and splits
the variance of each headline metric into the share each parameter explains alone (first
order, S1) and with all its interactions (total, ST). A parameter whose total index is tiny
for every metric in every scenario does nothing the model's outputs can show, and has no place
in a table that claims each number matters.

How the ranges are chosen (``parameter_ranges``): a parameter that varies between people is
sampled from its documented population spread (lognormal or normal, truncated at the table's
bounds, or uniform); one without a spread from +/-20% of its nominal value (``RELATIVE_RANGE``),
uniformly. SALib's Saltelli/Sobol sampler works in quantile space [0, 1] and each column is
mapped through its parameter's inverse distribution.

How the model is run: every sampled parameter set is one person of a population, so one call
of the population engine runs thousands of sets at once. The parameter table is swapped, for
the duration of the run, for one value per person (``_table_values``); the engine's
``seed=None`` then gives each person the table's value instead of a draw.

Parameters the engine shares by everyone in a run (what the scenario's inputs mean: the
pump's removal by its settings, stress events, alcohol, nicotine, drugs, techniques, doses)
cannot differ between people in one run, so they are not in this analysis
(``not_analysed``). The nipple stimulation is in it: the drive it feeds is computed with
arrays, so each person gets their own. Neither are the
ejection thresholds, which define a metric rather than describe the body.

A session with no milk ejection has no time to first ejection; it is counted as if the first
ejection came at the end of the session (censored at the session length), so that "no
ejection" ranks as the latest possible one instead of being dropped.

Pure: no files, no printing. SALib and scipy are imported inside the functions, so importing
this module is cheap and the CLI starts fast. Not thread-safe while a run is under way (the
parameter table is module state); the web app never calls it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, cast

import numpy as np

from letdown.reflex.params import PARAMS, FloatArray
from letdown.reflex.scenario import Scenario
from letdown.reflex.sensitivity_setup import (
    ANALYSED,
    DEFINITIONS,
    INERT_THRESHOLD,
    KEPT,
    METRIC_LABELS,
    METRICS,
    RELATIVE_RANGE,
    REMOVED,
    SCENARIOS,
    SensitivityError,
    not_analysed,
    scenario,
)

# ---------------------------------------------------------------------------------------
# ranges
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Range:
    """Where a parameter is sampled: ``kind`` lognormal/normal/uniform, with the truncation
    bounds; ``why`` says whether it is the documented spread or the +/-20% default."""

    name: str
    kind: str
    centre: float
    width: float  # cv (lognormal), sd (normal); unused for uniform
    lo: float
    hi: float
    why: str

    def values(self, u: FloatArray) -> FloatArray:
        """Map quantiles ``u`` in [0, 1] to parameter values (inverse truncated CDF)."""
        from scipy.special import ndtr, ndtri

        u = np.clip(np.asarray(u, dtype=float), 1e-12, 1.0 - 1e-12)
        if self.kind == "uniform":
            return self.lo + u * (self.hi - self.lo)
        if self.kind == "lognormal":
            sigma = math.sqrt(math.log1p(self.width**2))
            mu = math.log(self.centre)
            a, b = (math.log(self.lo) - mu) / sigma, (math.log(self.hi) - mu) / sigma
        else:
            sigma, mu = self.width, self.centre
            a, b = (self.lo - mu) / sigma, (self.hi - mu) / sigma
        fa, fb = float(ndtr(a)), float(ndtr(b))
        z = ndtri(fa + u * (fb - fa))
        out = np.exp(mu + sigma * z) if self.kind == "lognormal" else mu + sigma * z
        return cast(FloatArray, np.clip(out, self.lo, self.hi))


def parameter_ranges(names: tuple[str, ...] = ANALYSED) -> list[Range]:
    """The sampling range of each parameter: its documented spread, or +/-20%."""
    out = []
    for name in names:
        p = PARAMS[name]
        if p.spread is not None:
            s = p.spread
            out.append(Range(name, s.kind, p.value, s.width, s.lo, s.hi,
                             f"population spread: {s.kind} {s.width:g} in [{s.lo:g}, {s.hi:g}]"))
        else:
            lo, hi = p.value * (1 - RELATIVE_RANGE), p.value * (1 + RELATIVE_RANGE)
            out.append(Range(name, "uniform", p.value, 0.0, lo, hi,
                             f"no spread documented: uniform {lo:.3g}-{hi:.3g} "
                             f"(+/-{RELATIVE_RANGE:.0%})"))
    return out


# ---------------------------------------------------------------------------------------
# the generic Sobol wrapper
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indices:
    """Sobol indices of one output: first order and total, each with the half-width of its
    95% bootstrap confidence interval. ``constant``: the output did not vary at all, so
    nothing explains any of its (zero) variance and every index is 0."""

    output: str
    names: tuple[str, ...]
    s1: FloatArray
    s1_conf: FloatArray
    st: FloatArray
    st_conf: FloatArray
    constant: bool = False

    def ranked(self) -> list[int]:
        """Parameter positions by total index, largest first (ties by name)."""
        return sorted(range(len(self.names)), key=lambda i: (-self.st[i], self.names[i]))


def check_samples(n: int) -> None:
    """Sobol sequences keep their balance only for a power of two base samples."""
    if n < 4 or n & (n - 1):
        raise SensitivityError(
            f"samples must be a power of 2, at least 4 (got {n}); e.g. 64, 256 or 1024"
        )


def sample(bounds: list[tuple[float, float]], n: int, seed: int) -> FloatArray:
    """Saltelli/Sobol sample of ``n`` base points: n x (d + 2) rows (no second order)."""
    from SALib.sample import sobol as sobol_sample

    check_samples(n)
    problem = _problem(bounds)
    return cast(FloatArray, sobol_sample.sample(problem, n, calc_second_order=False,
                                                 scramble=True, seed=seed))


def analyse(names: tuple[str, ...], bounds: list[tuple[float, float]],
            outputs: dict[str, FloatArray], seed: int) -> dict[str, Indices]:
    """Sobol indices of each output (rows ordered as ``sample`` made them)."""
    from SALib.analyze import sobol as sobol_analyse

    problem = _problem(bounds, names)
    out = {}
    for key, y in outputs.items():
        y = np.asarray(y, dtype=float)
        if not np.all(np.isfinite(y)):
            raise SensitivityError(f"{key}: the model gave a missing value; censor it first")
        d = len(names)
        if float(np.ptp(y)) <= 1e-12 * max(1.0, float(np.max(np.abs(y)))):
            zero = np.zeros(d)
            out[key] = Indices(key, names, zero, zero, zero, zero, constant=True)
            continue
        res = sobol_analyse.analyze(problem, y, calc_second_order=False, num_resamples=200,
                                    conf_level=0.95, print_to_console=False, seed=seed)
        s1, s1_conf, st, st_conf = (np.asarray(res[k], dtype=float)
                                    for k in ("S1", "S1_conf", "ST", "ST_conf"))
        out[key] = Indices(key, names, s1, s1_conf, st, st_conf)
    return out


def sobol(names: tuple[str, ...], bounds: list[tuple[float, float]],
          evaluate: Callable[[FloatArray], dict[str, FloatArray]], n: int,
          seed: int = 0) -> dict[str, Indices]:
    """Sample, evaluate (sample matrix -> output name -> values) and analyse."""
    x = sample(bounds, n, seed)
    return analyse(names, bounds, evaluate(x), seed)


def _problem(bounds: list[tuple[float, float]],
             names: tuple[str, ...] | None = None) -> dict[str, Any]:
    labels = list(names) if names is not None else [f"x{i}" for i in range(len(bounds))]
    return {"num_vars": len(bounds), "names": labels, "bounds": [list(b) for b in bounds]}


# ---------------------------------------------------------------------------------------
# the model
# ---------------------------------------------------------------------------------------


@contextmanager
def _table_values(values: dict[str, np.ndarray]) -> Iterator[None]:
    """Give each named parameter one value per person while the block runs."""
    saved = {name: PARAMS[name] for name in values}
    try:
        for name, v in values.items():
            PARAMS[name] = replace(PARAMS[name], value=cast(Any, v))
        yield
    finally:
        PARAMS.update(saved)


@dataclass(frozen=True)
class ScenarioResult:
    """The analysis of one scenario: indices per metric, and how it was run."""

    scenario: str
    samples: int  # base samples N
    runs: int  # sessions simulated: N x (parameters + 2)
    censored: int  # sessions with no ejection (time to first ejection censored)
    session_s: float
    indices: dict[str, Indices]


def model_outputs(scn: Scenario, ranges: list[Range], u: FloatArray, chunk: int = 4096,
                  on_chunk: Callable[[int], None] | None = None) -> dict[str, FloatArray]:
    """Run the population engine once per row of quantiles ``u``; metrics per row, with the
    time to first ejection censored at the session length."""
    from letdown.reflex.engine import simulate_population

    rows = u.shape[0]
    parts: list[dict[str, np.ndarray]] = []
    for lo in range(0, rows, chunk):
        hi = min(rows, lo + chunk)
        values = {r.name: r.values(u[lo:hi, j]).astype(np.float32)
                  for j, r in enumerate(ranges)}
        with _table_values(values):
            part = simulate_population(scn, hi - lo, seed=None, chunk=hi - lo)
        parts.append(part)
        if on_chunk is not None:
            on_chunk(hi)
    out = {key: np.concatenate([p[key] for p in parts]).astype(float) for key in METRICS}
    ttfe = out["time_to_first_ejection_s"]
    out["time_to_first_ejection_s"] = np.where(np.isnan(ttfe), _session_s(scn), ttfe)
    return out


def _session_s(scn: Scenario) -> float:
    return float(scn.session.duration_min) * 60.0


def run_scenario(name: str, n: int, seed: int = 0, metrics: tuple[str, ...] = METRICS,
                 on_chunk: Callable[[int, int], None] | None = None) -> ScenarioResult:
    """Sobol indices of the metrics in one built-in scenario, ``n`` base samples."""
    check_samples(n)
    for m in metrics:
        check_metric(m)
    scn = scenario(name)
    ranges = parameter_ranges()
    names = tuple(r.name for r in ranges)
    bounds = [(0.0, 1.0)] * len(ranges)
    u = sample(bounds, n, seed)
    progress = None if on_chunk is None else (lambda done: on_chunk(done, u.shape[0]))
    out = model_outputs(scn, ranges, u, on_chunk=progress)
    censored = int(np.sum(out["ejections"] == 0))
    chosen = {m: out[m] for m in metrics}
    return ScenarioResult(name, n, int(u.shape[0]), censored, _session_s(scn),
                          analyse(names, bounds, chosen, seed))


def check_metric(name: str) -> None:
    if name not in METRICS:
        raise SensitivityError(f"unknown metric {name!r}; allowed: {', '.join(METRICS)}")


def inert(results: list[ScenarioResult], threshold: float = INERT_THRESHOLD) -> list[str]:
    """Parameters whose total index is below ``threshold`` for every metric in every
    scenario (upper end of the interval, so a noisy estimate is not taken for zero)."""
    if not results:
        return []
    names = next(iter(results[0].indices.values())).names
    quiet = []
    for i, name in enumerate(names):
        if all(float(ix.st[i] + ix.st_conf[i]) < threshold
               for r in results for ix in r.indices.values()):
            quiet.append(name)
    return quiet


#: the analysis as one public interface: the choices (``sensitivity_setup``) and the runs
__all__ = [
    "ANALYSED", "DEFINITIONS", "INERT_THRESHOLD", "KEPT", "METRICS", "METRIC_LABELS",
    "RELATIVE_RANGE", "REMOVED", "SCENARIOS", "Indices", "Range", "ScenarioResult",
    "SensitivityError", "analyse", "check_metric", "check_samples", "inert",
    "model_outputs", "not_analysed", "parameter_ranges", "run_scenario", "sample",
    "scenario", "sobol",
]
