"""The kinds of values the reflex model's parameter tables hold: a parameter (value, unit,
source, evidence grade, population spread) and how it varies between people.

Why a module of its own: the table is split by area (``params``, ``params_modifiers``,
``params_milk``, ``params_techniques``), and every part needs these two classes without
importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Evidence = Literal["strong", "moderate", "weak", "assumed"]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Spread:
    """How a parameter varies between people: ``lognormal`` (cv is the coefficient of
    variation around the nominal value, which is the median), ``normal`` (sd in the
    parameter's unit) or ``uniform`` (between lo and hi). Draws are clipped to [lo, hi]."""

    kind: Literal["lognormal", "normal", "uniform"]
    width: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Param:
    """One model parameter: nominal value, unit, source, evidence strength and, if it varies
    between people, its population spread."""

    value: float
    unit: str
    source: str
    evidence: Evidence
    note: str = ""
    spread: Spread | None = None
