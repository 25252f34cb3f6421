"""Records that contradict each other are refused by the journal itself, with the reason.

The checks live in the service layer, so the CLI, the web app and the API all get them;
these tests go through ``Journal`` directly, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.journal.helpers import make_session

from letdown.journal.consistency import WEIGHT_ENVELOPE, weight_range
from letdown.journal.records import Baby, DiaperCount, InfantWeight
from letdown.journal.service import Conflict, Journal

BORN = dt.date(2026, 6, 1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


@pytest.fixture
def ada(journal: Journal) -> int:
    baby = journal.add_baby(Baby(name="Ada", birth_date=BORN, sex="female"))
    assert baby.id is not None
    return baby.id


def test_weight_and_diapers_before_birth_are_refused(journal: Journal, ada: int) -> None:
    before = BORN - dt.timedelta(days=1)
    with pytest.raises(Conflict, match=r"dated 2026-05-31, before Ada was born \(2026-06-01\)"):
        journal.add_weight(InfantWeight(baby_id=ada, date=before, grams=3300))
    with pytest.raises(Conflict, match="before Ada was born"):
        journal.add_diapers(DiaperCount(baby_id=ada, date=before, wet=1, dirty=1))
    assert journal.export_all().weights == [] and journal.export_all().diapers == []
    # on the birth day itself both are fine
    journal.add_weight(InfantWeight(baby_id=ada, date=BORN, grams=3300))
    count = journal.add_diapers(DiaperCount(baby_id=ada, date=BORN, wet=1, dirty=1))
    with pytest.raises(Conflict, match="before Ada was born"):
        journal.update_diapers(count.id or 0, {"date": before})


def test_sessions_for_a_baby_before_its_birth_are_refused(journal: Journal, ada: int) -> None:
    early = at(BORN - dt.timedelta(days=3))
    with pytest.raises(Conflict, match=r"before Ada was born.*without a baby"):
        journal.add_session(make_session(kind="breastfeed", baby_id=ada, start=early,
                                         end=early + dt.timedelta(minutes=20), **_NO_PUMP))
    # the tandem twin's birth counts too
    ben = journal.add_baby(Baby(name="Ben", birth_date=BORN + dt.timedelta(days=5))).id
    late = at(BORN + dt.timedelta(days=2))
    with pytest.raises(Conflict, match="before Ben was born"):
        journal.add_session(make_session(
            kind="breastfeed", baby_id=ada, tandem_baby_id=ben, start=late,
            end=late + dt.timedelta(minutes=20), **_NO_PUMP))
    # antenatal expressing without a baby is fine; so is a feed on the birth day
    journal.add_session(make_session(start=early, end=early + dt.timedelta(minutes=20)))
    saved = journal.add_session(make_session(
        kind="breastfeed", baby_id=ada, start=at(BORN, 1), end=at(BORN, 2), **_NO_PUMP))
    with pytest.raises(Conflict, match="before Ada was born"):
        journal.update_session(saved.id or 0, {"start": early,
                                               "end": early + dt.timedelta(minutes=20)})
    assert len(journal.list_sessions()) == 2


_NO_PUMP = {name: None for name in ("pump_name", "flange_mm", "suction_level", "suction_mmhg",
                                    "cycle")}


def test_a_birth_date_moved_after_the_babys_records_is_refused(
    journal: Journal, ada: int
) -> None:
    journal.add_weight(InfantWeight(baby_id=ada, date=BORN + dt.timedelta(days=3), grams=3300))
    with pytest.raises(Conflict, match="Ada already has a weight on 2026-06-04, before 2026-06-10"):
        journal.update_baby(ada, {"birth_date": BORN + dt.timedelta(days=9)})
    journal.add_session(make_session(kind="breastfeed", baby_id=ada, start=at(BORN, 9),
                                     end=at(BORN, 10), **_NO_PUMP))
    with pytest.raises(Conflict, match="Ada already has a session on 2026-06-01"):
        journal.update_baby(ada, {"birth_date": BORN + dt.timedelta(days=2)})
    assert journal.get_baby(ada).birth_date == BORN
    # moving it earlier (a typo fixed) is fine, as long as the weights still fit the age
    journal.update_baby(ada, {"birth_date": BORN - dt.timedelta(days=2)})
    with pytest.raises(Conflict, match="birth_date: with a birth on 2021"):
        journal.update_baby(ada, {"birth_date": dt.date(2021, 6, 1)})


@pytest.mark.parametrize(
    ("age_days", "grams", "ok"),
    [
        (0, 300, True),  # an extremely preterm baby
        (0, 6800, True),  # a very large newborn
        (40, 480, True),  # still tiny after a very early birth
        (365, 2400, False),  # 2.4 kg at a year: a typo (kg? lb?)
        (365, 12000, True),
        (365, 29000, False),
        (200, 30000, False),
        (3000, 30000, True),
    ],
)
def test_weights_outside_a_wide_physiological_range_are_refused(
    journal: Journal, ada: int, age_days: int, grams: int, ok: bool
) -> None:
    journal.update_baby(ada, {"birth_date": dt.date(2018, 1, 1)})
    weight = InfantWeight(baby_id=ada, date=dt.date(2018, 1, 1) + dt.timedelta(days=age_days),
                          grams=grams)
    if ok:
        journal.add_weight(weight)
    else:
        with pytest.raises(Conflict, match=rf"{grams} g at {age_days} days old.*WHO"):
            journal.add_weight(weight)
        assert journal.list_weights() == []


def test_the_envelope_covers_the_who_extreme_lines() -> None:
    """Spot checks against the WHO weight-for-age standards (grams), with room to spare."""
    who_plus_3sd = {0: 5000, 30: 6600, 91: 9000, 183: 10900, 365: 13300, 730: 17100}
    who_minus_3sd_girls = {183: 5100, 365: 6300, 730: 8100, 1826: 12100}
    for age, grams in who_plus_3sd.items():
        assert weight_range(age)[1] >= grams * 1.15
    for age, grams in who_minus_3sd_girls.items():
        assert weight_range(age)[0] <= grams / 2
    assert WEIGHT_ENVELOPE[0][1:] == (300, 7000)  # the journal's own birth-weight bounds


@given(st.integers(min_value=0, max_value=10_000))
def test_the_range_never_narrows_to_nothing_and_grows_with_age(age: int) -> None:
    low, high = weight_range(age)
    assert 300 <= low < high <= 30000
    assert weight_range(age + 1)[0] >= low and weight_range(age + 1)[1] >= high


def test_an_import_names_records_that_break_the_rules_but_loses_nothing(
    journal: Journal,
) -> None:
    """A file whose weight predates its baby's birth, or is impossible for the age (an
    export from before these rules, say) is imported whole, each such record named, so
    the person can fix it: an export is a backup, and refusing it would lose data."""
    from letdown.journal.records import JournalData

    baby = Baby(id=1, name="Ada", birth_date=BORN, sex="female")
    data = JournalData(
        babies=[baby],
        weights=[InfantWeight(id=1, baby_id=1, date=BORN - dt.timedelta(days=3), grams=3300),
                 InfantWeight(id=2, baby_id=1, date=BORN + dt.timedelta(days=10),
                              grams=15_000)],
        sessions=[make_session(start=at(BORN - dt.timedelta(days=2)),
                               end=at(BORN - dt.timedelta(days=2), 13), baby_id=1)],
    )
    report = journal.import_all(data)
    message = "\n".join(report.doubtful)
    assert "session #1" in message and "weight #1 (id 1)" in message
    assert "weight #2 (id 2)" in message and len(report.doubtful) == 3
    assert len(journal.list_weights()) == 2 and len(journal.list_sessions()) == 1
