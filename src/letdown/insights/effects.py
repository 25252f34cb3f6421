"""Every factor's effect on time to let-down and on volume, for this parent.

``estimate(sessions, evidence, zone)`` builds the factor table (``factors``), fits the
censored log-normal model with the evidence base's priors (``model``) once for time to
let-down and once for volume, and returns one ``FactorEffect`` per factor:

* estimated: the effect on the log scale with its 95% interval, the probability that it
  helps (faster let-down; more milk) and the size for a typical session;
* too few: fewer than ``MIN_EACH`` sessions with it, or without it;
* together: its sessions are exactly another factor's (the two cannot be told apart).

All factors are fitted together, so each effect is adjusted for the others (a technique
used mostly at home is compared with home sessions, as far as the data allow). What the
data cannot separate is said plainly in ``notes`` (used mostly together with another
factor; only ever in one place or one kind of session).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from letdown.evidence import Evidence
from letdown.insights.factors import Factor, Table, build
from letdown.journal.records import Session

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: Fewest sessions with, and without, a factor before its effect is estimated.
MIN_EACH = 3
#: Fewest sessions before any model is fitted.
MIN_SESSIONS = 6
#: Shortest let-down time used (a tap at 0:00 means "straight away", not "instantly").
FLOOR_S = 5.0
#: Two factors this correlated (phi) are said to be hard to tell apart.
TOGETHER_PHI = 0.7
#: z for a 95% interval.
Z95 = 1.959964

Outcome = Literal["time", "volume"]
Status = Literal["estimated", "too_few", "together"]


@dataclass(frozen=True)
class Estimate:
    """A factor's effect on one outcome (log scale), with its uncertainty."""

    outcome: Outcome
    mean: float  # log multiplier: time -0.3 = 26% faster; volume +0.3 = 35% more
    sd: float
    p_better: float  # probability it helps: faster let-down, or more milk
    typical: float  # the outcome in a typical session (s, or mL)
    sessions: int  # sessions this model used

    @property
    def low(self) -> float:
        return self.mean - Z95 * self.sd

    @property
    def high(self) -> float:
        return self.mean + Z95 * self.sd

    def change(self, log_effect: float | None = None) -> float:
        """Seconds (or mL) added in a typical session: negative is faster (or less milk)."""
        value = self.mean if log_effect is None else log_effect
        return self.typical * (math.exp(value) - 1.0)


@dataclass(frozen=True)
class FactorEffect:
    """What the journal says about one factor."""

    factor: Factor
    sessions_with: int
    sessions_without: int
    status: Status
    time: Estimate | None = None
    volume: Estimate | None = None
    together_with: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Insights:
    """All factor effects of one journal, and what they rest on."""

    sessions: int
    letdowns_noticed: int
    with_volume: int
    effects: tuple[FactorEffect, ...]


def estimate(sessions: Sequence[Session], evidence: Evidence, zone: dt.tzinfo) -> Insights:
    """The effect of every recorded factor in ``sessions`` (times of day in ``zone``)."""
    table = build(sessions, evidence, zone)
    noticed = sum(1 for s in sessions if s.letdowns)
    volume_rows = [i for i, s in enumerate(sessions) if s.total_volume_ml is not None]
    if len(sessions) < MIN_SESSIONS or not table.factors:
        unfitted = tuple(_unfitted(table, i) for i in range(len(table.factors)))
        return Insights(len(sessions), noticed, len(volume_rows), unfitted)
    import numpy as np

    cells = np.array(table.values, dtype=object).reshape(len(sessions), len(table.factors))
    recorded = cells != None  # noqa: E711 (element-wise: which cells were recorded)
    values = np.where(recorded, cells, 0).astype(np.float64)
    times = [s.first_letdown_s() for s in sessions]
    censored = np.array([t is None for t in times])
    y_time = np.log(np.maximum(
        [s.duration_s if t is None else t for s, t in zip(sessions, times, strict=True)],
        FLOOR_S))
    with_ = values.sum(axis=0).astype(int)
    without = (recorded & (values == 0)).sum(axis=0).astype(int)
    keep, together = _columns(values, with_, without)
    time_fit = _fit(table, values, keep, y_time, censored, "time")
    volume_fit: dict[int, Estimate] = {}
    if len(volume_rows) >= MIN_SESSIONS:
        rows = np.array(volume_rows)
        vols = np.log1p([sessions[i].total_volume_ml or 0.0 for i in volume_rows])
        sub = values[rows]
        sub_with = sub.sum(axis=0)
        sub_without = (recorded[rows] & (sub == 0)).sum(axis=0)
        vkeep = [j for j in keep if sub_with[j] >= MIN_EACH and sub_without[j] >= MIN_EACH]
        vkeep, _ = _columns(sub, sub_with, sub_without, among=vkeep)
        volume_fit = _fit(table, sub, vkeep, vols, np.zeros(len(rows), dtype=bool), "volume")
    notes = _notes(table, values, keep, sessions)
    effects: list[FactorEffect] = []
    for j, factor in enumerate(table.factors):
        counts = (int(with_[j]), int(without[j]))
        if j in together:
            effects.append(FactorEffect(factor, *counts, "together",
                                        together_with=table.factors[together[j]].label))
        elif j in time_fit:
            effects.append(FactorEffect(factor, *counts, "estimated", time=time_fit[j],
                                        volume=volume_fit.get(j), notes=notes.get(j, ())))
        else:
            effects.append(FactorEffect(factor, *counts, "too_few"))
    return Insights(len(sessions), noticed, len(volume_rows), tuple(effects))


def _unfitted(table: Table, index: int) -> FactorEffect:
    column = table.column(index)
    return FactorEffect(table.factors[index], sum(1 for v in column if v == 1),
                        sum(1 for v in column if v == 0), "too_few")


def _columns(values: NDArray[np.float64], with_: NDArray[np.int_] | NDArray[np.float64],
             without: NDArray[np.int_] | NDArray[np.float64],
             among: list[int] | None = None) -> tuple[list[int], dict[int, int]]:
    """Columns with enough sessions each way, and those that copy an earlier column
    exactly (index -> the column it copies), which are left out of the fit."""
    candidates = among if among is not None else [
        j for j in range(values.shape[1]) if with_[j] >= MIN_EACH and without[j] >= MIN_EACH]
    seen: dict[bytes, int] = {}
    keep: list[int] = []
    together: dict[int, int] = {}
    for j in candidates:
        key = values[:, j].tobytes()
        if key in seen:
            together[j] = seen[key]
        else:
            seen[key] = j
            keep.append(j)
    return keep, together


def _fit(table: Table, values: NDArray[np.float64], keep: list[int], y: NDArray[np.float64],
         censored: NDArray[np.bool_], outcome: Outcome) -> dict[int, Estimate]:
    import numpy as np
    from scipy.special import ndtr

    from letdown.insights.model import fit

    if not keep:
        return {}
    priors = [table.factors[j].prior for j in keep]
    found = fit(values[:, keep], y, censored,
                np.array([p.mean(outcome) for p in priors]), np.array([p.sd for p in priors]))
    typical = found.typical - 1.0 if outcome == "volume" else found.typical
    out = {}
    for j, mean, sd in zip(keep, found.mean, found.sd, strict=True):
        below = float(ndtr(-mean / sd)) if sd > 0 else float(mean < 0)
        out[j] = Estimate(outcome, mean, sd, below if outcome == "time" else 1.0 - below,
                          max(typical, 0.0), len(y))
    return out


def _notes(table: Table, values: NDArray[np.float64], keep: list[int],
           sessions: Sequence[Session]) -> dict[int, tuple[str, ...]]:
    """Plain words on what the data cannot separate, per estimated column."""
    import numpy as np

    notes: dict[int, list[str]] = {j: [] for j in keep}
    if len(keep) > 1:
        with np.errstate(invalid="ignore", divide="ignore"):
            phi = np.atleast_2d(np.corrcoef(values[:, keep], rowvar=False))
        for a, i in enumerate(keep):
            for b, j in enumerate(keep):
                fi, fj = table.factors[i], table.factors[j]
                if a == b or (fi.group == fj.group and fi.reference is not None):
                    continue
                if phi[a, b] >= TOGETHER_PHI:
                    notes[i].append(f"Mostly together with {fj.label.lower()}, so the two "
                                    "are hard to tell apart.")
                elif phi[a, b] <= -TOGETHER_PHI:
                    notes[i].append(f"Mostly instead of {fj.label.lower()}, so the two are "
                                    "hard to tell apart.")
    places = np.array([("" if s.context is None else s.context.value) for s in sessions])
    kinds = np.array([s.kind.value.replace("_", " ") for s in sessions])
    for j in keep:
        factor = table.factors[j]
        used = values[:, j] == 1
        for group, levels, words in (("place", places, "at {}"), ("kind", kinds, "when {}")):
            # pump settings exist only when pumping: saying so would be noise
            if factor.group == group or (group == "kind" and factor.group == "pump"):
                continue
            seen = set(levels[used & (levels != "")].tolist())
            if len(seen) != 1 or int(np.sum(used & (levels != ""))) < MIN_EACH:
                continue
            [only] = seen
            others = levels[~used & (levels != "")]
            if len(others) and float(np.mean(others == only)) < 0.8:
                where = words.format(only if group == "place" else _doing(only))
                notes[j].append(f"You only did this {where}, so part of the difference may "
                                f"be that, not {factor.label.lower()} itself.")
    return {j: tuple(lines) for j, lines in notes.items() if lines}


def _doing(kind: str) -> str:
    return {"breastfeed": "breastfeeding", "pump": "pumping",
            "hand expression": "hand expressing"}.get(kind, kind)
