"""Property tests: conservation, monotone effects of stress and alcohol, reproducibility."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.reflex import simulate, simulate_population
from letdown.reflex.explorer import explore
from letdown.reflex.reference import simulate_reference
from letdown.reflex.scenario import from_dict

FAST = settings(max_examples=12, deadline=None)


def _pump(**state: float) -> dict[str, object]:
    return {"state": state, "session": {"kind": "pump", "duration_min": 12}}


@FAST
@given(fullness=st.floats(0.05, 1.0), minutes=st.floats(1.0, 30.0),
       kind=st.sampled_from(["pump", "breastfeed"]), stress=st.floats(0, 10))
def test_milk_is_conserved(fullness: float, minutes: float, kind: str, stress: float) -> None:
    tr = simulate(from_dict({"parent": {"fullness": fullness}, "state": {"stress": stress},
                             "session": {"kind": kind, "duration_min": minutes}}))
    initial = tr.stored[0]
    synthesised = (tr.stored[-1] + tr.removed[-1]) - initial
    assert synthesised >= -1e-9
    assert synthesised <= 90.0 / 3600 * 2 * (minutes * 60 + 120)  # at most the max rate
    assert math.isclose(tr.removed[-1] + tr.stored[-1], initial + synthesised, rel_tol=1e-12)


#: The fast engine's fixed step bends some non-smooth terms of the model (the burst
#: generator's switch, the ReLU thresholds) slightly differently as a parameter moves, so
#: its volume wiggles by up to ~0.2% around the exact curve (0.15 mL of 87 mL was the worst
#: in a 1,001-point sweep). The exact property is checked on the reference solver below;
#: the fast engine must keep it within half of its 1% accuracy budget.
STEP_WIGGLE = 0.005


@FAST
@given(low=st.floats(0, 10), extra=st.floats(0, 5))
def test_more_stress_never_increases_milk_removed(low: float, extra: float) -> None:
    high = min(10.0, low + extra)
    a = simulate(from_dict(_pump(stress=low))).metrics.volume_ml
    b = simulate(from_dict(_pump(stress=high))).metrics.volume_ml
    assert b <= a * (1 + STEP_WIGGLE)


@pytest.mark.parametrize("low, high", [(5.625, 5.62890625), (8.43, 8.44), (0.625, 0.63)])
def test_in_the_exact_model_more_stress_never_increases_milk_removed(
    low: float, high: float
) -> None:
    """Where the fast engine was seen to wiggle upward, the reference solver does not."""
    a = simulate_reference(from_dict(_pump(stress=low))).volume_ml
    b = simulate_reference(from_dict(_pump(stress=high))).volume_ml
    assert b < a


@pytest.mark.parametrize("kind", ["pump", "breastfeed"])
def test_each_step_of_the_explorers_stress_slider_lowers_the_milk_removed(kind: str) -> None:
    volumes = [explore(stress=level, kind=kind).metrics.volume_ml for level in range(11)]
    assert all(b < a for a, b in pairwise(volumes)), volumes


@FAST
@given(low=st.floats(0, 1.5), extra=st.floats(0, 1.0))
def test_more_alcohol_never_speeds_let_down(low: float, extra: float) -> None:
    a = simulate(from_dict(_pump(alcohol_g_per_kg=low))).metrics.time_to_first_ejection_s
    b = simulate(from_dict(_pump(alcohol_g_per_kg=min(3.0, low + extra))))
    tb = b.metrics.time_to_first_ejection_s
    if math.isnan(a):
        assert math.isnan(tb)
    elif not math.isnan(tb):
        assert tb >= a - 1e-9


@FAST
@given(minutes=st.floats(1, 30), stress=st.floats(0, 10), alcohol=st.floats(0, 2))
def test_no_stimulation_and_no_cues_gives_no_ejection(
    minutes: float, stress: float, alcohol: float
) -> None:
    m = simulate(from_dict({"state": {"stress": stress, "alcohol_g_per_kg": alcohol},
                            "session": {"kind": "none", "duration_min": minutes}})).metrics
    assert m.ejections == 0 and m.volume_ml == 0.0


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), chunk=st.integers(1, 40))
def test_seed_reproduces_and_chunking_does_not_matter(seed: int, chunk: int) -> None:
    scn = from_dict(_pump())
    a = simulate_population(scn, 40, seed=seed, chunk=40)
    b = simulate_population(scn, 40, seed=seed, chunk=chunk)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
