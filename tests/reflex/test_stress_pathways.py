"""Stress acts first centrally (fewer oxytocin pulses); the gland is blunted only by high
adrenaline. Issue 12: the model cut milk far more than it cut oxytocin pulses."""

from __future__ import annotations

import pytest

from letdown.reflex import simulate
from letdown.reflex.scenario import from_dict


def _feed(**extra: object) -> dict[str, object]:
    return {"session": {"kind": "breastfeed", "duration_min": 20}, **extra}


@pytest.mark.parametrize("stress", [5.0, 6.0])
def test_acute_stress_cuts_oxytocin_pulses_more_than_the_milk_removed(stress: float) -> None:
    calm = simulate(from_dict(_feed())).metrics
    tense = simulate(from_dict(_feed(state={"stress": stress}))).metrics
    pulse_cut = 1.0 - tense.ot_pulses / calm.ot_pulses
    volume_cut = 1.0 - tense.volume_ml / calm.volume_ml
    assert pulse_cut > 0.2, (calm.ot_pulses, tense.ot_pulses)
    assert volume_cut < pulse_cut, (pulse_cut, volume_cut)
    # the ejections that remain keep most of the removal
    assert tense.volume_ml > 0.7 * calm.volume_ml


def test_worry_alone_does_not_block_the_gland_only_a_dose_of_adrenaline_does() -> None:
    """Injected oxytocin still empties the breast of a stressed parent (N48): the stress
    of a distraction is central. A pharmacological adrenaline dose blocks it (C16)."""
    dose = {"at_min": 1, "kind": "oxytocin_iv", "amount": 100}
    quiet = {"session": {"kind": "none", "duration_min": 5}, "events": [dose]}
    worried = dict(quiet, state={"stress": 7})
    fright = dict(quiet, events=[dose, {"at_min": 0.5, "kind": "adrenaline_iv", "amount": 3}])
    peak = {name: float(max(simulate(from_dict(d)).contraction))
            for name, d in (("quiet", quiet), ("worried", worried), ("fright", fright))}
    assert peak["worried"] > 0.8 * peak["quiet"], peak
    assert peak["fright"] < 0.5 * peak["quiet"], peak
