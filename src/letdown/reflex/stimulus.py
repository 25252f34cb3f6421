"""Stimulus layer: what touches the breast, when, and how hard — as smooth functions of time.

The stimulus is the same for every virtual parent in a population run (it is the scenario),
so it is computed once per time step as plain floats. Every switch (latch-on, the pump's
change from stimulation to expression, the second breast in a sequential session, a fright)
is a smoothstep ramp of a few seconds rather than a jump: both the fast engine and the
``solve_ivp`` reference then integrate exactly the same, continuous equations.

An infant's sucking changes from fast non-nutritive bursts (~2 Hz) to slower nutritive sucks
(~1 Hz) once milk flows. That change matters for how much milk the infant takes, and the
model carries it implicitly: removal is proportional to the milk in the ducts, so before an
ejection sucking removes almost nothing and after it, the same sucking becomes nutritive.

Two layers feed in here. The breast interface (``interface``: a nipple shield, the flange's
size against the nipple) scales how much of the pump's or baby's stimulus reaches the nipple
and how much milk leaves per mL in the ducts. The techniques (``techniques``) add their own
time courses, which may start before touch (the simulation then starts earlier): massage's
afferent input and its mechanical push of milk into the ducts and out, warmth's flow in the
warmed breast, the calm from relaxation and the baby, and the baby as a cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from letdown.reflex.hand import HAND_REMOVAL, HAND_STIMULUS
from letdown.reflex.interface import effect as interface_effect
from letdown.reflex.params import value
from letdown.reflex.scenario import QUIET_LEAD_MIN, Scenario
from letdown.reflex.techniques import Plan

#: ramp time of every on/off switch (s)
RAMP = 5.0
#: time over which an intravenous injection enters the blood (s; gamma-shaped input)
IV_TIME = 5.0


def smoothstep(u: float) -> float:
    """0 below 0, 1 above 1, a C1 cubic in between."""
    if u <= 0.0:
        return 0.0
    if u >= 1.0:
        return 1.0
    return u * u * (3.0 - 2.0 * u)


def window(t: float, start: float, end: float, ramp: float = RAMP) -> float:
    """1 between start and end, 0 outside, with smooth ramps after each edge."""
    return smoothstep((t - start) / ramp) - smoothstep((t - end) / ramp)


def gamma_pulse(t: float, start: float, tau: float) -> float:
    """A unit-area pulse (t/tau^2) e^(-t/tau) starting at ``start``; smooth at its onset."""
    s = t - start
    if s <= 0.0:
        return 0.0
    return s / (tau * tau) * math.exp(-s / tau)


def pump_afferent(vacuum: float, rate: float) -> float:
    """Afferent stimulation from one pump cup relative to a suckling infant (C27, C28)."""
    v_half = value("vacuum_half_afferent")
    r_half = value("rate_half_afferent")
    return value("pump_gain") * vacuum / (vacuum + v_half) * rate / (rate + r_half)


def pump_removal(vacuum: float, rate: float) -> float:
    """Milk removal by one pump cup relative to 190 mmHg at 60 cycles/min.

    Softer vacuum removes less (C27); removal per cycle falls at fast cycling because the
    vacuum has less time to develop, so removal peaks near one cycle per second (C28).
    """
    v_half = value("vacuum_half_removal")
    r_opt = value("optimal_rate")
    vac = vacuum / (vacuum + v_half) / (190.0 / (190.0 + v_half))
    x = rate / r_opt
    return vac * 2.0 * x / (1.0 + x * x)


#: flange fit -> (stimulus transmission, removal, extra pain on the 0-10 scale); kept for
#: readers of the old switch: ``reflex.interface`` now computes the fit from sizes in mm
FLANGE = {
    "good": (1.0, 1.0, 0.0),
    "too_small": (0.85, 0.7, 4.0),
    "too_large": (0.8, 0.75, 2.0),
}


@dataclass(frozen=True)
class Forcing:
    """Everything the scenario imposes at one instant (all floats, shared by everyone)."""

    stim: float  # afferent stimulus, sum over breasts (infant one breast = 1)
    vacuum: float  # vacuum being applied (mmHg), 0 at the breast
    removal_left: float  # relative removal rate (x the person's efficacy)
    removal_right: float
    compression_left: float  # 1 while compression is applied to that breast
    compression_right: float
    cue: float  # 0-1 conditioned cue present
    stress: float  # extra stress points from events
    oxytocin: float  # exogenous oxytocin entering plasma, mU/s
    adrenaline: float  # exogenous adrenaline, tone units per s
    # techniques over time (reflex/techniques.py); the defaults mean "none"
    calm: float = 0.0  # fraction of sympathetic tone removed (relaxation, the baby)
    flow_left: float = 1.0  # multiplies ejection and removal flow (warmth)
    flow_right: float = 1.0
    transfer_left: float = 0.0  # 1/s alveoli -> ducts pushed by the hand (massage)
    transfer_right: float = 0.0
    boost_left: float = 0.0  # extra fraction of removal while massaging
    boost_right: float = 0.0


@dataclass(frozen=True)
class Side:
    """When one breast is being stimulated (seconds from first touch)."""

    start: float
    end: float


class Schedule:
    """The scenario's stimulus as a function of time (seconds from first touch)."""

    def __init__(self, scenario: Scenario) -> None:
        s = scenario.session
        self.kind = s.kind
        self.duration = s.duration_min * 60.0
        self.end = self.duration + s.observe_min * 60.0
        lead = scenario.cues.lead_min * 60.0 if scenario.cues.present else 0.0
        event_starts = [e.at_min * 60.0 for e in scenario.events]
        self.plan = Plan(scenario)
        self.start = min([-lead, *event_starts, self.plan.start, 0.0]) - QUIET_LEAD_MIN * 60.0
        self.sides = self._sides(scenario)
        pump = s.pump_settings
        self.stim_len = pump.stimulation_min * 60.0 if s.kind == "pump" else 0.0
        fit = interface_effect(scenario.interface, s.kind, s.pump)
        tx, rem = fit.transmission, fit.removal
        if s.kind == "pump":
            self.aff_stim = tx * pump_afferent(pump.stim_vacuum, pump.stimulation_cycles_per_min)
            self.aff_expr = tx * pump_afferent(pump.vacuum_mmhg, pump.cycles_per_min)
            self.rem_stim = rem * pump_removal(pump.stim_vacuum, pump.stimulation_cycles_per_min)
            self.rem_expr = rem * pump_removal(pump.vacuum_mmhg, pump.cycles_per_min)
            self.vac_stim = pump.stim_vacuum
            self.vac_expr = pump.vacuum_mmhg
        else:
            hand = s.kind == "hand"
            self.aff_stim = self.aff_expr = tx * value("infant_stimulus") * (
                HAND_STIMULUS if hand else 1.0
            )
            self.rem_stim = self.rem_expr = rem * (HAND_REMOVAL if hand else 1.0)
            self.vac_stim = self.vac_expr = 0.0
        self.compression_on = scenario.techniques.compression or s.kind == "hand"
        self.cue_on = scenario.cues.present
        self.cue_start = -lead
        self.events = scenario.events

    @staticmethod
    def _sides(scenario: Scenario) -> tuple[Side | None, Side | None]:
        s = scenario.session
        d = s.duration_min * 60.0
        if s.kind == "none":
            return None, None
        if s.sides == "left":
            return Side(0.0, d), None
        if s.sides == "right":
            return None, Side(0.0, d)
        if s.effective_order == "simultaneous":
            return Side(0.0, d), Side(0.0, d)
        return Side(0.0, d / 2.0), Side(d / 2.0, d)

    def _breast(self, t: float, side: Side | None) -> tuple[float, float, float, float]:
        """(afferent, removal, vacuum, on) for one breast at time t."""
        if side is None:
            return 0.0, 0.0, 0.0, 0.0
        on = window(t, side.start, side.end)
        if on == 0.0:
            return 0.0, 0.0, 0.0, 0.0
        if self.stim_len > 0.0:
            w_stim = window(t, side.start, side.start + self.stim_len)
            w_expr = on - w_stim
        else:
            w_stim, w_expr = 0.0, on
        aff = self.aff_stim * w_stim + self.aff_expr * w_expr
        rem = self.rem_stim * w_stim + self.rem_expr * w_expr
        vac = self.vac_stim * w_stim + self.vac_expr * w_expr
        return aff, rem, vac, on

    def at(self, t: float) -> Forcing:
        aff_l, rem_l, vac_l, on_l = self._breast(t, self.sides[0])
        aff_r, rem_r, vac_r, on_r = self._breast(t, self.sides[1])
        stress = oxy = adr = 0.0
        for e in self.events:
            t0 = e.at_min * 60.0
            if e.kind == "stress":
                stress += e.amount * window(t, t0, t0 + e.duration_min * 60.0, 10.0)
            elif e.kind == "oxytocin_iv":
                oxy += e.amount * gamma_pulse(t, t0, IV_TIME)
            elif e.kind == "oxytocin_intranasal":
                oxy += e.amount * gamma_pulse(t, t0, value("tau_intranasal") / 2.0)
            else:
                adr += e.amount * gamma_pulse(t, t0, IV_TIME)
        cue = window(t, self.cue_start, self.duration) if self.cue_on else 0.0
        tech = self.plan.at(t, on_l, on_r)
        return Forcing(
            stim=aff_l + aff_r + tech.stim,
            vacuum=max(vac_l, vac_r),
            removal_left=rem_l,
            removal_right=rem_r,
            compression_left=on_l if self.compression_on else 0.0,
            compression_right=on_r if self.compression_on else 0.0,
            cue=max(cue, tech.cue),
            stress=stress,
            oxytocin=oxy,
            adrenaline=adr,
            calm=tech.calm,
            flow_left=tech.flow_left,
            flow_right=tech.flow_right,
            transfer_left=tech.transfer_left,
            transfer_right=tech.transfer_right,
            boost_left=tech.boost_left,
            boost_right=tech.boost_right,
        )
