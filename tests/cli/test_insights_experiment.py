"""``letdown experiment start|status|stop`` as a parent uses it; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import math
import random

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letdown.cli import cli
from letdown.journal.experiments import Experiments
from letdown.journal.records import Session
from letdown.journal.service import Journal


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def status() -> dict[str, object] | None:
    result = run("experiment", "status", "--json")
    assert result.exit_code == 0, result.output
    found: dict[str, object] | None = json.loads(result.output)
    return found


def follow_plan(count: int, effect: float, seed: int = 1) -> None:
    """Log ``count`` sessions after the start, each doing what the plan says."""
    found = status()
    assert found is not None
    rng = random.Random(seed)
    started = dt.datetime.fromisoformat(str(found["started"]))
    with Journal.open() as journal:
        for k in range(count):
            on = str(found["plan"])[k] == "1"
            begin = started + dt.timedelta(seconds=30 + k)
            at = math.exp(math.log(120) + 0.4 * rng.gauss(0, 1) + (effect if on else 0.0))
            journal.add_session(Session.model_validate({
                "kind": "pump", "sides": "left", "start": begin,
                "end": begin + dt.timedelta(minutes=20),
                "letdowns": [{"side": "left", "at_s": round(min(at, 1190), 1)}],
                "techniques": ["warm_compress"] if on else []}, context={"stored": True}))


def test_start_status_and_stop() -> None:
    assert status() is None
    started = run("experiment", "start", "warm_compress", "--sessions", "8", "--seed", "7")
    assert started.exit_code == 0, started.output
    assert started.output.startswith("Started experiment 1: warm compress, on and off over 8 "
                                     "sessions (seed 7).")
    found = status()
    assert found is not None and found["plan"] == "01101001" and found["state"] == "running"
    assert "Experiment, session 1 of 8: no warm compress this time" in started.output
    shown = run("insights").output
    assert ("An experiment is running (warm compress, 0 of 8 sessions done). Experiment, "
            "session 1 of 8: no warm compress this time") in shown
    follow_plan(8, -0.8)
    text = run("experiment", "status").output
    assert "Finished: all 8 sessions done." in text
    assert "chance it helps you: " in text
    stopped = run("experiment", "stop")
    assert stopped.exit_code == 0, stopped.output
    assert "Stopped experiment 1." in stopped.output
    again = run("experiment", "stop")
    assert again.exit_code == 2 and "no experiment is running" in again.output


def test_a_finished_experiment_makes_way_for_the_next() -> None:
    run("experiment", "start", "music", "--sessions", "4", "--block", "2", "--seed", "1")
    follow_plan(4, 0.0)
    result = run("experiment", "start", "suction_level=5")
    assert result.exit_code == 0, result.output
    with Journal.open() as journal:
        kept = Experiments(journal).list()
    assert [(e.target, e.stop_reason) for e in kept] == [
        ("pump:suction_level=5", None), ("technique:music", "finished")]


def test_one_at_a_time() -> None:
    run("experiment", "start", "music")
    result = run("experiment", "start", "massage")
    assert result.exit_code == 2
    assert "an experiment is already running (music" in result.output
    with Journal.open() as journal:
        assert len(Experiments(journal).list()) == 1


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(target=st.one_of(st.text(max_size=30), st.sampled_from([
           "other", "warm compress", "flange_mm=9", "flange_mm=abc", "cycle=", "=5",
           "suction_mmhg=401", "pain=3", "technique:", "pump:", "x" * 500, "cycle=a\x00b"])),
       extra=st.lists(st.sampled_from(["--sessions", "--block", "--seed", "3", "5", "61",
                                       "-1", "2", "abc", str(2**31)]), max_size=4))
def test_bad_targets_and_options_are_refused_and_nothing_is_written(
        target: str, extra: list[str]) -> None:
    result = run("experiment", "start", "--", target, *extra) if target.startswith("-") \
        else run("experiment", "start", target, *extra)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    with Journal.open() as journal:
        store = Experiments(journal)
        if result.exit_code == 0:
            running = store.running()
            assert running is not None
            assert running.id is not None
            store.stop(running.id)
        else:
            assert result.exit_code == 2, result.output
            assert store.running() is None
