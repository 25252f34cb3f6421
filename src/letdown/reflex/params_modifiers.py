"""Parameters of the central modifiers of the reflex: sympathetic tone (stress, pain, cold,
hurry, being watched), relaxation, and the substances (alcohol, nicotine, pseudoephedrine),
with units, sources and evidence grades like every other parameter.

Kept apart from ``params`` so each table stays short; ``params`` places them in ``PARAMS`` in
their old order.
"""

from __future__ import annotations

from letdown.reflex.param_types import Param, Spread

MODIFIER_PARAMS: dict[str, Param] = {
    # --- sympathetic tone and other central modifiers ---------------------------------------
    "tone_basal": Param(0.1, "tone units", "resting sympathetic tone; scale assumed", "assumed"),
    "tone_per_stress": Param(
        0.07, "tone per point (0-10)",
        "Newton & Newton J Pediatr 1948 (distraction/pain cut milk obtained); C24", "weak",
    ),
    "stress_reactivity": Param(
        1.0, "1", "between-person differences in stress response", "assumed", "",
        Spread("lognormal", 0.3, 0.3, 3.0),
    ),
    "tone_cold": Param(0.15, "tone units", "cold raises sympathetic tone; size assumed", "assumed"),
    "tone_rushed": Param(0.15, "tone units", "model-notes; size assumed", "assumed"),
    "tone_watched": Param(0.1, "tone units", "model-notes; size assumed", "assumed"),
    "tone_per_pain": Param(0.05, "tone per point (0-10)", "model-notes; size assumed", "assumed"),
    "relaxation_tone_cut": Param(
        0.45, "fraction", "C24 (relaxation tape +63% volume in stressed preterm mothers)", "weak"
    ),
    "central_half_tone": Param(
        0.6, "tone units",
        "N48 (distraction cut the milk obtained and injected oxytocin restored it: the block is "
        "central); Rossoni 2008 / Russell & Leng (stress inhibits oxytocin cells through "
        "noradrenergic and opioid input)", "weak",
        "central path of stress: thins and delays oxytocin bursts; acts before the gland's",
    ),
    "alcohol_half_dose": Param(
        0.85, "g/kg in the body",
        "C17 (release 62% of normal at 0.5-0.8 g/kg, 32% at 0.9-1.1 g/kg); Cobo, Am J Obstet "
        "Gynecol 1973 as summarised in IOM, Nutrition During Lactation 1991, p. 89 (milk "
        "ejection inhibited 0% below 0.5 g/kg, 18% at 0.5-0.99, 63% at 1.0-1.49, 80% at "
        "1.5-1.99 g/kg)", "weak", "release per burst (neurohypophysial terminals); the gland "
        "still answers injected oxytocin (C18)",
    ),
    "alcohol_drive_cut": Param(
        0.25, "fraction at high dose", "C19 (longer ejection latency after 0.4 g/kg)", "weak",
        "central part of the alcohol effect: fewer, later bursts",
    ),
    "alcohol_hill": Param(
        4.0, "1",
        "Cobo 1973 (IOM 1991, p. 89): no effect below 0.5 g/kg, a block above 1 g/kg; C17",
        "weak",
    ),
    "alcohol_elimination": Param(
        0.1, "g/kg/h (maximum rate)",
        "Widmark elimination about 0.15 g/L/h x body water 0.6-0.7 L/kg (Jones, Forensic "
        "Sci Int 2010;200:1-20)", "moderate",
    ),
    "alcohol_km": Param(
        0.06, "g/kg",
        "Jones 2010 (elimination saturates above about 0.1-0.2 g/L; Km about 0.1 g/L x "
        "0.6 L/kg body water)", "weak",
    ),
    "alcohol_absorption_half_time": Param(
        0.2, "h",
        "MEN91 (milk alcohol and odour peak 30 min to 1 h after 0.3 g/kg); Jones 2010 "
        "(peak blood alcohol 30-90 min after drinking)", "moderate",
    ),
    "alcohol_prl_gain": Param(
        0.5, "fraction per 0.4 g/kg", "C19 (PRL rises after 0.4 g/kg)", "weak"
    ),
    "fatigue_cut": Param(
        0.15, "fraction at fatigue 10", "C22 (fatigue does not predict volume): kept small",
        "assumed",
    ),
    "severe_dehydration_cut": Param(
        0.2, "fraction of synthesis", "C23 (only severe dehydration matters)", "weak"
    ),
}
