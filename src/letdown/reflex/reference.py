"""High-accuracy reference: the same equations integrated by scipy's adaptive ``solve_ivp``.

Slow (one person at a time, tight tolerances) but independent of the fast engine's step, so
tests and the benchmark can check the engine against it: every metric must agree within 1%.
Events are detected on a dense 0.1 s resampling with the same hysteresis definitions
(``metrics.crossings``). scipy is imported here only, never at package import.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import numpy as np

from letdown.reflex import model, resting
from letdown.reflex.dosing import dosed_schedule
from letdown.reflex.engine import _setup, available_at_touch
from letdown.reflex.metrics import Metrics, from_series
from letdown.reflex.scenario import Scenario, ScenarioError

IX = model.IDX


def one_person(p: model.People, i: int) -> model.People:
    """Person ``i`` of a population, with plain floats (the reference runs one at a time)."""
    changes: dict[str, Any] = {"n": 1}
    for f in fields(p):
        v = getattr(p, f.name)
        if isinstance(v, np.ndarray):
            changes[f.name] = float(v[i]) if v.ndim else float(v)
    return replace(p, **changes)


def simulate_reference(
    scenario: Scenario,
    person: model.People | None = None,
    rtol: float = 1e-8,
    atol: float = 1e-8,
    sample: float = 0.1,
) -> Metrics:
    """Metrics of one session for the typical person (or ``person``) by ``solve_ivp``."""
    from scipy.integrate import solve_ivp

    if scenario.day is not None:
        raise ScenarioError("day: the reference integrates one session")
    k, p, cue, _ = _setup(scenario, 1, None)
    if person is not None:
        p = person
    sched = dosed_schedule(scenario)
    rest = resting.rest_at_touch(k, p, scenario.parent.fullness, -sched.start)
    p = replace(p, basal_sec=resting.basal_secretion_correction(k, p, rest))
    y0 = [0.0, 0.0, 0.0, 0.0, *[float(v) for v in rest]]

    def rhs(t: float, z: np.ndarray) -> list[float]:
        f = sched.at(t)
        a, c, sp, phi = z[0], z[1], z[2], z[3]
        shared = model.shared_derivs(k, cue, f, a, c, sp, phi)
        per = model.derivs(k, p, f, a, c, tuple(z[4:]))
        return [*shared, *per]

    sol = solve_ivp(
        rhs,
        (sched.start, sched.end),
        y0,
        method="LSODA",
        rtol=rtol,
        atol=atol,
        max_step=2.0,
        dense_output=True,
    )
    if not sol.success:  # pragma: no cover - would mean the equations are broken
        raise RuntimeError(sol.message)
    steps = int(np.ceil((sched.end - sched.start) / sample))
    t = np.linspace(sched.start, sched.end, steps + 1)
    z = sol.sol(t)
    per = z[4:]
    available = float(available_at_touch(p, sched, [float(v) for v in rest]))
    removed = per[IX["VL"]] + per[IX["VR"]]
    prl = p.prl_scale * (p.prl_basal + p.prl_ref * z[3])
    metrics, _, _ = from_series(
        t, per[IX["M"]], per[IX["x"]], removed, per[IX["P"]], prl, available, sched.duration
    )
    return metrics
