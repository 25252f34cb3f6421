"""The train/test split of the findings: drawn from a recorded seed before any fitting,
reproducible, about a third held out in every area, and out of reach of fitting code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from letdown.reflex.findings import (
    AREAS,
    SPLIT_SEED,
    all_findings,
    held_out_findings,
    training_findings,
)
from letdown.reflex.findings.split import assign, write_split

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "src" / "letdown" / "reflex" / "findings" / "findings.toml"
SCRIPT = ROOT / "scripts" / "split_findings.py"
REFLEX = ROOT / "src" / "letdown" / "reflex"


def test_every_finding_is_assigned_and_the_assignment_reproduces_from_the_seed() -> None:
    findings = all_findings()
    assert all(f.split in {"train", "test"} for f in findings)
    drawn = assign(findings, SPLIT_SEED)
    assert {f.id: f.split for f in findings} == drawn
    text = CATALOGUE.read_text(encoding="utf-8")
    assert write_split(text, drawn) == text


def test_another_seed_draws_another_test_set() -> None:
    a, b = assign(all_findings(), SPLIT_SEED), assign(all_findings(), SPLIT_SEED + 1)
    assert a != b


def test_about_a_third_is_held_out_overall_and_in_every_area() -> None:
    held, train = held_out_findings(), training_findings()
    assert held and train
    assert 0.28 <= len(held) / len(all_findings()) <= 0.38
    for area in AREAS:
        n_test = sum(f.area == area for f in held)
        n_train = sum(f.area == area for f in train)
        assert n_test >= 1 and n_train >= 1, area
        assert abs(n_test - (n_test + n_train) / 3) <= 1, area


def test_training_findings_never_include_a_test_finding() -> None:
    train_ids = {f.id for f in training_findings()}
    test_ids = {f.id for f in held_out_findings()}
    assert not train_ids & test_ids
    assert train_ids | test_ids == {f.id for f in all_findings()}
    assert all(f.split == "train" for f in training_findings())


_FORBIDDEN = {"all_findings", "held_out_findings", "by_id", "parse"}
#: what reaches test findings through the study runs: every study, or a whole calibration
_FORBIDDEN_RUNS = {"letdown.reflex.studies": {"STUDIES", "CHECKS"},
                   "letdown.reflex.calibrate": {"run", "run_all"}}


def _violations(source: str) -> list[str]:
    """Names a fitting module uses to reach findings other than the training ones."""
    tree = ast.parse(source)
    bad = [a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
           and (node.module or "").startswith("letdown.reflex.findings")
           for a in node.names if a.name in _FORBIDDEN or a.name == "*"]
    bad += [a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            for a in node.names
            if a.name in _FORBIDDEN_RUNS.get(node.module or "", set()) or (
                a.name == "*" and (node.module or "") in _FORBIDDEN_RUNS)]
    bad += [node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr in _FORBIDDEN | {"split", "STUDIES", "CHECKS"}]
    return bad


def test_the_guard_catches_a_fitting_module_that_reads_the_test_split() -> None:
    sneaky = ("from letdown.reflex.findings import all_findings\n"
              "xs = [f for f in all_findings() if f.split == 'test']\n")
    assert _violations(sneaky) == ["all_findings", "split"]
    assert _violations("from letdown.reflex.findings import training_findings\n") == []
    runs_all = ("from letdown.reflex.studies import STUDIES\n"
                "from letdown.reflex.calibrate import run\n")
    assert _violations(runs_all) == ["STUDIES", "run"]
    assert _violations("from letdown.reflex.studies import training_studies\n") == []


def test_no_fitting_code_reads_findings_beyond_the_training_split() -> None:
    fitting = [p for p in REFLEX.rglob("*.py")
               if any(k in p.stem for k in ("fit", "optim", "sensitivity", "sobol"))]
    for path in fitting:
        assert not _violations(path.read_text(encoding="utf-8")), path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_the_split_script_confirms_the_recorded_split() -> None:
    res = _run("--check")
    assert res.returncode == 0, res.stderr
    assert f"seed {SPLIT_SEED}" in res.stdout and "26 test" in res.stdout


def test_the_split_script_notices_a_tampered_split_and_refuses_to_redraw(
        tmp_path: Path) -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    first_test = next(f.id for f in held_out_findings())
    tampered = text.replace(f'id = "{first_test}"\nsplit = "test"',
                            f'id = "{first_test}"\nsplit = "train"')
    assert tampered != text
    copy = tmp_path / "findings.toml"
    copy.write_text(tampered, encoding="utf-8")
    assert _run("--check", "--catalogue", str(copy)).returncode == 1
    res = _run("--catalogue", str(copy))
    assert res.returncode == 2 and "refusing to re-draw" in res.stderr
    assert copy.read_text(encoding="utf-8") == tampered


@pytest.mark.parametrize("content", [None, "", "[[finding]]\nid = 3\n", "not toml ["])
def test_the_split_script_refuses_a_missing_or_broken_catalogue_in_one_line(
        tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "findings.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    res = _run("--catalogue", str(path))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert res.stderr.startswith(("cannot read the catalogue", "the catalogue"))
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr


def test_the_validation_report_records_the_seed_the_date_and_the_counts() -> None:
    from letdown.reflex.findings.catalogue import SPLIT_DATE

    readme = (ROOT / "docs" / "validation" / "README.md").read_text(encoding="utf-8")
    n_train, n_test = len(training_findings()), len(held_out_findings())
    assert f"Split drawn on {SPLIT_DATE} with seed {SPLIT_SEED}" in readme
    assert f"{n_train} train, {n_test} test" in readme
    for area in AREAS:
        tr = sum(f.area == area for f in training_findings())
        te = sum(f.area == area for f in held_out_findings())
        assert f"| {area} | {tr} | {te} |" in readme, area
