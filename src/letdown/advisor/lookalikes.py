"""Conditions that look like a let-down problem but are not.

A wave of dread before the let-down (D-MER), a forceful let-down from plenty of
milk, nipple vasospasm, a tongue that cannot move freely and the normal settling of
supply at 6-12 weeks all send parents to a let-down app. Each gets its own cause
(explanation and plan in the evidence base) rather than let-down techniques; when
oversupply or normal settling is likely, the plan leaves out steps that add
stimulation, because more milk removal would make oversupply worse and "fix" a
supply that is fine. A likely look-alike's own step comes first in the plan.
"""

from __future__ import annotations

from collections.abc import Callable

from letdown.advisor.infant import InfantStatus
from letdown.advisor.questionnaire import Answers, FlangeFit

Score = tuple[float, list[str]]
Lookalike = Callable[[Answers, InfantStatus], Score]

#: Plan steps that add stimulation or milk removal.
STIMULATION = frozenset(
    {"hands_on_pumping", "double_pumping", "massage_compression", "comfortable_suction"}
)
#: Causes that, when likely, keep those steps out of the plan.
NO_MORE_STIMULATION = frozenset({"oversupply_forceful", "normal_regulation"})
#: Causes whose own plan step comes first when they are likely: let-down tips are not
#: the answer for them.
OWN_PLAN_FIRST = frozenset(
    {"dmer", "oversupply_forceful", "nipple_vasospasm", "normal_regulation", "restricted_tongue"}
)
#: Ages (days) when supply normally settles: about 6 weeks to 4 months.
SETTLING_DAYS = (35, 120)


def dmer(a: Answers, infant: InfantStatus) -> Score:
    if a.parent.dread_before_letdown:
        return 0.7, ["a wave of dread or sadness comes just before the let-down and passes"]
    return 0.0, []


def oversupply(a: Answers, infant: InfantStatus) -> Score:
    if not a.parent.forceful_letdown:
        return 0.0, []
    if infant.intake_concern or a.infant.gaining_well is False:
        # A baby not getting enough comes first, and "no extra pumping" would be wrong
        # advice for them; the feed needs watching by someone skilled instead.
        return 0.0, []
    return 0.7, ["the baby coughs, gulps or pulls off at the let-down, or the milk sprays"]


def vasospasm(a: Answers, infant: InfantStatus) -> Score:
    if not a.parent.nipple_turns_white:
        return 0.0, []
    why = ["a nipple turns white and then burns or throbs after feeds"]
    s = 0.65
    if a.feels_cold:
        s += 0.1
        why.append("you often feel cold, which sets it off")
    pump = a.pump
    if a.pumps and pump is not None and (
        pump.nipple_rubs_tunnel or pump.flange_fit is FlangeFit.too_small
    ):
        s += 0.1
        why.append("a tight flange that squeezes the nipple can set it off")
    return s, why


def settling(a: Answers, infant: InfantStatus) -> Score:
    age = a.baby_age_days
    if not a.parent.softer_breasts_or_cluster_feeds or age is None:
        return 0.0, []
    if not SETTLING_DAYS[0] <= age <= SETTLING_DAYS[1]:
        return 0.0, []
    if infant.intake_concern or infant.flags or a.infant.gaining_well is False:
        return 0.0, []  # not reassuring when the baby's intake is in question
    return 0.6, [
        f"at {age // 7} weeks, softer breasts or evening cluster feeds are expected",
    ]


def tongue(a: Answers, infant: InfantStatus) -> Score:
    """Signs that the baby's tongue cannot move freely, in what a parent sees at the breast.

    A clicking or slipping latch alone is common and often just a shallow latch; the
    creased nipple, pain, tiring and weight add up. Clicks that come with a forceful
    let-down are the baby coping with fast flow, so they do not count here.
    """
    if not a.breastfeeds:
        return 0.0, []
    s, why = 0.0, []
    if a.latch_clicks_or_slips and not a.parent.forceful_letdown:
        s += 0.3
        why.append("the latch clicks or slips")
    if a.nipple_creased_after_feeds:
        s += 0.3
        why.append("the nipple comes out flattened or creased after feeds")
    if s and (a.pain_score or 0) >= 3:
        s += 0.15
        why.append(f"feeding hurts ({a.pain_score}/10)")
    if s and a.infant.tires_at_breast:
        s += 0.15
        why.append("the baby tires at the breast")
    if s and (infant.intake_concern or a.infant.gaining_well is False):
        s += 0.15
        why.append("the baby's weight or diapers are a worry")
    return s, why


LOOKALIKES: dict[str, Lookalike] = {
    "dmer": dmer,
    "oversupply_forceful": oversupply,
    "nipple_vasospasm": vasospasm,
    "normal_regulation": settling,
    "restricted_tongue": tongue,
}
