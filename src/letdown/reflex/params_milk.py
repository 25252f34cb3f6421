"""Parameters of the milk itself: storage, the ducts, removal by a baby or pump, backflow,
synthesis, and the baby's appetite, with units, sources and evidence grades.

Kept apart from ``params`` so each table stays short; ``params`` places them in ``PARAMS`` in
their old order.
"""

from __future__ import annotations

from letdown.reflex.param_types import Param, Spread

MILK_PARAMS: dict[str, Param] = {
    # --- milk: storage, ducts, removal, synthesis --------------------------------------------
    "capacity": Param(
        210.0, "mL per breast", "C32 (about 210 mL, range 74-606)", "moderate", "",
        Spread("lognormal", 0.35, 74.0, 606.0),
    ),
    "duct_fraction": Param(
        0.06, "of capacity",
        "Ramsay et al. J Anat 2005;206:525-34 (small ducts, mean main-duct diameter about 2 mm, "
        "no cistern: the ducts store little milk); Geddes Int Breastfeed J 2009;4:5 (a main "
        "duct 8 mm long, 2.4 mm wide)", "moderate",
        "what the duct tree holds when an ejection has widened it (about 13 mL for a typical "
        "breast); was 0.08 while back-flow paused during a contraction, which let the ducts "
        "act as a store",
    ),
    "duct_rest_fraction": Param(
        0.02, "of capacity", "model-notes (without an ejection little milk comes out)", "weak"
    ),
    "ejection_rate": Param(
        0.012, "1/s at full contraction",
        "C4, C6 (volumes and peak flow); Prime et al. Breastfeed Med 2006;1:14 (flow up to "
        "4.6 g per 5 s from one breast, rising with duct diameter)", "assumed",
        "raised from 0.009 with the continuous back-flow so that a typical session still "
        "removes about the same milk (C4, C6, MIT02-5MIN kept)",
    ),
    "backflow_rate": Param(
        0.08, "1/s",
        "Geddes Int Breastfeed J 2009;4:5 table 2 (second half of each ejection: the duct "
        "narrows and milk flow reverses back into the breast); Ramsay et al. Pediatrics "
        "2004;113:361 (duct dilation at each ejection is brief, about a minute or two); Kent "
        "et al. Breastfeed Med 2008;3:11 (flow and yield rise with vacuum up to the maximum "
        "comfortable one)", "weak",
        "milk in the ducts above their resting fill flows back into the alveoli at this rate, "
        "during a contraction too, so the removal force competes with it for every ejected "
        "mL; faster than the pump's removal (0.05/s), so a weaker force (a shield, a soft vacuum) "
        "captures clearly less (was 1/60 s, and only when relaxed: yield then hardly "
        "depended on removal, COE20-SHIELD failed)",
    ),
    "pump_removal": Param(
        0.05, "1/s", "C6 (peak flow 0.5 g/s from one breast)", "moderate", "",
        Spread("lognormal", 0.25, 0.02, 0.12),
    ),
    "infant_appetite": Param(
        80.0, "mL per breast",
        "Kent et al. Pediatrics 2006;117:e387 (a breastfeed from one breast 76.0 +/- 12.6 g, "
        "range 0-240 g, 67 +/- 8% of the milk that breast held: the infant, not the breast, "
        "ends a feed; each baby's average 30-135 mL)", "moderate",
        "intake from one breast at which the infant's sucking there has fallen by half "
        "(model.satiety); just above the mean breastfeed, since a feed ends a little before "
        "full satiety",
        Spread("lognormal", 0.35, 30.0, 240.0),
    ),
    "gastric_half_emptying": Param(
        48.0 * 60.0, "s",
        "Cavell, Acta Paediatr Scand 1981;70:639 (gastric half-emptying of human milk in "
        "infants about 48 min)", "moderate",
        "between feeds the stomach empties and the infant is hungry again",
    ),
    "infant_removal": Param(
        0.06, "1/s", "C3, C35 (infants remove milk at least as well as pumps)", "weak", "",
        Spread("lognormal", 0.25, 0.02, 0.14),
    ),
    "vacuum_half_removal": Param(
        120.0, "mmHg", "C27 (softer vacuum removes less milk)", "moderate"
    ),
    "optimal_rate": Param(
        60.0, "cycles/min", "C28 (about 1 pulse/s)", "moderate"
    ),
    "compression_flow": Param(
        0.0015, "1/s", "C25 (hands-on pumping moves milk without oxytocin)", "weak"
    ),
    "compression_removal": Param(0.25, "fraction", "C25", "weak"),
    "massage_afferent": Param(0.15, "stimulus units", "C25 (massage before pumping)", "weak"),
    "synthesis_max": Param(
        20.0, "mL/h per breast", "C31 (about 23 mL/h on average, up to 90 mL/h)", "moderate",
        "maximum rate when the breast is empty",
        Spread("lognormal", 0.3, 8.0, 90.0),
    ),
    "synthesis_exponent": Param(
        2.0, "1", "C34 (synthesis slows as the breast fills)", "moderate"
    ),
    # --- the first days: an oxytocin reflex that is not yet reliable -------------------------
    "early_reflex_deficit": Param(
        0.35, "share of the afferent drive",
        "Lucas, Drewett & Mitchell. BMJ 1980;281:834-5 (C10: no oxytocin response to a feed "
        "in 3 of 10 mothers in the first week, as often on days 1-3 as on days 5-7, more "
        "often in first-time mothers; yet their babies fed); Nissen et al. Early Hum Dev "
        "1996;45:103-18 (day 2: 0 to 5 oxytocin pulses in the first 10 min of a feed, fewer "
        "after an emergency caesarean and when the first feed came later)", "weak",
        "share of the nipple's drive to the oxytocin cells missing in the first days, "
        "fading over the first two weeks (``reflex_maturation_day``); differs widely "
        "between people (birth, parity); the typical person still responds",
        Spread("normal", 0.3, 0.0, 0.9),
    ),
    "reflex_maturation_day": Param(
        7.0, "d after birth",
        "Lucas et al. 1980 (unreliable all through the first week); McNeilly et al. BMJ "
        "1983;286:257-9 (pulsatile release in all 10 women, early and established); "
        "Johnston & Amico. J Clin Endocrinol Metab 1986;62:653-7 (JOH86-OT: a rise with "
        "every feed from week 4)", "weak",
        "day at which half of the early deficit is gone (a logistic fade, "
        "``reflex_maturation_width`` wide)",
    ),
    "reflex_maturation_width": Param(
        1.5, "d", "assumed: the deficit is nearly gone by about two weeks", "assumed"
    ),
}
