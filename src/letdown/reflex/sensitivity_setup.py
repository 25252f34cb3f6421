"""What the Sobol analysis (``sensitivity``) looks at, and why: the metrics, the parameters it
varies and those it leaves out (with the reason), the parameters this analysis removed or
kept despite a tiny index, and the three sessions it runs.

Why a module of its own: these are decisions a reviewer reads and changes (a parameter added
to the model joins ``ANALYSED`` or says why not); the sampling and the running are in
``sensitivity``. Pure data and two small helpers; imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

from letdown.reflex.params import PARAMS
from letdown.reflex.scenario import Scenario, from_dict

#: the metrics analysed (see docs/validation/metrics.md), in report order
METRICS: tuple[str, ...] = (
    "time_to_first_ejection_s",
    "ejections",
    "volume_ml",
    "pamr",
    "ot_pulses",
    "peak_ot_pg_ml",
    "peak_prl_ng_ml",
)
METRIC_LABELS: dict[str, str] = {
    "time_to_first_ejection_s": "time to first ejection",
    "ejections": "ejections",
    "volume_ml": "volume",
    "pamr": "% of available milk removed",
    "ot_pulses": "oxytocin pulses",
    "peak_ot_pg_ml": "peak oxytocin",
    "peak_prl_ng_ml": "peak prolactin",
}

#: half-width of the range for a parameter with no documented population spread
RELATIVE_RANGE = 0.2
#: total index below which a parameter "matters for nothing" for a metric
INERT_THRESHOLD = 0.01

#: the parameters the model reads per person or as constants of its equations
#: (model.constants, model.people, the engine): these can differ between people in one run
ANALYSED: tuple[str, ...] = (
    # nipple stimulation (the afferent drive is shared by a run's people only when these are
    # fixed: with one value each, each person gets their own drive)
    "infant_stimulus", "pump_gain", "vacuum_half_afferent", "rate_half_afferent",
    # afferent, cue and the oxytocin cells
    "transmission", "afferent_gain", "afferent_half_saturation",
    "tau_cue", "cue_gain", "tau_priming", "drive_saturation", "tau_neuron",
    "self_excitation", "sigmoid_width", "threshold", "inhibition_rate", "tau_inhibition",
    # pituitary and plasma oxytocin
    "release_rate", "tau_refill", "pulse_scale", "ot_basal", "ot_half_life", "ot_clearance",
    "pg_per_mu",
    # the gland
    "tau_interstitial", "tau_contraction", "ec50", "hill", "desensitisation",
    "tau_desensitisation", "adaptation_ceiling", "tau_receptor_loss", "tau_receptor_recovery",
    "adrenaline_half_effect", "adrenaline_hill", "tau_adrenaline",
    # sympathetic tone
    "tone_basal", "tone_per_stress", "stress_reactivity", "central_half_tone", "mcv",
    "pain_per_excess_vacuum",
    # milk
    "capacity", "duct_fraction", "duct_rest_fraction", "ejection_rate", "backflow_rate",
    "pump_removal", "infant_removal", "compression_flow", "compression_removal",
    "synthesis_max", "synthesis_exponent",
    # the baby's appetite (a breastfeed ends when the baby is full)
    "infant_appetite", "gastric_half_emptying",
    # prolactin, and how its basal level and suckling surge change over months
    "prl_basal", "prl_gain_early", "prl_gain_late", "tau_prl_secretion", "prl_half_life",
    "prl_basal_birth_share", "prl_basal_floor_share", "prl_basal_slow_share",
    "tau_prl_basal", "tau_prl_birth", "tau_prl_gain",
)

#: parameters taken out of the table because this analysis found them inert, and where
#: their value went (the model behaves exactly as before: the value became a constant)
REMOVED: dict[str, str] = {
    "tau_afferent": "the 3 s lag of the afferent drive is now the constant AFFERENT_TAU_S in "
    "model.py: total index < 0.01 for every metric in every scenario, and halving or "
    "doubling it moved no metric of the five example scenarios by more than 1.3%",
}

#: parameters below the threshold here that stay, and why: each carries an input or a time
#: scale that these three single sessions do not exercise (checked by halving and doubling
#: each one over the five example scenarios and the calibration studies)
KEPT: dict[str, str] = {
    "tau_cue": "how fast a cue (the baby's cry) primes the oxytocin cells: halving or "
    "doubling it moves the typical breastfeed's first ejection by up to 18%; a +/-20% change "
    "is lost in the differences between people",
    "rate_half_afferent": "how the pump's cycle rate sets the nipple stimulation (C28): these "
    "sessions all pump at 60 cycles/min; halving or doubling it moves a metric of the "
    "example scenarios by up to 17%",
    "adrenaline_hill": "the steepness of adrenaline's effect on the gland, which acts at the "
    "high levels of an injection or a fright; halving it changes the verdict of C16",
    "ot_clearance": "turns a dose of oxytocin into plasma level; no scenario here has a dose "
    "(tests/reflex/test_exogenous_oxytocin.py)",
    "pg_per_mu": "converts a dose in mU into pg; no scenario here has a dose",
    "adaptation_ceiling": "lets a pharmacological dose keep the gland contracting; no dose "
    "here, and halving it changes a calibration verdict",
    "tau_receptor_loss": "receptor loss under hours of oxytocin; acts with infusions and "
    "repeated doses only",
    "tau_receptor_recovery": "receptor recovery over hours after oxytocin; acts with "
    "infusions and repeated doses only",
    "tau_adrenaline": "how fast adrenaline follows a change in tone (stress events during a "
    "session, injected adrenaline); halving it changes a calibration verdict",
    "duct_fraction": "the ducts' share of the breast; halving it changes a calibration "
    "verdict",
    "duct_rest_fraction": "the milk resting in the ducts: sets the milk removed before the "
    "first ejection (not a headline metric), which doubles when it doubles",
    "backflow_rate": "milk in the ducts flowing back into the breast, during and after an "
    "ejection (Geddes 2009): it competes with the pump or baby for every ejected mL, which is "
    "how a shield, a softer vacuum or a poor flange fit lower a session (COE20-SHIELD, "
    "tests/reflex/test_removal_competition.py)",
    "pump_removal": "the pump's removal efficacy: it competes with the ducts' backflow for each "
    "ejection, shapes the flow over the session and carries the vacuum's effect on removal "
    "(C27, tests/reflex/test_removal_competition.py)",
    "infant_stimulus": "how strongly a suckling baby drives the oxytocin cells: the drive "
    "saturates, so +/-20% is lost here, but doubling it changes the verdicts of C1 and "
    "JOH86-PRL",
    "gastric_half_emptying": "how fast the baby is hungry again after a feed: it acts between "
    "feeds (without it a baby fed once would never suck hard again, "
    "tests/reflex/test_infant_appetite.py); halving or doubling it moves a day's milk by "
    "about 1%",
    "prl_basal_birth_share": "basal prolactin in the first days: these sessions are at 8 "
    "weeks; doubling it changes the verdict of C9 (days 3-5)",
    "prl_basal_floor_share": "basal prolactin after months: these sessions are at 8 weeks; "
    "doubling it changes the verdicts of C15 and JOH86-PRL",
    "prl_basal_slow_share": "the slow fall of basal prolactin over months: doubling it "
    "changes the verdicts of C15 and JOH86-PRL",
    "tau_prl_basal": "how fast basal prolactin falls over months: doubling it changes the "
    "verdicts of C15 and JOH86-PRL",
    "tau_prl_birth": "how fast the pregnancy level of prolactin fades after birth: doubling "
    "it changes the verdicts of C15 and JOH86-PRL",
    "tau_prl_gain": "how fast the prolactin rise a feed brings falls over months: doubling "
    "it changes the verdict of JOH86-PRL",
    "compression_flow": "hands-on pumping and compression (C25); no scenario here uses them",
    "compression_removal": "hands-on pumping and compression (C25); no scenario here uses "
    "them",
    "synthesis_max": "milk made between sessions: negligible within one session, decisive "
    "over a day (doubling it changes a calibration verdict)",
    "synthesis_exponent": "how synthesis slows as the breast fills: acts over a day",
    "prl_gain_late": "the prolactin response in established lactation: at 6-8 weeks, as "
    "here, it carries under a tenth of the response, from 28 weeks all of it",
}

#: per-person parameters left out because the three sessions analysed cannot show them,
#: and why (each is checked by its own physiology tests and calibration findings instead)
OUT_OF_SCOPE: dict[str, str] = {
    "early_reflex_deficit": "differs between people, but only in the first two weeks (it is "
    "exactly zero from 6 weeks); these sessions are at 6-8 weeks (C10, "
    "tests/reflex/test_first_days.py)",
    "reflex_maturation_day": "when the first-week reflex settles: acts only in the first "
    "weeks; these sessions are at 6-8 weeks (C10)",
    "reflex_maturation_width": "how quickly the first-week reflex settles: acts only in the "
    "first weeks; these sessions are at 6-8 weeks (C10)",
}

#: definitions of a metric, not properties of the body: never varied
DEFINITIONS: tuple[str, ...] = ("ejection_on", "ejection_off")

#: the scenarios analysed: the calm pump, the breastfeed and the stressed pump of
#: examples/scenarios/ (kept here so that the analysis reads no file)
SCENARIOS: dict[str, dict[str, Any]] = {
    "calm-pump": {
        "name": "calm pump",
        "state": {"stress": 1},
        "session": {"kind": "pump", "duration_min": 15, "sides": "both",
                    "order": "simultaneous",
                    "pump": {"vacuum_mmhg": 190, "cycles_per_min": 60, "stimulation_min": 2,
                             "flange_fit": "good"}},
    },
    "breastfeed": {
        "name": "breastfeed",
        "parent": {"weeks_postpartum": 6},
        "cues": {"present": True, "pairings": 30, "lead_min": 2},
        "session": {"kind": "breastfeed", "duration_min": 16, "sides": "both",
                    "order": "sequential", "observe_min": 30},
    },
    "stressed-pump": {
        "name": "stressed pump",
        "state": {"stress": 5},
        "session": {"kind": "pump", "duration_min": 15,
                    "pump": {"vacuum_mmhg": 230, "cycles_per_min": 60,
                             "flange_fit": "too_small"}},
    },
}


class SensitivityError(ValueError):
    """A bad option for the analysis, said in one line (what was wrong, what is allowed)."""


def scenario(name: str) -> Scenario:
    """One of the built-in analysis scenarios, by name."""
    if name not in SCENARIOS:
        raise SensitivityError(
            f"unknown scenario {name!r}; allowed: {', '.join(SCENARIOS)}"
        )
    return from_dict(SCENARIOS[name])


def not_analysed() -> dict[str, str]:
    """Every parameter of the table left out of the analysis, with the reason."""
    out = {}
    for name in PARAMS:
        if name in DEFINITIONS:
            out[name] = "defines when an ejection is counted (a metric, not the body)"
        elif name in OUT_OF_SCOPE:
            out[name] = OUT_OF_SCOPE[name]
        elif name not in ANALYSED:
            out[name] = "an input's effect, the same for everyone in a run (scenario level)"
    return out
