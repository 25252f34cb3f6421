"""A least-squares fit of a few weak or assumed parameters over the training findings.

The objective (documented in docs/validation/fit.md):

    J(theta) = sum over training terms of rho(r_i(theta)^2)
             + sum over fitted parameters of (log(theta_j / theta_j0) / sigma_j)^2

with ``r_i = (simulated statistic - published centre) / published half-width``: each term
is one number a training study judges (``studies.residuals``), scaled by the band the study
derives from the paper's spread, so ``|r_i| <= 1`` is a pass. ``rho`` is scipy's
``soft_l1`` loss (quadratic near zero, linear for large residuals), so one finding the model
cannot reach does not drag every parameter after it. The second sum is a weak prior: each
parameter stays near its literature value ``theta_j0`` in log space, with a width from its
evidence grade (``PRIOR_WIDTH``). The search runs in log space within the parameter's
documented bounds (its population spread's limits, or +/-20% when it has none: the ranges
of the Sobol analysis) with ``scipy.optimize.minimize`` (Powell, bounded, derivative-free).
Why not a gradient method by default: the statistics are means of counts (ejections) and
medians over a fixed group, so the objective is a fine staircase; finite differences of
``least_squares`` (still available, ``method="least_squares"``) saw flat steps and stopped
at the start, while Powell's line searches step over them.

Why so few parameters and a small group: the Sobol analysis names the influential weak and
assumed ones; each evaluation simulates every term's scenarios for ``people`` virtual
people from one seed (the same people each time, so the objective is deterministic).

Only training findings are reachable: the terms come from ``residuals.terms()``, which
keeps training ids only, and this module touches no other study or finding.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from letdown.reflex.params import PARAMS
from letdown.reflex.sensitivity import parameter_ranges
from letdown.reflex.studies import common
from letdown.reflex.studies.residuals import Term, terms

#: the influential weak/assumed parameters of the Sobol analysis that the fit moves
FITTED: tuple[str, ...] = ("self_excitation", "desensitisation", "ec50", "drive_saturation")
#: the literature values: where the search starts and the prior pulls, whatever the table
#: holds (an adopted fit puts its values in the table; a re-run still starts from these)
LITERATURE: dict[str, float] = {"self_excitation": 0.6, "desensitisation": 0.8,
                                "ec50": 15.0, "drive_saturation": 0.6}
#: prior width in log space by evidence grade (assumed: a factor of e is one SD)
PRIOR_WIDTH = {"strong": 0.1, "moderate": 0.25, "weak": 0.5, "assumed": 1.0}
PEOPLE = 300
LOSS = "soft_l1"
Method = Literal["powell", "least_squares"]


@dataclass(frozen=True)
class Fitted:
    """One parameter of a fit: where it started, its bounds and where it ended."""

    name: str
    start: float
    lo: float
    hi: float
    value: float
    evidence: str


@dataclass(frozen=True)
class FitResult:
    """The fit: parameters, the objective before and after, and each term's residual."""

    params: list[Fitted]
    objective_before: float
    objective_after: float
    residuals_before: list[tuple[str, str, float]]
    residuals_after: list[tuple[str, str, float]]
    evaluations: int
    people: int
    message: str

    @property
    def values(self) -> dict[str, float]:
        return {p.name: p.value for p in self.params}


@contextmanager
def parameters(values: dict[str, float], people: int | None = None) -> Iterator[None]:
    """Run the block with the table's ``values`` changed (and a group of ``people``)."""
    saved, saved_n = {k: PARAMS[k] for k in values}, common.N
    try:
        for k, v in values.items():
            PARAMS[k] = replace(PARAMS[k], value=float(v))
        if people is not None:
            common.N = people
            common.clear_cache()
        yield
    finally:
        PARAMS.update(saved)
        if people is not None:
            common.N = saved_n
            common.clear_cache()


def _loss(r: np.ndarray) -> np.ndarray:
    """scipy's soft_l1 on squared residuals: 2 (sqrt(1 + r^2) - 1)."""
    return np.asarray(2.0 * (np.sqrt(1.0 + r * r) - 1.0))


class Objective:
    """The residual vector and the scalar objective over ``terms`` for ``names``."""

    def __init__(self, names: tuple[str, ...] = FITTED, use: list[Term] | None = None,
                 start: dict[str, float] | None = None, prior: float = 1.0) -> None:
        self.names = names
        self.prior = prior
        self.terms = terms() if use is None else use
        self.start = start or {n: LITERATURE.get(n, PARAMS[n].value) for n in names}
        self.sigma = np.array([PRIOR_WIDTH[PARAMS[n].evidence] for n in names])
        self.evaluated: set[str] = set()
        self.calls = 0

    def values(self, z: np.ndarray) -> dict[str, float]:
        return {n: self.start[n] * math.exp(float(zi)) for n, zi in zip(self.names, z,
                                                                         strict=True)}

    def data_residuals(self, z: np.ndarray) -> np.ndarray:
        self.calls += 1
        with parameters(self.values(z)):
            out = []
            for t in self.terms:
                self.evaluated.add(t.id)
                r = t.residual()
                out.append(r if math.isfinite(r) else 10.0)
        return np.array(out)

    def residuals(self, z: np.ndarray) -> np.ndarray:
        """Data residuals then prior residuals (least_squares applies the loss to all;
        the prior residuals are small, where soft_l1 is quadratic)."""
        return np.concatenate([self.data_residuals(z), self.prior * np.asarray(z) / self.sigma])

    def value(self, z: np.ndarray) -> float:
        """J: soft_l1 of the data residuals plus the squared prior residuals."""
        prior = np.sum((self.prior * z / self.sigma) ** 2)
        return float(np.sum(_loss(self.data_residuals(z))) + prior)


def bounds(names: tuple[str, ...] = FITTED) -> list[tuple[float, float]]:
    """Each parameter's documented range (the Sobol analysis's)."""
    return [(r.lo, r.hi) for r in parameter_ranges(names)]


def fit(names: tuple[str, ...] = FITTED, people: int = PEOPLE, max_evaluations: int = 90,
        use: list[Term] | None = None, start: dict[str, float] | None = None,
        prior: float = 1.0, method: Method = "powell") -> FitResult:
    """Minimise the objective with scipy.optimize.least_squares within the bounds (``use``,
    ``start`` and ``prior``, the prior's weight, are for tests on synthetic data)."""
    from scipy.optimize import least_squares, minimize

    with parameters({}, people):
        obj = Objective(names, use, start, prior)
        x0 = np.array([obj.start[n] for n in names])
        box = bounds(names)
        lo = np.log(np.array([b[0] for b in box]) / x0)
        hi = np.log(np.array([b[1] for b in box]) / x0)
        z0 = np.clip(np.zeros(len(names)), lo + 1e-9, hi - 1e-9)
        before = obj.data_residuals(z0)
        j0 = obj.value(z0)
        if method == "least_squares":
            sol = least_squares(obj.residuals, z0, bounds=(lo, hi), loss=LOSS,
                                diff_step=0.05, max_nfev=max_evaluations)
        else:
            sol = minimize(obj.value, z0, method="Powell", bounds=list(zip(lo, hi, strict=True)),
                           options={"maxfev": max_evaluations, "xtol": 0.02, "ftol": 1e-3})
        after = obj.data_residuals(sol.x)
        j1 = obj.value(sol.x)
    fitted = [Fitted(n, obj.start[n], b[0], b[1], v, PARAMS[n].evidence)
              for (n, v), b in zip(obj.values(sol.x).items(), box, strict=True)]
    labels = [(t.id, t.label) for t in obj.terms]
    return FitResult(fitted, j0, j1,
                     [(i, lab, float(r)) for (i, lab), r in zip(labels, before, strict=True)],
                     [(i, lab, float(r)) for (i, lab), r in zip(labels, after, strict=True)],
                     obj.calls, people, str(sol.message))
