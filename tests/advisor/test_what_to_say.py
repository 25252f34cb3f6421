""""What to say" repeats only what the parent told us: no number or symptom is added.

A script read to a nurse is triage information, so a detail the parent never gave
(a temperature, "few wet diapers", "soaking a pad an hour", "I am breastfeeding"
for a parent who pumps) would be a false report. The property test generates
subsets of answers and checks every number and every symptom word in every script
against what was answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.advisor import Answers, advise


def ordinal(value: float) -> str:
    """A centile as people say it (2nd, 25th), the way a script may print it."""
    if not float(value).is_integer():
        return f"{value:g}th"
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

#: Leaf answers that can each lead to a script, with values to draw from.
LEAVES: dict[tuple[str, ...], st.SearchStrategy[Any]] = {
    ("baby_age_days",): st.integers(0, 60),
    ("letdown_minutes",): st.sampled_from([2, 4.5, 12]),
    ("letdown_absent",): st.booleans(),
    ("problem_since_days",): st.integers(14, 40),
    ("pain_score",): st.integers(0, 10),
    ("pain_sources",): st.lists(
        st.sampled_from(["latch", "nipple_damage", "breast_area", "pump_suction"]),
        unique=True,
        max_size=3,
    ),
    ("substances",): st.lists(
        st.sampled_from(["pseudoephedrine", "estrogen_contraception", "dopamine_agonists",
                         "sedating_antihistamines", "nicotine"]),
        unique=True,
        max_size=2,
    ),
    ("tried",): st.just([{"technique": "warmth", "outcome": "no_change"},
                         {"technique": "relaxation", "outcome": "worse"}]),
    ("infant", "birth_weight_g"): st.integers(2500, 4200),
    ("infant", "current_weight_g"): st.integers(2200, 4300),
    ("infant", "weighed_at_age_days"): st.integers(3, 30),
    ("infant", "wet_diapers_per_day"): st.integers(0, 8),
    ("infant", "stools_per_day"): st.integers(0, 5),
    ("infant", "hours_since_last_wet_diaper"): st.sampled_from([2, 9, 14.5]),
    ("infant", "lethargic"): st.booleans(),
    ("infant", "dehydration_signs"): st.booleans(),
    ("infant", "percentiles"): st.just([{"age_days": 3, "percentile": 50},
                                        {"age_days": 40, "percentile": 2}]),
    ("parent", "fever_c"): st.sampled_from([36.8, 38.0, 38.9, 40.1]),
    ("parent", "chills"): st.booleans(),
    ("parent", "breast_red_painful_area"): st.booleans(),
    ("parent", "heavy_bleeding"): st.booleans(),
    ("parent", "pads_soaked_per_hour"): st.sampled_from([0, 1, 2.5]),
    ("parent", "milk_came_in"): st.booleans(),
    ("parent", "thyroid_symptoms"): st.booleans(),
    ("parent", "breast_surgery"): st.booleans(),
    ("parent", "little_breast_change_in_pregnancy"): st.booleans(),
    # The questions added for issue 11.
    ("parent", "large_clots"): st.booleans(),
    ("feeds_or_pumps_per_24h",): st.integers(2, 10),
    ("pumped_ml_per_day",): st.sampled_from([150, 300, 700, 1500]),
    ("pumped_ml_per_session",): st.sampled_from([20, 60, 120]),
    ("latch_clicks_or_slips",): st.booleans(),
    ("nipple_creased_after_feeds",): st.booleans(),
    ("recent_changes",): st.lists(st.sampled_from(["new_medicine", "back_at_work", "new_pump"]),
                                  unique=True, max_size=2),
    ("infant", "in_neonatal_care"): st.booleans(),
    ("infant", "born_at_weeks"): st.sampled_from([29, 35, 40]),
    ("infant", "born_early"): st.booleans(),
    ("infant", "tires_at_breast"): st.booleans(),
}


@st.composite
def answer_subsets(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "feeding_mode": draw(st.sampled_from(["breastfeeding", "pumping", "both"]))
    }
    chosen = draw(st.sets(st.sampled_from(sorted(LEAVES)), max_size=len(LEAVES)))
    for path in sorted(chosen):
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = draw(LEAVES[path])
    return data


def _numbers_given(data: dict[str, Any], answers: Answers) -> set[str]:
    """Every number the parent gave, as the advisor may print it (and the sums it works out)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, (int, float)):
            found.update({f"{value:g}", str(value), ordinal(value)})
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    loss = answers.infant.loss_percent()
    if loss is not None:
        found.add(f"{loss:.1f}")
    return found


def _has(data: dict[str, Any], *path: str) -> Any:
    value: Any = data
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


#: A word in a script -> the answers that must be present for it to be said.
CLAIMS: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
    (r"\bbreastfeeding\b", lambda d: d["feeding_mode"] in ("breastfeeding", "both")),
    (r"\bpump(ing)?\b", lambda d: d["feeding_mode"] in ("pumping", "both")),
    (r"temperature|fever", lambda d: _has(d, "parent", "fever_c") is not None),
    (r"chills", lambda d: bool(_has(d, "parent", "chills"))),
    (r"hot, red", lambda d: bool(_has(d, "parent", "breast_red_painful_area"))),
    (r"bleeding", lambda d: bool(_has(d, "parent", "heavy_bleeding"))
     or (_has(d, "parent", "pads_soaked_per_hour") or 0) >= 1),
    (r"\bpads?\b", lambda d: _has(d, "parent", "pads_soaked_per_hour") is not None),
    (r"sleepy|floppy|hard to wake", lambda d: bool(_has(d, "infant", "lethargic"))),
    (r"dry mouth|soft spot|dark urine", lambda d: bool(_has(d, "infant", "dehydration_signs"))),
    (r"wet diaper", lambda d: _has(d, "infant", "wet_diapers_per_day") is not None
     or _has(d, "infant", "hours_since_last_wet_diaper") is not None),
    (r"dirty diaper", lambda d: _has(d, "infant", "stools_per_day") is not None),
    (r"not (seem to )?have come in|not come in", lambda d: _has(d, "parent", "milk_came_in")
     is False),
    (r"let-down", lambda d: any(k in d for k in ("letdown_minutes", "letdown_absent",
                                                 "problem_since_days"))),
    (r"\bhurts\b|\bpain\b", lambda d: "pain_score" in d or "pain_sources" in d),
    (r"thyroid|hair loss|racing heart", lambda d: bool(_has(d, "parent", "thyroid_symptoms"))),
    (r"surgery", lambda d: bool(_has(d, "parent", "breast_surgery"))),
    (r"percentile", lambda d: bool(_has(d, "infant", "percentiles"))),
    (r"clots", lambda d: bool(_has(d, "parent", "large_clots"))),
    (r"neonatal care", lambda d: bool(_has(d, "infant", "in_neonatal_care"))),
    (r"born early", lambda d: bool(_has(d, "infant", "born_early"))
     or (_has(d, "infant", "born_at_weeks") or 40) < 37),
    (r"clicks or slips", lambda d: bool(d.get("latch_clicks_or_slips"))),
    (r"creased", lambda d: bool(d.get("nipple_creased_after_feeds"))),
    (r"tires", lambda d: bool(_has(d, "infant", "tires_at_breast"))),
    (r"new medicine", lambda d: "new_medicine" in d.get("recent_changes", [])),
    (r"mL", lambda d: "pumped_ml_per_day" in d or "pumped_ml_per_session" in d),
]


@settings(max_examples=300, deadline=None)
@given(answer_subsets())
def test_every_fact_in_what_to_say_was_answered(data: dict[str, Any]) -> None:
    try:
        answers = Answers.model_validate(data)
    except ValueError:
        return  # answers the questionnaire refuses are tested elsewhere
    advice = advise(answers)
    numbers = _numbers_given(data, answers)
    for line in advice.escalation.what_to_say:
        plain = re.sub(r"last 24 hours|/10\b", "", line)
        for number in re.findall(r"\d+(?:\.\d+)?(?:st|nd|rd|th)?", plain):
            assert number in numbers, f"{number!r} was never answered: {line}"
        for pattern, given_ in CLAIMS:
            if re.search(pattern, line, re.IGNORECASE):
                assert given_(data), f"{pattern!r} was never answered: {line}"


def test_a_pumping_parent_is_not_called_breastfeeding_on_the_phone() -> None:
    advice = advise(Answers.model_validate(
        {"feeding_mode": "pumping", "parent": {"fever_c": 38.9, "breast_red_painful_area": True}}
    ))
    assert advice.escalation.what_to_say
    assert not any("breastfeeding" in line for line in advice.escalation.what_to_say)
    assert any("pumping" in line for line in advice.escalation.what_to_say)


def test_a_sleepy_baby_with_no_diaper_count_is_not_said_to_have_few_wet_diapers() -> None:
    advice = advise(Answers.model_validate(
        {"feeding_mode": "breastfeeding", "baby_age_days": 5, "infant": {"lethargic": True}}
    ))
    said = " ".join(advice.escalation.what_to_say)
    assert "sleepy" in said and "wet diaper" not in said and "dehydration" not in said


def test_bleeding_without_a_pad_count_adds_no_pad_count() -> None:
    advice = advise(Answers.model_validate(
        {"feeding_mode": "breastfeeding", "parent": {"heavy_bleeding": True}}
    ))
    said = " ".join(advice.escalation.what_to_say)
    assert "bleeding heavily" in said and "pad" not in said


def test_ages_in_a_script_are_the_age_now_not_the_age_at_the_last_weighing() -> None:
    advice = advise(Answers.model_validate(
        {"feeding_mode": "breastfeeding", "baby_age_days": 20,
         "parent": {"heavy_bleeding": True, "milk_came_in": False},
         "infant": {"birth_weight_g": 3500, "current_weight_g": 3400,
                    "weighed_at_age_days": 6}}
    ))
    said = " ".join(advice.escalation.what_to_say)
    assert "20 days" in said and "6 days" not in said.replace("at 6 days", "")
