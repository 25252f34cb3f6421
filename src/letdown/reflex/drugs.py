"""Drugs over days: how much of each is still acting, and what it does to prolactin and
synthesis.

Why its own module: the day-scale supply model (``supply``) only sees two multipliers a
day (the prolactin drive and a same-day factor on synthesis); this module turns a
schedule's daily doses into them, carrying exposure from day to day by each drug's
half-life.

- dopamine antagonists raise prolactin several-fold in everyone, and no further once the
  dose is effective: domperidone (ASZ17-DOMP, ASZ19-DOMP: 30 mg a day effective; in a
  placebo-controlled trial in mothers of sick newborns, 20 mg three times a day took median
  prolactin from 73 to 223 ng/mL, Breastfeed Med 2021;16:245-50), metoclopramide
  (KAU81-METO: 15 mg a day raised neither prolactin nor milk, 30-45 mg a day did;
  Kauppila et al. Eur J Obstet Gynecol Reprod Biol 1985;19:19-22: 10 mg three times a day
  took prolactin from 57.5 to 315 U/L; Kauppila, Kivinen & Ylikorkala 1981, mothers with
  poor lactation: 36.6 -> 90.6 ng/mL within a week, down to 19.5 in the week off;
  GEZ83-METO). Whether the milk follows depends on the mother
  (``prolactin.prolactin_factor``);
- dopamine agonists suppress it: bromocriptine (5 mg a day stops lactation), cabergoline
  (one 1 mg dose does, and its half-life is about 65 h);
- pseudoephedrine lowers synthesis on the day it is taken (C20: -24% 24-h milk after 60 mg).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from letdown.reflex.params import value
from letdown.reflex.schedule import WeekSchedule

_LABEL = "prescribing information (elimination half-life)"


@dataclass(frozen=True)
class DrugAction:
    """How the amount of a drug acting (D, mg) changes the prolactin drive: ``emax`` > 0
    raises it (antagonist, 1 + emax x D^h / (D^h + d50^h)); ``emax`` = 0 lowers it
    (agonist, 1 / (1 + (D/d50)^h)). Evidence for every row: weak (dose bands of single
    trials, prescribing information). The antagonists' rise at an effective dose, about
    3.5-fold, sits within the 2.5- to 5.5-fold rises measured (see the module notes)."""

    half_life_h: float
    d50_mg: float
    hill: float
    emax: float
    source: str


DRUGS: dict[str, DrugAction] = {
    "domperidone": DrugAction(
        7.5, 15.0, 2.0, 3.0,
        "ASZ17-DOMP, ASZ19-DOMP (10 mg three times a day raised volume); prolactin about "
        "3-fold (Breastfeed Med 2021;16:245-50), alike at 30 and 60 mg a day; half-life "
        "7-9 h (prescribing information)"),
    "metoclopramide": DrugAction(
        6.0, 25.0, 8.0, 3.0,
        "KAU81-METO (5 mg three times a day: no prolactin rise; 10-15 mg: +42-50 mL per "
        "feed); GEZ83-METO"),
    "bromocriptine": DrugAction(
        15.0, 1.0, 1.5, 0.0, "lactation suppression at 2.5 mg twice a day; " + _LABEL),
    "cabergoline": DrugAction(
        65.0, 0.15, 1.5, 0.0, "lactation suppression by one 1 mg dose; " + _LABEL),
    "pseudoephedrine": DrugAction(6.0, 60.0, 1.0, 0.0, "C20 (acts on synthesis, not here)"),
}

def exposures(schedule: WeekSchedule) -> list[dict[str, float]]:
    """Each day's exposure to each drug: the amount (mg) still acting, a day's dose plus
    what is left of earlier doses by the drug's half-life (one 1 mg dose of cabergoline
    still acts a week later; domperidone is gone by the next day)."""
    out: list[dict[str, float]] = []
    level = dict.fromkeys(DRUGS, 0.0)
    for day in range(1, schedule.days + 1):
        doses = schedule.doses(day)
        for name, a in DRUGS.items():
            keep = math.exp(-math.log(2.0) * 24.0 / a.half_life_h)
            level[name] = level[name] * keep + doses[name]
        out.append(dict(level))
    return out


def prolactin_multiplier(exposure: dict[str, float]) -> float:
    """The drugs' combined effect on the prolactin drive (1 = none)."""
    mult = 1.0
    for name, a in DRUGS.items():
        d = exposure.get(name, 0.0)
        if d <= 0.0 or name == "pseudoephedrine":
            continue
        r = (d / a.d50_mg) ** a.hill
        mult *= 1.0 + a.emax * r / (1.0 + r) if a.emax > 0 else 1.0 / (1.0 + r)
    return mult


def fast_multiplier(exposure: dict[str, float]) -> float:
    """Same-day effect on synthesis (pseudoephedrine, C20), as the session model has it."""
    pse = min(exposure.get("pseudoephedrine", 0.0) / 60.0, 2.0)
    return 1.0 - value("pseudoephedrine_synthesis_cut") * pse
