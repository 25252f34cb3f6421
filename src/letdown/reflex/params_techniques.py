"""Parameters of the technique layer (``techniques``) and the breast interface
(``interface``), with units, sources and evidence grades like every other parameter.

Kept apart from ``params`` so each table stays short; ``params`` merges them into
``PARAMS`` at import. The Param class is passed in rather than imported, so this module
does not import ``params`` back (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

P = TypeVar("P")


def technique_params(make: Callable[..., P]) -> dict[str, P]:
    """The technique and interface parameters, built with ``make`` (the Param class)."""
    return {
        # --- techniques: mechanical massage, timing, warmth, calm (reflex/techniques.py) ---
        "massage_transfer": make(
            0.0015, "1/s",
            "Jones et al. Arch Dis Child Fetal Neonatal Ed 2001;85:F91-5 (massage with pumping "
            "+53% sequential, +43% simultaneous: JON01-MASS); Morton et al. J Perinatol 2009 "
            "(hands-on pumping, C25)", "assumed",
            "stroking toward the nipple pushes alveolar milk into the ducts without oxytocin; "
            "size assumed equal to hand compression (compression_flow): the same hand pressure",
        ),
        "massage_removal": make(
            0.4, "fraction",
            "Jones 2001 (JON01-MASS); intraductal pressure rises with compression of the gland "
            "(duct diameters widen 2.5 +/- 1.5 mm at ejection, MDPI Proceedings 112(1):7)",
            "assumed",
            "removal per mL in the ducts rises while the hand raises the pressure behind them",
        ),
        "warmth_flow": make(
            0.4, "fraction",
            "Yigit et al. Breastfeed Med 2012;7:487-8 (warmed breast 47 vs 33 mL: YIG12-WARM); "
            "Kent, Geddes, Hepworth & Hartmann, Effect of warm breastshields on breast milk "
            "pumping, J Hum Lact 2011;27(4):331-8 (shields at 39 C during pumping: more milk "
            "and a larger share of the available milk removed, in less time; citation from "
            "memory, its figures not read here); Poiseuille: a duct's conductance goes as "
            "r^4 / viscosity", "weak",
            "how much more freely milk moves out of the alveoli and along the ducts of a fully "
            "warmed breast, acting on ejection and removal alike. Physics, not a fit: water's "
            "viscosity falls about 2% per degree C near body temperature (milk fat's faster), "
            "and 15 min of moist heat brings the skin to about 40 C (Petrofsky et al. Arch "
            "Dermatol Res 2009;301:581-5), so milk a few degrees warmer flows about 10% more "
            "easily; ducts and vessels relaxed by the heat and about 6% wider conduct (1.06)^4 "
            "= 1.26 times as much: 1.1 x 1.26 = 1.4. The widening is assumed (ducts widen by "
            "2.5 +/- 1.5 mm at each ejection, MDPI Proceedings 112(1):7, so they are "
            "compliant). YIG12-WARM, a training finding, is a consistency check of this value, "
            "not an independent test (was 0.25, 'far smaller than the change in skin blood "
            "flow', with which YIG12 gained +8%)",
        ),
        "warmth_onset": make(
            300.0, "s", "Petrofsky 2009 (skin warmed to 40 C over 15 min of heating)", "weak",
            "the warmed gland approaches its warm state with this time constant",
        ),
        "warmth_decay": make(
            1200.0, "s",
            "Pennes J Appl Physiol 1948;1:93-122 (bioheat: tissue heat is carried off by its "
            "blood flow, so tissue temperature relaxes with a time constant of about 1 / "
            "perfusion per unit volume); skin returns to resting temperature within about "
            "10 min after a warm bath (Martins & Sa, contrast bath study); Johnson & Kellogg "
            "J Appl Physiol 2010;109:1229-38 (local thermal control of skin blood flow)",
            "assumed",
            "after a warm compress comes off, its effect fades with this time constant. It is "
            "the warmed gland's, not the skin's: heat flows out of the breast's fatty and "
            "glandular tissue with its blood flow, far smaller per gram than that of heated "
            "skin (4-fold raised, Petrofsky 2009), so the gland cools more slowly than the "
            "skin's 10 minutes; twice that is assumed (was 600 s, the skin's)",
        ),
        "relaxation_onset": make(
            180.0, "s",
            "Pawlow & Jones Biol Psychol 2002;60:1-16 (a brief relaxation exercise lowers heart "
            "rate, anxiety and salivary cortisol within one session)", "weak",
        ),
        "relaxation_decay": make(
            900.0, "s",
            "Pawlow & Jones 2002 (lower heart rate and cortisol measured after the exercise); "
            "Feher et al. Pediatrics 1989 (tape before pumping helped: C24)", "assumed",
            "calm outlasts the exercise; its fading time is assumed",
        ),
        "skin_to_skin_tone_cut": make(
            0.35, "fraction of tone",
            "Acuna-Muga et al. J Hum Lact 2014;30:41-6 (milk expressed during kangaroo care "
            "107.7 mL and after it 117.7 mL vs 96.9 mL beside the incubator)", "weak",
            "skin-to-skin contact calms the parent; the baby is also a conditioned cue",
        ),
        "near_baby_tone_cut": make(
            0.15, "fraction of tone",
            "Acuna-Muga 2014 (expression near the infant gave more milk than far from it)",
            "weak", "being near the baby acts mostly as a conditioned cue",
        ),
        # --- breast interface: nipple shield and flange size (reflex/interface.py) ---
        "shield_transmission": make(
            0.7, "fraction",
            "Coentro et al. BMC Pregnancy Childbirth 2020;20:516 (COE20-SHIELD); silicone layer "
            "between nipple and mouth or pump", "assumed",
            "less of the sucking or vacuum cycle reaches the nipple's nerve endings",
        ),
        "shield_removal": make(
            0.3, "fraction",
            "Coentro 2020 (fitted shield: median 76.5 -> 32.1 mL, 69 -> 41% of available milk "
            "removed under a controlled pump)", "weak",
            "the nipple is drawn less deeply and milk leaves through a few holes; a round value "
            "chosen by hand for the direction and order of COE20 (a training finding), not fitted. "
            "Since ejected milk flows back while the removal force competes for it (model.derivs, "
            "backflow_rate), this cut gives a session about 0.6 of the milk (population median; "
            "0.73 while back-flow paused during a contraction)",
        ),
        "shield_small_factor": make(
            0.8, "fraction", "Coentro 2020 (a small shield was tested; too few valid sessions)",
            "assumed", "a too-small shield pinches the nipple: a further cut",
        ),
        "shield_small_pain": make(2.0, "pain points (0-10)", "Coentro 2020; assumed", "assumed"),
        "flange_small_transmission": make(
            0.05, "fraction per mm too narrow", "old flange_fit 'too_small' (0.85 at -3 mm)",
            "assumed",
        ),
        "flange_small_removal": make(
            0.1, "fraction per mm too narrow",
            "a narrow tunnel compresses the ducts under the areola (MDPI Proceedings 112(1):7); "
            "old 'too_small' 0.7 at -3 mm", "assumed",
        ),
        "flange_small_pain": make(
            4.0 / 3.0, "pain points per mm too narrow", "old 'too_small' (+4 at -3 mm)", "assumed"
        ),
        "flange_large_transmission": make(
            0.05, "fraction per mm too wide", "old 'too_large' (0.8 at +8 mm)", "assumed"
        ),
        "flange_large_removal": make(
            0.0625, "fraction per mm too wide",
            "areola drawn into the tunnel (Jones 2009 via breastfeedingfaqs.com); old "
            "'too_large' 0.75 at +8 mm", "assumed",
        ),
        "flange_large_pain": make(
            0.5, "pain points per mm too wide", "old 'too_large' (+2 at +8 mm)", "assumed"
        ),
    }
