"""Who the virtual parents are: each person's parameters, drawn from the table's
population spreads (or the typical person's values), combined with the scenario's
modifiers; and the baby's appetite at the breast.

Why a module of its own: the equations (``model``) read these numbers but do not care how
they were drawn; drawing them is where the population's variety lives (``params`` spreads,
``modifiers`` for the scenario). ``model`` re-exports ``People`` and ``people``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from letdown.reflex.modifiers import Modifiers
from letdown.reflex.params import draw, value
from letdown.reflex.prolactin import basal_share

Num = Any  # a float for one person, an array of shape (n,) for a population


def _is(v: Num, number: float) -> bool:
    """Whether a constant is exactly ``number`` (a fast path); False for an array."""
    return isinstance(v, float) and v == number


@dataclass(frozen=True)
class People:
    """Per-person parameters (arrays of shape (n,), or floats for one person) combined with
    the scenario's modifiers."""

    n: int
    drive_aff: Num  # afferent gain x transmission x central factor
    drive_cue: Num  # cue gain x central factor (the cue strength is in the cue signal c)
    theta: Num
    tone0: Num  # resting sympathetic tone including the scenario (relaxation applied)
    tone_evt: Num  # tone per extra stress point in events
    inv_mcv: Num
    pain_from: float  # vacuum below which nobody in this group feels pain (smallest MCV)
    pain_gain: float
    central0: Num  # central factor at resting tone (the common case, precomputed)
    pulse: float  # pg/mL per pool fraction released (alcohol lowers it)
    kcl: Num  # oxytocin clearance rate, 1/s
    basal_sec: Num  # basal oxytocin secretion, pg/mL/s
    exo_conv: Num  # pg/mL per mU entering plasma
    ec_n: Num  # ec50 ** hill
    removal: Num  # removal efficacy, 1/s (pump or infant)
    flow: float  # warmth
    capacity: Num
    inv_cap: Num
    inv_dcap: Num
    d_rest: Num
    syn_rate: Num  # mL/s per breast at empty
    ot_basal: Num
    prl_basal: Num  # ng/mL, at the stage of lactation, with modifiers
    prl_ref: float  # ng/mL, reference basal for the suckling increment
    prl_scale: float
    #: each person's basal prolactin relative to the typical person's (her draw, without the
    #: stage or the scenario's substances): who is prolactin-limited over days (``supply``)
    prl_status: Num = 1.0
    inv_appetite: Num = 0.0  # 1 / the infant's appetite at one breast (1/mL); 0: no infant
    k_empty: float = 0.0  # the infant's gastric emptying rate, 1/s
    #: each person's early reflex deficit (``early_reflex_deficit``) and how much of it was
    #: still there at the scenario's stage (``reflex_maturing``): drive_aff includes
    #: 1 - reflex_deficit x reflex_maturing; the supply model re-stages it over days
    reflex_deficit: Num = 0.0
    reflex_maturing: float = 0.0


def satiety(p: People, intake: Num) -> Num:
    """Share of its hungry sucking an infant keeps at a breast after taking ``intake`` mL
    from it (1 for a pump).

    A breastfeed is ended by the infant, not by an empty breast: infants took 67% of the
    milk available on average (range 0-100%; Kent et al. Pediatrics 2006;117:e387), a
    breastfeed from one breast 76 +/- 13 g (range 0-240 g), and infants whose mothers made
    more milk took only a little more (Dewey & Lonnerdal, Acta Paediatr Scand 1986;75:893:
    intake is regulated by the infant). As the infant fills, sucking slows and pauses
    lengthen, which lowers the milk drawn: half at the appetite, a steep (4th-power) fall
    around it. Counted per breast, as Kent measured it: the infant lets go of a breast after
    about a breastfeed's worth and takes the other afresh. Its nipple stimulation is left
    unchanged (non-nutritive sucking goes on), so each breast's removal depends on that
    breast alone, which the day-scale supply model's removal tables assume."""
    if _is(p.inv_appetite, 0.0):
        return 1.0
    r = intake * p.inv_appetite
    r2 = r * r
    return 1.0 / (1.0 + r2 * r2)


def reflex_maturing(weeks_postpartum: float) -> float:
    """Share of each person's early reflex deficit still there ``weeks_postpartum`` weeks
    after birth: about 1 in the first week, half at ``reflex_maturation_day``, 0 once the
    reflex is established (exactly 0 after 6 weeks, so later scenarios are unchanged)."""
    if weeks_postpartum >= 6.0:
        return 0.0
    u = (7.0 * weeks_postpartum - value("reflex_maturation_day")) / value(
        "reflex_maturation_width")
    return 1.0 / (1.0 + math.exp(u))


def people(mods: Modifiers, kind: str, n: int, rng: np.random.Generator | None) -> People:
    """Draw ``n`` people (or the typical person when rng is None) under these modifiers."""

    def d(name: str) -> Num:
        arr = draw(name, n, rng)
        return float(arr[0]) if n == 1 and rng is None else arr

    tx = d("transmission")
    react = d("stress_reactivity")
    half = d("ot_half_life")
    kcl = np.log(2.0) / half
    ot_basal = d("ot_basal")
    volume_ml = value("ot_clearance") * 1000.0 / 60.0 / kcl
    ec = d("ec50")
    # the scenario's storage capacity per breast: the typical person's own, and the median
    # of a population, whose spread (Kent 1999: 74-606 mL around 210) scales with it
    cap = d("capacity") * mods.capacity_scale
    removal = d("pump_removal") if kind == "pump" else d("infant_removal")
    tone0 = (value("tone_basal") + react * mods.tone) * mods.relaxation
    mcv = d("mcv")
    tr0 = tone0 / value("central_half_tone")
    # only an infant has an appetite; drawn last so every other draw is unchanged
    inv_app: Num = 1.0 / d("infant_appetite") if kind == "breastfeed" else 0.0
    k_empty = float(np.log(2.0)) / value("gastric_half_emptying") if kind == "breastfeed" else 0.0
    # the first days: part of the nipple's drive to the oxytocin cells is missing, more in
    # some people than others (Lucas et al. 1980: no oxytocin response in 3 of 10 first-week
    # feeds; Nissen et al. 1996); drawn after every other draw so those stay the same
    deficit: Num = 0.0
    maturing = reflex_maturing(mods.weeks_postpartum)
    if maturing > 0.0:
        if kind != "breastfeed":
            d("infant_appetite")  # keep the draws aligned: one person, one deficit, any kind
        deficit = d("early_reflex_deficit")
    return People(
        n=n,
        drive_aff=value("afferent_gain") * tx * mods.central * (1.0 - deficit * maturing),
        # the cue's learned strength scales the cue signal once, in shared_derivs; it used
        # to multiply here as well, so a half-learned cue acted at a quarter strength
        drive_cue=value("cue_gain") * mods.central,
        theta=d("threshold"),
        tone0=tone0,
        central0=1.0 / (1.0 + tr0 * tr0),
        tone_evt=react * value("tone_per_stress") * mods.relaxation,
        inv_mcv=1.0 / mcv,
        pain_from=float(np.min(mcv)),
        pain_gain=value("pain_per_excess_vacuum"),
        pulse=value("pulse_scale") * mods.release,
        kcl=kcl,
        basal_sec=kcl * ot_basal,
        exo_conv=value("pg_per_mu") / volume_ml,
        ec_n=ec ** value("hill"),
        removal=removal,
        flow=mods.flow,
        capacity=cap,
        inv_cap=1.0 / cap,
        inv_dcap=1.0 / (value("duct_fraction") * cap),
        d_rest=value("duct_rest_fraction") * cap,
        syn_rate=d("synthesis_max") * mods.synthesis / 3600.0,
        ot_basal=ot_basal,
        # basal prolactin falls over months (prolactin.basal_share); the draw is the
        # person's own level relative to the typical one
        prl_basal=(prl_draw := d("prl_basal")) * basal_share(mods.weeks_postpartum)
        * mods.prl_basal,
        prl_ref=value("prl_basal"),
        prl_scale=mods.prl_scale,
        prl_status=prl_draw / value("prl_basal"),
        inv_appetite=inv_app,
        k_empty=k_empty,
        reflex_deficit=deficit,
        reflex_maturing=maturing,
    )
