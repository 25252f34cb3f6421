"""Decide who should see this parent and baby, how soon, and what to tell them.

The level is the maximum over independent rules, so adding a worrying answer
can only keep the level or raise it: an urgent situation never comes out lower
because something else looked reassuring. Each rule that fires gives a reason
in plain words and, for anything beyond self-care, a sentence to use when
calling.
"""

from __future__ import annotations

from pydantic import BaseModel

from letdown.advisor import scripts
from letdown.advisor.beyond_letdown import CRISIS_ACTION, beyond_letdown, weight_trend_said
from letdown.advisor.causes import RankedCause
from letdown.advisor.feeding_reasons import feeding_reasons
from letdown.advisor.infant import InfantStatus
from letdown.advisor.journal_facts import JournalFacts
from letdown.advisor.medicines import Match
from letdown.advisor.questionnaire import Answers, Outcome, PainSource
from letdown.advisor.reason import Reason
from letdown.evidence.schema import Evidence, Grade, Level, max_level

__all__ = ["WHO", "Escalation", "Reason", "escalate"]

WHO: dict[Level, str] = {
    Level.SELF_CARE: "You can start with the plan below at home.",
    Level.IBCLC: "Book a lactation consultant (IBCLC) in the next few days.",
    Level.PROVIDER: (
        "Contact your doctor, midwife or the baby's doctor within a day or two, "
        "and a lactation consultant (IBCLC) for feeding help."
    ),
    Level.URGENT: (
        "Contact a doctor today. If you cannot reach one, or you or the baby seem very "
        "unwell, go to urgent care or call emergency services."
    ),
}


class Escalation(BaseModel):
    """The escalation level with its reasons and what to say when calling."""

    level: Level
    label: str
    who: str
    reasons: list[Reason]
    what_to_say: list[str]


class _Values(dict[str, str]):
    """Template values; a missing one makes the template unusable (see ``_say``)."""


def _say(template: str, values: dict[str, str], fallback: str) -> str:
    try:
        return template.format_map(_Values(values))
    except (KeyError, ValueError):
        return fallback


#: Prescribed medicines that lower supply, with what to say to the prescriber (the ABM
#: contraception protocol and LactMed, cited with the substances).
PRESCRIBED = {
    "estrogen_contraception": "{feeding} and I use contraception that contains oestrogen. "
    "Could I change to a progestogen-only or non-hormonal method?",
    "dopamine_agonists": "{feeding} and I take cabergoline or bromocriptine, which lowers milk. "
    "I want to keep giving my baby my milk: is there another option for me?",
}

#: Red flags whose ``{age_days}`` is the age at the weighing; the others mean the age now.
WEIGHT_FLAGS = ("weight_loss_over_10pct", "not_back_to_birth_weight")


def _values(answers: Answers, infant: InfantStatus, at_weighing: bool) -> dict[str, str]:
    v: dict[str, str] = {}
    inf, par = answers.infant, answers.parent
    age = infant.weight_age_days if at_weighing else infant.age_days
    if age is not None:
        v["age_days"] = str(age)
    if inf.birth_weight_g is not None:
        v["birth_weight_g"] = str(inf.birth_weight_g)
    if inf.current_weight_g is not None:
        v["current_weight_g"] = str(inf.current_weight_g)
    if infant.loss_percent is not None:
        v["loss_percent"] = f"{infant.loss_percent:.1f}"
    if inf.wet_diapers_per_day is not None:
        v["wet_diapers"] = str(inf.wet_diapers_per_day)
    if par.fever_c is not None:
        v["fever_c"] = f"{par.fever_c:g}"
    if infant.first_centile is not None and infant.last_centile is not None:
        v["first_centile"] = scripts.ordinal(infant.first_centile)
        v["last_centile"] = scripts.ordinal(infant.last_centile)
    return v


def escalate(
    answers: Answers,
    facts: JournalFacts | None,
    infant: InfantStatus,
    causes: list[RankedCause],
    evidence: Evidence,
    medicines: list[Match] | None = None,
) -> Escalation:
    """Apply every rule; the level is the most serious one that fired."""
    rf = evidence.red_flags
    reasons: list[Reason] = []
    # Scripts built from the answers given, for flags whose template could add details.
    built = {
        "few_wet_diapers": lambda: scripts.few_diapers(answers, infant),
        "lethargy_dehydration": lambda: scripts.sleepy_or_dry(
            answers, rf["lethargy_dehydration"].threshold["hours_without_wet_diaper"]
        ),
        "fever_red_breast": lambda: scripts.fever_with_breast(answers),
        "heavy_bleeding": lambda: scripts.heavy_bleeding(answers),
        "weight_loss_over_10pct": lambda: scripts.weight_loss(answers, infant),
        "weight_trend_concern": lambda: weight_trend_said(answers),
    }

    def flag(flag_id: str, text: str) -> None:
        entry = rf[flag_id]
        fallback = f"I am calling because of a warning sign: {entry.title.lower()}."
        if flag_id in built:
            said = built[flag_id]()
        else:
            values = _values(answers, infant, at_weighing=flag_id in WEIGHT_FLAGS)
            said = _say(entry.what_to_say, values, fallback)
        reasons.append(Reason(level=entry.level, text=text, red_flag=flag_id, what_to_say=said))

    # Infant red flags, measured against the thresholds in red_flags.toml.
    for flag_id, text in infant.flags.items():
        flag(flag_id, text[0].upper() + text[1:] + ".")

    # The parent's and the baby's health beyond the let-down (mood, fever, jaundice, ...).
    for found in beyond_letdown(answers, evidence):
        reasons.append(Reason(level=found.level, text=found.text, red_flag=found.red_flag,
                              what_to_say=found.what_to_say))

    par = answers.parent
    fever_limit = rf["fever_red_breast"].threshold["fever_c"]
    red_breast = bool(par.breast_red_painful_area) or PainSource.breast_area in answers.pain_sources
    if par.fever_c is not None and par.fever_c >= fever_limit:
        if red_breast:
            flag(
                "fever_red_breast",
                f"A temperature of {par.fever_c:g} °C with a red, painful breast may be "
                "mastitis that needs treatment today.",
            )
        else:
            reasons.append(
                Reason(
                    level=Level.URGENT,
                    text=f"A temperature of {par.fever_c:g} °C after giving birth needs a "
                    "doctor the same day, even without breast symptoms.",
                    red_flag="fever_red_breast",
                    what_to_say=f"I had a baby recently and my temperature is {par.fever_c:g} °C. "
                    "I would like to be seen today.",
                )
            )
    elif red_breast:
        reasons.append(
            Reason(
                level=Level.IBCLC,
                text="A red, painful area without fever often settles with gentle care; see "
                "a doctor the same day if you get a fever or chills, or it is not better in "
                "24 hours.",
                what_to_say=scripts.red_breast_no_fever(answers),
            )
        )

    bleed_limit = rf["heavy_bleeding"].threshold["pads_soaked_per_hour"]
    heavy = par.heavy_bleeding or (par.pads_soaked_per_hour or 0) >= bleed_limit
    if heavy or par.large_clots:
        flag("heavy_bleeding", "Heavy bleeding after birth needs a doctor today." if heavy else
             "Passing clots bigger than a plum after birth can be a sign of dangerous bleeding: "
             "contact a doctor today, and call emergency services if you feel faint.")

    milk_day = rf["milk_not_in"].threshold["flag_from_day"]
    age = answers.baby_age_days
    if par.milk_came_in is False and age is not None and age >= milk_day:
        flag("milk_not_in", f"Your milk has not come in by day {age}.")

    # Medical causes that need a test or an examination.
    by_id = {c.id: c for c in causes}
    if "thyroid_hormonal" in by_id:
        reasons.append(
            Reason(
                level=Level.PROVIDER,
                text="Symptoms like yours can come from the thyroid; a blood test can check.",
                what_to_say=scripts.thyroid(answers),
            )
        )
    if "retained_placenta" in by_id and by_id["retained_placenta"].score >= 0.5:
        reasons.append(
            Reason(
                level=Level.PROVIDER,
                text="Bleeding together with milk that has not come in can mean a piece of "
                "placenta was left behind; a doctor can check with a scan.",
                what_to_say="My milk has not come in and "
                + ("I am still bleeding since the birth" if par.heavy_bleeding
                   or (par.pads_soaked_per_hour or 0) >= 1 else "I am passing large clots")
                + ". Could a piece of placenta have been left behind?",
            )
        )
    for cid, text in (
        ("breast_surgery", "After breast surgery, an IBCLC can check how much milk the baby gets."),
        (
            "insufficient_glandular_tissue",
            "Breasts that changed little in pregnancy are worth an IBCLC assessment.",
        ),
    ):
        if cid in by_id:
            reasons.append(
                Reason(
                    level=Level.IBCLC,
                    text=text,
                    what_to_say="I would like help checking my milk supply and the baby's "
                    "intake; " + by_id[cid].reasons[0] + ".",
                )
            )

    # Pain at the breast: a latch problem deserves skilled eyes.
    pain = answers.pain_score or 0
    latchy = {PainSource.latch, PainSource.nipple_damage} & set(answers.pain_sources)
    if answers.breastfeeds and pain >= 4 and (latchy or "pain_latch" in by_id):
        reasons.append(
            Reason(
                level=Level.IBCLC,
                text=f"Feeding hurts ({pain}/10); an IBCLC can watch a feed and fix the latch.",
                what_to_say=scripts.latch_pain(answers, pain),
            )
        )
    if facts is not None and facts.recent_painful_sessions >= 3:
        reasons.append(
            Reason(
                level=Level.IBCLC,
                text=f"Your journal shows pain in {facts.recent_painful_sessions} sessions "
                "this week.",
                what_to_say=f"I have had pain in {facts.recent_painful_sessions} feeds or "
                "pumping sessions this week.",
            )
        )

    # Persisting despite trying.
    failed = [t.technique for t in answers.tried if t.outcome in (Outcome.no_change, Outcome.worse)]
    helped = [t for t in answers.tried if t.outcome in (Outcome.helped, Outcome.somewhat)]
    long_running = (answers.problem_since_days or 0) >= 14
    if len(failed) >= 2 and not helped and long_running:
        reasons.append(
            Reason(
                level=Level.IBCLC,
                text=f"It has lasted {answers.problem_since_days} days and "
                f"{len(failed)} things you tried did not help.",
                what_to_say="My let-down has been slow for "
                f"{answers.problem_since_days} days and the usual tips have not helped.",
            )
        )
    if answers.letdown_absent and answers.feeding_mode.value == "pumping" and long_running:
        reasons.append(
            Reason(
                level=Level.IBCLC,
                text="Pumping sessions with no let-down at all for two weeks or more are "
                "worth an expert look at the pump and routine.",
                what_to_say="I pump exclusively and some sessions have no let-down at all.",
            )
        )

    reasons.extend(_slower_than_before(answers, causes, long_running))
    reasons.extend(feeding_reasons(answers, causes))
    reasons.extend(_typed_medicines(answers, medicines or [], evidence))

    # Medicines: self-care, with a pharmacist or doctor check.
    for sub_id in answers.substances:
        sub = evidence.substances[sub_id]
        if sub_id == "alcohol":
            continue
        if sub.reassure:
            reasons.append(Reason(level=Level.SELF_CARE, grade=sub.grade,
                                  text=f"{sub.effect} {' '.join(sub.what_to_do.split())}"))
            continue
        if sub_id in PRESCRIBED:
            reasons.append(Reason(
                level=Level.SELF_CARE, grade=sub.grade,
                text=f"{sub.title}: this acts on how much milk you make, not on the let-down. "
                "Talk to whoever prescribed it about an option that suits breastfeeding, and "
                "do not stop it without advice.",
                what_to_say=PRESCRIBED[sub_id].format(feeding=scripts.feeding_phrase(answers))))
            continue
        reasons.append(
            Reason(
                level=Level.SELF_CARE,
                text=f"{sub.title}: check with a pharmacist or doctor about alternatives.",
                what_to_say=scripts.medicine(answers, sub.title.split(" (")[0].lower()),
            )
        )

    level = max_level(*(r.level for r in reasons))
    if level is Level.SELF_CARE:
        reasons.append(
            Reason(
                level=Level.SELF_CARE,
                text="Nothing you told me needs a professional right away. If the plan has "
                "not helped in a week or two, or pain or delays continue, see an IBCLC.",
            )
        )
    # Stable sort: within a level, thoughts of harm come first, whatever else was found.
    reasons.sort(key=lambda r: (-r.level.rank, r.red_flag != "thoughts_of_harm"))
    lines = list(dict.fromkeys(r.what_to_say for r in reasons if r.what_to_say))
    crisis = any(r.red_flag == "thoughts_of_harm" for r in reasons)
    return Escalation(
        level=level,
        label=level.label,
        who=CRISIS_ACTION if crisis else WHO[level],
        reasons=reasons,
        what_to_say=lines,
    )


def _slower_than_before(
    answers: Answers, causes: list[RankedCause], long_running: bool
) -> list[Reason]:
    """A let-down that takes longer than it used to: something changed, so look for it.

    The reflex itself does not wear out; a let-down that slowed points to a new
    inhibitor (stress, pain, a medicine, a worn pump) or to less milk being made. With a
    likely cause in view this is self-care with that cause's plan; when nothing explains
    it, or it has lasted two weeks, an IBCLC should look (the same two weeks as above).
    """
    now, before = answers.letdown_minutes, answers.usual_letdown_minutes
    if now is None or before is None or now <= before:
        return []
    explained = any(c.likelihood == "likely" for c in causes)
    text = (
        f"Your let-down now takes about {now:g} min, up from {before:g} min before. "
        "A change like this usually has a reason: "
    )
    said = (
        f"My let-down used to take about {before:g} minutes and now takes about {now:g}."
    )
    if explained and not long_running:
        return [Reason(level=Level.SELF_CARE, grade=Grade.EXPERT_OPINION,
                       text=text + "the likely causes below are the place to start.")]
    why = "nothing in your answers explains it" if not explained else "it has lasted two weeks"
    return [
        Reason(
            level=Level.IBCLC,
            grade=Grade.EXPERT_OPINION,
            text=text + f"{why}, so a lactation consultant (IBCLC) should take a look.",
            what_to_say=said + " Could you help me find out why?",
        )
    ]


def _typed_medicines(answers: Answers, medicines: list[Match], evidence: Evidence) -> list[Reason]:
    """Typed-in medicines: recognised ones say what they are; unknown ones go to a pharmacist."""
    reasons: list[Reason] = []
    antihistamines = evidence.substances["sedating_antihistamines"]
    for med in medicines:
        if med.substance is not None:
            title = evidence.substances[med.substance].title.split(" (")[0].lower()
            if evidence.substances[med.substance].reassure:
                reasons.append(Reason(level=Level.SELF_CARE,
                                      text=f"{med.name}: one of the {title}; see below."))
                continue
            if _normal_name(med.name) != title:
                reasons.append(Reason(level=Level.SELF_CARE,
                                      text=f"{med.name}: recognised as {title}; see below."))
        elif med.non_drowsy_antihistamine:
            reasons.append(
                Reason(
                    level=Level.SELF_CARE,
                    grade=antihistamines.grade,
                    text=f"{med.name}: a non-drowsy antihistamine, the kind usually preferred "
                    "while breastfeeding. If you take it every day or with a decongestant, ask "
                    "a pharmacist whether it could lower your supply.",
                )
            )
        else:
            reasons.append(
                Reason(
                    level=Level.SELF_CARE,
                    text=f"Ask a pharmacist about {med.name}: whether it can lower milk supply "
                    "or slow the let-down, and whether it suits feeding your baby.",
                    what_to_say=scripts.medicine_unknown(answers, med.name),
                )
            )
    return reasons


def _normal_name(name: str) -> str:
    return " ".join(name.lower().split())
