"""Escalation is a maximum over rules: red flags always escalate, and never get diluted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letdown.advisor import Answers, advise
from letdown.evidence import Level, load_evidence

Dict = dict[str, Any]

maybe_bool = st.none() | st.booleans()

base_answers = st.fixed_dictionaries(
    {
        "feeding_mode": st.sampled_from(["breastfeeding", "pumping", "both"]),
        "baby_age_days": st.integers(0, 400),
    },
    optional={
        "letdown_minutes": st.floats(0, 60),
        "letdown_absent": maybe_bool,
        "problem_since_days": st.integers(0, 60),
        "pain_score": st.integers(0, 10),
        "pain_sources": st.lists(
            st.sampled_from(["latch", "nipple_damage", "pump_suction", "flange", "other"]),
            unique=True,
        ),
        "stress_score": st.integers(0, 10),
        "feels_rushed": maybe_bool,
        "feels_watched": maybe_bool,
        "feels_cold": maybe_bool,
        "slower_at": st.lists(st.sampled_from(["home", "work", "public"]), unique=True),
        "substances": st.lists(
            st.sampled_from(
                ["nicotine", "pseudoephedrine", "phenylephrine", "estrogen_contraception"]
            ),
            unique=True,
        ),
        "feeds_or_pumps_per_24h": st.integers(0, 20),
        "tried": st.lists(
            st.fixed_dictionaries(
                {
                    "technique": st.sampled_from(["relaxation", "warmth", "sensory_cues"]),
                    "outcome": st.sampled_from(["helped", "no_change", "worse", "somewhat"]),
                }
            ),
            unique_by=lambda t: t["technique"],
            max_size=3,
        ),
        "infant": st.fixed_dictionaries(
            {},
            optional={
                "gaining_well": maybe_bool,
                "wet_diapers_per_day": st.integers(6, 12),
                "stools_per_day": st.integers(3, 8),
                "weight_trend": st.sampled_from(["gaining_well", "not_sure"]),
                "temperature_c": st.floats(36.0, 37.9),
                "jaundice": st.just("none"),
                "feeding_poorly": st.just(False),
            },
        ),
        "parent": st.fixed_dictionaries(
            {},
            optional={
                "exhausted": maybe_bool,
                "thyroid_symptoms": maybe_bool,
                "breast_surgery": maybe_bool,
                "sleep_hours_per_24h": st.floats(0, 12),
                "fever_c": st.floats(35.5, 37.9),
                "mood": st.sampled_from(["ok", "low_some_days"]),
                "thoughts_of_harm": st.just(False),
                "faint_or_dizzy": st.just(False),
                "feels_very_unwell": st.just(False),
            },
        ),
    },
)


def _set(d: Dict, part: str, **values: Any) -> Dict:
    d = {**d, part: {**d.get(part, {}), **values}}
    return d


#: Each red flag as a change to the answers, with the level it must reach at least.
RED_FLAGS: dict[str, tuple[Level, Callable[[Dict], Dict]]] = {
    "fever_red_breast": (
        Level.URGENT,
        lambda d: _set(d, "parent", fever_c=38.6, breast_red_painful_area=True),
    ),
    "heavy_bleeding": (Level.URGENT, lambda d: _set(d, "parent", heavy_bleeding=True)),
    "lethargy_dehydration": (Level.URGENT, lambda d: _set(d, "infant", lethargic=True)),
    "weight_loss_over_10pct": (
        Level.PROVIDER,
        lambda d: _set(
            {**d, "baby_age_days": 5}, "infant", birth_weight_g=3400, current_weight_g=3000
        ),
    ),
    "not_back_to_birth_weight": (
        Level.PROVIDER,
        lambda d: _set(
            {**d, "baby_age_days": 18}, "infant", birth_weight_g=3400, current_weight_g=3350
        ),
    ),
    "few_wet_diapers": (
        Level.PROVIDER,
        lambda d: _set({**d, "baby_age_days": 8}, "infant", wet_diapers_per_day=2),
    ),
    "percentile_crossing": (
        Level.PROVIDER,
        lambda d: _set(
            d,
            "infant",
            percentiles=[{"age_days": 10, "percentile": 75}, {"age_days": 90, "percentile": 8}],
        ),
    ),
    "milk_not_in": (
        Level.PROVIDER,
        lambda d: _set({**d, "baby_age_days": 6}, "parent", milk_came_in=False),
    ),
    "weight_trend_concern": (
        Level.PROVIDER, lambda d: _set(d, "infant", weight_trend="not_gaining_well")
    ),
    "infant_fever": (
        Level.URGENT,
        lambda d: _set({**d, "baby_age_days": 40}, "infant", temperature_c=38.0),
    ),
    "newborn_jaundice": (
        Level.URGENT,
        # With poor feeding it is urgent at any age, whatever age another flag sets.
        lambda d: _set({**d, "baby_age_days": 4}, "infant", jaundice="spreading",
                       feeding_poorly=True),
    ),
    "thoughts_of_harm": (Level.URGENT, lambda d: _set(d, "parent", thoughts_of_harm=True)),
    "low_mood": (Level.PROVIDER, lambda d: _set(d, "parent", mood="low_most_days")),
    "faint_after_birth": (Level.URGENT, lambda d: _set(d, "parent", faint_or_dizzy=True)),
    "parent_infection": (
        Level.PROVIDER, lambda d: _set(d, "parent", infection_signs=["smelly_discharge"])
    ),
}


def test_every_red_flag_has_a_property_case() -> None:
    assert set(RED_FLAGS) == set(load_evidence().red_flags)


def _level(data: Dict) -> Level:
    return advise(Answers.model_validate(data)).level


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=base_answers, flag=st.sampled_from(sorted(RED_FLAGS)))
def test_adding_a_red_flag_never_lowers_the_level(base: Dict, flag: str) -> None:
    floor, add = RED_FLAGS[flag]
    after_answers = add(base)
    after = advise(Answers.model_validate(after_answers))
    assert after.level.rank >= floor.rank, (flag, after.escalation.reasons)
    # Some flags set the baby's age; compare with the same answers at that age, minus the flag.
    without = {**base, "baby_age_days": after_answers["baby_age_days"]}
    assert after.level.rank >= _level(without).rank
    assert flag in {r.red_flag for r in after.escalation.reasons}


@settings(max_examples=40, deadline=None)
@given(base=base_answers, flags=st.sets(st.sampled_from(sorted(RED_FLAGS)), min_size=1))
def test_an_urgent_situation_never_comes_out_below_urgent(base: Dict, flags: set[str]) -> None:
    data = base
    for flag in sorted(flags):
        data = RED_FLAGS[flag][1](data)
    urgent = any(RED_FLAGS[f][0] is Level.URGENT for f in flags)
    level = _level(data)
    assert level.rank >= (Level.URGENT if urgent else Level.PROVIDER).rank


@settings(max_examples=40, deadline=None)
@given(base=base_answers)
def test_the_level_is_the_most_serious_reason(base: Dict) -> None:
    advice = advise(Answers.model_validate(base))
    assert advice.escalation.reasons
    assert advice.level == max((r.level for r in advice.escalation.reasons), key=lambda x: x.rank)
    if advice.level is not Level.SELF_CARE:
        assert advice.escalation.what_to_say


def test_fever_without_breast_signs_is_still_urgent_after_birth() -> None:
    advice = advise(Answers.model_validate({"feeding_mode": "both", "parent": {"fever_c": 38.0}}))
    assert advice.level is Level.URGENT


def test_a_red_breast_without_fever_goes_to_an_ibclc_with_a_fever_warning() -> None:
    advice = advise(
        Answers.model_validate(
            {"feeding_mode": "breastfeeding", "parent": {"breast_red_painful_area": True}}
        )
    )
    assert advice.level is Level.IBCLC
    assert any("fever" in r.text for r in advice.escalation.reasons)


def test_what_to_say_fills_in_the_numbers() -> None:
    advice = advise(
        Answers.model_validate(
            {
                "feeding_mode": "breastfeeding",
                "baby_age_days": 5,
                "infant": {"birth_weight_g": 3400, "current_weight_g": 3000},
            }
        )
    )
    script = " ".join(advice.escalation.what_to_say)
    assert "3400" in script and "3000" in script and "11.8" in script
    assert "{" not in script
