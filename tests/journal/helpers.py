"""Small builders for valid records, shared by journal, interop and CLI tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from letdown.journal.records import Session

AN_HOUR_AGO = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)


def make_session(**overrides: Any) -> Session:
    """A valid 20-minute pumping session that ended 40 minutes ago, with overrides."""
    values: dict[str, Any] = {
        "kind": "pump",
        "sides": "both",
        "side_mode": "simultaneous",
        "start": AN_HOUR_AGO,
        "end": AN_HOUR_AGO + dt.timedelta(minutes=20),
        "letdowns": [{"side": "left", "at_s": 150}, {"side": "right", "at_s": 95.5}],
        "volume_left_ml": 45.0,
        "volume_right_ml": 38.5,
        "pump_name": "Spectra S1",
        "flange_mm": 24,
        "suction_level": "6",
        "suction_mmhg": 180,
        "cycle": "expression",
        "pain": 2,
        "stress": 6,
        "context": "work",
        "felt_rushed": True,
        "sleep_hours": 5.5,
        "techniques": ["warm_compress", "baby_photo_video"],
        "medicines": ["ibuprofen"],
        "notes": "Pumped in the meeting room.",
    }
    values.update(overrides)
    return Session.model_validate(values)


def make_tandem(baby_id: int | None = 1, tandem_baby_id: int | None = 2,
                **overrides: Any) -> Session:
    """A valid tandem breastfeed: one twin on each breast, at the same time."""
    values: dict[str, Any] = {
        "kind": "breastfeed", "pump_name": None, "flange_mm": None, "suction_level": None,
        "suction_mmhg": None, "cycle": None, "volume_left_ml": None, "volume_right_ml": None,
        "baby_id": baby_id, "tandem_baby_id": tandem_baby_id,
    }
    return make_session(**(values | overrides))
