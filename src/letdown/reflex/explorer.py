"""The small entry point the web "reflex explorer" calls: a few sliders in, a trace out.

Runs the typical person through one session (infant or pump) with the chosen stress,
alcohol, vacuum, warmth (and when), massage, cues, flange fit and nipple shield. A 20-minute
session takes a few tens of milliseconds, so it can follow a slider.
"""

from __future__ import annotations

from typing import Literal

from letdown.reflex.engine import Trace, simulate
from letdown.reflex.scenario import from_dict


def explore(
    stress: float = 0.0,
    alcohol_g_per_kg: float = 0.0,
    vacuum_mmHg: float = 190.0,
    warmth: bool = False,
    cues: bool = False,
    flange_fit: Literal["good", "too_small", "too_large"] = "good",
    kind: Literal["pump", "breastfeed"] = "pump",
    duration_min: float = 20.0,
    relaxation: bool = False,
    warmth_timing: Literal["before", "during", "both"] = "both",
    massage: bool = False,
    nipple_shield: Literal["none", "fitted", "small"] = "none",
) -> Trace:
    """Simulate one session of the typical person; invalid values raise ScenarioError
    naming the field (e.g. ``session.pump.vacuum_mmhg``)."""
    session: dict[str, object] = {"kind": kind, "duration_min": duration_min}
    if kind == "pump":
        session["pump"] = {"vacuum_mmhg": vacuum_mmHg, "flange_fit": flange_fit}
    scenario = from_dict(
        {
            "name": "explorer",
            "state": {"stress": stress, "alcohol_g_per_kg": alcohol_g_per_kg},
            "techniques": {
                "warmth": warmth,
                # a compress for 10 minutes before touch and/or through the session
                **({"warmth_timing": warmth_timing, "warmth_min": 10.0}
                   if warmth and warmth_timing != "during" else {}),
                "relaxation": "breathing" if relaxation else "none",
                "massage": massage,
            },
            "interface": {"nipple_shield": nipple_shield},
            "cues": {"present": cues},
            "session": session,
        }
    )
    return simulate(scenario)
