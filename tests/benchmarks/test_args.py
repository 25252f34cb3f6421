"""The benchmark scripts refuse a bad count with a usage line, never a traceback."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
from _args import positive_float, positive_int  # noqa: E402


@given(st.text(max_size=12) | st.integers(-10**6, 10**6).map(str))
def test_positive_int_takes_counts_of_one_or_more_and_refuses_the_rest(text: str) -> None:
    try:
        value = positive_int(text)
    except argparse.ArgumentTypeError as error:
        assert str(error)
    else:
        assert value >= 1 and str(value) == str(int(text))


@given(st.text(max_size=12) | st.floats(allow_nan=True).map(str))
def test_positive_float_takes_seconds_above_zero_only(text: str) -> None:
    try:
        value = positive_float(text)
    except argparse.ArgumentTypeError as error:
        assert str(error)
    else:
        assert 0 < value < float("inf")


@pytest.mark.parametrize("argv", [["--big", "0"], ["--n", "-5"], ["--chunk", "many"]])
def test_bench_reflex_refuses_a_bad_count_before_any_work(argv: list[str]) -> None:
    run = subprocess.run([sys.executable, str(BENCH / "bench_reflex.py"), *argv],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "error: argument" in run.stderr
