"""The session commands as a person uses them: log, list, show, edit, delete."""

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


def test_with_one_baby_the_table_does_not_name_her_on_every_line() -> None:
    assert run("baby", "add", "Ada", "--born", "2026-10-01").exit_code == 0
    assert run("log", "-k", "breastfeed", "-s", "left", "-m", "9", "--baby", "Ada").exit_code == 0
    table = run("sessions").output
    assert "breastfeed" in table and "baby" not in table and "Ada" not in table


def test_twins_fed_together_are_logged_shown_listed_and_edited() -> None:
    for name in ("Ada", "Ben"):
        assert run("baby", "add", name, "--born", "2026-10-01").exit_code == 0
    result = run("log", "-k", "breastfeed", "-s", "both", "-m", "20", "--baby", "Ada",
                 "--tandem-baby", "Ben")
    assert result.exit_code == 0, result.output
    [row] = listed()
    assert (row["baby_id"], row["tandem_baby_id"]) == (1, 2)
    shown = run("show", "1").output
    assert "Ada (1)" in shown and "tandem with  Ben (2), fed at the same time" in shown
    assert run("edit", "1", "--clear", "tandem-baby").exit_code == 0
    assert listed()[0]["tandem_baby_id"] is None
    assert run("edit", "1", "--tandem-baby", "2").exit_code == 0
    assert listed()[0]["tandem_baby_id"] == 2
    assert run("log", "-k", "breastfeed", "-s", "left", "-m", "9", "--baby", "Ada").exit_code == 0
    table = run("sessions").output.splitlines()
    assert table[0].split()[-1] == "baby"
    assert [line.split()[-1] for line in table[2:]] == ["Ada", "Ada+Ben"]
    for twin in ("Ben", "2"):  # the second twin's own list includes the feed they shared
        assert [line.split()[0] for line in run("sessions", "--baby", twin).output.splitlines()[2:]
                ] == ["1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--baby", "Ada", "--tandem-baby", "Zed"], "--tandem-baby: no baby 'Zed'; allowed: "
         "1 (Ada), 2 (Ben)"),
        (["--tandem-baby", "Ben"], "tandem_baby_id: needs baby_id too (the first twin) "
         "[--tandem-baby]"),
        (["--baby", "Ben", "--tandem-baby", "Ben"],
         "tandem_baby_id: must be a different baby from baby_id [--tandem-baby]"),
        (["--baby", "Ada", "--tandem-baby", "Ben", "-s", "left"],
         "tandem_baby_id: only for kind=breastfeed with sides=both"),
    ],
)
def test_a_bad_second_twin_names_the_flag_and_writes_nothing(
    args: list[str], message: str
) -> None:
    for name in ("Ada", "Ben"):
        assert run("baby", "add", name, "--born", "2026-10-01").exit_code == 0
    result = run("log", "-k", "breastfeed", "-s", "both", "-m", "20", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert listed() == []


def test_a_letdown_after_the_end_is_told_in_minutes_and_seconds() -> None:
    result = run("log", "-k", "pump", "-s", "left", "--start", "2026-01-10 08:00", "-m", "10",
                 "--letdown", "15:00")
    assert result.exit_code == 2
    assert ("left let-down at 15:00 is after the end of the session; allowed: a time from "
            "0:00 to 10:00 (the session's length), or a later end [--letdown]") in result.output
    assert " s " not in result.output and "900" not in result.output
    assert listed() == []
