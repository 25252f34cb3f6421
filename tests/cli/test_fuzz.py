"""Every command, fed generated hostile arguments, files and answers: never a traceback.

The commands are found by walking the real click tree, and each one's arguments are
built from its own parameters (options, choices, integer ranges, paths), so a command
added later is fuzzed without touching this file. Values lean hard towards what breaks
programs: huge and negative numbers, 5000-digit integers, year 1 and 9999,
"99999999999h ago", empty strings, NUL bytes, undecodable text, missing folders,
folders where files are expected, /proc, and generated files (random bytes, deeply
nested JSON, huge numbers, truncated real exports).

Each example runs in-process (CliRunner) on a fresh copy of a journal seeded with a
profile, two babies, sessions, weights and diaper counts. The promises checked:

* the exit status is 0 (done) or 2 (bad input, explained); 1 only when click aborted
  a prompt ("Aborted!": a declined confirmation or no answer at all);
* no Python traceback in the output, and no exception escaping the command;
* whenever the exit status is not 0, the journal's full export is unchanged.

``serve`` would block, so only its argument parsing is fuzzed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from letdown.cli import cli
from letdown.locations import SQLITE_FILE

#: Commands left out of the quick (ci) run, each with the reason. Empty: every command
#: that can run in a test is fuzzed.
EXCLUDED: dict[str, str] = {}
#: Commands too slow for many examples (seconds each), with the examples they get.
FEW_EXAMPLES = {"calibrate": 3, "simulate": 15, "sensitivity": 3}
EXAMPLES = 25
#: No shrinking in the quick run: a found case is printed as drawn (shrinking re-runs the
#: command hundreds of times); the slow run shrinks to the smallest failing arguments.
QUICK_PHASES = (Phase.explicit, Phase.reuse, Phase.generate)
#: Never run for real: it serves until stopped. Its parsing is fuzzed below instead.
NOT_RUN = {"serve"}

EXAMPLE_SCENARIO = Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "calm-pump.toml"


def _walk(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield from _walk(command, (*prefix, name))
        else:
            yield (*prefix, name)


ALL_COMMANDS = sorted(_walk(cli))
RUN = [path for path in ALL_COMMANDS if path[0] not in NOT_RUN]


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


# ------------------------------------------------------------------- the journal


def _seed(data_dir: Path) -> None:
    """A journal with something of everything, written through the CLI itself."""
    runner = CliRunner(env=_env(data_dir))
    steps = [
        ["profile", "--pseudonym", "Sam", "--delivery-date", "2026-06-01", "--condition", "PCOS"],
        ["baby", "add", "Ada", "--born", "2026-06-01", "--sex", "female",
         "--birth-weight-g", "3300"],
        ["baby", "add", "Ben", "--born", "2026-06-01"],
        ["log", "-k", "pump", "-s", "both", "--start", "2026-07-01 10:00", "-m", "20",
         "--letdown-left", "1:10", "--letdown-right", "1:40", "--left-ml", "40",
         "--pump-name", "Spectra", "--stress", "5", "-t", "music", "--notes", "work"],
        ["log", "-k", "breastfeed", "-s", "both", "--start", "2026-07-02 03:00", "-m", "25",
         "--baby", "Ada", "--tandem-baby", "Ben", "--letdown", "2:00"],
        ["log", "-k", "breastfeed", "-s", "left", "--start", "2026-07-03 09:00", "-m", "12",
         "--baby", "Ada"],
        ["weight", "add", "4100", "--baby", "Ada", "--date", "2026-07-01"],
        ["weight", "add", "4000", "--baby", "Ben", "--date", "2026-07-01"],
        ["diapers", "add", "--wet", "6", "--dirty", "3", "--baby", "Ada", "--date",
         "2026-07-01"],
    ]
    for args in steps:
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)


def _env(data_dir: Path, zone: str = "Europe/London") -> dict[str, str | None]:
    return {"LETDOWN_DATA_DIR": str(data_dir), "LETDOWN_CONFIG": str(data_dir / "none.toml"),
            "LETDOWN_DATABASE_URL": None, "LETDOWN_TIMEZONE": None, "TZ": zone,
            "LETDOWN_DEBUG": None}


def _export(data_dir: Path) -> str:
    """The whole journal as JSON, straight from the service layer."""
    from letdown.journal.service import Journal
    from letdown.journal.store import create_journal_engine

    engine = create_journal_engine(f"sqlite:///{data_dir / SQLITE_FILE}")
    with Journal(engine) as journal:
        return journal.export_all().model_dump_json()


@pytest.fixture(scope="module")
def template() -> Iterator[tuple[Path, str]]:
    """A seeded data dir, copied (not re-seeded) for every example, and its export."""
    base = Path(tempfile.mkdtemp(prefix="letdown-fuzz-"))
    _seed(base / "data")
    yield base / "data", _export(base / "data")
    shutil.rmtree(base, ignore_errors=True)


# ----------------------------------------------------------------- hostile values

HUGE_NUMBERS = ["9" * 5000, "99999999999999999999999", "-99999999999999999999", "-1", "0",
                str(2**31), str(2**63), "1e400", "nan", "-inf", "0x10", "1_000"]
DATES = ["today", "yesterday", "3d", "2026-07-01", "2026-05-01", "0001-01-01", "9999-12-31",
         "1899-12-31", "99999999d", "2026-02-30", "99999999999h ago", "20m ago", "23:40",
         "25:61", "yesterday 23:40", "2026-07-01 14:05", "2026-07-01T14:05+14:00",
         "0001-01-01T00:00+14:00", "9999-12-31T23:59-12:00", "now", "2999-12-31"]
TIMES = ["95", "1:35", "2m", "1:99:99", "-5", "9" * 400, "1e9", "360m"]
TEXTS = ["", " ", "\x00", "a\x00b", "Ada", "ben", "1", "2", "3", "999999", "é", "👶",
         "\udcff", "a" * 101, "x" * 6000, "line\nbreak", "\t", "-", "--", "--help",
         "left", "both", "pump", "notes", "letdowns", "pain"]


#: Ordinary values, so that many examples get past the first check and reach deeper code.
#: Chosen by words in the parameter's name; anything else gets a short word or number.
PLAUSIBLE: dict[str, list[str]] = {
    "id": ["1", "2", "3"],
    "start end since until": ["2026-07-01 10:00", "20m ago", "today", "23:40", "now"],
    "date born delivery": ["2026-07-01", "2026-07-02", "today", "yesterday"],
    "letdown": ["1:35", "90", "2m"],
    "minutes": ["20", "1:05", "15m"],
    "baby": ["Ada", "Ben", "1", "2"],
    "grams weight": ["4200", "3900"],
    "wet dirty pain stress cigarettes drinks sleep hours ml mm mmhg suction": ["0", "2", "5"],
}
_ANYTHING = ["1", "Ada", "Sam", "notes", "music", "2"]


def _plausible(param: click.Parameter) -> list[str]:
    name = (param.name or "").lower()
    for words, values in PLAUSIBLE.items():
        if any(word in name.split("_") or name.endswith(word) for word in words.split()):
            return values
    return _ANYTHING


def _scalar(draw: st.DrawFn, param: click.Parameter, files: list[str], hostility: int) -> str:
    """One value for ``param`` from its own type; hostile ``hostility`` times in ten."""
    kind = param.type
    hostile = draw(st.integers(0, 9)) < hostility
    if isinstance(kind, click.Choice):
        choices = [str(c) for c in kind.choices]
        return draw(st.sampled_from(TEXTS if hostile else choices))
    if isinstance(kind, click.IntRange):
        low = kind.min if kind.min is not None else -10
        high = min(kind.max if kind.max is not None else low + 50, low + 50)
        # just outside the range (the top of it is valid but may be slow: 10^6 parents)
        edges = [str(v) for v in (kind.min - 1 if kind.min is not None else None,
                                  kind.max + 1 if kind.max is not None else None) if v is not None]
        return draw(st.sampled_from(edges + HUGE_NUMBERS) if hostile
                    else st.integers(low, high).map(str))
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        return draw(st.sampled_from(HUGE_NUMBERS + TEXTS[:6]) if hostile
                    else st.sampled_from(_plausible(param)))
    if isinstance(kind, click.Path):
        return draw(st.sampled_from(files))
    if not hostile:
        return draw(st.sampled_from(_plausible(param)))
    return draw(st.one_of(
        st.sampled_from(DATES), st.sampled_from(TIMES), st.sampled_from(HUGE_NUMBERS),
        st.sampled_from(TEXTS), st.sampled_from(files), st.text(max_size=12),
    ))


@st.composite
def _arguments(draw: st.DrawFn, command: click.Command, files: list[str]) -> list[str]:
    """Arguments for ``command`` built from its parameters (some left out, some doubled)."""
    args: list[str] = []
    positional: list[str] = []
    hostility = draw(st.sampled_from([0, 1, 3, 7]))  # per example: from tame to hostile
    spread = draw(st.sampled_from([2, 4]))  # each option given one time in two, or in four
    for param in command.params:
        if isinstance(param, click.Argument):
            count = (draw(st.integers(0, 2)) if param.nargs == -1 else
                     param.nargs if draw(st.integers(0, 9)) else 0)
            positional += [_scalar(draw, param, files, hostility) for _ in range(count)]
            continue
        assert isinstance(param, click.Option)
        if param.name == "help" or draw(st.integers(0, spread - 1)):
            continue
        names = param.opts + param.secondary_opts
        if param.is_flag or param.count:
            args.append(draw(st.sampled_from(names)))
            continue
        for _ in range(draw(st.integers(1, 2)) if param.multiple else 1):
            args += [draw(st.sampled_from(param.opts)), _scalar(draw, param, files, hostility)]
    order = draw(st.permutations(range(2)))
    parts = [args, positional]
    return [*parts[order[0]], *parts[order[1]]]


def _files(draw: st.DrawFn, folder: Path, journal: Path, exported: str) -> list[str]:
    """Paths to hand to commands: generated files and places that cannot be written."""
    folder.mkdir()
    made = {
        "random.bin": draw(st.binary(max_size=300)),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "digits.json": ('{"feeding_mode": "pumping", "baby_age_days": ' + "9" * 5000
                        + ', "version": 2}').encode(),
        "truncated.json": exported.encode()[: draw(st.integers(0, len(exported)))],
        "export.json": exported.encode(),
        "answers.json": b'{"feeding_mode": "pumping", "stress_score": 8}',
        "deep.toml": b"a = " + b"[" * 100_000 + b"]" * 100_000,
        "scenario.toml": EXAMPLE_SCENARIO.read_bytes(),
        "text.csv": draw(st.text(max_size=200)).encode("utf-8", "surrogatepass"),
    }
    for name, content in made.items():
        (folder / name).write_bytes(content)
    (folder / "a-folder.json").mkdir()
    return [
        *(str(folder / name) for name in made), str(folder / "a-folder.json"),
        str(folder / "missing" / "out.svg"), str(folder / "new.json"), str(folder / "new.png"),
        str(folder / "new-folder/"), "/proc/letdown.svg", "/proc/self/status", "/dev/null",
        str(journal), str(journal) + "-wal", str(journal.parent), "-", "", "a\x00b.json",
    ]


def _input(draw: st.DrawFn) -> str | None:
    """What is typed at prompts: nothing, answers, or noise."""
    return draw(st.one_of(
        st.none(), st.just(""), st.just("y\n" * 5), st.just("n\n"),
        st.lists(st.sampled_from(["", "y", "n", "pump", "both", "20", "1:10", "999999",
                                  "\x00", "9" * 5000, "pumping", "🙂"]), max_size=40)
        .map(lambda lines: "\n".join(lines) + "\n"),
        st.text(max_size=50),
    ))


# ---------------------------------------------------------------------- the tests


def _check(path: tuple[str, ...], template: tuple[Path, str], data: st.DataObject) -> None:
    seeded, before = template
    with tempfile.TemporaryDirectory(prefix="letdown-fuzz-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(seeded, data_dir)
        journal = data_dir / SQLITE_FILE
        files = _files(data.draw, Path(tmp) / "files", journal, before)
        args = data.draw(_arguments(_command(path), files), label="args")
        typed = _input(data.draw)
        zone = data.draw(st.sampled_from(["Europe/London", "Pacific/Kiritimati", "Etc/GMT+12"]))
        runner = CliRunner(env=_env(data_dir, zone))
        with contextlib.chdir(tmp):  # relative paths (and "" or ".") land in tmp
            result = runner.invoke(cli, [*path, *args], input=typed)
        shown = f"letdown {' '.join(map(repr, [*path, *args]))}\n{result.output}"
        # The hostile paths include the machine's own devices: one replaced by a file
        # (as `export -o /dev/null --force` once did, as root) breaks everything after it.
        for device in ("/dev/null", "/dev/full"):
            assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} was replaced:\n{shown}"
        aborted = result.exit_code == 1 and "Aborted!" in result.output.splitlines()
        assert result.exit_code in (0, 2) or aborted, shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert "Traceback" not in result.output, shown
        if result.exit_code != 0:
            assert _export(data_dir) == before, "journal changed:\n" + shown
        named = set(re.findall(r"\[(--[a-z-]+)\]$|^error: (--[a-z-]+):", result.output, re.M))
        flags = {f for pair in named for f in pair if f}
        assert flags <= _flags_of(_command(path)), f"names a flag it does not have:\n{shown}"


def _flags_of(command: click.Command) -> set[str]:
    return {name for param in command.params for name in param.opts + param.secondary_opts}


@pytest.mark.parametrize("path", [p for p in RUN if p[0] not in EXCLUDED], ids=" ".join)
def test_no_command_ever_shows_a_traceback(path: tuple[str, ...], template: Any) -> None:
    @settings(max_examples=FEW_EXAMPLES.get(path[0], EXAMPLES), deadline=None,
              phases=QUICK_PHASES,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _check(path, template, data)

    fuzz()


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("LETDOWN_LONG_FUZZ") != "1",
                    reason="the long fuzz run is opt-in: LETDOWN_LONG_FUZZ=1")
@pytest.mark.parametrize("path", RUN, ids=" ".join)
def test_no_command_ever_shows_a_traceback_long_run(path: tuple[str, ...], template: Any) -> None:
    """The same with 20 times the examples, excluded commands too (LETDOWN_LONG_FUZZ=1)."""

    @settings(max_examples=20 * FEW_EXAMPLES.get(path[0], EXAMPLES), deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        _check(path, template, data)

    fuzz()


@pytest.mark.parametrize("path", [p for p in ALL_COMMANDS if p[0] in NOT_RUN], ids=" ".join)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_arguments_of_commands_not_run_parse_or_fail_cleanly(
    path: tuple[str, ...], data: st.DataObject
) -> None:
    command = _command(path)
    args = data.draw(_arguments(command, ["/proc/x", "", "-", "\x00"]))
    try:
        command.make_context(path[-1], list(args))
    except click.exceptions.Exit as done:  # --help
        assert done.exit_code == 0
    except click.UsageError as error:
        assert error.exit_code == 2


def test_every_command_is_covered() -> None:
    """A new command is fuzzed automatically; only documented ones are left out."""
    assert {p[0] for p in ALL_COMMANDS} == {name for name in cli.list_commands(
        click.Context(cli))}
    assert set(EXCLUDED) | NOT_RUN <= {p[0] for p in ALL_COMMANDS}
    assert json.loads(json.dumps(EXCLUDED)) == EXCLUDED  # plain reasons, for the report
    assert os.sep == "/"  # the hostile paths above (/proc, /dev/null) are POSIX ones
