"""The prolactin axis: how it changes over the months of lactation, and how the day's
prolactin drive permits milk synthesis in each person.

Why its own module: the session model (``model``) asks it for the basal level and the
suckling surge at a stage of lactation; the supply model (``supply``) asks one question a
day (how much of the person's reference synthesis rate does today's drive allow?). Keeping
the physiology here lets it change without touching either model's bookkeeping.

Stage of lactation. Basal prolactin and the surge a feed brings both fall over months
(Cox, Owens & Hartmann 1996, COX96-PRL: basal 119 -> 59 and peak 286 -> 91 ug/L from 1 to
6 months; Johnston & Amico 1986, JOH86-PRL; Battin et al. 1985; Noel et al. 1974, C15),
while 24-h production stays the same (COX96-PRL). So the gland's need for prolactin falls
with it: the drive that matters is the person's prolactin relative to the typical level
at that stage, and the gland's dependence on it (``half_drive``) falls further from the
first weeks, when lactation hinges on prolactin (a dopamine agonist stops it), to
established lactation, when the local feedback of milk removal governs synthesis and
prolactin is permissive (COX96-PRL: no relation between prolactin and short-term
synthesis).

Who is prolactin-limited. Basal prolactin differs several-fold between mothers (COX96-PRL:
SD about 80% of the mean at 1 month); each person's draw of ``prl_basal`` is her prolactin
status. A mother with low prolactin early in lactation sits on the steep part of the
saturating curve: her synthesis is held back, and a dopamine antagonist that raises her
prolactin several-fold raises her milk a lot. A mother with ample prolactin is already on
the plateau: the same rise in prolactin changes her milk little (Wan et al. 2008,
WAN08-DOMP: prolactin rose in all six mothers, milk in four). Responders and non-responders
come out of that one curve.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from letdown.reflex.params import Param, value

PROLACTIN_PARAMS: dict[str, Param] = {
    "prolactin_half_drive_early": Param(
        1.0, "x the stage's typical drive",
        "first week: lactation hinges on prolactin (bromocriptine or cabergoline stop it), "
        "and dopamine antagonists raise the milk of unselected mothers: sulpiride over the "
        "first 5 days +32% (Aono et al. J Clin Endocrinol Metab 1979;48:478), "
        "metoclopramide from day 1 about +50% over 8 days (GEZ83-METO)", "weak",
        "the drive at which synthesis is half of its ceiling, at birth",
    ),
    "prolactin_half_drive_late": Param(
        0.2, "x the stage's typical drive",
        "COX96-PRL (no relation between prolactin and short-term synthesis from 1 to 6 "
        "months: prolactin is permissive)", "weak",
        "the same in established lactation: the normal range of prolactin sits on the plateau",
    ),
    "tau_prolactin_dependence": Param(
        7.0, "weeks",
        "COX96-PRL (permissive from 1 month); ASZ19-DOMP (a course of domperidone started "
        "2 weeks later helped fewer mothers: 65.8% vs 77.8%); in rats a dopamine antagonist "
        "releases far more prolactin early than late in lactation (J Endocrinol "
        "1984;102:251-6, animal)", "assumed",
        "time constant of the fall of the gland's dependence on prolactin; set on training "
        "findings only (ASZ17, ASZ19, KAU81, GEZ83, HOP92): first scanned 3-6 weeks (ASZ19 "
        "from 4.5), re-scanned 5-8 weeks once supply grew with removal and the resting "
        "oxytocin fell: all five pass from 7 weeks (ASZ19's later course then helps 52% of "
        "enrolled mothers, published 49-80%)",
    ),
    "prolactin_hill": Param(
        2.0, "1", "assumed steepness of the permissive curve (responders vs non-responders, "
        "WAN08 design: 2 of 6 did not respond)", "assumed",
    ),
    "prolactin_surge_share": Param(
        1.0, "x basal",
        "C15 (suckling raises prolactin 6-8.5x for about an hour): at 8 sessions a day the "
        "surges add about as much as the basal level; Cox 1996", "weak",
    ),
}


def _p(name: str) -> float:
    return PROLACTIN_PARAMS[name].value


# --- over months: the session model's basal level and suckling surge --------------------

def basal_share(weeks: float) -> Any:
    """Typical basal prolactin at ``weeks`` after birth, in units of ``prl_basal``: the
    pregnancy level fading over the first weeks, then a slow fall over months to a floor
    that frequent feeds keep above the non-lactating range."""
    w = max(float(weeks), 0.0)
    return (value("prl_basal_floor_share")
            + value("prl_basal_slow_share") * np.exp(-w / value("tau_prl_basal"))
            + value("prl_basal_birth_share") * np.exp(-w / value("tau_prl_birth")))


def suckling_gain(weeks: float) -> Any:
    """Gain of prolactin secretion on nipple stimulation at ``weeks`` after birth: the surge
    of a feed falls over months (JOH86-PRL, COX96-PRL, C15)."""
    w = max(float(weeks), 0.0)
    early, late = value("prl_gain_early"), value("prl_gain_late")
    return late + (early - late) * np.exp(-w / value("tau_prl_gain"))


# --- over days: the supply model's prolactin factor --------------------------------------

def prolactin_drive(drug: float, sessions: int) -> float:
    """The typical person's prolactin drive relative to the reference day (8 sessions, no
    drug): basal secretion plus the surges each session brings, times the drugs' effect."""
    s = _p("prolactin_surge_share")
    return drug * (1.0 + s * min(sessions, 12) / 8.0) / (1.0 + s)


def half_drive(day: float) -> float:
    """The drive at which synthesis is half its ceiling, ``day`` days after birth: the
    gland's dependence on prolactin, high in the first weeks, low once established."""
    early, late = _p("prolactin_half_drive_early"), _p("prolactin_half_drive_late")
    weeks = max(day, 0.0) / 7.0
    return float(late + (early - late) * np.exp(-weeks / _p("tau_prolactin_dependence")))


def prolactin_factor(drug: float, sessions: int, status: Any = 1.0, day: float = 56.0) -> Any:
    """Permissive prolactin: the share of the reference synthesis rate the day's drive
    allows, 1 for the typical person on the reference day at any stage.

    ``status`` is each person's basal prolactin relative to the typical person (her draw
    of ``prl_basal``; an array of shape (n,) or 1); the drive is her status times the
    typical drive (sessions, drugs). Saturating in the drive, with a half-drive that falls
    with the stage (``half_drive``): a prolactin-limited mother gains a lot from a drug
    that raises prolactin, one on the plateau little."""
    drive = np.asarray(status, dtype=float) * prolactin_drive(drug, sessions)
    k, h = half_drive(day), _p("prolactin_hill")
    kh = k**h
    dh = drive**h
    return dh / (dh + kh) * (1.0 + kh)
