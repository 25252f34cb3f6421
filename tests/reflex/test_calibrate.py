"""`letdown calibrate`: every finding the model can express runs on a population and is
judged against the published group statistic; training and test are reported apart; only a
training finding that passed before can fail the run."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.reflex.calibrate import (
    GROUPS,
    Result,
    Run,
    baseline,
    regressions,
    run,
    summary_lines,
    tally,
)
from letdown.reflex.findings import AREAS, all_findings, held_out_findings, training_findings
from letdown.reflex.studies import CHECKS, NEEDS, STUDIES
from letdown.reflex.studies.common import (
    Dist,
    band,
    binomial_ci,
    diff_ci,
    population,
    pump,
    sd_from_sem,
)

CALIBRATION_MD = Path(__file__).resolve().parents[3] / "shared" / "reference" / "calibration.md"


@pytest.fixture(scope="module")
def calibration() -> Run:
    return run()


def test_every_expressible_finding_runs_and_reports_a_population_statistic(
        calibration: Run) -> None:
    ran = [r for r in calibration.results if r.expressible]
    assert {r.study.id for r in ran} == set(CHECKS)
    assert len(ran) >= 40
    for r in ran:
        assert r.typical.strip() and re.search(r"\d", r.typical), r.study.id
        assert re.search(r"\d", r.population), r.study.id
        if r.basis == "population":
            assert re.search(r"mean|median|%|x\d", r.population), r.study.id
        else:  # judged on the typical person: the report says what the population lacks
            assert "needs:" in r.population, r.study.id


def test_findings_that_cannot_be_expressed_name_the_missing_input() -> None:
    for s in STUDIES:
        if s.run is None:
            assert s.reason.strip(), s.id
            if s.role != "structural":
                assert s.reason.startswith("needs: "), s.id
    assert set(NEEDS) <= {f.id for f in all_findings()}
    assert not set(NEEDS) & set(CHECKS)


def test_the_report_counts_match_the_catalogue(calibration: Run) -> None:
    results = calibration.results
    assert tally(results, split="train").findings == len(training_findings())
    assert tally(results, split="test").findings == len(held_out_findings())
    assert sum(tally(results, g).findings for g in GROUPS) == len(all_findings())
    for a in AREAS:
        assert sum(tally(results, g, a).findings for g in GROUPS) == sum(
            f.area == a for f in all_findings())
    text = "\n".join(summary_lines(results))
    for g in GROUPS:
        t = tally(results, g)
        assert f"{g}: {t.passing}/{t.expressible} pass" in text
    assert "target >= 90%" in text and "target >= 80%" in text


def test_test_findings_seen_before_the_split_are_counted_apart() -> None:
    group = {s.id: s.group for s in STUDIES}
    for fid in ("C1", "C4", "C6", "C8", "C11", "C15", "C27", "C28"):
        assert group[fid] == "test (seen before the split)", fid
    assert group["KEN08-MCV"] == group["UED94-STRESS"] == "test"
    assert all(s.group == "train" for s in STUDIES if s.split == "train")


def test_no_training_finding_that_passed_before_now_fails(calibration: Run) -> None:
    bad = [f"{r.study.id}: {r.population} (tolerance {r.study.tolerance})"
           for r in regressions(calibration.results)]
    assert not bad, "training findings that passed before now fail:\n" + "\n".join(bad)


def test_the_baseline_holds_only_training_findings_that_run() -> None:
    train_run = {s.id for s in STUDIES if s.split == "train" and s.run is not None}
    assert baseline() and baseline() <= train_run


def test_only_a_failing_training_finding_from_the_baseline_is_a_regression(
        calibration: Run) -> None:
    results = calibration.results
    held = next(r for r in results if r.study.split == "test" and r.expressible)
    trained = next(r for r in results if r.study.id in baseline())
    failing_test = [replace(r, passed=False) if r is held else r for r in results]
    assert regressions(failing_test) == []
    failing_train = [replace(r, passed=False) if r is trained else r for r in results]
    assert [r.study.id for r in regressions(failing_train)] == [trained.study.id]
    assert "REGRESSION" in "\n".join(summary_lines(failing_train))


def test_the_whole_calibration_runs_in_under_a_minute(calibration: Run) -> None:
    """About 35 s of CPU alone (63 runnable studies, 17 of them weeks of 500 parents);
    processor time, not wall time, so a busy machine does not make it fail, though a
    shared core still stretches it by a third."""
    assert calibration.cpu_seconds < 60, calibration.cpu_seconds


def test_every_arm_of_a_study_draws_the_same_people() -> None:
    a = population(pump(15))
    b = population(pump(15, state={"stress": 6}))
    assert a["volume_ml"].shape == b["volume_ml"].shape
    # the same people: who removes the most without stress still does under stress
    assert np.corrcoef(a["volume_ml"], b["volume_ml"])[0, 1] > 0.5


def test_tolerances_come_from_the_published_spread() -> None:
    assert band(5.1, 2.0) == pytest.approx((3.1, 7.1))
    assert sd_from_sem(0.4, 16) == pytest.approx(1.6)
    lo, hi = binomial_ci(3, 10)
    assert lo == pytest.approx(0.0667, abs=1e-3) and hi == pytest.approx(0.6525, abs=1e-3)
    assert binomial_ci(10, 10)[0] == pytest.approx(0.6915, abs=1e-3)
    lo, hi = diff_ci(742, 111, 23, 743, 119, 23)
    assert lo < 0 < hi and hi - lo == pytest.approx(2 * 1.96 * 33.9, rel=0.01)
    d = Dist(np.array([1.0, 2.0, np.nan, 4.0]))
    assert d.mean == pytest.approx(7 / 3) and d.share(lambda v: v >= 2) == 0.5


@pytest.mark.skipif(not CALIBRATION_MD.is_file(), reason="shared reference not checked out")
def test_old_study_ids_exist_in_the_reference_table() -> None:
    published = set(re.findall(r"^\|\s*(C\d+)\s*\|", CALIBRATION_MD.read_text(), re.M))
    for s in STUDIES:
        for sid in re.findall(r"^C\d+", s.id):
            assert sid in published, f"{s.id} is not in calibration.md"


def test_a_result_reads_as_population_then_typical_person(calibration: Run) -> None:
    r: Result = next(x for x in calibration.results if x.study.id == "C4")
    assert r.simulated.startswith("MEs mean") and "typical person:" in r.simulated


def test_fitting_gets_training_studies_only() -> None:
    from letdown.reflex.studies import training_studies

    ids = {s.id for s in training_studies()}
    assert ids == {f.id for f in training_findings()}
    assert not ids & {f.id for f in held_out_findings()}


def test_the_report_counts_the_findings_waiting_for_each_missing_input(
        calibration: Run) -> None:
    from letdown.reflex.calibrate import missing_inputs
    from letdown.reflex.studies import CHECKS, HORMONES, ONE_SESSION

    waiting = dict(missing_inputs(calibration.results))
    # what the new inputs made expressible runs, and is no longer counted as waiting
    expressed = {"COE20-SHIELD", "FLA12-HAND", "DAS01-DOMP", "WAN08-DOMP", "KAU81-METO",
                 "HOP88-PRETERM", "IOM91-MAX", "YIG12-WARM", "ASZ17-DOMP", "ASZ19-DOMP",
                 "GEZ83-METO", "KEN16-EARLY", "FPED20-PRETERM", "MAG23-CTV", "LEV24-EARLY",
                 "PAR20-TIMING", "MOR09-MDV", "HOP92-SMOKE",
                 # stress hormones are outputs now (reflex/hormones.py)
                 "ALT95-EXERCISE", "HEI01-TSST"}
    assert expressed <= set(CHECKS)
    assert not expressed & {fid for ids in waiting.values() for fid in ids}
    assert "LUL22-LULLABY" in waiting[ONE_SESSION] and HORMONES not in waiting
    for need, ids in waiting.items():
        for fid in ids:
            assert need in next(s.reason for s in STUDIES if s.id == fid), (need, fid)


@settings(deadline=None)  # the first call imports scipy
@given(k_n=st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_a_proportion_s_interval_always_holds_the_proportion(k_n: tuple[int, int]) -> None:
    k, n = k_n
    lo, hi = binomial_ci(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


@given(values=st.lists(st.one_of(st.floats(-1e6, 1e6), st.just(float("nan"))), max_size=50))
def test_a_population_summary_never_fails_and_stays_ordered(values: list[float]) -> None:
    d = Dist(np.array(values, dtype=float))
    text = d.text(".1f", "mL")  # all-NaN or empty groups still read as a line, not a crash
    assert text.startswith("mean ")
    share = d.share(lambda v: v > 0)
    assert (0.0 <= share <= 1.0) if values else np.isnan(share)
    if d.ok.size:
        assert d.q(5) <= d.median <= d.q(95)
        assert d.ok.min() - 1e-6 <= d.mean <= d.ok.max() + 1e-6


def test_studies_over_a_day_or_weeks_are_judged_on_the_simulated_group(
        calibration: Run) -> None:
    """The 24-hour studies were judged on the typical person alone; they and the studies
    over weeks now report the group's median and 90% interval and are judged on it."""
    over_days = {"C20", "C22", "C31", "C33/C35", "VIO91-SMOKE", "BER02-SMOKE", "KAU81-METO",
                 "DAS01-DOMP", "HOP88-PRETERM", "FPED20-PRETERM", "MOR09-MDV", "HOP92-SMOKE"}
    by_id = {r.study.id: r for r in calibration.results}
    for fid in over_days:
        r = by_id[fid]
        assert r.basis == "population", fid
        assert re.search(r"median .*\[90%: ", r.population), (fid, r.population)


def test_a_week_long_study_is_simulated_once_per_process() -> None:
    """Calibration stays fast because each schedule is run once and reused."""
    import time

    from letdown.reflex.studies import days

    d = days.schedule(3, 56.0, 8)
    days.week(d)
    t0 = time.perf_counter()
    again = days.week(d)
    assert time.perf_counter() - t0 < 0.05
    assert again.volume.shape == (3, days.N_DAYS)
