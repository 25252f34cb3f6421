"""The Sobol sensitivity analysis: right on a function with known indices, reproducible,
finite on the model, and honest about sessions with no ejection."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.reflex import sensitivity as sa
from letdown.reflex.params import PARAMS
from letdown.reflex.report import sensitivity_section
from letdown.reflex.scenario import load

pytest.importorskip("SALib")

ROOT = Path(__file__).resolve().parents[2]


def _ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[list[float], list[float]]:
    """Analytic first-order and total indices of the Ishigami function."""
    pi4, pi8 = math.pi**4, math.pi**8
    v1 = 0.5 * (1 + b * pi4 / 5) ** 2
    v2 = a * a / 8
    v13 = 8 * b * b * pi8 / 225
    var = v1 + v2 + v13
    return [v1 / var, v2 / var, 0.0], [(v1 + v13) / var, v2 / var, v13 / var]


def test_the_wrapper_finds_the_ishigami_indices() -> None:
    from SALib.test_functions import Ishigami

    names = ("x1", "x2", "x3")
    bounds = [(-math.pi, math.pi)] * 3
    got = sa.sobol(names, bounds, lambda x: {"y": Ishigami.evaluate(x)}, 4096, seed=1)["y"]
    s1, total = _ishigami_indices()
    assert got.s1 == pytest.approx(s1, abs=0.03)
    assert got.st == pytest.approx(total, abs=0.03)
    assert got.ranked()[0] == 0  # x1 matters most in total
    assert np.all(got.st_conf > 0) and np.all(got.st_conf < 0.1)


def test_the_same_seed_gives_the_same_indices_and_another_seed_others() -> None:
    a = sa.run_scenario("calm-pump", 4, seed=3, metrics=("volume_ml", "ot_pulses"))
    b = sa.run_scenario("calm-pump", 4, seed=3, metrics=("volume_ml", "ot_pulses"))
    c = sa.run_scenario("calm-pump", 4, seed=4, metrics=("volume_ml", "ot_pulses"))
    for key in ("volume_ml", "ot_pulses"):
        assert np.array_equal(a.indices[key].st, b.indices[key].st)
        assert np.array_equal(a.indices[key].s1_conf, b.indices[key].s1_conf)
    assert not np.array_equal(a.indices["volume_ml"].st, c.indices["volume_ml"].st)


def test_the_model_analysis_is_quick_and_every_index_finite() -> None:
    start = time.perf_counter()
    results = [sa.run_scenario(name, 4, seed=0) for name in sa.SCENARIOS]
    assert time.perf_counter() - start < 60.0  # about 3 s alone on a laptop
    for r in results:
        assert r.runs == 4 * (len(sa.ANALYSED) + 2)
        assert set(r.indices) == set(sa.METRICS)
        for ix in r.indices.values():
            for arr in (ix.s1, ix.s1_conf, ix.st, ix.st_conf):
                assert arr.shape == (len(sa.ANALYSED),)
                assert np.all(np.isfinite(arr))
            assert ix.constant or np.any(ix.st_conf > 0)


def test_no_ejection_counts_as_the_session_length() -> None:
    scn = sa.scenario("stressed-pump")
    ranges = sa.parameter_ranges()
    u = np.random.default_rng(0).uniform(size=(300, len(ranges)))
    out = sa.model_outputs(scn, ranges, u)
    none = out["ejections"] == 0
    assert none.any() and (~none).any()  # the stressed pump has both kinds of session
    assert np.all(out["time_to_first_ejection_s"][none] == 900.0)
    assert np.all(out["time_to_first_ejection_s"][~none] < 900.0)
    for key in sa.METRICS:
        assert np.all(np.isfinite(out[key])), key


def test_the_parameter_table_is_restored_after_a_run_even_a_failed_one() -> None:
    before = {name: p.value for name, p in PARAMS.items()}
    sa.run_scenario("breastfeed", 4, seed=0, metrics=("peak_prl_ng_ml",))
    with pytest.raises(RuntimeError), sa._table_values({"capacity": np.array([1.0, 2.0])}):
        raise RuntimeError("boom")
    assert {name: p.value for name, p in PARAMS.items()} == before


def test_each_person_gets_their_own_sampled_value() -> None:
    """Two people differing only in capacity: the bigger breast gives more milk."""
    scn = sa.scenario("calm-pump")
    ranges = [r for r in sa.parameter_ranges() if r.name == "capacity"]
    out = sa.model_outputs(scn, ranges, np.array([[0.1], [0.9]]))
    assert out["volume_ml"][1] > out["volume_ml"][0] * 1.3


def test_each_person_gets_their_own_nipple_stimulation() -> None:
    """The pump's stimulus is shared by a run's forcing; a stronger one still gives that
    person more prolactin and an earlier let-down."""
    scn = sa.scenario("calm-pump")
    ranges = [r for r in sa.parameter_ranges() if r.name == "pump_gain"]
    out = sa.model_outputs(scn, ranges, np.array([[0.0], [1.0]]))
    assert out["peak_prl_ng_ml"][1] > out["peak_prl_ng_ml"][0] * 1.1
    assert out["time_to_first_ejection_s"][1] < out["time_to_first_ejection_s"][0]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sa.ANALYSED), st.lists(st.floats(0.0, 1.0), min_size=2, max_size=20))
def test_a_range_maps_quantiles_into_its_bounds_in_order(name: str, u: list[float]) -> None:
    rng = next(r for r in sa.parameter_ranges() if r.name == name)
    q = np.sort(np.asarray(u))
    v = rng.values(q)
    assert np.all(v >= rng.lo - 1e-9) and np.all(v <= rng.hi + 1e-9)
    assert np.all(np.diff(v) >= -1e-9 * max(1.0, abs(rng.hi)))


def test_ranges_follow_the_documented_spread_or_twenty_percent() -> None:
    by_name = {r.name: r for r in sa.parameter_ranges()}
    cap = by_name["capacity"]  # lognormal cv 0.35 in [74, 606]
    assert (cap.lo, cap.hi) == (74.0, 606.0)
    assert float(cap.values(np.array([0.5]))[0]) == pytest.approx(210.0, rel=0.05)
    tau = by_name["tau_neuron"]  # no spread: +/-20% of 2 s
    assert (tau.lo, tau.hi) == pytest.approx((1.6, 2.4))
    assert "no spread" in tau.why and "population spread" in cap.why


def test_every_parameter_is_analysed_or_left_out_with_a_reason() -> None:
    left_out = sa.not_analysed()
    assert set(sa.ANALYSED).isdisjoint(left_out)
    assert set(sa.ANALYSED) | set(left_out) == set(PARAMS)
    assert all(reason for reason in left_out.values())


@pytest.mark.parametrize("name", list(sa.SCENARIOS))
def test_the_built_in_scenarios_are_the_example_files(name: str) -> None:
    built = sa.scenario(name).model_dump()
    example = load(ROOT / "examples" / "scenarios" / f"{name}.toml").model_dump()
    built.pop("description")
    example.pop("description")
    assert built == example


def test_a_constant_output_has_zero_indices_and_a_missing_value_is_refused() -> None:
    names, bounds = ("a", "b"), [(0.0, 1.0)] * 2
    x = sa.sample(bounds, 8, seed=0)
    res = sa.analyse(names, bounds, {"flat": np.full(len(x), 3.0)}, seed=0)["flat"]
    assert res.constant and not res.st.any()
    y = x[:, 0].copy()
    y[0] = np.nan
    with pytest.raises(sa.SensitivityError, match="missing value"):
        sa.analyse(names, bounds, {"y": y}, seed=0)


@pytest.mark.parametrize("n", [0, 3, 6, 100, 1000])
def test_samples_must_be_a_power_of_two(n: int) -> None:
    with pytest.raises(sa.SensitivityError, match="power of 2"):
        sa.check_samples(n)


def test_unknown_names_are_refused_in_plain_words() -> None:
    with pytest.raises(sa.SensitivityError, match="unknown metric 'volume'; allowed: "):
        sa.run_scenario("calm-pump", 4, metrics=("volume",))
    with pytest.raises(sa.SensitivityError, match="unknown scenario"):
        sa.scenario("nap")


def test_inert_needs_every_metric_in_every_scenario_below_the_threshold() -> None:
    names = ("loud", "quiet", "noisy")
    zero = np.zeros(3)

    def result(st_: list[float], conf: list[float]) -> sa.ScenarioResult:
        ix = sa.Indices("volume_ml", names, zero, zero, np.array(st_), np.array(conf))
        return sa.ScenarioResult("s", 4, 20, 0, 900.0, {"volume_ml": ix})

    a = result([0.5, 0.001, 0.005], [0.01, 0.001, 0.01])  # noisy's interval reaches 0.015
    b = result([0.001, 0.002, 0.001], [0.001, 0.001, 0.001])
    assert sa.inert([a, b]) == ["quiet"]
    assert sa.inert([b]) == ["loud", "quiet", "noisy"]


def test_the_validation_report_links_the_committed_sensitivity_page() -> None:
    text = "\n".join(sensitivity_section())
    assert "(sensitivity.md)" in text
    page = ROOT / "docs" / "validation" / "sensitivity.md"
    assert page.read_text(encoding="utf-8").startswith("# Reflex model: which parameters")
    for name in sa.SCENARIOS:
        assert (ROOT / "docs" / "validation" / f"sobol-{name}.svg").exists()


def test_removed_parameters_are_gone_and_kept_ones_say_why() -> None:
    for name in sa.REMOVED:
        assert name not in PARAMS and name not in sa.ANALYSED
    assert set(sa.KEPT) <= set(sa.ANALYSED)
    assert all(len(reason) > 20 for reason in sa.KEPT.values())


def test_a_population_without_a_seed_is_the_typical_person_n_times() -> None:
    from letdown.reflex.engine import metrics_of_typical, simulate_population

    scn = sa.scenario("calm-pump")
    pop = simulate_population(scn, 3, seed=None)
    typical = metrics_of_typical(scn)
    for key in ("volume_ml", "peak_ot_pg_ml", "peak_prl_ng_ml", "ejections"):
        assert np.all(pop[key] == pop[key][0]), key
        assert pop[key][0] == pytest.approx(getattr(typical, key), rel=0.01), key


def test_no_parameter_that_differs_between_people_is_called_the_same_for_everyone() -> None:
    left_out = sa.not_analysed()
    varying = [name for name, p in PARAMS.items() if p.spread is not None]
    mislabelled = [name for name in varying
                   if "the same for everyone" in left_out.get(name, "")]
    assert mislabelled == []
