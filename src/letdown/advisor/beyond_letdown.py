"""Warning signs beyond the let-down: the parent's and the baby's health as a nurse would triage.

Parents ask a let-down app about whatever worries them at 3 a.m., so the advisor
checks what a triage nurse would never miss: thoughts of harm and low mood, a
feverish or jaundiced newborn, a baby whose weight is not going well (in words,
not grams), faintness and infection after birth. Each rule names its red flag in
``red_flags.toml`` (the source and explanation live there) and may only raise the
level: nothing here is ever weighed against a reassuring answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from letdown.advisor.choices import InfectionSign, Jaundice, Mood, WeightTrend
from letdown.advisor.questionnaire import Answers
from letdown.evidence.schema import Evidence, Level

#: Said first and alone when thoughts of harm are reported: the one action that matters.
CRISIS_ACTION = (
    "If you might act on these thoughts, call emergency services (999, 911 or 112) or a "
    "crisis line now, and do not stay alone with the baby. Otherwise contact a doctor or "
    "midwife today."
)

_SIGN_WORDS = {
    InfectionSign.smelly_discharge: "a smelly discharge",
    InfectionSign.tummy_pain: "pain low in the tummy",
    InfectionSign.wound_red_or_oozing: "a red or oozing wound",
    InfectionSign.burning_when_peeing: "burning when I pee",
}


@dataclass(frozen=True)
class Finding:
    """One warning sign found: its red flag, the level it needs, why, and what to say."""

    red_flag: str
    level: Level
    text: str
    what_to_say: str


def _age(answers: Answers) -> str:
    age = answers.baby_age_days
    return f"{age}-day-old baby" if age is not None else "baby"


def _mind(answers: Answers) -> list[Finding]:
    par = answers.parent
    found: list[Finding] = []
    if par.thoughts_of_harm or par.mood is Mood.cannot_cope:
        said = (
            "I had a baby recently and I have been having thoughts of harming myself or my "
            "baby. I need help today."
            if par.thoughts_of_harm
            else "I had a baby recently and I feel hopeless and unable to cope. I need help today."
        )
        found.append(Finding("thoughts_of_harm", Level.URGENT,
                             "You said you have thoughts of harm or cannot cope. That is an "
                             "emergency, not a failing, and it can be treated.",
                             said))
    elif par.mood is Mood.low_most_days:
        found.append(Finding(
            "low_mood", Level.PROVIDER,
            "Feeling low most days is more than the baby blues; tell your doctor, midwife or "
            "health visitor in the next day or two. It is common and treatable.",
            "I have felt low most days since having my baby. Could we talk about how I am "
            "feeling?"))
    return found


def _baby(answers: Answers, ev: Evidence) -> list[Finding]:
    inf, age = answers.infant, answers.baby_age_days
    found: list[Finding] = []
    t = ev.red_flags["infant_fever"].threshold
    temp = inf.temperature_c
    if temp is not None and temp >= t["fever_c"]:
        young = age is None or age < t["urgent_under_age_days"]
        found.append(Finding(
            "infant_fever", Level.URGENT if young else Level.PROVIDER,
            f"A temperature of {temp:g} °C in a baby "
            + ("under 3 months (or of unknown age) needs a doctor now, even if the baby seems "
               "well." if young else "over 3 months: ring a doctor or nurse line today, sooner "
               "if the baby is feeding poorly or you are worried."),
            f"My {_age(answers)} has a temperature of {temp:g} °C. "
            + ("I need the baby to be seen today." if young else "Should the baby be seen?")))

    t = ev.red_flags["newborn_jaundice"].threshold
    yellow = inf.jaundice in (Jaundice.face_or_eyes, Jaundice.spreading)
    if yellow:
        poor = bool(inf.feeding_poorly or inf.lethargic)
        first_day = age is not None and age <= 1
        first_week = age is None or age <= t["first_week_days"]
        spreading = inf.jaundice is Jaundice.spreading
        urgent = first_day or poor or (spreading and first_week)
        late = age is not None and age >= t["prolonged_from_day"]
        if urgent or first_week or late or spreading:
            how = "yellow, spreading down the body" if spreading else "yellow in the face or eyes"
            extra = (" and is feeding poorly" if inf.feeding_poorly else
                     " and is very sleepy" if inf.lethargic else "")
            found.append(Finding(
                "newborn_jaundice", Level.URGENT if urgent else Level.PROVIDER,
                ("Jaundice " + ("in the first day of life" if first_day else
                                "with poor feeding or sleepiness" if poor else
                                "spreading down the body in the first week")
                 + " needs a bilirubin check today.") if urgent else
                ("Jaundice still there after two weeks needs a check within a day or two."
                 if late else
                 "Jaundice spreading down the body after the first week needs a bilirubin "
                 "check within a day or two, and today if the baby feeds poorly."
                 if spreading else
                 "Yellow only in the face or eyes in the first week: ask for a bilirubin check "
                 "within a day, and today if it spreads or the baby feeds poorly."),
                f"My {_age(answers)} looks {how}{extra}. Can the baby's bilirubin be checked"
                + (" today?" if urgent else "?")))

    return found


def _body(answers: Answers, ev: Evidence) -> list[Finding]:
    par = answers.parent
    found: list[Finding] = []
    if par.faint_or_dizzy:
        found.append(Finding(
            "faint_after_birth", Level.URGENT,
            "Fainting or feeling faint after birth can mean hidden bleeding or infection: "
            "contact a doctor today, and call emergency services if you faint again or are "
            "breathless.",
            "I gave birth recently and I have been feeling faint and dizzy. I need to be "
            "checked today."))
    signs = list(dict.fromkeys(par.infection_signs))
    fever_limit = ev.red_flags["fever_red_breast"].threshold["fever_c"]
    feverish = par.fever_c is not None and par.fever_c >= fever_limit
    if signs or par.feels_very_unwell:
        severe = bool(par.feels_very_unwell or par.chills or feverish)
        words = [_SIGN_WORDS[s] for s in signs]
        listed = (", ".join(words[:-1]) + " and " + words[-1]) if len(words) > 1 else "".join(words)
        said = "I gave birth recently and I have " + (listed or "been feeling very unwell")
        if words and par.feels_very_unwell:
            said += ", and I feel very unwell"
        elif words and par.chills:
            said += ", with chills"
        said += (". I need to be seen today." if severe else ". I would like to be seen.")
        found.append(Finding(
            "parent_infection", Level.URGENT if severe else Level.PROVIDER,
            ("Signs of infection with fever, chills or feeling very unwell can be sepsis: "
             "see a doctor today." if severe else
             "These can be signs of an infection after birth: see a doctor or midwife within "
             "a day, and the same day if you get a fever or chills or feel very unwell."),
            said))
    return found


def beyond_letdown(answers: Answers, evidence: Evidence) -> list[Finding]:
    """Every warning sign in the answers that is not about the let-down itself."""
    return [*_mind(answers), *_baby(answers, evidence), *_body(answers, evidence)]


def weight_trend_said(answers: Answers) -> str:
    """What to say about a weight trend given in words, with no grams the parent did not give."""
    losing = answers.infant.weight_trend is WeightTrend.losing_weight
    return (f"My {_age(answers)} is " + ("losing weight" if losing else "not gaining weight well")
            + ". Can the baby be weighed and a feed checked in the next day or two?")
