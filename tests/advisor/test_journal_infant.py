"""The babies' logged weights and diapers reach the advisor, and answers still win."""

from __future__ import annotations

import datetime as dt

from letdown.advisor import Answers, advise, journal_facts
from letdown.advisor.journal_infant import BabyFacts, baby_facts, with_baby
from letdown.evidence.schema import Level
from letdown.journal.records import Baby, DiaperCount, InfantWeight

TODAY = dt.date(2026, 11, 28)
BORN = TODAY - dt.timedelta(days=6)


def baby(**numbers: object) -> BabyFacts:
    return BabyFacts.model_validate(
        {"name": "Ada", "birth_date": BORN, "birth_weight_g": 3500, **numbers}
    )


def test_latest_weight_and_count_per_baby_are_picked() -> None:
    babies = [Baby(id=1, name="Ada", birth_date=BORN, birth_weight_g=3500),
              Baby(id=2, name="Ben", birth_date=BORN)]
    weights = [InfantWeight(id=1, baby_id=1, date=BORN + dt.timedelta(days=3), grams=3200),
               InfantWeight(id=2, baby_id=1, date=BORN + dt.timedelta(days=5), grams=3300),
               InfantWeight(id=3, baby_id=1, date=BORN + dt.timedelta(days=1), grams=3400)]
    diapers = [DiaperCount(id=1, baby_id=2, date=TODAY, wet=6, dirty=3)]
    ada, ben = baby_facts(babies, weights, diapers)
    assert (ada.weight_g, ada.weighed_on, ada.wet) == (3300, BORN + dt.timedelta(days=5), None)
    assert (ben.weight_g, ben.wet, ben.dirty, ben.diapers_on) == (None, 6, 3, TODAY)


def test_journal_fills_only_what_the_answers_leave_blank() -> None:
    answers = Answers.model_validate({"feeding_mode": "breastfeeding",
                                      "infant": {"wet_diapers_per_day": 7}})
    merged, used = with_baby(answers, baby(weight_g=3100, weighed_on=TODAY, diapers_on=TODAY,
                                           wet=2, dirty=1), TODAY)
    assert merged.baby_age_days == 6
    assert merged.infant.current_weight_g == 3100
    assert merged.infant.wet_diapers_per_day == 7  # the parent's answer wins
    assert merged.infant.stools_per_day is None  # counts go together or not at all
    assert any("3100 g" in u for u in used)


def test_old_diaper_counts_are_not_taken_as_the_last_24_hours() -> None:
    stale = baby(diapers_on=TODAY - dt.timedelta(days=3), wet=1, dirty=0)
    merged, _ = with_baby(Answers(feeding_mode="breastfeeding"), stale, TODAY)
    assert merged.infant.wet_diapers_per_day is None


def test_a_logged_weight_loss_over_10_percent_escalates_without_any_answer() -> None:
    facts = journal_facts([], [baby(weight_g=3100, weighed_on=TODAY)], TODAY)  # 11.4% down
    advice = advise(Answers(feeding_mode="breastfeeding"), facts)
    assert advice.level is Level.PROVIDER  # the level red_flags.toml gives this sign
    assert any(r.red_flag == "weight_loss_over_10pct" for r in advice.escalation.reasons)
    assert advice.journal_used and advice.from_journal
    calm = advise(Answers(feeding_mode="breastfeeding"),
                  journal_facts([], [baby(weight_g=3400, weighed_on=TODAY)], TODAY))
    assert calm.level is Level.SELF_CARE


def test_one_twins_warning_sign_is_not_hidden_by_the_other() -> None:
    well = baby(weight_g=3600, weighed_on=TODAY, diapers_on=TODAY, wet=7, dirty=4)
    dry = baby(name="Ben", diapers_on=TODAY, wet=1, dirty=0)
    facts = journal_facts([], [well, dry], TODAY)
    advice = advise(Answers(feeding_mode="breastfeeding"), facts)
    assert advice.level.rank >= Level.PROVIDER.rank
    texts = [r.text for r in advice.escalation.reasons if r.red_flag == "few_wet_diapers"]
    assert texts and texts[0].startswith("Ben:")
    # the order of the babies does not matter
    again = advise(Answers(feeding_mode="breastfeeding"), journal_facts([], [dry, well], TODAY))
    assert again.level is advice.level


def test_answers_that_contradict_the_journal_are_kept_as_given() -> None:
    answers = Answers.model_validate({"feeding_mode": "breastfeeding", "infant": {
        "birth_date": (TODAY - dt.timedelta(days=2)).isoformat()}})
    merged, used = with_baby(answers, baby(weight_g=3000, weighed_on=BORN), TODAY)
    assert merged == answers and used == []


def test_yesterdays_diaper_count_is_judged_by_yesterdays_age() -> None:
    """Newborns wet one more diaper each day of the first week: 3 wet diapers counted on
    day 3 are enough for day 3, and must not be called too few because today is day 4."""
    born = TODAY - dt.timedelta(days=4)
    counted = baby(birth_date=born, diapers_on=TODAY - dt.timedelta(days=1), wet=3, dirty=1)
    advice = advise(Answers(feeding_mode="breastfeeding"), journal_facts([], [counted], TODAY))
    assert not any(r.red_flag == "few_wet_diapers" for r in advice.escalation.reasons)
    today = baby(birth_date=born, diapers_on=TODAY, wet=3, dirty=1)  # the same count today
    late = advise(Answers(feeding_mode="breastfeeding"), journal_facts([], [today], TODAY))
    assert any(r.red_flag == "few_wet_diapers" for r in late.escalation.reasons)


def test_a_diaper_day_in_the_answers_is_checked_like_a_weighing_day() -> None:
    import pytest
    from pydantic import ValidationError

    for infant, reason in (({"diapers_counted_on": "2026-11-20"}, "needs birth_date"),
                           ({"birth_date": "2026-11-20", "diapers_counted_on": "2026-11-19"},
                            "before birth_date")):
        with pytest.raises(ValidationError, match=reason):
            Answers.model_validate({"feeding_mode": "breastfeeding", "infant": infant})
