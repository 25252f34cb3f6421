"""A log-normal regression with censoring and a normal prior: fitted exactly, fast.

Time to let-down is modelled as log-normal (an accelerated failure time model): ::

    log T = b0 + sum_j b_j x_j + sigma * e,    e ~ Normal(0, 1)

so ``exp(b_j)`` is the factor's multiplier on the time (0.7: 30% faster). A session with
no let-down noticed is right-censored at its length: all we know is that ``log T`` was
above ``log(length)``, which enters the likelihood as ``log P(e > z)`` instead of being
dropped (dropping them would make slow sessions vanish and every factor look faster).
Volume uses the same model on ``log(mL + 1)`` with no censoring.

Each ``b_j`` has a normal prior (``letdown.insights.priors``); the intercept and
``log sigma`` get weak priors that only matter with a handful of sessions. We find the
posterior mode (penalised maximum likelihood, Newton's method with scipy's trust-region
solver and the exact gradient and Hessian) and take the normal (Laplace) approximation
around it: the inverse Hessian is the posterior covariance. This is a Bayesian normal
approximation, not sampling: for a few dozen coefficients and up to tens of thousands
of sessions it is exact to well within the uncertainty and takes milliseconds, which a
sampler (PyMC) or a general survival library (lifelines: shrinks only toward zero, and
slow to import) would not give us. ``scipy`` and ``numpy`` are imported inside ``fit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: Weak priors on the intercept (log seconds, or log mL) and on log sigma.
INTERCEPT_SD = 3.0
LOG_SIGMA_MEAN = -0.7  # sigma about 0.5 on the log scale
LOG_SIGMA_SD = 1.0


@dataclass(frozen=True)
class Fit:
    """The posterior of each coefficient (normal approximation) and the residual spread."""

    mean: tuple[float, ...]  # one per factor column (intercept not included)
    sd: tuple[float, ...]
    intercept: float
    sigma: float
    typical: float  # exp of the average linear predictor: a typical session's median
    converged: bool


def fit(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    censored: NDArray[np.bool_],
    prior_mean: NDArray[np.float64],
    prior_sd: NDArray[np.float64],
) -> Fit:
    """Fit ``y`` (log scale) on the 0/1 columns of ``x``; rows with ``censored`` only say
    the value was above ``y``. Returns the Laplace approximation of the posterior."""
    import numpy as np
    from scipy.optimize import minimize

    n, p = x.shape
    design = np.hstack([np.ones((n, 1)), x])
    mean0 = np.concatenate([[float(np.mean(y)) if n else 0.0], prior_mean, [LOG_SIGMA_MEAN]])
    sd0 = np.concatenate([[INTERCEPT_SD], prior_sd, [LOG_SIGMA_SD]])
    precision = 1.0 / sd0**2
    start = mean0.copy()
    start[0] = float(np.mean(y)) if n else 0.0
    observed = ~censored

    def parts(theta: NDArray[np.float64]) -> tuple[Any, ...]:
        from scipy.special import log_ndtr

        s = theta[-1]
        inv = np.exp(-s)
        z = (y - design @ theta[:-1]) * inv
        zc = z[censored]
        log_surv = log_ndtr(-zc)
        mills = np.exp(-0.5 * zc**2 - 0.5 * np.log(2 * np.pi) - log_surv)
        return s, inv, z, zc, log_surv, mills

    def objective(theta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        s, inv, z, zc, log_surv, mills = parts(theta)
        zo = z[observed]
        loglik = float(np.sum(-s - 0.5 * zo**2) + np.sum(log_surv))
        d_mu = np.zeros(n)
        d_mu[observed] = zo * inv
        d_mu[censored] = mills * inv
        d_s = float(np.sum(-1.0 + zo**2) + np.sum(mills * zc))
        grad = np.concatenate([design.T @ d_mu, [d_s]])
        diff = theta - mean0
        value = -loglik + 0.5 * float(np.sum(precision * diff**2))
        return value, -grad + precision * diff

    def hessian(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        _, inv, z, zc, _, mills = parts(theta)
        zo = z[observed]
        w_mm = np.zeros(n)
        w_ms = np.zeros(n)
        w_mm[observed] = -inv**2
        w_ms[observed] = -2.0 * zo * inv
        slope = mills * (mills - zc)
        w_mm[censored] = -inv**2 * slope
        w_ms[censored] = -inv * (zc * slope + mills)
        d_ss = float(np.sum(-2.0 * zo**2) + np.sum(-zc * (zc * slope + mills)))
        h = np.empty((p + 2, p + 2))
        h[:-1, :-1] = design.T @ (design * w_mm[:, None])
        cross = design.T @ w_ms
        h[:-1, -1] = cross
        h[-1, :-1] = cross
        h[-1, -1] = d_ss
        result: NDArray[np.float64] = -h + np.diag(precision)
        return result

    found = minimize(objective, start, jac=True, hess=hessian, method="trust-exact",
                     options={"gtol": 1e-6, "maxiter": 200})
    theta = found.x
    covariance = np.linalg.pinv(hessian(theta))
    # The Laplace spread uses the modal sigma, which is too small with few sessions per
    # coefficient; widen it as an unbiased variance estimate would (n / (n - k)).
    widen = np.sqrt(n / max(n - (p + 1), 1)) if n else 1.0
    sd = np.sqrt(np.clip(np.diag(covariance), 0.0, None)) * widen
    beta = theta[:-1]
    typical = float(np.exp(np.mean(design @ beta))) if n else float(np.exp(beta[0]))
    return Fit(
        mean=tuple(float(v) for v in beta[1:]),
        sd=tuple(float(v) for v in sd[1:-1]),
        intercept=float(beta[0]),
        sigma=float(np.exp(theta[-1])),
        typical=typical,
        # trust-exact may stop on "bad approximation" once the gradient is at rounding
        # level; that is converged for our purpose
        converged=bool(found.success) or float(np.max(np.abs(found.jac))) < 1e-3,
    )
