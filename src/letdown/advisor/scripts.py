"""What to say when calling: sentences built only from what the parent told us.

A script read out to a nurse must never add a symptom, a number or a detail
that the parent did not give: a nurse triages on those words. So each script is
assembled from the answers that are present, and a clause is left out when its
answer is missing (the red-flag templates in the evidence data are used only
when every value they name is known; see ``escalation._say``).
"""

from __future__ import annotations

from letdown.advisor.infant import InfantStatus
from letdown.advisor.questionnaire import Answers, FeedingMode, PainSource


def feeding_phrase(answers: Answers) -> str:
    """'I am breastfeeding' / 'I am pumping milk for my baby' / both, as answered."""
    if answers.feeding_mode is FeedingMode.pumping:
        return "I am pumping milk for my baby"
    if answers.feeding_mode is FeedingMode.both:
        return "I am breastfeeding and pumping"
    return "I am breastfeeding"


def ordinal(value: float) -> str:
    """2 -> '2nd', 25 -> '25th', 0.4 -> '0.4th' (a centile as people say it)."""
    text = f"{value:g}"
    if not float(value).is_integer():
        return f"{text}th"
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _baby(age: int | None) -> str:
    return f"My {age}-day-old baby" if age is not None else "My baby"


def breast_area(answers: Answers) -> str | None:
    """The breast sign in the parent's terms, or None when none was given."""
    if answers.parent.breast_red_painful_area:
        return "an area on one breast that is hot, red or painful"
    if PainSource.breast_area in answers.pain_sources:
        return "a painful area on one breast"
    return None


def fever_with_breast(answers: Answers) -> str:
    fever = answers.parent.fever_c
    area = breast_area(answers) or "a painful breast"
    chills = "I have chills, " if answers.parent.chills else ""
    return (
        f"{feeding_phrase(answers)}. My temperature is {fever:g} °C, {chills}and I have {area}. "
        "I would like to be seen today."
    )


def red_breast_no_fever(answers: Answers) -> str:
    area = breast_area(answers) or "a painful area on one breast"
    fever = answers.parent.fever_c
    without = f" My temperature is {fever:g} °C." if fever is not None else ""
    return (
        f"{feeding_phrase(answers)} and I have {area}.{without} "
        "Can you help me look after it and check feeding?"
    )


def heavy_bleeding(answers: Answers) -> str:
    age = answers.baby_age_days
    when = f"I gave birth {age} days ago" if age is not None else "I gave birth recently"
    pads = answers.parent.pads_soaked_per_hour
    how = (
        f" (soaking {pads:g} {'pad' if pads == 1 else 'pads'} an hour)"
        if pads is not None and pads > 0
        else ""
    )
    said: list[str] = []
    par = answers.parent
    if par.heavy_bleeding or (pads or 0) >= 1:
        said.append(f"I am bleeding heavily{how}")
    if par.large_clots:
        said.append("I am passing blood clots bigger than a plum")
    if not said:  # the flag fired on bleeding the parent reported some other way
        said.append("I am bleeding heavily")
    return f"{when} and " + " and ".join(said) + ". I need to be seen today."


def few_diapers(answers: Answers, infant: InfantStatus) -> str:
    inf = answers.infant
    counts: list[str] = []
    if (
        inf.wet_diapers_per_day is not None
        and infant.wet_expected is not None
        and inf.wet_diapers_per_day < infant.wet_expected
    ):
        counts.append(f"{inf.wet_diapers_per_day} wet diapers")
    if (
        inf.stools_per_day is not None
        and infant.stools_expected is not None
        and inf.stools_per_day < infant.stools_expected
    ):
        counts.append(f"{inf.stools_per_day} dirty diapers")
    told = " and ".join(counts) or "few diapers"
    return (
        f"{_baby(answers.baby_age_days)} has had only {told} in the last 24 hours. "
        "Can the baby be checked today or tomorrow?"
    )


def sleepy_or_dry(answers: Answers, limit_hours: float) -> str:
    inf = answers.infant
    signs: list[str] = []
    if inf.lethargic:
        signs.append("is very sleepy, floppy or hard to wake")
    if inf.dehydration_signs:
        signs.append("has a dry mouth, a sunken soft spot or dark urine")
    dry = inf.hours_since_last_wet_diaper
    if dry is not None and dry >= limit_hours:
        signs.append(f"has had no wet diaper for {dry:g} hours")
    said = ", and ".join(signs) or "seems unwell"
    return f"{_baby(answers.baby_age_days)} {said}. Can we be seen today?"


def latch_pain(answers: Answers, pain: int) -> str:
    slow = _letdown_said(answers)
    return (
        f"Breastfeeding hurts ({pain}/10){slow}. Could you watch a feed and check the latch?"
    )


def _letdown_said(answers: Answers) -> str:
    """', and my let-down takes N minutes' only when the parent said so."""
    if answers.letdown_minutes is not None:
        return f", and my let-down takes about {answers.letdown_minutes:g} minutes"
    if answers.letdown_absent:
        return ", and some sessions have no let-down at all"
    return ""


def thyroid(answers: Answers) -> str:
    return (
        f"{feeding_phrase(answers)}. I have unusual tiredness, feel very cold or hot, or have "
        "a racing heart or hair loss. Could my thyroid be checked?"
    )


def medicine(answers: Answers, name: str) -> str:
    return (
        f"{feeding_phrase(answers)} and I take {name}. "
        "Is there an option that does not lower milk supply?"
    )


def weight_loss(answers: Answers, infant: InfantStatus) -> str:
    inf = answers.infant
    at = f" at {infant.weight_age_days} days" if infant.weight_age_days is not None else ""
    loss = infant.loss_percent or 0.0
    return (
        f"My baby was {inf.birth_weight_g} g at birth and is now {inf.current_weight_g} g{at}, "
        f"a loss of {loss:.1f}%. Can someone weigh the baby and check feeding today or tomorrow?"
    )


def medicine_unknown(answers: Answers, name: str) -> str:
    return (
        f"{feeding_phrase(answers)} and I take {name}. "
        "Can it affect my milk supply or let-down, and is it suitable?"
    )
