"""The least-squares fit: its objective is zero where the model meets the published values,
it recovers known parameters from synthetic data, and it never evaluates a test finding."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from letdown.reflex.findings import held_out_findings, training_findings
from letdown.reflex.fit import Objective, fit, parameters
from letdown.reflex.params import PARAMS
from letdown.reflex.studies.common import dist, pump
from letdown.reflex.studies.residuals import TERMS, Term, terms


def _synthetic(truth: dict[str, float], people: int) -> list[Term]:
    """Terms whose 'published' centres are the model's own output at ``truth``."""
    stats = [("GAR19-PAMR", lambda: dist(pump(15), "pamr").mean, 10.0),
             ("PRI09-SINGLE", lambda: dist(pump(15), "ejections").mean, 0.5),
             ("RAM05-FIRST", lambda: dist(pump(15), "time_to_first_ejection_s").median, 10.0)]
    with parameters(truth, people):
        return [Term(i, i, fn(), w, fn) for i, fn, w in stats]


def test_the_objective_is_zero_where_the_model_gives_the_published_values() -> None:
    truth = {"ec50": 18.0}
    use = _synthetic(truth, 60)
    with parameters({}, 60):
        obj = Objective(("ec50",), use, start=truth)
        assert np.allclose(obj.data_residuals(np.zeros(1)), 0.0)
        assert obj.value(np.zeros(1)) == pytest.approx(0.0)
        assert obj.value(np.array([0.3])) > 0.01


def test_the_fit_recovers_known_parameters_from_a_perturbed_start() -> None:
    truth = {"ec50": 20.0}
    before = PARAMS["ec50"].value
    use = _synthetic(truth, 60)
    result = fit(("ec50",), people=60, max_evaluations=20, use=use, start={"ec50": 13.0},
                 prior=0.0)
    assert result.values["ec50"] == pytest.approx(20.0, rel=0.08)
    assert result.objective_after < result.objective_before
    assert PARAMS["ec50"].value == before  # the table is left as it was


def test_the_objective_evaluates_training_findings_only() -> None:
    train = {f.id for f in training_findings()}
    test = {f.id for f in held_out_findings()}
    assert {t.id for t in TERMS} <= train
    with parameters({}, 30):
        obj = Objective(("ec50",))
        obj.data_residuals(np.zeros(1))
    assert obj.evaluated == {t.id for t in terms()}
    assert obj.evaluated and not obj.evaluated & test


def test_a_quick_fit_finishes_in_seconds_and_stays_in_bounds() -> None:
    start = time.process_time()  # processor time: a busy machine does not make it fail
    result = fit(("ec50", "self_excitation"), people=30, max_evaluations=4)
    assert time.process_time() - start < 30
    for p in result.params:
        assert p.lo <= p.value <= p.hi
    assert len(result.residuals_after) == len(terms())
    assert PARAMS["ec50"].value == 15.0


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fit.py"


@pytest.mark.parametrize("args", [["--people", "0"], ["--max-evaluations", "x"],
                                  ["--report", "FILE"]])
def test_the_fit_script_refuses_bad_arguments_in_one_line_before_fitting(
        tmp_path: Path, args: list[str]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    args = [str(a_file) if x == "FILE" else x for x in args]
    res = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                         timeout=60, check=False)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and res.stderr.strip()
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert a_file.read_text(encoding="utf-8") == "mine"
