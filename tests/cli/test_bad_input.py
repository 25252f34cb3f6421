"""Bad input a person can type by accident ends in one clear line, exit 2, nothing written.

Each case here crashed with a Python traceback (or silently lost data) before issue 10.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import letdown.cli
from letdown.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"
SCENARIO = str(EXAMPLES / "calm-pump.toml")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def journal_json() -> Any:
    result = run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    data.pop("exported_at", None)
    return data


def assert_refused(result: Result, *words: str) -> None:
    """Exit 2, no traceback, and a message (one line per problem) with ``words`` in it."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


def left_right(session_id: str = "1") -> list[tuple[str, float]]:
    shown = json.loads(run("show", session_id, "--json").stdout)
    return [(e["side"], e["at_s"]) for e in shown["letdowns"]]


# ------------------------------------------------- edit changes only the side named


@pytest.fixture
def both_sides_session() -> None:
    result = run("log", "-k", "pump", "-s", "both", "--start", "2026-07-01 10:00", "-m", "20",
                 "--letdown-left", "1:00", "--letdown-right", "2:00")
    assert result.exit_code == 0, result.output
    assert left_right() == [("left", 60.0), ("right", 120.0)]


@pytest.mark.usefixtures("both_sides_session")
def test_edit_letdown_left_keeps_the_right_side() -> None:
    assert run("edit", "1", "--letdown-left", "0:30").exit_code == 0
    assert left_right() == [("left", 30.0), ("right", 120.0)]


@pytest.mark.usefixtures("both_sides_session")
def test_edit_letdown_right_keeps_the_left_side() -> None:
    assert run("edit", "1", "--letdown-right", "3:00", "--letdown-right", "5:00").exit_code == 0
    assert left_right() == [("left", 60.0), ("right", 180.0), ("right", 300.0)]


@pytest.mark.usefixtures("both_sides_session")
def test_edit_plain_letdown_replaces_both_sides() -> None:
    assert run("edit", "1", "--letdown", "1:30").exit_code == 0
    assert left_right() == [("left", 90.0), ("right", 90.0)]


# ------------------------------------------------------- overflows and far-off dates


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["log", "-k", "pump", "-s", "both", "-m", "99999999999999999999999"],
         ["--minutes", "too long"]),
        (["log", "-k", "pump", "-s", "both", "-m", "25h"], ["--minutes", "up to 24 h"]),
        (["log", "-k", "pump", "-s", "both", "-m", "10", "--start", "99999999999h ago"],
         ["--start", "1900 to 2999"]),
        (["log", "-k", "pump", "-s", "both", "-m", "10", "--start", "0001-01-01 00:00"],
         ["--start", "out of range"]),
        (["log", "-k", "pump", "-s", "both", "-m", "10", "--start", "9999-12-31 23:59"],
         ["--start", "out of range"]),
        (["log", "-k", "pump", "-s", "both", "-m", "10", "--letdown", "1:99:99"],
         ["--letdown", "not a time from the start"]),
        (["log", "-k", "pump", "-s", "both", "-m", "10", "--letdown", "9" * 5000 + ":00"],
         ["--letdown", "too long"]),
        (["baby", "add", "Bo", "--born", "99999999d"], ["--born", "too long ago"]),
        (["baby", "add", "Bo", "--born", "9999-12-31"], ["--born", "out of range"]),
        (["weight", "add", "4000", "--date", "0001-01-01"], ["--date", "out of range"]),
        (["diapers", "add", "--wet", "1", "--dirty", "1", "--date", "9999-12-31"],
         ["--date", "out of range"]),
        (["sessions", "--until", "9" * 5000], ["--until"]),
        (["sessions", "--json", "--limit", "99999999999999999999999"], ["--limit"]),
        (["sessions", "--since", "today", "--limit", "99999999999999999999999"], ["--limit"]),
    ],
)
def test_overflowing_numbers_and_dates_are_refused(args: list[str], words: list[str]) -> None:
    run("baby", "add", "Ada", "--born", "2026-06-01")
    before = journal_json()
    assert_refused(run(*args), *words)
    assert journal_json() == before


def test_since_year_one_in_a_far_east_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETDOWN_TIMEZONE", "Pacific/Kiritimati")
    run("log", "-k", "pump", "-s", "both", "-m", "10")
    for args in (["sessions", "--since", "0001-01-01"], ["sessions", "--json", "--since",
                                                            "0001-01-01 00:00"]):
        assert_refused(run(*args), "--since", "1900 to 2999")


def test_simulate_seed_must_not_be_negative() -> None:
    assert_refused(run("simulate", SCENARIO, "--population", "2", "--seed", "-1"), "--seed")


@pytest.mark.parametrize("where", ["missing", "folder", "proc"])
def test_plot_into_a_place_that_cannot_hold_it(tmp_path: Path, where: str) -> None:
    target = {"missing": tmp_path / "no" / "such" / "plot.svg",
              "folder": tmp_path / "plot.svg", "proc": Path("/proc/letdown-plot.svg")}[where]
    if where == "folder":
        target.mkdir()
    assert_refused(run("simulate", SCENARIO, "--plot", str(target)), "--plot")
    assert where == "folder" or not target.exists()


def test_calibrate_report_into_proc_is_refused_before_running() -> None:
    assert_refused(run("calibrate", "--report", "/proc/letdown-report"), "--report")


def _files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "binary": bytes(range(256)) * 4,
        "digits": ('{"feeding_mode": "pumping", "baby_age_days": ' + "9" * 5000 + "}").encode(),
        "deep_json": b"[" * 200_000 + b"]" * 200_000,
        "deep_toml": b"a = " + b"[" * 200_000 + b"]" * 200_000,
        "digits_toml": b"[parent]\nfullness = " + b"9" * 5000,
    }
    out = {}
    for name, content in files.items():
        out[name] = tmp_path / name
        out[name].write_bytes(content)
    return out


@pytest.mark.parametrize("name", ["binary", "digits", "deep_json"])
def test_advise_answers_that_are_not_answers(tmp_path: Path, name: str) -> None:
    result = run("advise", "--no-journal", "--answers", str(_files(tmp_path)[name]))
    assert_refused(result, "answers file")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["binary", "digits_toml", "deep_toml"])
def test_simulate_files_that_are_not_scenarios(tmp_path: Path, name: str) -> None:
    result = run("simulate", str(_files(tmp_path)[name]))
    assert_refused(result, name)


def test_simulate_refuses_an_endless_file_without_reading_it_all() -> None:
    assert_refused(run("simulate", "/dev/zero"), "too large")


# -------------------------------------------------- messages name only real flags


@pytest.mark.parametrize(
    ("args", "named", "not_named"),
    [
        (["weight", "add", "99999999"], "[GRAMS]", "--grams"),
        (["baby", "add", " ", "--born", "2026-06-01"], "[NAME]", "--name"),
        (["profile", "--pseudonym", "Sam", "--condition", "x" * 101], "[--condition]",
         "--conditions"),
        (["profile", "--pseudonym", "Sam", "--medicine", "x" * 101], "[--medicine]",
         "--regular-medicines"),
    ],
)
def test_messages_name_the_flag_the_command_has(
    args: list[str], named: str, not_named: str
) -> None:
    run("baby", "add", "Ada", "--born", "2026-06-01")
    result = run(*args)
    assert_refused(result, named)
    assert not_named not in result.output


def _options(command: Any) -> set[str]:
    names = set()
    for param in command.params:
        names.update(param.opts + param.secondary_opts)
        names.add(param.name.upper())  # arguments are shown by their metavar, e.g. GRAMS
    return names


def test_every_field_of_every_command_is_named_by_one_of_its_own_options() -> None:
    """Walk the real click tree: each command's field -> flag mapping names its own flags."""
    from letdown.cli.common import FLAGS
    from letdown.cli.family import FIELD_NAMES
    from letdown.journal.records import Session

    ctx = click.Context(cli)
    for path, names in FIELD_NAMES.items():
        group_name, _, sub = path.partition(" ")
        command = cli.get_command(ctx, group_name)
        if sub:
            command = command.get_command(ctx, sub)  # type: ignore[union-attr]
        assert command is not None, path
        assert set(names.values()) <= _options(command), path
    # log and edit name session fields through the shared FLAGS table
    never_typed = {"id", "uuid"}  # given by the journal, never typed
    for name in ("log", "edit"):
        command = cli.get_command(ctx, name)
        flags = {FLAGS.get(f, "--" + f.replace("_", "-")) for f in Session.model_fields}
        wrong = flags - _options(command) - {"--" + f for f in never_typed}
        assert not wrong, (name, wrong)


# --------------------------------------------------------------- last line of defence


def test_an_unexpected_fault_is_one_plain_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from letdown.journal.service import Journal

    def broken(self: Journal, **_: Any) -> Any:
        raise RuntimeError("disk said\nno")

    monkeypatch.setattr(Journal, "count_sessions", broken)
    monkeypatch.setattr(Journal, "list_sessions", broken)
    monkeypatch.setattr("letdown.journal.quicklist.resolve_fast_settings", lambda: None)
    result = run("overview")
    assert result.exit_code == 70
    assert result.output.strip() == (
        "letdown hit an unexpected problem (RuntimeError: disk said no). "
        "Nothing more was changed. Please report it.")
    monkeypatch.setenv("LETDOWN_DEBUG", "1")
    assert isinstance(run("overview").exception, RuntimeError)


def test_ctrl_c_ends_quietly_with_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from letdown.journal.service import Journal

    def interrupted(self: Journal, **_: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Journal, "list_babies", interrupted)
    result = run("baby", "list")
    assert result.exit_code == 130 and result.output == ""
    monkeypatch.setattr(sys, "argv", ["letdown", "baby", "list"])
    with pytest.raises(SystemExit) as ended:
        letdown.cli.main()
    assert ended.value.code == 130


@pytest.mark.parametrize(
    "args",
    [["simulate", "a\x00b.toml"], ["simulate", SCENARIO, "--plot", "a\x00b.svg"],
     ["advise", "--no-journal", "--answers", "a\x00b.json"], ["calibrate", "--report", "a\x00b"]],
)
def test_a_file_name_with_a_nul_character_is_refused(args: list[str]) -> None:
    assert_refused(run(*args), "NUL character")


def test_calibrate_report_never_replaces_someone_elses_readme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    readme = tmp_path / "README.md"
    readme.write_text("# My project\n", encoding="utf-8")
    for folder in ("", "."):
        assert_refused(run("calibrate", "--report", folder), "--report")
    assert readme.read_text(encoding="utf-8") == "# My project\n"


@pytest.mark.parametrize(
    ("host", "words"),
    [("a\x00b", ["--host", "not an address"]), ("", ["--host", "not an address"]),
     ("no-such-host.invalid", ["check --host"])],
)
def test_serve_refuses_a_host_it_cannot_use_without_starting(host: str, words: list[str]) -> None:
    """An empty host would have listened on every network; a NUL was a traceback."""
    assert_refused(run("serve", "--host", host, "--port", "0"), *words)


def test_a_reader_that_goes_away_ends_letdown_quietly() -> None:
    """`letdown ... | head` : when the reader closes the pipe, no message, no traceback."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "letdown", "advise", "--schema"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before letdown writes a byte: its first write meets a broken pipe
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert errors == ""
