"""Pump causes: suction that hurts, a flange that does not fit, a weak or worn pump.

Each scorer returns a score between 0 and 1 and the reasons in the parent's own
terms; registering happens on import (``letdown.advisor.causes`` imports this).
"""

from __future__ import annotations

from letdown.advisor import volumes
from letdown.advisor.choices import RecentChange
from letdown.advisor.questionnaire import FlangeFit, PainSource, PumpType
from letdown.advisor.scoring import Context, Score, pain, scorer

#: Valves and membranes stretch with daily use; pump makers advise replacing them every
#: few months (often 1-3) when pumping several times a day (expert opinion).
PARTS_MONTHS = 3


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
    if pump and pump.nipple_rubs_tunnel:
        s += 0.5
        why.append("the nipple rubs the sides of the tunnel, so the flange is likely too small")
    if a.parent.nipple_turns_white and not (pump and pump.flange_fit is FlangeFit.fits):
        # A tunnel that squeezes the nipple is a common trigger of blanching (Anderson 2004,
        # cited with nipple_vasospasm).
        s += 0.2
        why.append("a nipple that turns white after pumping can mean the flange squeezes it")
    if RecentChange.new_flange in a.recent_changes:
        s += 0.3
        why.append("it began with a new flange")
    elif s and RecentChange.new_pump in a.recent_changes:
        s += 0.15
        why.append("a new pump can come with a different flange size")
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
    if pump.parts_worn:
        s += 0.5
        why.append("a valve, membrane or tube is worn or damaged, which loses suction")
    elif pump.parts_age_months is not None and pump.parts_age_months >= PARTS_MONTHS:
        s += 0.25
        why.append(f"the valves and membranes are {pump.parts_age_months:g} months old")
    if RecentChange.new_parts in a.recent_changes:
        s += 0.25
        why.append("new parts that are not seated quite right lose suction")
    if RecentChange.new_pump in a.recent_changes:
        s += 0.2
        why.append("a new pump can feel and pull differently")
    if pump.suction_setting is not None and pump.suction_setting.value == "low":
        s += 0.15
        why.append("the suction is set low")
    return s, why


@scorer("pump_dependent_supply")
def _pump_dependent(c: Context) -> Score:
    """Pumping for a baby who cannot feed at the breast: early, frequent pumping builds supply.

    Thresholds: 8 or more sessions a day, and about 500 mL a day by day 10-14 (see
    ``volumes`` and the cause's sources, Meier 2017 and Mago-Shah 2023).
    """
    a, s, why = c.answers, 0.0, []
    if not a.pump_dependent:
        return 0.0, []
    weeks = a.infant.born_at_weeks
    s += 0.3
    why.append(
        "you are pumping for a baby "
        + ("in neonatal care" if a.infant.in_neonatal_care else "born early")
        + (f" (born at {weeks} weeks)" if weeks is not None and weeks < 37 else "")
    )
    n = a.feeds_or_pumps_per_24h
    if n is not None and n < 8:
        s += 0.3
        why.append(f"{n} pumping sessions a day; 8 or more build supply in the early weeks")
    volume = volumes.judge(a)
    if volume is not None and volume.verdict == "low":
        s += 0.35
        why.append(f"{volumes.describe(volume)}, below the target of about "
                   f"{volume.low_from:g} mL")
    return s, why
