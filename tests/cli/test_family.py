"""The family's records from the command line: profile, babies, weights and diapers."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from letdown.cli import cli


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_babies_weights_diapers_and_profile() -> None:
    assert run("weight", "add", "4000").exit_code == 2  # no baby yet
    assert "added baby 1: Ada" in run("baby", "add", "Ada", "--born", "2026-10-01",
                                       "--sex", "female").output
    assert run("weight", "add", "4100", "--date", "2026-11-20").exit_code == 0
    assert run("weight", "add", "-20").exit_code == 2
    run("baby", "add", "Ben", "--born", "2026-10-01")
    result = run("weight", "add", "3900")
    assert result.exit_code == 2 and "--baby: which baby?" in result.output
    assert run("weight", "add", "3900", "--baby", "ben").exit_code == 0
    weights = run("weight", "list").output
    assert "Ada" in weights and "4100" in weights and "Ben" in weights
    assert run("diapers", "add", "--wet", "6", "--dirty", "3", "--baby", "Ada").exit_code == 0
    again = run("diapers", "add", "--wet", "7", "--dirty", "3", "--baby", "Ada")
    assert again.exit_code == 2 and "add --replace" in again.output
    assert run("diapers", "add", "--wet", "7", "--dirty", "3", "--baby", "1",
               "--replace").exit_code == 0
    counts = json.loads(run("diapers", "list", "--json").output)
    assert [(c["wet"], c["dirty"]) for c in counts] == [(7, 3)]
    assert run("diapers", "add", "--wet", "x", "--dirty", "1", "--baby", "1").exit_code == 2
    assert run("profile", "--first-baby").exit_code == 2
    assert run("profile", "--pseudonym", "Sam", "--condition", "PCOS").exit_code == 0
    profile = json.loads(run("profile", "--first-baby", "--json").output.split("\n", 1)[1])
    assert profile["first_baby"] is True and profile["conditions"] == ["PCOS"]


def _one_baby_weight_and_count() -> None:
    assert run("baby", "add", "Ada", "--born", "2026-10-01", "--sex", "female",
               "--birth-weight-g", "3400").exit_code == 0
    assert run("weight", "add", "4100", "--date", "2026-11-20").exit_code == 0
    assert run("diapers", "add", "--wet", "6", "--dirty", "3", "--date",
               "2026-11-20").exit_code == 0


def test_baby_weight_and_diapers_edit_change_only_given_fields() -> None:
    _one_baby_weight_and_count()
    result = run("baby", "edit", "1", "--name", "Ada Rose", "--clear", "birth-weight-g")
    assert result.exit_code == 0, result.output
    assert result.output == "updated baby 1: Ada Rose, born 2026-10-01, female\n"
    result = run("weight", "edit", "1", "--grams", "4150")
    assert result.output == "updated weight 1: 4150 g on 2026-11-20 (Ada Rose)\n"
    result = run("diapers", "edit", "1", "--wet", "7")
    assert result.output == "updated diapers 1: 7 wet, 3 dirty on 2026-11-20 (Ada Rose)\n"
    [baby] = json.loads(run("baby", "list", "--json").output)
    assert (baby["name"], baby["sex"], baby["birth_weight_g"]) == ("Ada Rose", "female", None)
    assert json.loads(run("weight", "list", "--json").output)[0]["grams"] == 4150
    assert json.loads(run("diapers", "list", "--json").output)[0]["dirty"] == 3


@pytest.mark.parametrize(("args", "message"), [
    (["baby", "edit", "1", "--birth-weight-g", "90"],
     "error: birth_weight_g: Input should be greater than or equal to 300 (allowed: 300 to "
     "7000) [--birth-weight-g]"),
    (["baby", "edit", "1", "--born", "2999-01-01"], "error: birth_date: is in the future"),
    (["baby", "edit", "1", "--name", ""], "error: name: String should have at least 1"),
    (["weight", "edit", "1", "--grams", "-20"], "error: grams: Input should be greater than"),
    (["weight", "edit", "1", "--date", "soon"], "error: --date:"),
    (["weight", "edit", "1", "--baby", "Zed"], "error: --baby:"),
    (["diapers", "edit", "1", "--wet", "many"], "error: wet: Input should be a valid integer"),
    (["weight", "edit", "1"], "error: nothing to change"),
    (["baby", "edit", "9", "--name", "Bo"], "error: no baby with id 9"),
    (["diapers", "edit", "9", "--wet", "1"], "error: no diaper count with id 9"),
])
def test_bad_edits_name_the_field_and_write_nothing(args: list[str], message: str) -> None:
    _one_baby_weight_and_count()
    before = [run(kind, "list", "--json").output for kind in ("baby", "weight", "diapers")]
    result = run(*args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert [run(kind, "list", "--json").output for kind in ("baby", "weight", "diapers")] == before


def test_a_second_count_for_the_same_day_is_refused_on_edit() -> None:
    _one_baby_weight_and_count()
    run("diapers", "add", "--wet", "5", "--dirty", "2", "--date", "2026-11-21")
    result = run("diapers", "edit", "2", "--date", "2026-11-20")
    assert result.exit_code == 2 and "already has a count for that day" in result.output
    assert "Nothing was changed." in result.output


@pytest.mark.parametrize(("kind", "shown"), [
    ("weight", "Delete weight 1 (4100 g on 2026-11-20, Ada)?"),
    ("diapers", "Delete diapers 1 (6 wet, 3 dirty on 2026-11-20, Ada)?"),
])
def test_deleting_a_weight_or_count_asks_first(kind: str, shown: str) -> None:
    _one_baby_weight_and_count()
    no_terminal = run(kind, "delete", "1")  # no answer at all: nothing is deleted
    assert no_terminal.exit_code == 1 and shown in no_terminal.output
    kept = run(kind, "delete", "1", input="n\n")
    assert kept.exit_code == 1 and len(json.loads(run(kind, "list", "--json").output)) == 1
    gone = run(kind, "delete", "1", input="y\n")
    assert gone.exit_code == 0 and f"deleted {kind} 1" in gone.output
    assert json.loads(run(kind, "list", "--json").output) == []
    again = run(kind, "delete", "1", "--yes")
    assert again.exit_code == 2 and "no " in again.output


def test_deleting_a_baby_asks_first_and_is_refused_while_records_refer_to_it() -> None:
    _one_baby_weight_and_count()
    refused = run("baby", "delete", "1", "--yes")
    assert refused.exit_code == 2
    assert "delete those first" in refused.output and "Nothing was changed." in refused.output
    assert run("weight", "delete", "1", "--yes").exit_code == 0
    assert run("diapers", "delete", "1", "--yes").exit_code == 0
    asked = run("baby", "delete", "1")
    assert asked.exit_code == 1 and "Delete baby 1 (Ada, born 2026-10-01, female, 3400 g" \
        in asked.output
    assert len(json.loads(run("baby", "list", "--json").output)) == 1
    assert run("baby", "delete", "1", input="y\n").output.endswith("deleted baby 1\n")
    assert json.loads(run("baby", "list", "--json").output) == []
