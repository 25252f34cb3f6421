"""The calibration studies: every one the model can express must pass, and every one is
traceable to a published source in shared/reference/calibration.md (or says it is not)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from letdown.reflex.calibrate import Result, run_all
from letdown.reflex.studies import STUDIES

CALIBRATION_MD = Path(__file__).resolve().parents[3] / "shared" / "reference" / "calibration.md"


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return run_all()


def test_every_expressible_study_passes(results: list[Result]) -> None:
    failed = [f"{r.study.id}: {r.simulated} (tolerance {r.study.tolerance})"
              for r in results if r.expressible and not r.passed]
    assert not failed, "calibration studies failing:\n" + "\n".join(failed)


def test_most_studies_are_expressed_and_the_rest_say_why(results: list[Result]) -> None:
    ran = [r for r in results if r.expressible]
    assert len(ran) >= 20
    for r in results:
        if not r.expressible:
            assert r.study.reason, f"{r.study.id} is not expressed but gives no reason"


def test_every_study_names_its_source() -> None:
    for s in STUDIES:
        assert s.source.strip() and s.published.strip(), s.id
        assert s.role in {"check", "fitted", "structural", "not expressible"}, s.id


@pytest.mark.skipif(not CALIBRATION_MD.is_file(), reason="shared reference not checked out")
def test_study_ids_exist_in_the_reference_table() -> None:
    published = set(re.findall(r"^\|\s*(C\d+)\s*\|", CALIBRATION_MD.read_text(), re.M))
    for s in STUDIES:
        for sid in re.findall(r"C\d+", s.id):
            assert sid in published, f"{s.id} is not in calibration.md"
