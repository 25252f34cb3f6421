"""Scenario validation: bad input names the key and nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from letdown.reflex.scenario import ScenarioError, from_dict, load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_every_example_scenario_is_valid(path: Path) -> None:
    assert load(path).name


def test_unknown_key_is_named() -> None:
    with pytest.raises(ScenarioError, match=r"state\.stres: unknown key"):
        from_dict({"state": {"stres": 3}})


def test_negative_dose_is_named() -> None:
    with pytest.raises(ScenarioError, match=r"state\.alcohol_g_per_kg"):
        from_dict({"state": {"alcohol_g_per_kg": -0.2}})


def test_unreachable_vacuum_is_named() -> None:
    with pytest.raises(ScenarioError, match=r"session\.pump.*vacuum_mmhg.*350"):
        from_dict({"session": {"kind": "pump", "pump": {"vacuum_mmhg": 500}}})


def test_pump_settings_on_a_breastfeed_are_rejected() -> None:
    with pytest.raises(ScenarioError, match="pump"):
        from_dict({"session": {"kind": "breastfeed", "pump": {"vacuum_mmhg": 150}}})


def test_overlapping_day_sessions_are_rejected() -> None:
    with pytest.raises(ScenarioError, match="overlap"):
        from_dict({"session": {"duration_min": 30}, "day": {"session_times_h": [0, 0.25]}})


def test_bad_toml_file_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[session\nkind = 'pump'", encoding="utf-8")
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load(bad)
