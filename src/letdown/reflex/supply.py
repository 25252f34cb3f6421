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

    R* = R0 x tissue x feedback(mean fullness over the day) x prolactin factor

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
  (``stage_factor``). A schedule starts just before a session, so early on the breasts
  hold a few mL of colostrum (FLA12-HAND), not a share of their capacity.
- Growth of the secretory tissue in the first weeks (``grow``): each person starts with
  a share of their later rate (``birth_secretory_share``, widely spread between people,
  less after a preterm birth) and the tissue grows logistically as fast as milk removal
  drives it (sessions a day and how fully each empties the breast), within a window that
  closes over the first month. Fewer or later sessions build less tissue, and later
  removal catches up only partly (Hill, Aldag & Chatterton 1999; Hopkinson 1988; Parker
  et al. 2012; Neville & Morton 2001). A schedule that starts later begins from the
  tissue the reference day (8 full sessions a day from birth) would have built.
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
    "birth_secretory_share": Param(
        0.25, "of the reference rate",
        "Saint, Smith & Hartmann. Br J Nutr 1984;52:87-95 (colostrum in the first 24 h 7-122 "
        "g, day 3 98-775 g, day 5 452-876 g: an eight-fold spread early that narrows); Cox, "
        "Kent, Casey, Owens & Hartmann. Exp Physiol 1999;84:421-34 (breast tissue grown in "
        "pregnancy 12-227 mL per breast, and unrelated to production at 1 month)", "weak",
        "secretory tissue at a term birth, as a share of what the person reaches later; "
        "the median and spread are assumed within those ranges",
        Spread("lognormal", 0.85, 0.03, 0.9),
    ),
    "gland_growth_days": Param(
        5.0, "d",
        "Neville et al. Pediatr Clin North Am 2001;48:35-52 (about 500 mL/d at day 5, 750 "
        "mL/d by one month); FPED20-PRETERM (350 g/d day 6, 500 day 8, about 750 day 14); "
        "KEN16-EARLY (volumes still rising over days 11-28)", "weak",
        "time constant of the secretory tissue's (logistic) growth when milk is removed 8 "
        "times a day, each time fully",
    ),
    "growth_window_days": Param(
        30.0, "d",
        "Cox et al. 1999 and Kent, Mitoulas, Cox, Owens & Hartmann. Exp Physiol "
        "1999;84:435-47 (breast tissue keeps growing until 1 month of lactation, then "
        "stays the same to 6 months); Hill, Aldag & Chatterton. J Hum Lact 1999;15:209-16 "
        "(no mother below 1,700 g a week at week 2 reached an adequate supply by weeks "
        "4-5); Hill et al. J Hum Lact 2005;21:22-30 (output on days 6-7 predicts week 6)",
        "weak", "the growth that removal drives fades with this time constant after birth",
    ),
    "reference_completeness": Param(
        0.55, "share of the stored milk",
        "Daly, Owens & Hartmann 1993 (C33/C35: a feed removes on average about two thirds "
        "of the milk); a session taking this much or more counts as a full stimulus for "
        "the gland's growth", "weak",
    ),
    "max_stimulation": Param(
        1.5, "x 8 full sessions a day",
        "assumed: more than about 12 full sessions a day adds no further growth", "assumed",
    ),
    "preterm_activation_delay": Param(
        0.05, "d per week born before 37 weeks",
        "FPED20-PRETERM (births < 32 weeks: secretory activation at a median 75 h against "
        "about 65 h at term); Cregan, de Mello & Hartmann. Acta Obstet Gynecol Scand "
        "2002;81:870-7 (82% of mothers of preterm infants had not completed secretory "
        "activation by day 5, and their markers varied twice as much as at term)", "weak",
        "each week early also widens the spread of the day of activation by 10%",
    ),
    "preterm_tissue_loss": Param(
        0.04, "of the term tissue per week born before 40 weeks",
        "Cox et al. 1999 (the breast starts making lactose at about 22 weeks and its tissue "
        "keeps growing to term); Cregan et al. 2002 (lower 24-h production after preterm "
        "birth); FPED20-PRETERM (births < 32 weeks, pumping: 350 g/d day 6, 500 day 8, "
        "about 750 day 14)", "weak",
        "a birth at 29 weeks starts with about 56% of the secretory tissue of a term birth "
        "(at least 20%)",
    ),
    "start_gap_h": Param(
        3.0, "h",
        "assumed: a schedule starts just before a session, the last one 3 h earlier (the "
        "reference day of 8 sessions); FLA12-HAND (0.5-1 mL in a session at 12-36 h)",
        "assumed",
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
    #: secretory tissue at birth, share of the reference rate (None: the nominal value)
    birth_share: Array | None = None


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


def window_integral(day: float | Array, days: float | Array) -> Array:
    """Integral of the growth window (exp(-t / window)) from ``day`` over ``days``."""
    w = sp("growth_window_days")
    d0 = np.maximum(np.asarray(day, dtype=float), 0.0)
    return np.asarray(w * (np.exp(-d0 / w) - np.exp(-(d0 + days) / w)))


def grow(gland: Array, stimulation: Array | float, day: float, days: float = 1.0) -> Array:
    """Secretory tissue after ``days`` from ``day`` at a stimulation (1: 8 full sessions a
    day). Logistic: tissue grows from the tissue there is (cells divide), as fast as milk
    removal and nipple stimulation drive it, within a window that closes over the first
    weeks; a person who starts with little tissue, or removes milk rarely, stays behind and
    catches up only partly (Hill, Aldag & Chatterton 1999)."""
    g = np.clip(gland, 1e-6, 1.0 - 1e-9)
    odds = (1.0 - g) / g
    odds = odds * np.exp(-np.asarray(stimulation) * window_integral(day, days)
                         / sp("gland_growth_days"))
    return np.asarray(1.0 / (1.0 + odds))


def gland_at(birth_share: Array, day: float) -> Array:
    """Secretory tissue ``day`` days after birth for someone who removed milk as the
    reference day does from birth (8 full sessions a day): the state a schedule starting
    later begins from."""
    return grow(birth_share, 1.0, 0.0, day)


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
) -> DaysResult:
    """Step through ``days`` session by session; the set point and the secretory tissue
    move once a day."""
    cap = np.broadcast_to(people.capacity, (2, people.capacity.size)).astype(float)
    n = cap.shape[1]
    birth = (np.full(n, sp("birth_secretory_share")) if people.birth_share is None
             else np.broadcast_to(people.birth_share, (n,)).astype(float))
    gland = gland_at(birth, days[0].day)
    # each person starts at her own prolactin set point, not the typical one (else a
    # prolactin-limited parent drifts down over the first days of any schedule)
    first = days[0]
    start_prl = prolactin_factor(first.prolactin, len(first.times_h), people.prolactin,
                                 first.day)
    rate = np.broadcast_to(people.rate0 * gland * start_prl, (2, n)).copy()
    # the schedule starts just before a session: the breasts hold what they made since
    # the last one (colostrum before secretory activation: a few mL)
    start_rate = rate * stage_factor(days[0].day, people.activation_day)
    stored, _ = _fill(np.zeros((2, n)), cap, start_rate, sp("start_gap_h"))
    keep = math.exp(-1.0 / sp("adaptation_days"))
    full_share = sp("reference_completeness")
    out: dict[str, list[Array]] = {k: [] for k in (
        "vl", "vr", "rl", "rr", "syn", "share", "full")}
    for d in days:
        act = stage_factor(d.day + 0.5, people.activation_day)
        eff = rate * act * d.fast
        clock = 0.0
        removed = np.zeros((2, n))
        made = np.zeros(n)
        shares = np.zeros(n)
        stimulation = np.zeros(n)
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
            share = taken.sum(axis=0) / np.maximum(used, 1e-9)
            shares += share
            # the gland's growth stimulus: each breast emptied counts, up to a full one
            stimulation += (np.minimum(share / full_share, 1.0)
                            * (taken > 0.0).sum(axis=0) / 2.0)
            removed += taken
            stored = stored - taken
        mean_full = area / 24.0
        # the local feedback acts once milk is copious: before activation the rate matures
        # toward its reference whatever the (tiny) volumes stored
        on = (act - sp("colostrum_share")) / (1.0 - sp("colostrum_share"))
        local = 1.0 + on * (feedback_factor(mean_full) - 1.0)
        gland = grow(gland, np.minimum(stimulation / 8.0, sp("max_stimulation")), d.day)
        target = (people.rate0 * gland * local
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
