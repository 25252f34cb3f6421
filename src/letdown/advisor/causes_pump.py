"""Pump causes: suction that hurts, a flange that does not fit, a weak or worn pump.

Each scorer returns a score between 0 and 1 and the reasons in the parent's own
terms; registering happens on import (``letdown.advisor.causes`` imports this).
"""

from __future__ import annotations

from letdown.advisor.questionnaire import FlangeFit, PainSource, PumpType
from letdown.advisor.scoring import Context, Score, pain, scorer


@scorer("pain_suction")
def _pain_suction(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if not a.pumps:
        return 0.0, []
    pump = a.pump
    hurts = bool(pump and pump.suction_hurts) or PainSource.pump_suction in a.pain_sources
    if hurts:
        s += 0.5 + 0.04 * pain(c)
        why.append("the pump suction hurts" + (f" ({pain(c)}/10)" if pain(c) else ""))
    if pump and pump.suction_setting and pump.suction_setting.value in ("high", "max"):
        s += 0.2 if hurts else 0.05
        why.append(f"the suction is set to {pump.suction_setting.value}")
    return s, why


@scorer("flange_fit")
def _flange(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    pump = a.pump
    if not a.pumps:
        return 0.0, []
    if pump and pump.flange_fit in (FlangeFit.too_small, FlangeFit.too_large):
        s += 0.6
        why.append(f"the flange seems {pump.flange_fit.value.replace('_', ' ')}")
    if pump and pump.flange_mm is not None and pump.nipple_mm is not None:
        gap = pump.flange_mm - pump.nipple_mm
        if gap < 1 or gap > 6:
            s += 0.5
            why.append(
                f"a {pump.flange_mm:g} mm flange for a {pump.nipple_mm:g} mm nipple is "
                f"{'tight' if gap < 1 else 'roomy'}"
            )
    if PainSource.flange in a.pain_sources:
        s += 0.4
        why.append("the flange rubs or hurts")
    pump_pain = bool(pump and pump.suction_hurts) or PainSource.pump_suction in a.pain_sources
    if s == 0 and pump_pain and not (pump and pump.flange_fit is FlangeFit.fits):
        s += 0.3
        why.append("pumping hurts and the flange size has not been checked")
    return s, why


@scorer("weak_pump")
def _weak_pump(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    pump = a.pump
    if not a.pumps or pump is None:
        return 0.0, []
    weak = {PumpType.manual, PumpType.single_electric, PumpType.wearable}
    if pump.type in weak and a.feeding_mode.value == "pumping":
        s += 0.4
        why.append(f"you pump exclusively with a {pump.type.value.replace('_', ' ')} pump")
    if pump.age_months is not None and pump.age_months >= 12:
        s += 0.25
        why.append(f"the pump is {pump.age_months:g} months old")
    if pump.loses_suction:
        s += 0.45
        why.append("the suction seems weaker than before")
    one_side_only = {PumpType.manual, PumpType.single_electric}
    if pump.double_pumping is False and pump.type not in one_side_only:
        # Both sides together gave more let-downs and more milk than one after the
        # other (Prime 2012, cited with the double-pumping technique).
        s += 0.3
        why.append(
            "you pump one side at a time"
            + ("" if pump.type is not None else ", and your pump may be able to do both")
        )
    if pump.suction_setting is not None and pump.suction_setting.value == "low":
        s += 0.15
        why.append("the suction is set low")
    return s, why
