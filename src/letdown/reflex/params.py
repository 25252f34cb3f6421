"""Every parameter of the reflex model, with its unit, its source and how strong that source is.

Why a table and not loose constants: the model is only as honest as its numbers, so each one
says where it comes from (a calibration id such as ``C13`` from
``shared/reference/calibration.md``, or a full citation) and how much to trust it. Parameters
that differ between people also carry the distribution a virtual population draws them from.

The table is split by area so each part stays readable: ``params_modifiers`` (sympathetic
tone, relaxation, substances), ``params_milk`` (storage, ducts, removal, synthesis, the
baby's appetite) and ``params_techniques`` (techniques, the breast interface) are merged into
``PARAMS`` here, in one order; the classes are in ``param_types``.

Evidence strength: ``strong`` (several human studies agree), ``moderate`` (one good human
study), ``weak`` (animal data, old assays, second-hand or approximate values) and ``assumed``
(a modelling choice, set so that the emergent behaviour matches the calibration studies).
"""

from __future__ import annotations

import numpy as np

from letdown.reflex.param_types import Evidence, FloatArray, Param, Spread
from letdown.reflex.params_milk import MILK_PARAMS
from letdown.reflex.params_modifiers import MODIFIER_PARAMS

_KENT_2008 = "Kent et al. Breastfeed Med 2008;3:11-9 (C27)"

PARAMS: dict[str, Param] = {
    # --- stimulus and afferent drive -------------------------------------------------------
    "infant_stimulus": Param(
        1.4, "1",
        "one breast suckled by an infant (fast non-nutritive sucking); C3 (first ejection "
        "about 1 min at the breast)", "weak",
        "pump stimulation is expressed relative to it",
    ),
    "pump_gain": Param(
        1.3, "1", "C3 (let-down comes later with a pump than at the breast)", "weak",
        "one cup at 190 mmHg and 60 cycles/min gives about 0.3 of a suckling infant",
    ),
    "vacuum_half_afferent": Param(
        80.0, "mmHg", "assumed saturating stretch response; optimum near MCV (C28)", "assumed"
    ),
    "rate_half_afferent": Param(
        30.0, "cycles/min", "C28 (about 1 pulse/s is the most effective stimulus)", "weak"
    ),
    "mcv": Param(
        190.7, "mmHg", _KENT_2008 + ": mean maximum comfortable vacuum", "moderate",
        "vacuum above this hurts; the pain raises sympathetic tone",
        Spread("normal", 45.0, 100.0, 300.0),
    ),
    "pain_per_excess_vacuum": Param(
        1.2, "tone per relative excess", "C27 (vacuum above comfort is painful)", "assumed"
    ),
    "transmission": Param(
        1.0, "1", "between-person differences in nipple/areola sensitivity", "assumed", "",
        Spread("lognormal", 0.15, 0.6, 1.6),
    ),
    # --- conditioned cues ------------------------------------------------------------------
    "tau_cue": Param(30.0, "s", "C8 (oxytocin rises within minutes of the cue)", "weak"),
    "cue_gain": Param(
        0.5, "drive per unit associative strength",
        "C8 (cues alone raised OT before suckling in 10/10 women); C30 (rat)", "moderate",
    ),
    "cue_learning_rate": Param(
        0.2, "1/pairing", "Rescorla & Wagner 1972 learning rule; rate assumed", "assumed",
        "associative strength after n pairings is 1 - (1 - rate)^n",
    ),
    # --- oxytocin neurons (reduced two-variable burst generator) ---------------------------
    "tau_priming": Param(
        60.0, "s",
        "Rossoni et al. PLoS Comput Biol 2008;4:e1000123 (dendritic priming builds over "
        "suckling before the first burst)", "weak",
    ),
    "drive_saturation": Param(
        0.6, "drive units",
        "C11 (pulses come no faster than every 1-2 min however strong the stimulus)", "assumed",
        "priming saturates: h = D*Ds/(D + Ds)",
    ),
    "afferent_gain": Param(0.88, "drive per unit afferent", "C3, C11 (tuned jointly)", "assumed"),
    "afferent_half_saturation": Param(
        0.2, "stimulus units",
        "Kent et al. J Hum Lact 2003; Gardner et al. BMC Pregnancy Childbirth 2015;15:156 "
        "(first ejection about 1 min after touch, at the breast or the pump, one breast or "
        "two)", "weak",
        "the oxytocin cells' response to nipple input saturates: one pump cup drives them "
        "at about 90% of two",
    ),
    "tau_neuron": Param(
        2.0, "s", "Wu, Lu, Lin, Leng, Feng PLoS ONE 2012;7:e38402 (two-variable reduction)",
        "weak", "population activity envelope; rat bursts last 2-4 s (C14)",
    ),
    "self_excitation": Param(
        0.6, "1", "dendritic oxytocin positive feedback (Rossoni 2008)", "weak"
    ),
    "sigmoid_width": Param(0.1, "1", "shape of the population response; assumed", "assumed"),
    "threshold": Param(
        0.5, "drive units", "excitability of the oxytocin cell population", "assumed", "",
        Spread("normal", 0.02, 0.44, 0.56),
    ),
    "inhibition_rate": Param(
        0.04, "1/s per unit activity above 0.5",
        "negative feedback that ends a burst (Rossoni 2008); burst ~8 s",
        "weak",
    ),
    "tau_inhibition": Param(
        130.0, "s", "C11 (about 5 pulses per 10 min), C14 (bursts 5-20 min apart in rat)",
        "weak", "sets the spacing of bursts",
    ),
    # --- pituitary pool and plasma oxytocin ------------------------------------------------
    "release_rate": Param(
        0.03, "1/s per activity^4",
        "Maicas-Royo, Leng, MacGregor, Endocrinology 2018 (secretion grows steeply with "
        "burst firing and depletes a releasable pool)", "weak",
    ),
    "tau_refill": Param(600.0, "s", "Maicas-Royo 2018 (pool recovers over minutes)", "weak"),
    "pulse_scale": Param(
        190.0, "pg/mL per pool fraction", "C9 (peaks near 53 pg/mL during a feed)", "moderate"
    ),
    "ot_basal": Param(
        4.0, "pg/mL",
        "C9 (10.8 pg/mL before suckling); JOH86-OT (Johnston & Amico 1986, extracted RIA: "
        "0.7 +/- 0.1 uU/mL, about 1.2 pg/mL); Leng & Sabatier J Neuroendocrinol "
        "2016;28:10.1111/jne.12413 (plasma oxytocin at rest is a few pg/mL where samples are "
        "extracted; interfering plasma factors read higher)", "weak",
        "resting level near the floor of the assays: 4 pg/mL lies between the two studies' "
        "basal values (their geometric mean is 3.6), while both agree on peaks of tens of "
        "pg/mL during a feed. Was 10 pg/mL (C9 alone), which made a feed's peak only 5x "
        "basal against JOH86's 7-33x",
        Spread("lognormal", 0.25, 1.5, 12.0),
    ),
    "ot_half_life": Param(
        110.0, "s",
        "C13 (half-life roughly 1.5-5 min); short end, as surges last < 1 min (C10)", "weak", "",
        Spread("lognormal", 0.3, 90.0, 300.0),
    ),
    "ot_clearance": Param(
        1.35, "L/min", "C13 (postpartum metabolic clearance about 1.3-1.4 L/min)", "moderate",
        "with the half-life gives the volume in which an injected dose spreads",
    ),
    "pg_per_mu": Param(
        1680.0, "pg/mU",
        "WHO 4th International Standard for oxytocin, about 600 IU/mg (1 mU = 1.68 ng)",
        "strong",
    ),
    "tau_intranasal": Param(
        160.0, "s", "C12 (ejection latency about 100 s intranasal vs 20 s iv)", "weak"
    ),
    "im_absorption_time": Param(
        15.0 * 60.0, "s",
        "oxytocin product information (intramuscular: response within 3-5 min, lasting 2-3 h); "
        "an RIA study of nasal, intramuscular and buccal oxytocin in three men (IM 25 ug = 15 "
        "IU gave 360-480 pg/mL; scilit record ce8d8167)", "weak",
        "gamma-shaped absorption from the muscle, peak input at this time",
    ),
    "nasal_bioavailability": Param(
        0.01, "fraction of the dose",
        "the same RIA study (nasal spray 65-100 ug = 40-60 IU gave 36-85 pg/mL, basal < 10); "
        "Martins et al. Nat Commun 2020;11:1160 (absolute plasma bioavailability of nasal "
        "oxytocin is small)", "weak",
    ),
    # --- myoepithelium ---------------------------------------------------------------------
    "tau_interstitial": Param(
        8.0, "s", "C12 (about 20 s iv latency); C14 (pressure rises 7-23 s after a burst)",
        "weak",
    ),
    "tau_contraction": Param(12.0, "s", "C12, C14 (tens of seconds)", "weak"),
    "ec50": Param(
        15.0, "pg/mL above the desensitised level",
        "C9, C12 (gland answers pulses, little to baseline)", "assumed", "",
        Spread("lognormal", 0.2, 7.0, 30.0),
    ),
    "hill": Param(4.0, "1", "steep receptor response; assumed", "assumed"),
    "desensitisation": Param(
        0.8, "fraction of the slow oxytocin average",
        "C1, C4 (ejections are discrete although oxytocin stays raised); oxytocin receptor "
        "desensitisation", "assumed"
    ),
    "tau_desensitisation": Param(90.0, "s", "C2 (one ejection lasts 45 s - 3.5 min)", "weak"),
    "adaptation_ceiling": Param(
        150.0, "pg/mL",
        "C1, C4 (physiological pulses give discrete ejections); Ruis et al. BMJ 1981 (oxytocin "
        "given with pumping removes more of the residual milk, so a dose must not switch the "
        "gland off)", "assumed",
        "the fast adaptation follows oxytocin only up to about three physiological peaks "
        "(smooth 4th-power saturation); a pharmacological dose overwhelms it, so the gland "
        "contracts while plasma is high instead of being shut off as plasma falls",
    ),
    "tau_receptor_loss": Param(
        120.0 * 60.0, "s at full receptor activation",
        "Phaneuf et al. Hum Reprod Update 1998;4:625-33 (binding sites fell tenfold over 20 h "
        "of continuous oxytocin); Robinson/Balki et al. Anesthesiology 2013;119:552 (2-12 h "
        "of pretreatment reduce contractions, more with longer exposure); Phaneuf et al. "
        "J Reprod Fertil 2000;120:91-7 (receptors fell about 3-4x in oxytocin-augmented "
        "labour)", "weak",
        "homologous receptor desensitisation needs sustained exposure: tens of minutes to "
        "hours, never one bolus",
    ),
    "tau_receptor_recovery": Param(
        90.0 * 60.0, "s",
        "Balki et al. Anesth Analg 2016;122:1508 (myometrial responsiveness recovers over "
        "30-90 min of rest after 2 h of oxytocin)", "weak",
    ),
    "adrenaline_half_effect": Param(
        1.3, "tone units",
        "C16 (Cross 1955, rabbit: injected adrenaline blocks the gland's answer to oxytocin); "
        "N48 (Newton & Newton 1948: injected oxytocin restores the milk a distraction took, "
        "so ordinary stress acts centrally, not at the gland); Hjemdahl et al. Clin Sci "
        "1986;70:199 (adrenaline's vascular actions appear from about 1.3 nmol/L, several "
        "times the resting 0.3 nmol/L)", "weak",
        "peripheral (myoepithelial and vascular) action of adrenaline: half effect at about "
        "13x resting adrenaline, reached by an injection or a strong fright, not by worry",
    ),
    "adrenaline_hill": Param(
        2.0, "1", "concentration-effect of catecholamines at the gland; assumed", "assumed",
        "at a third of the half effect it trims the gland's answer by about a tenth",
    ),
    "adrenaline_basal_pg_ml": Param(
        55.0, "pg/mL",
        "Hjemdahl et al. Clin Sci 1986;70:199 (resting arterial adrenaline about 0.3 nmol/L "
        "= 55 pg/mL)", "moderate",
        "resting level of the plasma adrenaline reported by reflex/hormones.py",
    ),
    "tau_adrenaline": Param(
        170.0, "s",
        "plasma adrenaline half-life about 2-3 min after iv dosing (adrenaline product "
        "monographs, pharmacokinetics section)", "moderate",
    ),
    "ejection_on": Param(0.35, "activation", "definition of an ejection onset", "assumed"),
    "ejection_off": Param(0.2, "activation", "re-arming level (hysteresis)", "assumed"),
    **MODIFIER_PARAMS,
    **MILK_PARAMS,
    # --- prolactin -------------------------------------------------------------------------
    # Basal prolactin and the suckling surge both fall over the months of lactation (Cox,
    # Owens & Hartmann, Exp Physiol 1996;81:1007-20, COX96-PRL: basal 119 -> 59, peak after
    # a feed 286 -> 91 ug/L from 1 to 6 months; Johnston & Amico, J Clin Endocrinol Metab
    # 1986;62:653-7, JOH86-PRL; Battin et al. Obstet Gynecol 1985;65:785-8; Noel et al.
    # J Clin Endocrinol Metab 1974;38:413-23, C15: basal raised in the first 6 weeks, near
    # the non-lactating range at 7-28 weeks). ``prolactin.basal_share`` and
    # ``prolactin.suckling_gain`` turn these into smooth curves from birth to a year.
    "prl_basal": Param(
        60.0, "ng/mL",
        "the unit of the basal curve and of the suckling increment; C15, C9 (192 ng/mL on "
        "days 3-5)", "weak",
        "a person's basal level is this draw x basal_share(weeks); spread from COX96-PRL "
        "(SD/mean 0.78 at 1 month, 0.49 at 6 months)", Spread("lognormal", 0.6, 10.0, 250.0),
    ),
    "prl_basal_floor_share": Param(
        0.41, "x prl_basal",
        "C15 (Noel 1974: before a feed at 7-28 weeks, prolactin near the non-lactating "
        "range); Delvoye et al. J Biosoc Sci 1977;9:447-51 (stays raised for a year with six "
        "or more feeds a day)", "weak", "the level basal prolactin settles at after months",
    ),
    "prl_basal_slow_share": Param(
        0.5, "x prl_basal",
        "COX96-PRL (basal halves from 1 to 6 months); Battin 1985", "weak",
        "the part of basal prolactin that fades over months",
    ),
    "tau_prl_basal": Param(
        12.0, "weeks", "COX96-PRL, JOH86-PRL (basal falls progressively over weeks 1-24)",
        "weak",
    ),
    "prl_basal_birth_share": Param(
        2.2, "x prl_basal",
        "C9 (about 190 ng/mL before a feed on days 3-5; the level of late pregnancy, "
        "about 200, falling after the placenta is delivered)", "weak",
        "the pregnancy level still fading in the first weeks",
    ),
    "tau_prl_birth": Param(
        0.8, "weeks", "C9 vs C15 (raised before feeds in the first weeks only)", "weak",
    ),
    "prl_gain_early": Param(
        20.0, "secretion units per stimulus",
        "suckling surge at birth; C15 (peak 8.5x baseline in the first 6 weeks), C9", "moderate",
    ),
    "prl_gain_late": Param(
        1.0, "secretion units per stimulus",
        "the surge left after about a year; Battin 1985; 'Serum prolactin levels in "
        "undernourished Indian lactating women', Br J Nutr (after 8 months the peak after "
        "suckling no longer differs from basal)", "weak",
    ),
    "tau_prl_gain": Param(
        14.0, "weeks",
        "JOH86-PRL (peak 162 -> 130 -> 77 ng/mL over six months), COX96-PRL (286 -> 91), C15 "
        "(x8.5 in the first 6 weeks, x6.0 at 7-28 weeks)", "weak",
        "time constant of the fall of the suckling surge",
    ),
    "tau_prl_secretion": Param(600.0, "s", "model-notes (PRL peaks ~45 min after start)", "weak"),
    "prl_half_life": Param(
        37.0 * 60.0, "s",
        "Sievertsen et al. J Clin Endocrinol Metab 1980;50:846-52 (half-life 37 +/- 10 min)",
        "moderate",
    ),
    "nicotine_prl_cut": Param(
        0.5, "fraction at full nicotine exposure",
        "C21 (Andersen et al. 1982: lower basal PRL in women smoking > 15/day; suckling "
        "increments of PRL and of oxytocin neurophysin unchanged, so nicotine does not act on "
        "central oxytocin release); Bahadori et al. Med Hypotheses 2013;81:582 (nicotine "
        "raises tuberoinfundibular dopamine)", "weak",
        "about 30% at 15 cigarettes/day; rises further, levelling off, in heavier smokers",
    ),
    "nicotine_half_cigarettes": Param(
        10.0, "cigarettes/day", "exposure levels off in heavy smokers; size assumed", "assumed",
    ),
    "tone_nicotine": Param(
        0.15, "tone units at full exposure",
        "Cryer et al. N Engl J Med 1976;295:573-7 (smoking releases adrenaline and "
        "noradrenaline); the tone is modest, so it acts centrally and barely at the gland",
        "weak",
    ),
    "prl_synthesis_power": Param(
        0.3, "1", "model-notes (PRL is permissive: scales capacity over days)", "assumed"
    ),
    "pseudoephedrine_synthesis_cut": Param(
        0.24, "fraction per 60 mg", "C20 (24-h milk -24% after 60 mg)", "moderate",
        "taken from C20, so C20 is a consistency check, not an independent test",
    ),
    "pseudoephedrine_prl_cut": Param(0.135, "fraction per 60 mg", "C20", "moderate"),
}


def _add_area_params() -> None:
    """Parameters kept in their own modules by area (techniques and the breast interface),
    so this table stays readable; they are the same kind of Param."""
    from letdown.reflex.params_techniques import technique_params

    PARAMS.update(technique_params(Param))


_add_area_params()


def value(name: str) -> float:
    """The nominal value of a parameter."""
    return PARAMS[name].value


def varying() -> list[str]:
    """Names of the parameters that differ between people."""
    return [name for name, p in PARAMS.items() if p.spread is not None]


def draw(name: str, n: int, rng: np.random.Generator | None) -> FloatArray:
    """``n`` values of a parameter: the nominal value when ``rng`` is None (a typical
    person), otherwise a draw from its documented spread."""
    p = PARAMS[name]
    if rng is None or p.spread is None:
        return np.full(n, p.value)
    s = p.spread
    if s.kind == "lognormal":
        sigma = float(np.sqrt(np.log1p(s.width**2)))
        out = p.value * np.exp(sigma * rng.standard_normal(n))
    elif s.kind == "normal":
        out = p.value + s.width * rng.standard_normal(n)
    else:
        out = rng.uniform(s.lo, s.hi, n)
    return np.clip(out, s.lo, s.hi)


def table() -> list[dict[str, str]]:
    """All parameters as rows for documentation and the validation report."""
    rows = []
    for name, p in PARAMS.items():
        spread = ""
        if p.spread is not None:
            s = p.spread
            spread = f"{s.kind} {s.width:g} [{s.lo:g}, {s.hi:g}]"
        rows.append(
            {
                "name": name,
                "value": f"{p.value:g}",
                "unit": p.unit,
                "source": p.source,
                "evidence": p.evidence,
                "spread": spread,
                "note": p.note,
            }
        )
    return rows


__all__ = ["PARAMS", "Evidence", "FloatArray", "Param", "Spread", "draw", "table", "value",
           "varying"]
