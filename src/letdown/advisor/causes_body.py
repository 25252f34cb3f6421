"""Feeding, body, mind and substance causes: everything that is not the pump.

Each scorer returns a score between 0 and 1 and the reasons in the parent's own
terms; registering happens on import (``letdown.advisor.causes`` imports this).
"""

from __future__ import annotations

from letdown.advisor.choices import RecentChange
from letdown.advisor.questionnaire import PainSource, Place
from letdown.advisor.scoring import Context, Score, pain, scorer


@scorer("stress_anxiety")
def _stress(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if a.stress_score is not None and a.stress_score >= 5:
        s += 0.4 + 0.06 * (a.stress_score - 5)
        why.append(f"you rated stress {a.stress_score}/10")
    if a.worried_about_supply:
        s += 0.2
        why.append("you are worried about having enough milk")
    med = c.facts.recent_stress_median if c.facts else None
    if med is not None and med >= 5:
        s += 0.15
        why.append(f"your journal shows stress around {med:g}/10 in recent sessions")
    return s, why


@scorer("rushed_watched")
def _rushed(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if a.feels_rushed:
        s += 0.35
        why.append("you feel rushed")
    if a.feels_watched:
        s += 0.35
        why.append("you feel watched or self-conscious")
    if RecentChange.back_at_work in a.recent_changes:
        s += 0.25
        why.append("it began when you went back to work")
    away = [p for p in a.slower_at if p in (Place.work, Place.public)]
    if away:
        s += 0.3
        why.append(f"it is slower at {' and '.join(p.value for p in away)}")
    if c.facts:
        for place in ("work", "public"):
            delay = c.facts.place_delay_s(place)
            if delay is not None and delay >= 90:
                s += 0.3
                why.append(
                    f"your journal shows let-down about {delay / 60:.0f} min later at {place} "
                    "than at home"
                )
                break
        share = c.facts.share_felt_rushed_or_watched
        if share is not None and share >= 0.5 and not (a.feels_rushed or a.feels_watched):
            s += 0.25
            why.append("you logged feeling rushed or self-conscious in most sessions")
    return s, why


@scorer("pain_latch")
def _pain_latch(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if not a.breastfeeds:
        return 0.0, []
    src = set(a.pain_sources)
    latchy = src & {PainSource.latch, PainSource.nipple_damage}
    if pain(c) >= 3 and (latchy or not src):
        s += 0.4 + 0.05 * pain(c)
        why.append(f"feeding hurts ({pain(c)}/10)" + (" at the latch" if latchy else ""))
    if PainSource.nipple_damage in src:
        s += 0.15
        why.append("your nipples are damaged")
    if s and a.latch_clicks_or_slips:
        s += 0.1
        why.append("the latch clicks or slips, a sign it is shallow")
    if c.facts and c.facts.recent_painful_sessions >= 2 and a.feeding_mode.value != "pumping":
        s += 0.2
        why.append(
            f"{c.facts.recent_painful_sessions} recent journal sessions had pain 4/10 or more"
        )
    return s, why


@scorer("cold")
def _cold(c: Context) -> Score:
    s, why = 0.0, []
    if c.answers.feels_cold:
        s += 0.5
        why.append("you often feel cold while feeding or pumping")
    share = c.facts.share_felt_cold if c.facts else None
    if share is not None and share >= 0.3:
        s += 0.2
        why.append(f"you logged feeling cold in {share:.0%} of sessions")
    return s, why


@scorer("infrequent_removal")
def _infrequent(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    n = a.feeds_or_pumps_per_24h
    young = a.baby_age_days is None or a.baby_age_days < 120
    if n is not None and n < (8 if young else 6):
        s += 0.35 + 0.05 * ((8 if young else 6) - n)
        why.append(f"{n} feeds or pumping sessions in 24 hours")
    if a.longest_gap_hours is not None and a.longest_gap_hours > 5:
        s += 0.3
        why.append(f"gaps of up to {a.longest_gap_hours:g} hours")
    if a.irregular_times:
        # The let-down is partly a conditioned reflex, and supply follows regular removal.
        s += 0.3
        why.append("your sessions come at very different times from day to day")
    if RecentChange.back_at_work in a.recent_changes:
        s += 0.2
        why.append("since going back to work, sessions are often fewer or later")
    return s, why


@scorer("low_milk_transfer")
def _transfer(c: Context) -> Score:
    a, s = c.answers, 0.0
    why: list[str] = []
    if not a.breastfeeds:
        return 0.0, []
    intake = {
        k: v
        for k, v in c.infant.flags.items()
        if k
        in (
            "weight_loss_over_10pct",
            "not_back_to_birth_weight",
            "percentile_crossing",
            "few_wet_diapers",
            "weight_trend_concern",
        )
    }
    if intake:
        s += 0.55 + 0.1 * (len(intake) - 1)
        why.extend(intake.values())
    if intake and (pain(c) >= 3 or PainSource.latch in a.pain_sources):
        s += 0.1
        why.append("feeding hurts, which often means a shallow latch")
    if a.infant.gaining_well is False and not intake:
        s += 0.45
        why.append("you were told the baby is not gaining well")
    early_weeks = a.baby_age_days is None or a.baby_age_days <= 42
    if a.preterm and early_weeks and a.infant.gaining_well is not True:
        # Babies born early (even a few weeks) tire sooner and suck less strongly
        # (ABM protocol #10 on late preterm babies, cited with ``low_milk_transfer``).
        s += 0.3
        why.append("the baby was born early, and early babies often tire before they have "
                   "fed enough")
    if a.infant.tires_at_breast:
        s += 0.25
        why.append("the baby tires or falls asleep at the breast")
    if intake and a.latch_clicks_or_slips:
        s += 0.1
        why.append("the latch clicks or slips")
    return s, why


@scorer("fatigue")
def _fatigue(c: Context) -> Score:
    p, s, why = c.answers.parent, 0.0, []
    if p.exhausted:
        s += 0.3
        why.append("you are exhausted")
    if p.sleep_hours_per_24h is not None and p.sleep_hours_per_24h < 4:
        s += 0.2
        why.append(f"about {p.sleep_hours_per_24h:g} hours of sleep in 24 hours")
    return min(s, 0.45), why  # capped: fatigue did not predict volume (Hill 2005)


@scorer("dehydration")
def _dehydration(c: Context) -> Score:
    p, s, why = c.answers.parent, 0.0, []
    if p.vomiting_or_diarrhoea:
        s += 0.35
        why.append("you have had vomiting or diarrhoea")
    if p.very_thirsty_or_dark_urine:
        s += 0.25
        why.append("you are very thirsty or your urine is dark")
    if s and p.fever_c is not None and p.fever_c >= 38:
        s += 0.1
        why.append(f"a fever of {p.fever_c:g} °C adds to fluid loss")
    return s, why


@scorer("alcohol")
def _alcohol(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if "alcohol" in a.substances:
        s += 0.5
        why.append("you had alcohol")
        if a.alcohol_g_per_kg is not None:
            s += min(0.45, a.alcohol_g_per_kg * 0.5)
            why.append(f"about {a.alcohol_g_per_kg:g} g/kg, enough to slow let-down")
    if c.facts and c.facts.alcohol_sessions and c.facts.median_alcohol_letdown_s is not None:
        base = c.facts.median_letdown_s
        if base is not None and c.facts.median_alcohol_letdown_s > base + 60:
            s += 0.2
            why.append("in your journal, let-down was slower after drinking")
    return s, why


@scorer("smoking")
def _smoking(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if "nicotine" in a.substances:
        s += 0.35
        why.append("you smoke or use nicotine")
        if a.cigarettes_per_day is not None and a.cigarettes_per_day > 15:
            s += 0.25
            why.append(f"{a.cigarettes_per_day} cigarettes a day (heavy smoking)")
    return s, why


@scorer("decongestants")
def _decongestants(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    if "pseudoephedrine" in a.substances:
        s += 0.85
        why.append("you took pseudoephedrine, which can cut supply by about a quarter")
    if "phenylephrine" in a.substances:
        s += 0.4
        why.append("you took phenylephrine, a decongestant")
    return s, why


@scorer("supply_lowering_medicines")
def _medicines(c: Context) -> Score:
    a, s, why = c.answers, 0.0, []
    weights = {
        "dopamine_agonists": (0.9, "you take cabergoline or bromocriptine"),
        "estrogen_contraception": (0.55, "you use contraception containing oestrogen"),
        "sedating_antihistamines": (0.3, "you take a sedating antihistamine"),
    }
    for sub, (w, text) in weights.items():
        if sub in a.substances:
            s += w
            why.append(text)
    return s, why


@scorer("thyroid_hormonal")
def _thyroid(c: Context) -> Score:
    if c.answers.parent.thyroid_symptoms:
        return 0.5, ["you have symptoms that can come from the thyroid"]
    return 0.0, []


@scorer("retained_placenta")
def _placenta(c: Context) -> Score:
    p, s, why = c.answers.parent, 0.0, []
    bleeding = bool(p.heavy_bleeding or p.large_clots) or (p.pads_soaked_per_hour or 0) >= 1
    early = c.answers.baby_age_days is None or c.answers.baby_age_days <= 42
    if bleeding and early:
        s += 0.35
        heavy = bool(p.heavy_bleeding) or (p.pads_soaked_per_hour or 0) >= 1
        why.append("you have heavy bleeding since the birth" if heavy
                   else "you are passing large clots since the birth")
    if p.milk_came_in is False and (c.answers.baby_age_days or 0) >= 4:
        s += 0.35 if bleeding else 0.2
        why.append("your milk has not come in")
    return s, why


@scorer("insufficient_glandular_tissue")
def _igt(c: Context) -> Score:
    p, s, why = c.answers.parent, 0.0, []
    if p.little_breast_change_in_pregnancy:
        s += 0.45
        why.append("your breasts changed little in pregnancy")
        if p.milk_came_in is False or c.infant.intake_concern:
            s += 0.2
            why.append("and milk seems low")
    return s, why


@scorer("breast_surgery")
def _surgery(c: Context) -> Score:
    if c.answers.parent.breast_surgery:
        return 0.55, ["you have had breast or nipple surgery"]
    return 0.0, []


@scorer("mastitis")
def _mastitis(c: Context) -> Score:
    p, s, why = c.answers.parent, 0.0, []
    if p.breast_red_painful_area or PainSource.breast_area in c.answers.pain_sources:
        s += 0.6
        why.append("a breast has a hot, red or painful area")
        if p.fever_c is not None and p.fever_c >= 38:
            s += 0.3
            why.append(f"with a temperature of {p.fever_c:g} °C")
        if p.chills:
            s += 0.05
            why.append("and chills")
    return s, why
