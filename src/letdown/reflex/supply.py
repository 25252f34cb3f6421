"""Milk supply over days and weeks: synthesis that follows how often and how fully the
breasts are emptied.

Why a separate, day-scale layer: a session lasts minutes, supply changes over days. The
session engine (``engine``) says how much of the milk in each breast one session removes;
this module carries, for each person and breast, the milk stored and the synthesis rate
from one session to the next and from one day to the next. Pure NumPy, no I/O; the engine
is reached only through the ``Removal`` callable the caller passes in (``week`` builds it).

Per breast (arrays of shape (2, n): left, right)::

    stored V    mL in the breast; fullness F = V / capacity
    rate R      synthesis rate of an empty breast, mL/h

Between sessions the breast fills as in the session model (C34): dF/dt = (R/C)(1 - F^2),
solved in closed form (a tanh). This is the short-term local feedback: a fuller breast
makes milk more slowly (Daly, Owens & Hartmann 1993; Cregan & Hartmann 1999).

Over days, R moves toward a set point with a time constant of days (``adaptation_days``):

    R* = R0 x feedback(mean fullness over the day) x prolactin factor

- Local autocrine feedback (the feedback inhibitor of lactation, and stretch): a breast that
  stays full on average makes less milk on the following days; one kept emptier makes more,
  up to about twice its reference rate (``max_upregulation``; IOM91-MAX: almost 1,200 g/d
  with full extraction against 500-700 g/d consumed). The mean fullness over a day is what
  the frequency and completeness of removal set, so frequency, hands-on pumping, stress and
  anything else that changes removal act here, through the removal they produce.
- Prolactin is permissive: the day's drive (basal, suckling surges, drugs) sets a
  saturating factor on the set point (``prolactin``).
- Stage: before secretory activation (around day 2-4, Neville 2001) the breast makes
  colostrum, tens of mL a day; activation switches synthesis on over about a day
  (``stage_factor``); the rate starts below its reference at birth and the gland grows
  toward it over the first weeks (``birth_rate_share``, ``maturation_days``).
- Fast effects (pseudoephedrine, C20; the substances the session model puts on synthesis)
  act on the same day, not through the set point.

Every number is in ``SUPPLY_PARAMS`` with unit, source and evidence strength.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from letdown.reflex.params import Param, Spread
from letdown.reflex.prolactin import prolactin_drive, prolactin_factor

Array = NDArray[np.float64]

SUPPLY_PARAMS: dict[str, Param] = {
    "adaptation_days": Param(
        3.0, "d",
        "Daly, Owens & Hartmann. Exp Physiol 1993;78:209-20 and Daly et al. Exp Physiol "
        "1996;81:861-75 (C34): synthesis follows the degree of emptying, and 24-h production "
        "re-balances to demand within days; IOM91-MAX (pumping after feeds raised production "
        "15-40%)", "weak", "time constant of the set point; the exact value is assumed",
    ),
    "max_upregulation": Param(
        2.0, "x reference rate",
        "IOM91-MAX (almost 1,200 g/d with full extraction vs 500-700 g/d consumed)", "weak",
    ),
    "feedback_slope": Param(
        6.0, "per unit of mean fullness",
        "C34 (long intervals lower output); steepness assumed", "assumed",
    ),
    "reference_fullness": Param(
        0.35, "fraction of capacity",
        "mean fullness over a day of 8 breastfeeds at steady state in this model (the "
        "reference day, C31: 708-742 g/d); checked by tests/reflex/test_supply.py", "assumed",
    ),
    "activation_day": Param(
        2.7, "d after birth",
        "Neville et al. Pediatr Clin North Am 2001;48:35-52 (secretory activation 2-4 days "
        "after birth); FPED20-PRETERM (median 75 h); GRA02-LABOUR (2.5-3.4 d)", "moderate",
        "", Spread("normal", 0.6, 1.5, 5.0),
    ),
    "activation_width": Param(
        0.35, "d", "Neville 2001 (volume rises steeply over about a day)", "weak"
    ),
    "colostrum_share": Param(
        0.04, "of the activated rate",
        "Neville 2001 (colostrum: under 100 mL/d in the first 36 h); FLA12-HAND (0.5-1 mL "
        "per session at 12-36 h)", "weak",
    ),
    "birth_rate_share": Param(
        0.3, "of the reference rate",
        "FPED20-PRETERM (350 g/d by day 6, 500 by day 8, about 750 by day 14), KEN16-EARLY "
        "(volumes keep rising over the first two weeks)", "weak",
    ),
    "maturation_days": Param(
        7.0, "d",
        "Neville 2001 (about 500 mL/d at day 5, 750 mL/d by one month); FPED20-PRETERM, "
        "KEN16-EARLY (volumes keep rising over the first two weeks)", "weak",
        "time constant of the gland's growth toward its reference rate after birth",
    ),
}


def sp(name: str) -> float:
    """The nominal value of a supply parameter."""
    return SUPPLY_PARAMS[name].value


@dataclass(frozen=True)
class SupplyPeople:
    """What the day-scale model needs of each person (arrays of shape (n,))."""

    capacity: Array  # mL per breast (the session engine's own draw, C32)
    rate0: Array  # reference synthesis rate of an empty breast, mL/h (C31)
    activation_day: Array  # day after birth of secretory activation
    #: basal prolactin relative to the typical person (her draw of prl_basal): who is
    #: prolactin-limited (``prolactin.prolactin_factor``); 1 for everyone if not given
    prolactin: Array | float = 1.0


@dataclass(frozen=True)
class Day:
    """One day of the schedule, as the day-scale model sees it."""

    day: float  # days after birth at the day's start
    times_h: tuple[float, ...]
    kinds: tuple[str, ...]  # removal key of each session (see ``Removal``)
    prolactin: float = 1.0  # drug multiplier on the prolactin drive
    fast: float = 1.0  # same-day multiplier on synthesis (pseudoephedrine)


#: key, milk stored (2, n) at the session start -> milk removed (2, n)
Removal = Callable[[str, Array], Array]


@dataclass(frozen=True)
class RemovalTable:
    """Share of the stored milk one session removes, per person and breast, tabulated
    against fullness at the session's start (filled in by the session engine).

    Linear interpolation between grid points; outside the grid the nearest value."""

    grid: Array  # (G,) increasing fullness levels
    share: Array  # (G, 2, n)


def table_removal(tables: dict[str, RemovalTable], capacity: Array) -> Removal:
    """A ``Removal`` that reads the shares from tables instead of running the engine."""

    def removal(key: str, stored: Array) -> Array:
        t = tables[key]
        g = t.grid
        f = np.clip(stored / capacity, g[0], g[-1])
        i = np.clip(np.searchsorted(g, f, side="right") - 1, 0, len(g) - 2)
        w = (f - g[i]) / (g[i + 1] - g[i])
        lo = np.take_along_axis(t.share, i[None], axis=0)[0]
        hi = np.take_along_axis(t.share, (i + 1)[None], axis=0)[0]
        share = np.clip(lo + w * (hi - lo), 0.0, 0.98)
        return np.asarray(share * stored, dtype=float)

    return removal


@dataclass
class DaysResult:
    """Per-day outputs, arrays of shape (days, n) (``_left``/``_right`` per breast)."""

    day: Array  # (days,) days after birth at each day's start
    sessions: Array  # (days,)
    volume_left: Array
    volume_right: Array
    rate_left: Array  # synthesis rate of an empty breast during the day, mL/h
    rate_right: Array
    synthesised: Array  # mL made in the day, both breasts
    share_removed: Array  # mean share of the milk in the used breasts a session took, %
    mean_fullness: Array  # time-averaged fullness, both breasts, 0-1
    prolactin: Array  # (days,) prolactin drive, x the reference day

    @property
    def volume(self) -> Array:
        return self.volume_left + self.volume_right


def stage_factor(day: float | Array, activation_day: Array) -> Array:
    """Synthesis switched on by secretory activation: colostrum before, full after."""
    c = sp("colostrum_share")
    u = (np.asarray(day) - activation_day) / sp("activation_width")
    return np.asarray(c + (1.0 - c) / (1.0 + np.exp(-np.clip(u, -50.0, 50.0))))


def maturity(day: float) -> float:
    """Share of the reference rate the gland can reach ``day`` days after birth."""
    b = sp("birth_rate_share")
    return 1.0 - (1.0 - b) * math.exp(-max(day, 0.0) / sp("maturation_days"))


def feedback_factor(mean_fullness: Array) -> Array:
    """Set point of the local feedback: 1 at the reference mean fullness, up to
    ``max_upregulation`` when the breast is kept nearly empty, toward 0 when kept full."""
    up = sp("max_upregulation")
    x = sp("feedback_slope") * (mean_fullness - sp("reference_fullness"))
    return np.asarray(up / (1.0 + (up - 1.0) * np.exp(x)))


def _logcosh(x: Array) -> Array:
    a = np.abs(x)
    return np.asarray(a + np.log1p(np.exp(-2.0 * a)) - math.log(2.0))


def _fill(stored: Array, cap: Array, rate_ml_h: Array, hours: float) -> tuple[Array, Array]:
    """Closed-form filling over ``hours``; returns (stored after, integral of fullness dt
    in hours)."""
    f0 = np.clip(stored / cap, 0.0, 1.0 - 1e-9)
    b = np.maximum(rate_ml_h / cap, 1e-12)
    a0 = np.arctanh(f0)
    a1 = a0 + b * hours
    f1 = np.tanh(a1)
    integral = (_logcosh(a1) - _logcosh(a0)) / b
    return f1 * cap, integral


def run(
    people: SupplyPeople,
    days: Sequence[Day],
    removal: Removal,
    start_fullness: float = 0.5,
) -> DaysResult:
    """Step through ``days`` session by session; the set point moves once a day."""
    cap = np.broadcast_to(people.capacity, (2, people.capacity.size)).astype(float)
    n = cap.shape[1]
    rate = np.broadcast_to(people.rate0 * maturity(days[0].day), (2, n)).copy()
    stored = start_fullness * cap * stage_factor(days[0].day, people.activation_day)
    keep = math.exp(-1.0 / sp("adaptation_days"))
    out: dict[str, list[Array]] = {k: [] for k in (
        "vl", "vr", "rl", "rr", "syn", "share", "full")}
    for d in days:
        act = stage_factor(d.day + 0.5, people.activation_day)
        eff = rate * act * d.fast
        clock = 0.0
        removed = np.zeros((2, n))
        made = np.zeros(n)
        shares = np.zeros(n)
        area = np.zeros((2, n))
        for t, key in zip((*d.times_h, 24.0), (*d.kinds, ""), strict=True):
            before = stored
            stored, integral = _fill(stored, cap, eff, t - clock)
            made += (stored - before).sum(axis=0)
            area += integral
            clock = t
            if not key:
                break
            taken = np.minimum(removal(key, stored), stored)
            # share of the milk in the breasts this session used (one breast: that one)
            used = (stored * (taken > 0.0)).sum(axis=0)
            shares += taken.sum(axis=0) / np.maximum(used, 1e-9)
            removed += taken
            stored = stored - taken
        mean_full = area / 24.0
        # the local feedback acts once milk is copious: before activation the rate matures
        # toward its reference whatever the (tiny) volumes stored
        on = (act - sp("colostrum_share")) / (1.0 - sp("colostrum_share"))
        local = 1.0 + on * (feedback_factor(mean_full) - 1.0)
        target = (people.rate0 * maturity(d.day + 1.0) * local
                  * prolactin_factor(d.prolactin, len(d.times_h), people.prolactin,
                                     d.day + 1.0))
        rate = target + (rate - target) * keep
        out["vl"].append(removed[0])
        out["vr"].append(removed[1])
        out["rl"].append(eff[0])
        out["rr"].append(eff[1])
        out["syn"].append(made)
        out["share"].append(100.0 * shares / max(len(d.times_h), 1))
        out["full"].append(mean_full.mean(axis=0))
    stack = {k: np.stack(v) for k, v in out.items()}
    return DaysResult(
        day=np.array([d.day for d in days], dtype=float),
        sessions=np.array([len(d.times_h) for d in days], dtype=float),
        volume_left=stack["vl"], volume_right=stack["vr"],
        rate_left=stack["rl"], rate_right=stack["rr"],
        synthesised=stack["syn"], share_removed=stack["share"],
        mean_fullness=stack["full"],
        prolactin=np.array([prolactin_drive(d.prolactin, len(d.times_h)) for d in days]),
    )
