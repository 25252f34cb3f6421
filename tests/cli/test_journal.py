"""The journal commands as a person uses them: log, list, show, edit, delete, babies, weights."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from letdown.cli import cli


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def listed() -> list[dict[str, Any]]:
    result = run("sessions", "--json", "--all")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def test_log_from_flags_then_list_show_in_local_time() -> None:
    result = run("log", "-k", "pump", "-s", "both", "--start", "2026-07-01 10:00", "-m", "20",
                 "--letdown", "1:35", "--letdown-left", "6m", "--left-ml", "40",
                 "--right-ml", "35.5", "--pump-name", "Spectra S1", "--flange-mm", "24",
                 "--stress", "6", "-t", "warm_compress", "-t", "music", "--rushed",
                 "--notes", "at work")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("saved session 1: pump, both sides, Wed 01 Jul 10:00-10:20")
    assert "let-down after 1:35, 75.5 mL" in result.output
    [row] = listed()
    assert row["start"] == "2026-07-01T09:00:00Z"  # London summer time stored as UTC
    assert [(e["side"], e["at_s"]) for e in row["letdowns"]] == [
        ("left", 95.0), ("right", 95.0), ("left", 360.0)]
    table = run("sessions").output
    assert "Wed 01 Jul 10:00" in table and "L 1:35 R 1:35" in table and "75.5" in table
    shown = run("show", "1").output
    assert "left 1:35, right 1:35, left 6:00" in shown
    assert "felt rushed     yes" in shown.replace("  ", " ") or "felt rushed" in shown
    assert "warm_compress, music" in shown and "Spectra S1" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--left-ml", "-5"], "volume_left_ml: Input should be greater than or equal to 0 "
         "(allowed: 0 to 1000) [--left-ml]"),
        (["--pain", "14"], "pain: Input should be less than or equal to 10 (allowed: 0 to 10)"),
        (["--stress", "lots"], "stress: Input should be a valid integer"),
        (["--start", "10:00", "--end", "09:00", "--minutes", "5"], "give at most two"),
        (["--start", "2026-01-01 10:00", "--end", "2026-01-01 09:00"],
         "end must be after start"),
        (["--start", "2099-01-01 10:00", "-m", "10"], "start is in the future"),
        (["--letdown", "soon"], "--letdown: 'soon' is not a time from the start"),
        (["--start", "yesterday 25:00"], "not a time of day; allowed: 00:00 to 23:59"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(args: list[str], message: str) -> None:
    base = ["log", "-k", "pump", "-s", "both"]
    if "--start" not in args:
        base += ["-m", "20"]
    result = run(*base, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert listed() == []


def test_unknown_side_is_refused_by_the_flag() -> None:
    result = run("log", "-k", "pump", "-s", "middle", "-m", "10")
    assert result.exit_code == 2
    assert "'middle' is not one of 'left', 'right', 'both'" in result.output
    assert listed() == []


def test_without_a_terminal_missing_flags_are_an_error_not_a_prompt() -> None:
    result = run("log", "-m", "10")
    assert result.exit_code == 2
    assert "--kind: required" in result.output and "--sides: required" in result.output


def test_prompts_fill_in_what_is_missing_with_defaults() -> None:
    # kind, side (Enter = both), end (Enter = now), minutes, let-down, left mL, right mL,
    # stress (skip), pain (14 is out of range, so it is asked again)
    answers = "pump\n\n\n25\n1:10\n40\n\n\n14\n2\n"
    result = run("log", "--ask", input=answers)
    assert result.exit_code == 0, result.output
    assert "14 is out of range; allowed: 0 to 10" in result.output
    [row] = listed()
    assert (row["kind"], row["sides"], row["volume_left_ml"], row["volume_right_ml"]) == (
        "pump", "both", 40.0, None)
    assert row["pain"] == 2 and row["stress"] is None
    assert [e["at_s"] for e in row["letdowns"]] == [70.0, 70.0]
    # next time the defaults follow the previous session
    result = run("log", "--ask", input="\n\n\n\n\n\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "saved session 2: pump, both sides" in result.output
    assert "(15 min)" in result.output


def test_edit_changes_only_given_fields_and_bad_edit_changes_nothing() -> None:
    run("log", "-k", "breastfeed", "-s", "left", "-m", "15", "--pain", "5", "--notes", "ouch")
    result = run("edit", "1", "--pain", "3", "--letdown", "2:00")
    assert result.exit_code == 0, result.output
    assert "let-down after 2:00" in result.output
    result = run("edit", "1", "--right-ml", "30")
    assert result.exit_code == 2
    assert "volume_right_ml given, but sides is left" in result.output
    result = run("edit", "1", "--clear", "notes")
    assert result.exit_code == 0
    [row] = listed()
    assert (row["pain"], row["notes"], row["volume_right_ml"]) == (3, "", None)
    assert run("edit", "7", "--pain", "1").output.startswith("error: no session with id 7")


def test_delete_asks_first() -> None:
    run("log", "-k", "breastfeed", "-s", "right", "-m", "12")
    kept = run("delete", "1", input="n\n")
    assert kept.exit_code == 1 and len(listed()) == 1
    gone = run("delete", "1", input="y\n")
    assert gone.exit_code == 0 and "deleted session 1" in gone.output
    assert listed() == []
    run("log", "-k", "breastfeed", "-s", "right", "-m", "12")
    assert run("delete", "2", "--yes").exit_code == 0
    assert run("delete", "2", "--yes").exit_code == 2


def test_listing_filters_and_limit() -> None:
    for day in ("2026-11-01", "2026-11-02", "2026-11-03"):
        run("log", "-k", "pump", "-s", "left", "--start", f"{day} 08:00", "-m", "10")
    run("log", "-k", "breastfeed", "-s", "left", "--start", "2026-11-03 12:00", "-m", "10")
    out = run("sessions", "--limit", "2").output
    assert "2 of 4 sessions shown" in out
    rows = json.loads(run("sessions", "--json", "--kind", "pump", "--since", "2026-11-02").output)
    assert [r["id"] for r in rows] == [3, 2]
    rows = json.loads(run("sessions", "--json", "--until", "2026-11-03").output)
    assert [r["id"] for r in rows] == [2, 1]
    assert "No sessions match." in run("sessions", "--since", "2026-11-20").output


def test_empty_journal_says_how_to_start() -> None:
    assert "No sessions yet. Record one with `letdown log`." in run("sessions").output


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
