"""Oxytocin given as a medicine: how each route brings a dose into the blood.

Why a module of its own: the route decides the shape in time of what reaches the plasma,
and that shape (not the dose alone) decides what the gland does. An intravenous bolus enters
within seconds; an infusion at a steady rate; an intramuscular dose over tens of minutes
(gamma-shaped absorption peaking near ``im_absorption_time``); a nasal spray within minutes
but only about 1% of it (``nasal_bioavailability``). Doses are in international units (IU;
1 IU = 1000 mU, WHO standard) and their times are minutes from first touch, negative before.

Given as part of a day, the same doses come before each session (as a nasal spray before each
pumping session was used in trials). The plasma input adds to the ``oxytocin`` forcing the
older ``[[events]]`` (in mU) also use; the gland's response is in ``model.derivs``.
"""

from __future__ import annotations

from dataclasses import replace

from letdown.reflex.params import value
from letdown.reflex.scenario import OxytocinDose, Scenario
from letdown.reflex.stimulus import IV_TIME, Forcing, Schedule, gamma_pulse, window

MU_PER_IU = 1000.0


def plasma_input(dose: OxytocinDose, t: float) -> float:
    """Oxytocin entering the plasma from one dose at ``t`` s from first touch (mU/s).

    Every shape is smooth and integrates to the bioavailable dose."""
    t0 = dose.at_min * 60.0
    mu = dose.dose_iu * MU_PER_IU
    if dose.route == "iv":
        if dose.infusion_min > 0.0:
            length = dose.infusion_min * 60.0
            return mu / length * window(t, t0, t0 + length)
        return mu * gamma_pulse(t, t0, IV_TIME)
    if dose.route == "im":
        return mu * gamma_pulse(t, t0, value("im_absorption_time"))
    return mu * value("nasal_bioavailability") * gamma_pulse(t, t0, value("tau_intranasal") / 2.0)


class DosedSchedule(Schedule):
    """The scenario's stimulus plus its oxytocin doses; starts early enough for every dose."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        self.doses = tuple(scenario.oxytocin)
        if self.doses:
            self.start = min(self.start, min(d.at_min * 60.0 for d in self.doses) - 30.0)

    def at(self, t: float) -> Forcing:
        f = super().at(t)
        extra = 0.0
        for dose in self.doses:
            extra += plasma_input(dose, t)
        if extra == 0.0:
            return f
        return replace(f, oxytocin=f.oxytocin + extra)


def dosed_schedule(scenario: Scenario) -> Schedule:
    """The schedule the engines integrate: plain when no oxytocin is given (no overhead)."""
    return DosedSchedule(scenario) if scenario.oxytocin else Schedule(scenario)
