"""Supply from birth: what a parent would notice in the first weeks.

The secretory tissue grows with milk removal (fewer or later sessions: less milk, caught up
only partly), people differ widely early on, a very preterm birth starts lower and later,
and colostrum comes in drops and mL, not tens of mL per session. Every test names its
source; only training findings and physiology outside the catalogue guide them.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.reflex.scenario import ScenarioError
from letdown.reflex.schedule import from_dict
from letdown.reflex.supply import DaysResult
from letdown.reflex.week import simulate_week


@functools.lru_cache(maxsize=32)
def _run(data: str, n: int | None) -> DaysResult:
    return simulate_week(from_dict(json.loads(data)), n, seed=5)


def run(n: int | None = None, **data: Any) -> DaysResult:
    base = {"start_day": 0, "session": {"kind": "pump", "duration_min": 15}}
    return _run(json.dumps({**base, **data}, sort_keys=True), n)


def first_at(hours: float, days: int = 14) -> dict[str, Any]:
    """8 pumps a day from birth, the first ``hours`` after birth, then every 3 h."""
    first = [hours + 3.0 * i for i in range(8) if hours + 3.0 * i < 23.5]
    return {"days": days, "sessions_per_day": 8,
            "periods": [{"from_day": 1, "to_day": 1, "times_h": first}]}


def test_five_pumps_a_day_from_birth_build_less_supply_than_eight() -> None:
    """Hopkinson et al. 1988 and Hill, Aldag & Chatterton 1999 (milk removal in the first
    weeks sets later supply; about 5 or more pumps a day needed); Neville & Morton 2001
    (removal drives the gland after birth): 5 pumps a day from birth give clearly less
    at two weeks than 8, and the gap does not close by four weeks. From birth the gap is
    wider than the same change makes in two weeks of established lactation (where only
    the breasts' local feedback acts), because removal also builds the tissue."""
    five, eight = run(days=28, sessions_per_day=5), run(days=28, sessions_per_day=8)
    assert five.volume[13, 0] < 0.85 * eight.volume[13, 0]
    assert five.volume[27, 0] < 0.85 * eight.volume[27, 0]
    later5 = run(days=14, start_day=60, sessions_per_day=5)
    later8 = run(days=14, start_day=60, sessions_per_day=8)
    from_birth = five.volume[13, 0] / eight.volume[13, 0]
    established = later5.volume[-1, 0] / later8.volume[-1, 0]
    assert from_birth < established - 0.04


def test_more_sessions_later_catch_up_only_partly() -> None:
    """Hill, Aldag & Chatterton 1999 (no mother with under 1,700 g a week at week 2 reached
    an adequate supply by weeks 4-5) and Kent et al. 1999 (breast tissue grows until about
    one month): 4 pumps a day for two weeks then 8 ends weeks 4 and 6 above staying at 4
    but below 8 from birth, with less milk-making tissue (not merely fuller breasts)."""
    late = run(days=42, sessions_per_day=8,
               periods=[{"from_day": 1, "to_day": 14, "sessions_per_day": 4}])
    always = run(days=42, sessions_per_day=8)
    stayed = run(days=42, sessions_per_day=4)
    assert stayed.volume[-1, 0] < late.volume[-1, 0] < always.volume[-1, 0]
    assert late.volume[27, 0] < 0.93 * always.volume[27, 0]
    assert late.rate_left[-1, 0] < 0.97 * always.rate_left[-1, 0]


def test_a_first_pump_at_12_h_gives_less_at_two_weeks_than_one_at_3_h() -> None:
    """Parker et al. 2012 and Hopkinson et al. 1988 (early volumes fall with the delay to
    the first expression, r = -0.48): fewer removals on the first day leave less milk at
    day 14, for the typical person and for most people."""
    early, late = run(**first_at(3.0)), run(**first_at(12.0))
    assert early.volume[13, 0] > late.volume[13, 0] + 5.0
    pe, pl = run(200, **first_at(3.0)), run(200, **first_at(12.0))
    assert np.mean(pe.volume[13] > pl.volume[13]) > 0.9


def test_many_mothers_make_under_440_ml_a_day_at_day_12_and_fewer_later() -> None:
    """KEN16-EARLY (training: many mothers below 440 mL/d at days 11-13, fewer at days
    14-28) and Saint, Smith & Hartmann 1984 (day-1 colostrum 7-122 g, day 3 98-775 g):
    with 8 breastfeeds a day from birth a real share of people is below 440 mL at day 12,
    and the spread between people narrows over the weeks."""
    r = run(500, days=28, sessions_per_day=8, session={"kind": "breastfeed",
                                                        "duration_min": 16})
    below12 = float(np.mean(r.volume[11] < 440.0))
    below28 = float(np.mean(r.volume[27] < 440.0))
    assert below12 >= 0.12
    assert below28 < below12
    p5, p95 = np.percentile(r.volume[4], [5, 95])
    q5, q95 = np.percentile(r.volume[27], [5, 95])
    assert p95 / p5 > 2.0 * (q95 / q5)


def test_a_28_week_birth_activates_later_and_makes_less_than_a_term_birth() -> None:
    """Cregan, de Mello & Hartmann 2002 (82% of mothers of preterm infants had not
    completed secretory activation by day 5; lower 24-h production) and FPED20-PRETERM
    (training: activation at a median 75 h after births before 32 weeks): the same
    pumping after a birth at 28 weeks gives less milk in the first days, reaches
    200 mL a day later, and is still lower at two weeks."""
    term = run(days=14, sessions_per_day=7)
    pre = run(days=14, sessions_per_day=7, gestation_weeks=28)
    assert np.all(pre.volume[2:, 0] < term.volume[2:, 0])
    day_200 = [int(np.argmax(r.volume[:, 0] >= 200.0)) for r in (term, pre)]
    assert day_200[1] > day_200[0]
    assert pre.volume[13, 0] < 0.9 * term.volume[13, 0]
    pop_t = run(300, days=14, sessions_per_day=7)
    pop_p = run(300, days=14, sessions_per_day=7, gestation_weeks=28)
    assert np.mean(pop_p.volume[4]) < 0.8 * np.mean(pop_t.volume[4])


def test_colostrum_sessions_give_a_few_ml_at_most() -> None:
    """Neville et al. 2001 (under 100 mL a day in the first 36 h), Santoro et al. 2010
    (about 15 g ingested on day 1), FLA12-HAND (training: median 0.5 mL by hand and 1 mL
    by pump at 12-36 h): one session a day after birth removes a few mL, not tens."""
    for kind in ("pump", "hand"):
        r = run(days=1, start_day=1.0, times_h=[0.0],
                session={"kind": kind, "duration_min": 15})
        assert 0.0 < r.volume[0, 0] < 5.0
    first_days = run(days=2, sessions_per_day=8)
    assert first_days.volume[0, 0] < 100.0
    per_session = run(100, days=1, start_day=1.0, times_h=[0.0])
    assert np.median(per_session.volume[0]) < 5.0


@pytest.mark.parametrize(("weeks", "pattern"), [
    (21, r"gestation_weeks: .*greater than or equal to 22"),
    (44, r"gestation_weeks: .*less than or equal to 43"),
    ("term", r"gestation_weeks: "),
    (float("nan"), r"gestation_weeks: "),
])
def test_a_bad_gestation_names_the_key(weeks: Any, pattern: str) -> None:
    """A schedule's weeks of pregnancy at birth must be a number from 22 to 43."""
    with pytest.raises(ScenarioError, match=pattern):
        from_dict({"days": 3, "gestation_weeks": weeks})


@settings(max_examples=25, deadline=None)
@given(weeks=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(),
                       st.text(max_size=4), st.none()),
       per_day=st.integers(1, 12), start=st.floats(0, 40))
def test_any_gestation_runs_or_is_refused_clearly(weeks: Any, per_day: int,
                                                 start: float) -> None:
    """Generated gestations: a valid one gives finite, non-negative volumes that never
    exceed what was made and stored; anything else is a ScenarioError naming the key."""
    data = {"days": 2, "start_day": start, "sessions_per_day": per_day,
            "gestation_weeks": weeks, "session": {"kind": "pump", "duration_min": 10}}
    try:
        s = from_dict(data)
    except ScenarioError as error:
        assert "gestation_weeks" in str(error)
        return
    r = simulate_week(s)
    assert np.all(np.isfinite(r.volume)) and np.all(r.volume >= 0.0)
    assert r.volume.sum() <= r.synthesised.sum() + 2 * 210.0


def test_simulate_reads_a_preterm_schedule_file_and_refuses_a_bad_one(tmp_path: Any) -> None:
    """`letdown simulate schedule.toml` with gestation_weeks: the run says how early the
    baby was born (and the JSON carries it); a gestation outside 22-43 exits 2 with the
    key named, no traceback."""
    from click.testing import CliRunner

    from letdown.cli import cli

    good = tmp_path / "preterm.toml"
    good.write_text('days = 3\nstart_day = 0\ngestation_weeks = 28\nsessions_per_day = 8\n'
                    '[session]\nkind = "pump"\nduration_min = 15\n')
    res = CliRunner().invoke(cli, ["simulate", str(good)])
    assert res.exit_code == 0, res.output
    assert "born at 28 weeks" in res.output.splitlines()[0]
    res = CliRunner().invoke(cli, ["simulate", str(good), "--json"])
    assert json.loads(res.stdout)["gestation_weeks"] == 28
    bad = tmp_path / "bad.toml"
    bad.write_text("days = 3\ngestation_weeks = 50\n")
    res = CliRunner().invoke(cli, ["simulate", str(bad)])
    assert res.exit_code == 2
    assert "gestation_weeks" in res.output and "43" in res.output
    assert "Traceback" not in res.output


def test_a_pump_after_each_breastfeed_raises_production_over_two_weeks() -> None:
    """IOM91-MAX (training: pumping after feeds raised production) and Daly et al. 1996
    (C34: synthesis follows emptying): a schedule can hold breastfeeds and pumps in the
    same day; pumping 30 min after each feed raises the milk made two weeks later, and
    each pump takes less than the feed before it (the breast was just emptied)."""
    times = [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 18.0, 21.0]
    base = {"days": 14, "start_day": 21.0, "times_h": times,
            "session": {"kind": "breastfeed", "duration_min": 16}}
    feeds = run(**base)
    both = run(**base, more_sessions=[{"times_h": [t + 0.5 for t in times],
                                       "session": {"kind": "pump", "duration_min": 15}}])
    assert both.sessions[-1] == 16
    assert both.synthesised[-1, 0] > 1.15 * feeds.synthesised[-1, 0]
    assert both.synthesised[-1, 0] > both.synthesised[0, 0]  # built up over the days
    s = from_dict({**base, "more_sessions": [{"times_h": [0.5], "session": {"kind": "pump"}}]})
    plan = s.day_sessions(1)
    assert [t for t, _ in plan[:3]] == [0.0, 0.5, 3.0]
    assert [x.kind for _, x in plan[:3]] == ["breastfeed", "pump", "breastfeed"]


@pytest.mark.parametrize(("more", "pattern"), [
    ([{"times_h": [0.1], "session": {"kind": "pump"}}], r"more_sessions: .*overlap"),
    ([{"times_h": [25], "session": {"kind": "pump"}}], r"more_sessions\.0\.times_h"),
    ([{"times_h": [5], "session": {"kind": "none"}}], r"more_sessions\.0\.session\.kind"),
    ([{"times_h": [5]}], r"more_sessions\.0\.session"),
    ([{"times_h": [], "session": {"kind": "pump"}}], r"more_sessions\.0\.times_h"),
])
def test_bad_more_sessions_name_the_key(more: list[dict[str, Any]], pattern: str) -> None:
    """Sessions of another kind in the day are checked like the main ones: within the day,
    removing milk, and not overlapping any other session."""
    with pytest.raises(ScenarioError, match=pattern):
        from_dict({"days": 3, "sessions_per_day": 8, "session": {"duration_min": 16},
                   "more_sessions": more})


def test_a_period_can_drop_or_change_the_more_sessions() -> None:
    """Periods decide their own more_sessions (an empty list: none on those days)."""
    s = from_dict({"days": 4, "sessions_per_day": 4,
                   "more_sessions": [{"times_h": [1.0], "session": {"kind": "hand"}}],
                   "periods": [{"from_day": 2, "to_day": 3, "more_sessions": []}]})
    assert [len(s.day_sessions(d)) for d in (1, 2, 3, 4)] == [5, 4, 4, 5]
    with pytest.raises(ScenarioError, match=r"periods\.0\.times_h and more_sessions"):
        from_dict({"days": 4, "sessions_per_day": 4, "periods": [
            {"from_day": 1, "to_day": 2, "more_sessions": [
                {"times_h": [0.05], "session": {"kind": "hand"}}]}]})
