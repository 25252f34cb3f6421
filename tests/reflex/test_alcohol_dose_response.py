"""Alcohol's effect on let-down against more than one study. Cobo (1973, summarised in
IOM 1991 p. 89): no effect on milk ejection below 0.5 g/kg, about 18% inhibition at
0.5-0.99 g/kg, a block in many women above 1 g/kg; Mennella 1991 (MEN91): milk alcohol
peaks 30-60 min after 0.3 g/kg. Issue 12: the response was too steep at moderate doses."""

from __future__ import annotations

from letdown.reflex import simulate
from letdown.reflex.modifiers import alcohol_effective_dose
from letdown.reflex.scenario import from_dict


def _pump(dose: float = 0.0, hours: float = 1.0) -> tuple[float, int]:
    m = simulate(from_dict({"session": {"kind": "pump", "duration_min": 15},
                            "state": {"alcohol_g_per_kg": dose,
                                      "hours_since_drink": hours}})).metrics
    return m.volume_ml, m.ejections


def test_a_moderate_drink_an_hour_before_trims_the_session_only_a_little() -> None:
    sober, sober_ej = _pump()
    vol, ej = _pump(0.3, 1.0)
    assert 0.94 * sober < vol < sober
    assert ej >= sober_ej - 1


def test_the_middle_dose_band_inhibits_partly_and_a_high_dose_blocks() -> None:
    sober, _ = _pump()
    mid, mid_ej = _pump(0.75, 0.75)
    assert 0.6 * sober < mid < 0.95 * sober and mid_ej >= 1
    _high, high_ej = _pump(1.5, 1.0)
    assert high_ej == 0


def test_the_effect_fades_as_blood_alcohol_falls() -> None:
    sober, _ = _pump()
    at_1h, _ = _pump(0.75, 1.0)
    at_5h, _ = _pump(0.75, 5.0)
    assert sober - at_5h < 0.5 * (sober - at_1h)
    peak_time = max((h / 20 for h in range(1, 61)),
                    key=lambda h: alcohol_effective_dose(0.3, h))
    assert 0.5 <= peak_time <= 1.0  # MEN91: alcohol in milk peaks 30-60 min after drinking
