"""One baby's growth: early loss, regain, gain per day, corrected age, diapers for age."""

from __future__ import annotations

import datetime as dt

import pytest

from letdown.growth.assess import chart_age, growth_of
from letdown.growth.who import weight_z
from letdown.journal.records import Baby, DiaperCount, InfantWeight, Sex

BORN = dt.date(2026, 1, 1)


def baby(**kw: object) -> Baby:
    fields: dict[str, object] = {"id": 1, "name": "Ada", "birth_date": BORN,
                                 "sex": Sex.female, "birth_weight_g": 3400}
    fields.update(kw)
    return Baby.model_validate(fields, context={"stored": True})


def weighed(*pairs: tuple[int, int], baby_id: int = 1) -> list[InfantWeight]:
    return [InfantWeight(baby_id=baby_id, date=BORN + dt.timedelta(days=d), grams=g)
            for d, g in pairs]


def test_loss_regain_and_velocity() -> None:
    g = growth_of(baby(), weighed((3, 3100), (10, 3350), (14, 3450), (35, 4150)), [],
                  BORN + dt.timedelta(days=36), diaper_thresholds={"wet_from_day5": 6})
    assert g.largest_loss_percent == pytest.approx(300 / 3400 * 100)
    assert g.largest_loss_on == BORN + dt.timedelta(days=3)
    assert g.back_to_birth_weight_on == BORN + dt.timedelta(days=14)
    assert g.velocity is not None and g.velocity.days == 21
    assert g.velocity.grams_per_day == pytest.approx(700 / 21)
    assert g.velocity.on_centile_grams_per_day is not None
    assert 20 < g.velocity.on_centile_grams_per_day < 45
    last = g.weighed[-1]
    assert last.z == pytest.approx(weight_z("female", 35, 4150))


def test_other_babies_weights_are_ignored_and_no_regain_is_none() -> None:
    g = growth_of(baby(), weighed((3, 3000)) + weighed((3, 5000), baby_id=2), [],
                  BORN + dt.timedelta(days=5), diaper_thresholds={"wet_from_day5": 6})
    assert [p.grams for p in g.points] == [3400, 3000]
    assert g.back_to_birth_weight_on is None and g.velocity is None


def test_corrected_age_for_a_preterm_baby_until_24_months() -> None:
    early = baby(gestation_weeks=32, gestation_days=3)  # 53 days before term
    assert chart_age(early, 100) == 47
    assert chart_age(early, 30) is None  # before the due date: not on WHO's chart
    assert chart_age(early, 730) == 730  # correction stops at 24 months
    assert chart_age(baby(gestation_weeks=38), 100) == 100
    g = growth_of(early, weighed((30, 2200), (100, 4200)), [], BORN + dt.timedelta(days=101),
                  diaper_thresholds={"wet_from_day5": 6})
    assert g.corrected_age_days == 48
    assert g.points[1].z is None and "due date" in " ".join(g.notes)
    assert g.points[2].z == pytest.approx(weight_z("female", 47, 4200))


def test_no_sex_means_no_percentiles_and_says_why() -> None:
    g = growth_of(baby(sex=None), weighed((20, 3800)), [], BORN + dt.timedelta(days=21),
                  diaper_thresholds={"wet_from_day5": 6})
    assert g.weighed == () and "sex" in g.notes[0]


def test_diapers_against_age_from_the_evidence_base() -> None:
    counts = [DiaperCount(baby_id=1, date=BORN + dt.timedelta(days=d), wet=w, dirty=s)
              for d, w, s in ((2, 2, 1), (6, 4, 3), (50, 6, 0))]
    g = growth_of(baby(), [], counts, BORN + dt.timedelta(days=51))
    assert [(d.age_days, d.wet_expected, d.dirty_expected, d.enough) for d in g.diapers] == [
        (2, 2, None, True), (6, 6, 3, False), (50, 6, None, True)]
