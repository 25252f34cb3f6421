"""Milk removed from each breast by one session, for many people at once.

The bridge between the session engine and the day-scale supply model (``supply``): it runs
the engine's own integrator (``engine._segment_many``) from a chosen amount of milk in each
breast and reads back what each breast gave. Nothing here changes the session equations;
the engine's public interface is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from letdown.reflex import engine, model
from letdown.reflex.scenario import Scenario
from letdown.reflex.stimulus import Schedule
from letdown.reflex.supply import Array, RemovalTable

IX = model.IDX
#: fullness levels at which a session's removal is tabulated
GRID = (0.08, 0.25, 0.45, 0.65, 0.85, 1.0)


@dataclass(frozen=True)
class SessionRunner:
    """One session kind, ready to run for a fixed group of people."""

    k: model.Const
    p: model.People
    sched: Schedule
    cue: float
    rest: list[Any]
    dt: float

    @property
    def capacity(self) -> Array:
        return np.asarray(self.p.capacity, dtype=float)

    @property
    def synthesis_ml_h(self) -> Array:
        """Each person's synthesis rate of an empty breast (with the scenario's
        substances), mL/h."""
        return np.asarray(self.p.syn_rate, dtype=float) * 3600.0

    def removed(self, stored: Array) -> Array:
        """Milk removed (2, n) by the session from ``stored`` (2, n) mL at its start."""
        d = self.p.d_rest
        y = np.stack(
            [np.broadcast_to(np.asarray(r, dtype=float), (self.p.n,)) for r in self.rest]
        ).astype(np.float32)
        y[IX["DL"]] = np.minimum(d, stored[0])
        y[IX["DR"]] = np.minimum(d, stored[1])
        y[IX["AL"]] = stored[0] - y[IX["DL"]]
        y[IX["AR"]] = stored[1] - y[IX["DR"]]
        engine._segment_many(self.k, self.p, self.sched, self.cue, y, [0.0] * 4, self.dt)
        return np.stack([y[IX["VL"]], y[IX["VR"]]]).astype(float)

    def table(self, grid: tuple[float, ...] = GRID) -> RemovalTable:
        """Share of the stored milk removed, per person and breast, at each fullness."""
        cap = self.capacity
        shares = [self.removed(np.stack([g * cap, g * cap])) / (g * cap) for g in grid]
        return RemovalTable(np.asarray(grid, dtype=float), np.stack(shares))


def runner(scenario: Scenario, n: int | None, seed: int, dt: float = engine.DT) -> SessionRunner:
    """The session of ``scenario`` for ``n`` people drawn with ``seed`` (None: the typical
    person). The same seed gives the same people whatever the session kind."""
    rng = None if n is None else np.random.default_rng(seed)
    count = 2 if n is None else n  # two typical people, so every field is an array
    k, p, cue, rest = engine._setup(scenario, count, rng)
    if n is None:
        p = engine._slice(p, 0, 1, np.float32)
        rest = [np.asarray(r, dtype=float).reshape(-1)[:1] if np.ndim(r) else r for r in rest]
    else:
        p = engine._slice(p, 0, n, np.float32)
    p = replace(p, basal_sec=np.asarray(p.basal_sec, dtype=np.float32))
    return SessionRunner(k, p, Schedule(scenario), cue, rest, dt)
