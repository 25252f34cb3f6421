"""Milk removed from each breast by one session, for many people at once.

The bridge between the session engine and the day-scale supply model (``supply``): it runs
the engine's own integrator (``segment_many``) from a chosen amount of milk in each
breast and reads back what each breast gave. Nothing here changes the session equations;
the engine's public interface is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from letdown.reflex import engine, model
from letdown.reflex.scenario import Scenario
from letdown.reflex.steps import segment_many
from letdown.reflex.stimulus import Schedule
from letdown.reflex.supply import Array, RemovalTable

IX = model.IDX
#: fullness levels at which a session's removal is tabulated
GRID = (0.08, 0.25, 0.45, 0.65, 0.85, 1.0)
#: columns up to which fullness levels share one integration (about the engine's chunk)
BATCH_COLUMNS = 10_000


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

    def removed(self, stored: Array, repeat: int = 1) -> Array:
        """Milk removed (2, m) by the session from ``stored`` (2, m) mL at its start, where
        m is ``repeat`` times the number of people (the group repeated side by side)."""
        p = self.p if repeat == 1 else _tile(self.p, repeat)
        d = p.d_rest
        y = np.stack(
            [np.tile(np.broadcast_to(np.asarray(r, dtype=float), (self.p.n,)), repeat)
             for r in self.rest]
        ).astype(np.float32)
        y[IX["DL"]] = np.minimum(d, stored[0])
        y[IX["DR"]] = np.minimum(d, stored[1])
        y[IX["AL"]] = stored[0] - y[IX["DL"]]
        y[IX["AR"]] = stored[1] - y[IX["DR"]]
        segment_many(self.k, p, self.sched, self.cue, y, [0.0] * 4, self.dt)
        return np.stack([y[IX["VL"]], y[IX["VR"]]]).astype(float)

    def table(self, grid: tuple[float, ...] = GRID) -> RemovalTable:
        """Share of the stored milk removed, per person and breast, at each fullness.

        For a small group several fullness levels run in the same integration (the
        people repeated once per level), so the per-step cost of Python is paid once; a
        large group already fills the arrays, and runs level by level."""
        cap = self.capacity
        batch = max(1, BATCH_COLUMNS // cap.size)
        parts = []
        for lo in range(0, len(grid), batch):
            levels = grid[lo:lo + batch]
            stored = np.repeat(np.asarray(levels, dtype=float), cap.size) * np.tile(
                cap, len(levels))
            share = self.removed(np.stack([stored, stored]), repeat=len(levels)) / stored
            parts.append(share.reshape(2, len(levels), cap.size).transpose(1, 0, 2))
        return RemovalTable(np.asarray(grid, dtype=float), np.concatenate(parts))


def _tile(p: model.People, repeat: int) -> model.People:
    """The same people ``repeat`` times over (every per-person array tiled)."""
    changes: dict[str, Any] = {"n": p.n * repeat}
    for f in fields(p):
        v = getattr(p, f.name)
        if isinstance(v, np.ndarray) and v.ndim == 1 and v.size == p.n:
            changes[f.name] = np.tile(v, repeat)
    return replace(p, **changes)


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
