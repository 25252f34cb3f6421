"""letdown export --format fhir and letdown import of a FHIR Bundle, from the command line."""

from __future__ import annotations

import copy
import json
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.fhir.realistic import realistic
from interop.fhir.test_damaged import json_values, paths
from interop.fhir.validators import validate
from letdown.cli import cli
from letdown.interop.jsonio import dump_json


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def fill(tmp_path: Path) -> str:
    """The realistic journal in the current data dir; its JSON export."""
    source = tmp_path / "realistic.json"
    source.write_text(dump_json(realistic()), encoding="utf-8")
    assert run("import", str(source)).exit_code == 0
    return run("export").output


def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(tmp_path / name))


EMPTY = ('"babies": [],', '"sessions": [],', '"weights": [],', '"diapers": []')


def test_fhir_export_reimports_into_an_empty_journal_identically_and_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fill(tmp_path)
    target = tmp_path / "journal.fhir.json"
    result = run("export", "--format", "fhir", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "exported 4 sessions, 3 babies, 3 weights, 2 diaper counts" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    bundle = json.loads(target.read_text(encoding="utf-8"))
    validate(bundle)
    assert run("export", "--format", "fhir", "-o", str(target)).exit_code == 2  # no overwrite
    fresh(monkeypatch, tmp_path, "second")
    result = run("import", str(target))
    assert result.exit_code == 0, result.output
    assert "imported 4 sessions, 3 babies, 3 weights, 2 diaper counts, a profile" in (
        result.output)
    assert "1 Questionnaire" in result.output
    assert run("export").output == before
    again = run("import", str(target))
    assert again.exit_code == 0 and "nothing new: all 13 records" in again.output
    assert run("export").output == before


def test_fhir_export_to_the_screen_and_with_saved_advisor_answers(
    tmp_path: Path, isolated_home: Path
) -> None:
    fill(tmp_path)
    (isolated_home / "advisor-answers.json").write_text(json.dumps(
        {"feeding_mode": "both", "stress_score": 7, "slower_at": ["work"]}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--format", "fhir"], catch_exceptions=False)
    assert result.exit_code == 0
    bundle = json.loads(result.stdout)
    validate(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Questionnaire") == kinds.count("QuestionnaireResponse") == 1
    reply = next(e["resource"] for e in bundle["entry"]
                 if e["resource"]["resourceType"] == "QuestionnaireResponse")
    answered = {i["linkId"]: i["answer"] for g in reply["item"] for i in g["item"]}
    assert answered["stress_score"] == [{"valueInteger": 7}]


def test_dry_run_of_a_bundle_says_what_would_be_skipped(tmp_path: Path) -> None:
    fill(tmp_path)
    target = tmp_path / "b.json"
    assert run("export", "--format", "fhir", "-o", str(target)).exit_code == 0
    result = run("import", "--dry-run", str(target))
    assert result.exit_code == 0
    assert "nothing new" in result.output and "1 Questionnaire" in result.output
    assert "Nothing was imported (--dry-run)." in result.output


def test_malformed_bundle_names_entry_and_field_and_imports_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(tmp_path)
    target = tmp_path / "b.json"
    assert run("export", "--format", "fhir", "-o", str(target)).exit_code == 0
    bundle = json.loads(target.read_text(encoding="utf-8"))
    number, weight = next((n, e["resource"]) for n, e in enumerate(bundle["entry"], start=1)
                          if e["resource"].get("code", {}).get("text") == "Body weight")
    weight["valueQuantity"]["value"] = "heavy"
    target.write_text(json.dumps(bundle), encoding="utf-8")
    fresh(monkeypatch, tmp_path, "second")
    result = run("import", str(target))
    assert result.exit_code == 2
    assert (f"error: b.json entry {number} (Observation/{weight['id']}), field "
            "valueQuantity.value: 'heavy' is not a number") in result.output
    assert "Nothing was imported." in result.output and "Traceback" not in result.output
    assert all(part in run("export").output for part in EMPTY)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("bundle")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("LETDOWN_CONFIG", str(folder / "config.toml"))  # never the user's
    monkeypatch.delenv("LETDOWN_DATABASE_URL", raising=False)
    try:
        fill(folder)
        target = folder / "b.json"
        assert run("export", "--format", "fhir", "-o", str(target)).exit_code == 0
        return json.loads(target.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    finally:
        monkeypatch.undo()


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_bundles_exit_2_with_nothing_written_or_import_cleanly(
    exported: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    data: st.DataObject,
) -> None:
    bundle = copy.deepcopy(exported)
    for _ in range(data.draw(st.integers(1, 3))):
        place = data.draw(st.sampled_from(paths(bundle)[1:]))
        holder: Any = bundle
        for part in place[:-1]:
            holder = holder[part]
        if data.draw(st.booleans()) and isinstance(holder, dict):
            del holder[place[-1]]
        else:
            holder[place[-1]] = data.draw(json_values)
    target = tmp_path / "damaged.json"
    target.write_text(json.dumps(bundle), encoding="utf-8")
    fresh(monkeypatch, tmp_path, f"d{uuid.uuid4()}")  # a new, empty journal every example
    result = run("import", str(target))
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.output.startswith("error: ") and "Nothing was imported" in result.output
        assert all(part in run("export").output for part in EMPTY)
    else:
        assert result.exit_code == 0, result.output


def test_a_bundle_from_elsewhere_imports_what_maps_once(tmp_path: Path) -> None:
    from interop.fhir.test_foreign import clinic_bundle

    target = tmp_path / "clinic-bundle.json"
    target.write_text(json.dumps(clinic_bundle()), encoding="utf-8")
    first = run("import", str(target))
    assert first.exit_code == 0
    assert first.output.splitlines() == [
        "imported 0 sessions, 1 babies, 1 weights, 0 diaper counts, a profile",
        "skipped 3 parts of the FHIR Bundle that letdown does not keep: 1 AllergyIntolerance; "
        "1 Observation (29463-7) not about a baby; 1 Observation (8480-6)"]
    again = run("import", str(target))
    assert again.exit_code == 0 and "nothing new: all 3 records" in again.output


def test_a_bundle_that_disagrees_with_the_journal_is_a_conflict_and_imports_nothing(
    tmp_path: Path,
) -> None:
    fill(tmp_path)
    target = tmp_path / "b.json"
    assert run("export", "--format", "fhir", "-o", str(target)).exit_code == 0
    assert run("edit", "2", "--pain", "7").exit_code == 0
    before = run("export").output
    result = run("import", str(target))
    assert result.exit_code == 2
    assert "conflict: session" in result.output and "pain: 1 in the file, 7 here" in (
        result.output)
    assert run("export").output == before
