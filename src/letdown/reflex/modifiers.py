"""Modifiers: how the parent's state and techniques change the reflex, each where it acts.

- Sympathetic tone (stress, anxiety, pain, cold, feeling rushed or watched, nicotine) acts by
  two separate pathways. Centrally, first: it lowers the drive to the oxytocin cells, so
  pulses come fewer and later (``central_half_tone``); the ejections that remain still move
  milk, so removal falls less than the pulses (N48: injected oxytocin restores what a
  distraction took). Peripherally, through adrenaline at the myoepithelium and its vessels:
  only at high levels, as after an adrenaline injection or a strong fright (C16,
  ``adrenaline_half_effect`` about 13x resting adrenaline); ordinary worry barely reaches it.
  Acute stress is given no prolactin pathway (C15-type responses are driven by the nipple;
  the sympathetic link to prolactin, CHA00, shows over weeks). Relaxation lowers the tone
  (C24). Plasma adrenaline is carried (state ``E``; ``adrenaline_basal_pg_ml`` scales it);
  adrenaline and cortisol are reported as outputs by ``hormones``.
- Alcohol: absorbed first-order (peak 30-60 min, MEN91) and eliminated at a saturating
  (Michaelis-Menten, near Widmark zero-order) rate, so its effect fades with blood alcohol.
  It acts on the neuroendocrine side only, at two places: the excitatory drive to the
  oxytocin cells (fewer, later bursts) and the amount each burst releases, steeply around
  0.85 g/kg in the body (Cobo 1973: no effect below 0.5 g/kg, a block above 1 g/kg; C17);
  the gland still answers injected oxytocin (C18). It raises prolactin (C19).
  The size of the oxytocin fall, against more than one study: Cobo 1973 saw no block of
  milk ejection below 0.5 g/kg and 18% of women inhibited at 0.5-0.99 g/kg; C17 (oxytocin
  release) 62% of normal at 0.5-0.8 g/kg and 32% at 0.9-1.1 g/kg; Coiro et al. (Acta
  Endocrinol 1992;126:213) an ethanol block of the oxytocin answer to breast stimulation,
  partly through opioids. The model follows these: at 0.4 g/kg, 45 min after drinking, peak
  oxytocin falls about 5% and the oxytocin over the session about 2%. Mennella et al.
  2005 (MEN05) reported a 78% fall at 0.4 g/kg (second-hand figure; the paper's measure is
  probably the area under the curve): a mechanism acting through blood alcohol cannot give
  both that and Cobo's "no block below 0.5 g/kg", so MEN05 is left to fall as it falls.
- Nicotine scales with the day's cigarettes, levelling off in heavy smokers rather than
  capped: it lowers basal prolactin (Andersen et al. Clin Endocrinol 1982;17:363, > 15 a
  day) but not the suckling increment and not oxytocin release (Andersen 1982: suckling
  rises of prolactin and oxytocin neurophysin unchanged; Amir, Early Hum Dev 2001;64:45,
  found this the only study of smoking and oxytocin in women), and it raises sympathetic
  tone (Cryer 1976) and so plasma adrenaline (``hormones``). Lower basal prolactin trims
  synthesis over days (``prl_synthesis_power``); the tone trims each session's removal, and
  the local feedback then trims synthesis. A day: about 4% less milk at 6 cigarettes, 8% at
  15, 12% at 40. The 24-hour studies disagree at the same dose: VIO91 -28% at just under 6
  a day, BER02 none at 7.1 (95% intervals of the difference -38% to -17% and -9% to +9%),
  so no dose-response passes both; prolactin is permissive (COX96-PRL) and Amir 2001 found
  the evidence for a physiological effect weak, so the model keeps the smaller effect and
  VIO91 fails. Whatever set VIO91 apart (smoking through pregnancy, the infant's demand)
  is not an input.
- Oxytocin given as a medicine is in ``dosing`` (routes, IU, timing); the receptor's slow
  desensitisation under sustained exposure is in ``model``.
- Pseudoephedrine lowers prolactin a little and synthesis over the next day (C20).
- Fatigue trims central drive slightly; chronic stress and fatigue do not by themselves
  lower long-run volume (C22), so both are kept small.
- Dehydration matters only when severe (C23): it trims synthesis.
- Techniques act over time, before and/or during the session, and are in ``techniques``:
  relaxation, skin-to-skin contact and being near the baby lower tone (and the baby is a
  cue); warmth eases flow in the warmed breast; massage adds afferent input and moves milk
  mechanically (into the ducts, and more out per ejection); compression pushes milk into the
  ducts and helps removal (C25). The nipple shield and flange size act in ``interface``
  (stimulus, removal, pain); vacuum acts in ``stimulus``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from letdown.reflex.interface import effect as interface_effect
from letdown.reflex.params import value
from letdown.reflex.scenario import Scenario
from letdown.reflex.techniques import baby_is_cue

#: storage capacity of one breast in the typical parent, mL (Kent et al., Exp Physiol
#: 1999;84:435-447: mean about 210 mL per breast, range 74-606). A scenario's
#: ``storage_capacity_ml`` is read against it: 420 mL doubles everyone's capacity (and the
#: typical person's is then 420 mL while the ``capacity`` parameter stays at 210). Kept apart
#: from the parameter so that fitting or varying the parameter does not change the scale.
TYPICAL_CAPACITY_ML = 210.0


def alcohol_effective_dose(dose_g_per_kg: float, hours_since: float) -> float:
    """Alcohol in the body (g/kg) ``hours_since`` after drinking ``dose_g_per_kg``.

    Absorbed from the gut first-order (half-time ``alcohol_absorption_half_time``, so blood
    and milk alcohol peak 30-60 min after a drink, MEN91), eliminated by the liver at a rate
    that saturates (Michaelis-Menten): close to constant (Widmark's zero order) above about
    0.2 g/L, first order below it (Jones, Forensic Sci Int 2010;200:1-20). Integrated in
    1-minute steps: at most 2880, once per scenario."""
    if dose_g_per_kg <= 0.0 or hours_since <= 0.0:
        return 0.0
    ka = math.log(2.0) / value("alcohol_absorption_half_time")
    vmax, km = value("alcohol_elimination"), value("alcohol_km")
    gut, body = dose_g_per_kg, 0.0
    steps = max(1, round(hours_since * 60.0))
    dt = hours_since / steps
    absorbed_share = math.exp(-ka * dt)
    for _ in range(steps):
        absorbed = gut * (1.0 - absorbed_share)
        gut -= absorbed
        body += absorbed
        body -= min(body, vmax * dt * body / (km + body))
    return body


def alcohol_release_factor(effective_dose: float) -> float:
    """Fraction of the normal oxytocin amount per burst left at an effective alcohol dose.

    Steep around the half dose: Cobo (1973) saw no effect on milk ejection below 0.5 g/kg
    and a block in many women above 1 g/kg (IOM, Nutrition During Lactation 1991, p. 89)."""
    ratio = effective_dose / value("alcohol_half_dose")
    return float(1.0 / (1.0 + ratio ** value("alcohol_hill")))


def alcohol_drive_factor(effective_dose: float) -> float:
    """Fraction of the central drive to the oxytocin cells left at an effective dose."""
    return float(1.0 - value("alcohol_drive_cut") * effective_dose / (effective_dose + 0.5))


def nicotine_exposure(cigarettes_per_day: float) -> float:
    """Daily nicotine exposure, 0-1: rises with the number of cigarettes and levels off in
    heavy smokers (smokers inhale less from each cigarette as they smoke more), so there is
    no cap at one number of cigarettes. Half of the maximum at ``nicotine_half_cigarettes``."""
    c = max(cigarettes_per_day, 0.0)
    return c / (c + value("nicotine_half_cigarettes"))


def cue_strength(present: bool, pairings: int) -> float:
    """Associative strength of the cue after ``pairings`` cue-feed pairings (Rescorla-Wagner
    with an asymptote of 1)."""
    if not present:
        return 0.0
    return 1.0 - (1.0 - value("cue_learning_rate")) ** pairings


@dataclass(frozen=True)
class Modifiers:
    """Scenario-level factors (the same for everyone in a population run)."""

    central: float  # multiplies central drive (alcohol, fatigue)
    release: float  # multiplies oxytocin released per burst (alcohol)
    tone: float  # sympathetic tone before individual reactivity (tone units)
    relaxation: float  # multiplies tone (1 = no relaxation)
    prl_basal: float  # multiplies basal prolactin
    prl_scale: float  # multiplies the whole prolactin level (alcohol)
    synthesis: float  # multiplies the synthesis rate
    flow: float  # multiplies ejection and removal flow (warmth)
    cue: float  # associative strength 0-1
    weeks_postpartum: float
    #: the scenario's storage capacity per breast relative to the population's typical
    #: 210 mL (Kent et al. 1999, range 74-606): scales every person's capacity
    capacity_scale: float = 1.0


def from_scenario(scenario: Scenario) -> Modifiers:
    st = scenario.state
    dose = alcohol_effective_dose(st.alcohol_g_per_kg, st.hours_since_drink)
    central = alcohol_drive_factor(dose) * (1.0 - value("fatigue_cut") * st.fatigue / 10.0)
    flange_pain = interface_effect(
        scenario.interface, scenario.session.kind, scenario.session.pump
    ).pain
    tone = (
        value("tone_per_stress") * st.stress
        + value("tone_per_pain") * (st.pain + flange_pain)
        + (value("tone_cold") if st.cold else 0.0)
        + (value("tone_rushed") if st.rushed else 0.0)
        + (value("tone_watched") if st.watched else 0.0)
    )
    relax = 1.0  # relaxation acts over time through the forcing (techniques.py)
    smoking = nicotine_exposure(st.cigarettes_per_day)
    tone += value("tone_nicotine") * smoking
    pse = min(st.pseudoephedrine_mg / 60.0, 2.0)
    prl_basal = (1.0 - value("nicotine_prl_cut") * smoking) * (
        1.0 - value("pseudoephedrine_prl_cut") * pse
    )
    synthesis = (1.0 - value("pseudoephedrine_synthesis_cut") * pse) * prl_basal ** value(
        "prl_synthesis_power"
    )
    if st.dehydration == "severe":
        synthesis *= 1.0 - value("severe_dehydration_cut")
    return Modifiers(
        central=central,
        release=alcohol_release_factor(dose),
        tone=tone,
        relaxation=relax,
        prl_basal=prl_basal,
        prl_scale=1.0 + value("alcohol_prl_gain") * dose / 0.4,
        synthesis=synthesis,
        flow=1.0,  # warmth acts per breast and over time (techniques.py)
        cue=cue_strength(
            scenario.cues.present or baby_is_cue(scenario), scenario.cues.pairings
        ),
        weeks_postpartum=scenario.parent.weeks_postpartum,
        capacity_scale=scenario.parent.storage_capacity_ml / TYPICAL_CAPACITY_ML,
    )
