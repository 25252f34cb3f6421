"""The breast interface as inputs: a nipple shield, and flange size against the nipple.

Issue 12: there was no nipple shield and interface fit was one coarse switch. Coentro et
al. 2020 (COE20-SHIELD, a training finding) pumped with and without a fitted shield under
a controlled pump: median 76.5 -> 32.1 mL, 69 -> 41% of the available milk removed.
Flange fitting advice runs from a tunnel the size of the nipple to one about 4 mm wider.
"""

from __future__ import annotations

from typing import Any

import pytest

from letdown.reflex import simulate
from letdown.reflex.scenario import ScenarioError, from_dict


def _run(kind: str = "pump", interface: dict[str, Any] | None = None,
         pump: dict[str, Any] | None = None) -> Any:
    session: dict[str, Any] = {"kind": kind, "duration_min": 15}
    if pump is not None:
        session["pump"] = pump
    return simulate(from_dict({"session": session, "interface": interface or {}})).metrics


def test_a_fitted_nipple_shield_removes_much_less_under_the_same_pump() -> None:
    bare = _run()
    shield = _run(interface={"nipple_shield": "fitted"})
    assert shield.pamr < 0.85 * bare.pamr  # Coentro: 69% -> 41%
    assert shield.volume_ml < 0.85 * bare.volume_ml


def test_a_nipple_shield_at_the_breast_lowers_stimulation_and_transfer() -> None:
    bare = _run("breastfeed")
    shield = _run("breastfeed", {"nipple_shield": "fitted"})
    small = _run("breastfeed", {"nipple_shield": "small"})
    assert small.volume_ml < shield.volume_ml < 0.95 * bare.volume_ml
    assert shield.time_to_first_ejection_s > bare.time_to_first_ejection_s
    assert shield.peak_prl_ng_ml < bare.peak_prl_ng_ml  # weaker nipple stimulation


def test_flange_size_against_the_nipple_has_a_good_band() -> None:
    """Tunnel 0-4 mm wider than the nipple is a good fit; narrower compresses the ducts
    and hurts; much wider draws the areola in. Each step outside the band costs milk."""
    vol = {gap: _run(interface={"flange_mm": 20 + gap, "nipple_mm": 20}).volume_ml
           for gap in (-4, -2, 0, 2, 4, 8, 12)}
    assert vol[0] == vol[2] == vol[4]
    assert vol[-4] < vol[-2] < vol[0]
    assert vol[12] < vol[8] < vol[4]


def test_the_old_flange_fit_switch_keeps_working_and_maps_onto_sizes() -> None:
    for fit, gap in (("good", 2.0), ("too_small", -3.0), ("too_large", 8.0)):
        switch = _run(pump={"flange_fit": fit}).volume_ml
        sizes = _run(interface={"flange_mm": 21.0 + gap, "nipple_mm": 21.0}).volume_ml
        assert switch == pytest.approx(sizes, rel=1e-9), fit


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        ({"interface": {"flange_mm": 24}}, r"interface\.flange_mm: the fit needs both sizes"),
        ({"interface": {"nipple_mm": 20}}, r"interface\.nipple_mm: .*add interface\.flange_mm"),
        ({"interface": {"flange_mm": 24, "nipple_mm": 20},
          "session": {"kind": "breastfeed"}}, r"flange belongs to a pump"),
        ({"interface": {"flange_mm": 24, "nipple_mm": 20},
          "session": {"kind": "pump", "pump": {"flange_fit": "too_small"}}},
         r"either the sizes or the rough fit"),
        ({"interface": {"nipple_shield": "yes"}}, r"interface\.nipple_shield: .*'fitted'"),
        ({"interface": {"flange_mm": 80, "nipple_mm": 20}}, r"interface\.flange_mm: .*40"),
        ({"interface": {"shield": "fitted"}}, r"interface\.shield: unknown key"),
    ],
)
def test_bad_interface_is_a_clear_error(data: dict[str, Any], pattern: str) -> None:
    with pytest.raises(ScenarioError, match=pattern):
        from_dict(data)
