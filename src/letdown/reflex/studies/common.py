"""What every study run shares: scenario builders, cached runs and population summaries.

Why populations: a published figure is a group's statistic (a mean with its SD, a median,
a share of women), so each check draws the same virtual group for every arm of a study
(one seed, ``N`` people, the same people in each arm) and computes that statistic. The
typical person's number is kept beside it, because it is what the explorer shows.

Why a cache: many studies share arms (a plain 15-minute pump, say); a calibration run
simulates each distinct scenario once, and a second run in the same process (the tests,
the report) reuses the runs while no parameter has changed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np

from letdown.reflex.engine import Trace, simulate, simulate_population
from letdown.reflex.params import PARAMS
from letdown.reflex.scenario import from_dict

#: the virtual group every study draws (same seed, same people in every arm)
SEED = 20261130
N = 2000

Basis = Literal["population", "typical"]


@dataclass(frozen=True)
class Outcome:
    """One study's result: the typical person, the population, and the verdict.

    ``basis`` says which decided the verdict: ``population`` normally; ``typical`` when the
    population engine cannot carry the measure yet (released oxytocin, a time course),
    and ``population_note`` then says what is missing."""

    typical: str
    population: str
    passed: bool
    basis: Basis = "population"


@dataclass(frozen=True)
class Check:
    """A runnable study: its tolerance (derived from the published spread) and its run."""

    tolerance: str
    run: Callable[[], Outcome]


def session(kind: str, minutes: float = 15.0, **extra: Any) -> dict[str, Any]:
    """A scenario mapping: ``session=`` merges into [session], the rest are sections."""
    s: dict[str, Any] = {"kind": kind, "duration_min": minutes}
    s.update(extra.pop("session", {}))
    return {"session": s, **extra}


def pump(minutes: float = 15.0, **extra: Any) -> dict[str, Any]:
    return session("pump", minutes, **extra)


def feed(minutes: float = 15.0, **extra: Any) -> dict[str, Any]:
    return session("breastfeed", minutes, **extra)


def _key(d: dict[str, Any]) -> str:
    """The scenario and every parameter's value and spread: a run is reused only while
    the model is unchanged (a fit that moves a parameter gets fresh runs)."""
    params = [(k, p.value, repr(p.spread)) for k, p in PARAMS.items()]
    return json.dumps([d, params], sort_keys=True)


@cache
def _typical(key: str) -> Trace:
    return simulate(from_dict(json.loads(key)[0]))


@cache
def _population(key: str) -> dict[str, np.ndarray]:
    return simulate_population(from_dict(json.loads(key)[0]), N, seed=SEED)


def typical(d: dict[str, Any]) -> Trace:
    """The typical person (nominal parameters) through scenario ``d`` (cached)."""
    return _typical(_key(d))


def population(d: dict[str, Any]) -> dict[str, np.ndarray]:
    """Metric arrays of the ``N`` people drawn with ``SEED`` through ``d`` (cached)."""
    return _population(_key(d))


def clear_cache() -> None:
    _typical.cache_clear()
    _population.cache_clear()


@dataclass(frozen=True)
class Dist:
    """A population's values of one statistic (NaN = not defined for that person)."""

    values: np.ndarray

    @property
    def ok(self) -> np.ndarray:
        v: np.ndarray = np.asarray(self.values, dtype=float)
        ok: np.ndarray = v[np.isfinite(v)]
        return ok

    @property
    def mean(self) -> float:
        return float(np.mean(self.ok)) if self.ok.size else math.nan

    @property
    def sd(self) -> float:
        return float(np.std(self.ok, ddof=1)) if self.ok.size > 1 else math.nan

    @property
    def median(self) -> float:
        return self.q(50)

    def q(self, pct: float) -> float:
        return float(np.percentile(self.ok, pct)) if self.ok.size else math.nan

    def share(self, test: Callable[[np.ndarray], np.ndarray]) -> float:
        """Share (0-1) of all people for whom ``test`` holds (NaN counts as not); NaN for
        an empty group."""
        v = np.asarray(self.values, dtype=float)
        if not v.size:
            return math.nan
        with np.errstate(invalid="ignore"):
            return float(np.mean(test(v)))

    def text(self, fmt: str = ".0f", unit: str = "") -> str:
        """'mean 4.0 (SD 1.9); median 4 [90%: 1-7]' with ``unit`` after each figure."""
        u = f" {unit}" if unit and not unit.startswith("%") else unit
        return (f"mean {self.mean:{fmt}}{u} (SD {self.sd:{fmt}}); median "
                f"{self.median:{fmt}}{u} [90%: {self.q(5):{fmt}}-{self.q(95):{fmt}}]")


def dist(d: dict[str, Any], metric: str) -> Dist:
    return Dist(population(d)[metric])


def ratio(a: np.ndarray, b: np.ndarray) -> Dist:
    """Per-person ratio a/b (the same people in both arms)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return Dist(np.where(b > 0, a / np.where(b > 0, b, 1.0), np.nan))


def within(v: float, lo: float, hi: float) -> bool:
    return bool(math.isfinite(v) and lo <= v <= hi)


def band(mean: float, sd: float) -> tuple[float, float]:
    """Published mean +/- 1 SD: where the simulated group's mean must fall."""
    return mean - sd, mean + sd


def sd_from_sem(sem: float, n: int) -> float:
    """A reported SEM back to the SD of the people (SD = SEM x sqrt(n))."""
    return sem * math.sqrt(n)


def diff_ci(m1: float, s1: float, n1: int, m2: float, s2: float, n2: int) -> tuple[float, float]:
    """95% interval of a difference of two group means (m2 - m1) from their SDs."""
    se = math.sqrt(s1 * s1 / n1 + s2 * s2 / n2)
    d = m2 - m1
    return d - 1.96 * se, d + 1.96 * se


def binomial_ci(k: int, n: int) -> tuple[float, float]:
    """Exact (Clopper-Pearson) 95% interval of a proportion k/n."""
    from scipy.stats import beta

    lo = 0.0 if k == 0 else float(beta.ppf(0.025, k, n - k + 1))
    hi = 1.0 if k == n else float(beta.ppf(0.975, k + 1, n - k))
    return lo, hi


def latency_after(tr: Trace, t0: float) -> float:
    after = [e - t0 for e in tr.ejection_times if e >= t0]
    return after[0] if after else math.nan


def ot_release(tr: Trace, until: float) -> float:
    """Oxytocin above baseline integrated over the session (pg/mL x s)."""
    sel = (tr.t >= 0) & (tr.t <= until)
    excess = np.clip(tr.plasma_ot[sel] - tr.plasma_ot[0], 0.0, None)
    return float(np.trapezoid(excess, tr.t[sel]))


def pct(x: float) -> str:
    return f"{100 * x:+.0f}%"


def registry() -> tuple[dict[str, Check], Callable[[str, str], Callable[[Callable[[], Outcome]],
                                                                         Callable[[], Outcome]]]]:
    """A module's table of checks and the decorator that fills it: ``@study(id, tol)``."""
    checks: dict[str, Check] = {}

    def study(fid: str, tolerance: str) -> Callable[[Callable[[], Outcome]],
                                                    Callable[[], Outcome]]:
        def add(fn: Callable[[], Outcome]) -> Callable[[], Outcome]:
            if fid in checks:
                raise ValueError(f"study {fid} registered twice")
            checks[fid] = Check(tolerance, fn)
            return fn
        return add

    return checks, study


#: a day of breastfeeds as in the 24-hour studies (C31): nine sessions
DAY_TIMES = [0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 18.0, 21.5]
