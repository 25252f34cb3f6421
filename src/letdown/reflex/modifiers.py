"""Modifiers: how the parent's state and techniques change the reflex, each where it acts.

- Sympathetic tone (stress, anxiety, pain, cold, feeling rushed or watched) acts twice:
  centrally it thins and delays oxytocin bursts, and through adrenaline it blunts the
  myoepithelium's answer to oxytocin (C16). Relaxation lowers the tone (C24).
- Alcohol acts on the neuroendocrine side only, at two places: it lowers the excitatory
  drive to the oxytocin cells (fewer, later bursts) and the amount each burst releases from
  the neurohypophysis; the gland still answers injected oxytocin (C17, C18). It raises
  prolactin (C19).
- Nicotine lowers basal prolactin but not the suckling increment (C21).
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

from dataclasses import dataclass

from letdown.reflex.interface import effect as interface_effect
from letdown.reflex.params import value
from letdown.reflex.scenario import Scenario
from letdown.reflex.techniques import baby_is_cue


def alcohol_effective_dose(dose_g_per_kg: float, hours_since: float) -> float:
    """Alcohol still acting (g/kg): absorbed over the first 45 min, then eliminated at a
    constant (zero-order, Widmark) rate."""
    absorbed = dose_g_per_kg * min(1.0, hours_since / 0.75)
    eliminated = value("alcohol_elimination") * max(0.0, hours_since - 0.75)
    return max(0.0, absorbed - eliminated)


def alcohol_release_factor(effective_dose: float) -> float:
    """Fraction of the normal oxytocin amount per burst left at an effective alcohol dose."""
    ratio = effective_dose / value("alcohol_half_dose")
    return float(1.0 / (1.0 + ratio ** value("alcohol_hill")))


def alcohol_drive_factor(effective_dose: float) -> float:
    """Fraction of the central drive to the oxytocin cells left at an effective dose."""
    return float(1.0 - value("alcohol_drive_cut") * effective_dose / (effective_dose + 0.5))


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
    smoking = min(st.cigarettes_per_day / 15.0, 1.0)
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
    )
