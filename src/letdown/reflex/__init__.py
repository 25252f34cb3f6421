"""A mechanistic, calibrated model of the milk ejection reflex (let-down).

Layers, one per physiological step: ``stimulus`` (infant or pump) -> afferent and cue drive
-> oxytocin cells (a reduced burst generator) -> pituitary pool and plasma oxytocin ->
myoepithelial contraction -> milk ejections and removal from a finite store, with prolactin
and synthesis between sessions (``model``), modifiers acting where physiology says they act
(``modifiers``), every parameter typed with unit and source (``params``).

Public API (imported lazily, so ``import letdown.reflex`` pulls in neither scipy nor
matplotlib):

- ``load_scenario(path) -> Scenario`` / ``scenario_from_dict(d)``: validated scenarios;
  ``ScenarioError`` names the offending key.
- ``simulate(scenario) -> Trace``: the typical person through one session or a 24-h day.
  ``Trace`` holds time series (``t``, ``plasma_ot``, ``contraction``, ``prl``, ``removed``,
  ``flow``...), ``ejection_times``, ``pulse_times``, ``metrics`` and ``as_dict()``.
- ``simulate_population(scenario, n, seed, chunk) -> dict[str, ndarray]``: n virtual parents.
- ``explore(stress, alcohol_g_per_kg, vacuum_mmHg, warmth, cues, flange_fit, ...) -> Trace``:
  for the web reflex explorer; well under 100 ms for a 20-minute session.
- ``Metrics``, ``METRICS`` (name -> label, unit), ``PARAMS`` (the parameter table).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Scenario": "letdown.reflex.scenario",
    "ScenarioError": "letdown.reflex.scenario",
    "load_scenario": ("letdown.reflex.scenario", "load"),
    "scenario_from_dict": ("letdown.reflex.scenario", "from_dict"),
    "Trace": "letdown.reflex.engine",
    "simulate": "letdown.reflex.engine",
    "simulate_population": "letdown.reflex.engine",
    "explore": "letdown.reflex.explorer",
    "Metrics": "letdown.reflex.metrics",
    "METRICS": "letdown.reflex.metrics",
    "PARAMS": "letdown.reflex.params",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'letdown.reflex' has no attribute {name!r}")
    module_name, attr = target if isinstance(target, tuple) else (target, name)
    return getattr(importlib.import_module(module_name), attr)
