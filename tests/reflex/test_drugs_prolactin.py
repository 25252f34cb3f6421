"""Drugs that act on prolactin, over days: who responds, how much, and when.

Sources are training findings and physiology outside the catalogue: Kauppila et al. 1981
(KAU81-METO) and 1985; de Gezelle et al. 1983 (GEZ83-METO); Asztalos et al. 2017/2019
(ASZ17-DOMP, ASZ19-DOMP); Cox et al. 1996 (COX96-PRL). No test looks at a test-split
finding.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.reflex.drugs import exposures, prolactin_multiplier
from letdown.reflex.schedule import from_dict as schedule
from letdown.reflex.studies.drugs import LOW_SUPPLY_ML, enrol
from letdown.reflex.supply import Array, Day, DaysResult, SupplyPeople, run
from letdown.reflex.week import simulate_week

_PUMPS = tuple(24.0 * i / 7 for i in range(7))


def _mothers(status: list[float], multipliers: list[float], start: float = 1.0) -> DaysResult:
    """Mothers alike in everything but their own prolactin (``status``: basal prolactin
    relative to the typical mother), pumping 7 times a day from ``start`` days after
    birth; each day's drug effect on the prolactin drive in ``multipliers``."""
    n = len(status)
    people = SupplyPeople(capacity=np.full(n, 210.0), rate0=np.full(n, 20.0),
                          activation_day=np.full(n, 2.7), prolactin=np.asarray(status))

    def removal(_key: str, stored: Array) -> Array:
        return 0.7 * stored

    days = [Day(day=start + i, times_h=_PUMPS, kinds=("pump",) * 7, prolactin=m)
            for i, m in enumerate(multipliers)]
    return run(people, days, removal)


def _level(name: str, mg: float) -> dict[str, float]:
    """Steady-state exposure to ``mg`` a day of ``name`` (a week of daily doses)."""
    days = exposures(schedule({"days": 7, "drugs": [{"name": name, "mg_per_day": mg}]}))
    return days[-1]


def test_domperidone_raises_prolactin_several_fold_alike_at_30_and_60_mg() -> None:
    """A dopamine antagonist raises prolactin several-fold in everyone, and not more at a
    double dose once the dose is effective (prolactin rose at 30 and 60 mg alike)."""
    p30 = prolactin_multiplier(_level("domperidone", 30.0))
    p60 = prolactin_multiplier(_level("domperidone", 60.0))
    assert p30 > 2.5
    assert p60 / p30 < 1.15


def test_metoclopramide_15_mg_a_day_does_nothing_30_mg_does() -> None:
    """KAU81-METO: 5 mg three times a day raised neither prolactin nor milk; 10 mg three
    times a day did. Even a prolactin-limited mother gains nothing from 15 mg a day and
    a lot from 30 mg: the gain at 15 mg is small, under a seventh of it."""
    p15 = prolactin_multiplier(_level("metoclopramide", 15.0))
    p30 = prolactin_multiplier(_level("metoclopramide", 30.0))
    assert p15 < 1.15 and p30 > 2.5
    days = 28
    none = _mothers([0.4], [1.0] * days, start=10.0).volume[-1][0]
    low = _mothers([0.4], [1.0] * 14 + [p15] * 14, start=10.0).volume[-1][0]
    high = _mothers([0.4], [1.0] * 14 + [p30] * 14, start=10.0).volume[-1][0]
    assert high / none > 1.3
    assert low / none - 1.0 < min(0.1, 0.15 * (high / none - 1.0))


def test_domperidone_helps_a_prolactin_limited_mother_and_barely_one_with_ample() -> None:
    """Prolactin is permissive: a mother with low prolactin three weeks after birth is held
    back by it, so domperidone raises her milk a lot; a mother with ample prolactin is on
    the plateau, and the same rise in prolactin changes her milk little (responders and
    non-responders, KAU81-METO, ASZ17-DOMP; COX96-PRL). The model used to give everyone the
    same small gain."""
    dom = prolactin_multiplier(_level("domperidone", 30.0))
    status = [0.4, 1.0, 2.5]
    base = _mothers(status, [1.0] * 35).volume[-1]
    drug = _mothers(status, [1.0] * 21 + [dom] * 14).volume[-1]
    gain = drug / base - 1.0
    assert gain[0] > 0.5  # the prolactin-limited mother: over half as much milk again
    assert gain[2] < 0.1  # ample prolactin: barely
    assert gain[0] > gain[1] > gain[2]
    assert base[0] < 0.8 * base[2]  # and her low prolactin was why her milk was low


def test_the_effect_builds_over_days_and_fades_after_stopping() -> None:
    """The set point of synthesis moves over days, not hours: no gain on the first day of
    domperidone, part of it on the second, the most after several days; after stopping,
    prolactin falls back within a day (half-life about 7.5 h) and the milk returns toward
    where it was within about a week (da Silva 2001: prolactin back to baseline 3 days
    after stopping)."""
    dom = prolactin_multiplier(_level("domperidone", 30.0))
    base = _mothers([0.4], [1.0] * 42).volume[:, 0]
    drug = _mothers([0.4], [1.0] * 21 + [dom] * 14 + [1.0] * 7).volume[:, 0]
    gain = drug / base - 1.0
    top = float(np.max(gain))
    assert gain[21] < 0.05 * top  # the first day of the course
    assert gain[22] < 0.6 * top  # the second
    assert top > 0.5 and int(np.argmax(gain)) >= 24  # the most after several days
    assert gain[41] < 0.25 * gain[34]  # a week after stopping, mostly gone
    stop = exposures(schedule({"days": 3, "drugs": [
        {"name": "domperidone", "mg_per_day": 30.0, "to_day": 1}]}))
    assert prolactin_multiplier(stop[1]) < 1.2  # the next day, nearly back
    assert prolactin_multiplier(stop[2]) < 1.02  # two days on, back


def test_later_in_lactation_the_same_low_prolactin_holds_milk_back_less() -> None:
    """The gland's dependence on prolactin falls over the first months (COX96-PRL: no
    relation between prolactin and synthesis from 1 month; ASZ19-DOMP: a course started
    2 weeks later helped fewer mothers): domperidone helps the same prolactin-limited
    mother less at 4 months than at 3 weeks."""
    dom = prolactin_multiplier(_level("domperidone", 30.0))

    def gain(start: float) -> float:
        base = _mothers([0.4], [1.0] * 28, start=start).volume[-1][0]
        drug = _mothers([0.4], [1.0] * 14 + [dom] * 14, start=start).volume[-1][0]
        return float(drug / base - 1.0)

    assert gain(120.0) < 0.6 * gain(7.0)


def _trial(mg: float) -> DaysResult:
    drugs: list[dict[str, Any]] = (
        [{"name": "domperidone", "mg_per_day": mg, "from_day": 22}] if mg else [])
    return simulate_week(schedule({"days": 35, "start_day": 1, "sessions_per_day": 7,
                                   "session": {"kind": "pump"}, "drugs": drugs}),
                         n=300, seed=3)


def test_in_a_population_the_mothers_with_least_milk_gain_most() -> None:
    """Responders come out of physiology, not a coin: among 300 mothers pumping from birth,
    those enrolled for too little milk on day 21 (under 500 mL) gain far more from
    domperidone than the rest, and some of them gain almost nothing."""
    base, drug = _trial(0.0), _trial(30.0)
    idx = enrol(base, 21)
    assert 10 < idx.size < 200
    rest = np.setdiff1d(np.arange(300), idx)
    gain = drug.volume[-1] / base.volume[-1] - 1.0
    assert np.mean(gain[idx]) > 3.0 * np.mean(gain[rest])
    assert np.mean(gain[idx] < 0.1) > 0.1  # non-responders among the enrolled


def test_enrol_picks_exactly_the_mothers_below_the_criterion() -> None:
    base = _trial(0.0)
    idx = enrol(base, 21)
    below = base.volume[20] < LOW_SUPPLY_ML
    assert np.array_equal(idx, np.flatnonzero(below))


@settings(max_examples=50, deadline=None)
@given(day=st.integers(-5, 40), days=st.integers(1, 30),
       below=st.floats(0.0, 2000.0, allow_nan=False))
def test_enrol_refuses_a_day_outside_the_schedule_and_otherwise_selects(
    day: int, days: int, below: float
) -> None:
    """A day outside the schedule is a clear error naming the allowed days, never an
    IndexError or a silent wrap-around to the last day."""
    volumes = np.linspace(100.0, 1500.0, days * 4).reshape(days, 4)
    result = DaysResult(day=np.arange(days, dtype=float), sessions=np.full(days, 8.0),
                        volume_left=volumes / 2, volume_right=volumes / 2,
                        rate_left=volumes, rate_right=volumes, synthesised=volumes,
                        share_removed=volumes, mean_fullness=volumes,
                        prolactin=np.ones(days))
    if 1 <= day <= days:
        idx = enrol(result, day, below)
        assert np.array_equal(idx, np.flatnonzero(volumes[day - 1] < below))
    else:
        with pytest.raises(ValueError, match="within the schedule"):
            enrol(result, day, below)
