"""A realistic journal for the FHIR tests: every session kind, both sides, pump settings,
techniques, medicines, twins fed together, babies with weights and diaper counts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from letdown.journal.records import JournalData

DAY = dt.date.today() - dt.timedelta(days=20)
START = dt.datetime.combine(DAY, dt.time(6, 30), tzinfo=dt.UTC)


def _uuid(n: int) -> str:
    return str(uuid.UUID(int=n + 1000, version=4))


def realistic() -> JournalData:
    """One month in a twin family's journal (a few of each record)."""
    def at(days: int, hours: float = 0) -> str:
        return (START + dt.timedelta(days=days, hours=hours)).isoformat()

    sessions: list[dict[str, Any]] = [
        {"id": 1, "uuid": _uuid(1), "baby_id": 1, "tandem_baby_id": 2, "kind": "breastfeed",
         "sides": "both", "side_mode": "simultaneous", "start": at(0), "end": at(0, 0.5),
         "letdowns": [{"side": "left", "at_s": 95.5}, {"side": "right", "at_s": 120},
                      {"side": "left", "at_s": 610}],
         "pain": 3, "stress": 6, "context": "home", "felt_cold": True, "sleep_hours": 4.5,
         "techniques": ["warm_compress", "slow_breathing", "skin_to_skin"],
         "medicines": ["ibuprofen"], "notes": "Twins together.\nLeft felt full first."},
        {"id": 2, "uuid": _uuid(2), "kind": "pump", "sides": "both",
         "side_mode": "sequential", "start": at(1), "end": at(1, 0.33),
         "letdowns": [{"side": "right", "at_s": 240.25}], "volume_left_ml": 42.5,
         "volume_right_ml": 60, "pump_name": "Spectra S1", "flange_mm": 21,
         "suction_level": "5", "suction_mmhg": 180, "cycle": "54 cpm", "pain": 1,
         "stress": 2, "context": "work", "felt_rushed": True, "felt_self_conscious": False,
         "alcohol_drinks": 1, "alcohol_hours_before": 3.5, "cigarettes_today": 2,
         "techniques": ["baby_photo_video", "massage", "music"],
         "medicines": ["domperidone", "paracetamol"]},
        {"id": 3, "uuid": _uuid(3), "baby_id": 2, "kind": "hand_expression", "sides": "left",
         "start": at(2), "end": at(2, 0.25), "volume_left_ml": 12.0,
         "letdowns": [{"side": "left", "at_s": 300}], "context": "public",
         "techniques": ["breast_compression", "guided_imagery"], "notes": " "},
        {"id": 5, "uuid": _uuid(5), "baby_id": 1, "kind": "breastfeed", "sides": "right",
         "start": at(3), "end": at(3, 0.2)},
    ]
    raw = {
        "profile": {"pseudonym": "Robin", "delivery_date": DAY.isoformat(), "first_baby": True,
                    "conditions": ["PCOS", "breast surgery"],
                    "regular_medicines": ["levothyroxine", "iron"]},
        "babies": [
            {"id": 1, "uuid": _uuid(11), "name": "Ada", "birth_date": DAY.isoformat(),
             "sex": "female", "birth_weight_g": 2650, "gestation_weeks": 36,
             "gestation_days": 0},
            {"id": 2, "uuid": _uuid(12), "name": "Ben", "birth_date": DAY.isoformat(),
             "sex": "male", "birth_weight_g": 2480, "gestation_weeks": 36},
            {"id": 4, "uuid": _uuid(14), "name": "Cleo", "birth_date": DAY.isoformat()},
        ],
        "sessions": sessions,
        "weights": [
            {"id": 1, "uuid": _uuid(21), "baby_id": 1, "date": DAY.isoformat(), "grams": 2650},
            {"id": 2, "uuid": _uuid(22), "baby_id": 2,
             "date": (DAY + dt.timedelta(days=7)).isoformat(), "grams": 2600},
            {"id": 3, "uuid": _uuid(23), "baby_id": 1,
             "date": (DAY + dt.timedelta(days=7)).isoformat(), "grams": 2790},
        ],
        "diapers": [
            {"id": 1, "uuid": _uuid(31), "baby_id": 1,
             "date": (DAY + dt.timedelta(days=3)).isoformat(), "wet": 6, "dirty": 3},
            {"id": 2, "uuid": _uuid(32), "baby_id": 2,
             "date": (DAY + dt.timedelta(days=3)).isoformat(), "wet": 5, "dirty": 0},
        ],
    }
    return JournalData.model_validate(raw)
