"""With techniques before touch and a breast interface, the fast engine still agrees with
the solve_ivp reference: continuous metrics within 1%, counts within one (a contraction
peak can sit within the step error of the ejection threshold; see test_reference.py)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from letdown.reflex.engine import DT, simulate
from letdown.reflex.reference import simulate_reference
from letdown.reflex.scenario import from_dict

SCENARIOS: dict[str, dict[str, Any]] = {
    "before-mix": {
        "state": {"stress": 4},
        "techniques": {"relaxation": "guided_imagery", "relaxation_timing": "before",
                       "massage": True, "massage_timing": "both", "warmth": True,
                       "warmth_timing": "before", "warmth_side": "left"},
        "session": {"kind": "pump", "duration_min": 20},
    },
    "skin-to-skin-shield": {
        "techniques": {"skin_to_skin": True, "skin_to_skin_timing": "both"},
        "interface": {"nipple_shield": "fitted"},
        "session": {"kind": "breastfeed", "duration_min": 20},
    },
    "narrow-flange-near-baby": {
        "interface": {"flange_mm": 19, "nipple_mm": 21},
        "techniques": {"near_baby": True, "near_baby_timing": "before", "compression": True},
        "session": {"kind": "pump", "duration_min": 20},
    },
}
CONTINUOUS = ("volume_ml", "pamr", "time_to_first_ejection_s", "peak_ot_pg_ml",
              "peak_prl_ng_ml", "before_first_ejection_ml")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_engine_matches_reference_with_techniques_and_interface(name: str) -> None:
    scn = from_dict(SCENARIOS[name])
    fast = simulate(scn, DT).metrics.as_dict()
    ref = simulate_reference(scn).as_dict()
    for key in CONTINUOUS:
        assert math.isclose(fast[key], ref[key], rel_tol=0.01, abs_tol=1e-6), key
    for key in ("ejections", "ot_pulses"):
        assert abs(fast[key] - ref[key]) <= 1, key
