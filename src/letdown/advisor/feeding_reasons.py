"""Reasons about the feeding itself: pumped volumes, pumping for a baby in neonatal care,
the baby's tongue, and a new medicine with no name.

Kept apart from ``escalation`` (the red flags and the level) because these are the
questions added in issue 11 and each one reads only the answers: a low pumped volume
raises the level, a normal one says so, and a likely tongue problem goes to someone
who can watch a feed. The ranges and their sources are in ``volumes``.
"""

from __future__ import annotations

from letdown.advisor import volumes
from letdown.advisor.causes import RankedCause
from letdown.advisor.choices import FeedingMode, RecentChange
from letdown.advisor.questionnaire import Answers
from letdown.advisor.reason import Reason
from letdown.evidence.schema import Grade, Level

#: Fewer pumping sessions a day than this, while pumping for a baby in neonatal care, was
#: linked with not reaching 500 mL a day by day 14 (Mago-Shah 2023: "5 by day 5").
FEWEST_EARLY_SESSIONS = 5


def _volume(answers: Answers) -> list[Reason]:
    volume = volumes.judge(answers)
    if volume is None:
        if answers.feeding_mode is FeedingMode.both and (
            answers.pumped_ml_per_session is not None or answers.pumped_ml_per_day is not None
        ):
            return [Reason(level=Level.SELF_CARE, grade=Grade.MODERATE,
                           text="What the pump gives beside breastfeeds is not a measure of your "
                           "supply: the baby takes most of the milk, and pumping after a feed "
                           "often gives only a little. Go by the baby's weight and diapers.")]
        return []
    said = volumes.describe(volume)
    if volume.verdict == "low":
        dependent = answers.pump_dependent
        text = (f"You pump {said}, below the {volume.low_from:g} mL a day "
                + ("that helps a baby in neonatal care by day 10-14. Ask the unit's lactation "
                   "consultant or infant-feeding team for help now: supply is easiest to build "
                   "early." if dependent else
                   "that is the low end of the usual range once supply is established. A "
                   "lactation consultant (IBCLC) can help find out why and build it up."))
        return [Reason(level=Level.IBCLC, grade=Grade.MODERATE, text=text,
                       what_to_say=_volume_said(answers, volume))]
    if volume.verdict == "high":
        return [Reason(level=Level.SELF_CARE, grade=Grade.MODERATE,
                       text=f"You pump {said}, more than the usual range (about 450-1,200 mL a "
                       "day): no need to pump more. If the milk sprays or the let-down feels "
                       "forceful, plenty of milk may be the issue, not too little.")]
    if volume.verdict == "early" and answers.pump_dependent:
        return [Reason(level=Level.SELF_CARE, grade=Grade.MODERATE,
                       text=f"You pump {said}. In the first days volumes are small and rise day "
                       "by day; keep a log and aim for about 500 mL a day by day 10-14.")]
    if volume.verdict == "normal":
        return [Reason(level=Level.SELF_CARE, grade=Grade.MODERATE,
                       text=f"You pump {said}, within the usual range for your baby's age: your "
                       "supply sounds enough, whatever the let-down feels like.")]
    return []


def _volume_said(answers: Answers, volume: volumes.Volume) -> str:
    """What to say about a low volume, with only the numbers the parent gave."""
    where = " My baby is in neonatal care." if answers.infant.in_neonatal_care else ""
    if volume.estimated:
        got = (f"about {answers.pumped_ml_per_session:g} mL a session, "
               f"{answers.feeds_or_pumps_per_24h} sessions a day")
    else:
        got = f"about {volume.ml_per_day:g} mL a day"
    return (f"I am pumping milk for my baby and I get {got}.{where} "
            "Could you help me build my supply?")


def _pump_dependent(answers: Answers) -> list[Reason]:
    n = answers.feeds_or_pumps_per_24h
    if not answers.pump_dependent or n is None or n >= FEWEST_EARLY_SESSIONS:
        return []
    return [Reason(level=Level.IBCLC, grade=Grade.MODERATE,
                   text=f"{n} pumping sessions a day is too few to build a supply while the baby "
                   "cannot feed at the breast (aim for 8 or more, including one at night). Ask "
                   "the unit's lactation team for help with a plan now.",
                   what_to_say=_why_pumping(answers) + f" I manage {n} pumping sessions a "
                   "day. Could you help me with a pumping plan?")]


def _why_pumping(answers: Answers) -> str:
    """Why the parent pumps, in the words they answered."""
    if answers.infant.in_neonatal_care:
        return "My baby is in neonatal care and I am pumping milk for them."
    return "My baby was born early and I am pumping milk for them."


def _tongue(answers: Answers, causes: list[RankedCause]) -> list[Reason]:
    cause = next((c for c in causes if c.id == "restricted_tongue"), None)
    if cause is None or cause.likelihood != "likely":
        return []
    signs = " and ".join(cause.reasons[:2])
    return [Reason(level=Level.IBCLC, grade=cause.grade,
                   text="The signs you describe can come from a tongue that cannot move freely. "
                   "A lactation consultant (IBCLC) or infant-feeding specialist can watch a feed "
                   "and check how the tongue moves; let-down tips will not fix this.",
                   what_to_say=f"When I breastfeed, {signs}. Could you watch a feed and check "
                   "how my baby's tongue moves?")]


def _unnamed_medicine(answers: Answers) -> list[Reason]:
    if RecentChange.new_medicine not in answers.recent_changes:
        return []
    if answers.substances or answers.other_medicines:
        return []  # named: each one is answered on its own
    return [Reason(level=Level.SELF_CARE,
                   text="You started a new medicine: a few lower milk supply. Add its name above, "
                   "or ask a pharmacist whether it can, and do not stop a prescribed medicine "
                   "without advice.",
                   what_to_say="I started a new medicine recently. "
                   "Could it lower my milk supply?")]


def feeding_reasons(answers: Answers, causes: list[RankedCause]) -> list[Reason]:
    """Every reason these answers give about the feeding itself."""
    return [*_volume(answers), *_pump_dependent(answers), *_tongue(answers, causes),
            *_unnamed_medicine(answers)]
