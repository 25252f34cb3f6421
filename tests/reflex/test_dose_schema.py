"""The new oxytocin input is validated strictly: any generated value either runs or ends in
one clean ScenarioError that names the key."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from letdown.cli import cli
from letdown.reflex import simulate
from letdown.reflex.scenario import ScenarioError, from_dict

ANY = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
    st.sampled_from(["iv", "im", "nasal", "oral", "IV"]), st.lists(st.integers(), max_size=2),
)
DOSE = st.dictionaries(
    st.sampled_from(["route", "dose_iu", "at_min", "infusion_min", "amount"]), ANY, max_size=5
)
GOOD = st.fixed_dictionaries({
    "route": st.sampled_from(["iv", "im", "nasal"]),
    "dose_iu": st.floats(0.001, 10.0),
    "at_min": st.floats(-60.0, 10.0),
})


@settings(max_examples=200, deadline=None)
@given(doses=st.one_of(st.lists(DOSE, max_size=3), ANY))
def test_any_oxytocin_input_validates_or_fails_cleanly(doses: object) -> None:
    try:
        from_dict({"session": {"kind": "pump", "duration_min": 2}, "oxytocin": doses})
    except ScenarioError as exc:
        assert str(exc).startswith("invalid scenario:")
        assert "oxytocin" in str(exc)


@settings(max_examples=10, deadline=None)
@given(dose=GOOD, infusion=st.floats(0.0, 60.0))
def test_every_valid_dose_runs(dose: dict[str, object], infusion: float) -> None:
    if dose["route"] == "iv":
        dose = {**dose, "infusion_min": infusion}
    tr = simulate(from_dict({"session": {"kind": "pump", "duration_min": 2},
                             "oxytocin": [dose]}))
    assert tr.metrics.volume_ml >= 0.0


def test_messages_say_what_is_allowed() -> None:
    cases = {
        "dose_iu: 20 IU is more than one iv dose in clinical use (at most 10 IU)":
            {"route": "iv", "dose_iu": 20},
        "infusion_min: only an iv dose can be given over time":
            {"route": "nasal", "dose_iu": 4, "infusion_min": 10},
        "oxytocin.0.route": {"route": "oral", "dose_iu": 4},
    }
    for expected, dose in cases.items():
        try:
            from_dict({"oxytocin": [dose]})
        except ScenarioError as exc:
            assert expected in str(exc), str(exc)
        else:  # pragma: no cover - the assertion message is the point
            raise AssertionError(f"accepted {dose}")


def test_a_dose_before_each_session_of_a_day_must_fit_between_them() -> None:
    try:
        from_dict({"session": {"duration_min": 20},
                   "oxytocin": [{"route": "nasal", "dose_iu": 4, "at_min": -60}],
                   "day": {"session_times_h": [0, 1, 2]}})
    except ScenarioError as exc:
        assert "oxytocin" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("overlapping doses accepted")


def test_cli_refuses_a_bad_dose_with_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[oxytocin]]\nroute = 'im'\ndose_iu = 50\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["simulate", str(bad)])
    assert res.exit_code == 2
    assert "dose_iu" in res.output and "Traceback" not in res.output
