"""Hypothesis strategies for valid journals (every record type, every field)."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st
from pydantic import ValidationError

from letdown.journal.records import JournalData, Technique
from letdown.journal.rows import normal_name

NOW = dt.datetime.now(dt.UTC) - dt.timedelta(hours=7)
TODAY = dt.date.today() - dt.timedelta(days=1)

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
)
notes = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t"),
    max_size=40,
)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=TODAY)
moments = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=NOW.replace(tzinfo=None),
    timezones=st.just(dt.UTC),
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def unique_uuids(count: int) -> st.SearchStrategy[list[uuid_module.UUID]]:
    """``count`` different uuids, as the journal gives its records."""
    return st.lists(st.uuids(version=4), min_size=count, max_size=count, unique=True)


@st.composite
def sessions(draw: st.DrawFn, session_id: int, baby_ids: list[int]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["breastfeed", "pump", "hand_expression"]))
    sides = draw(st.sampled_from(["left", "right", "both"]))
    used = ["left", "right"] if sides == "both" else [sides]
    start = draw(moments)
    length = draw(floats(0.001, 6 * 3600))
    end = start + dt.timedelta(seconds=length)
    letdowns = draw(st.lists(st.fixed_dictionaries(
        {"side": st.sampled_from(used), "at_s": floats(0, length - 0.0001)}), max_size=4))
    session: dict[str, Any] = {
        "id": session_id,
        "baby_id": draw(maybe(st.sampled_from(baby_ids))) if baby_ids else None,
        "kind": kind, "sides": sides,
        "side_mode": draw(maybe(st.sampled_from(["simultaneous", "sequential"])))
        if sides == "both" else None,
        "start": start, "end": end, "letdowns": letdowns,
        "volume_left_ml": draw(maybe(floats(0, 1000))) if "left" in used else None,
        "volume_right_ml": draw(maybe(floats(0, 1000))) if "right" in used else None,
        "pain": draw(maybe(st.integers(0, 10))), "stress": draw(maybe(st.integers(0, 10))),
        "context": draw(maybe(st.sampled_from(["home", "work", "public", "other"]))),
        "felt_cold": draw(maybe(st.booleans())), "felt_rushed": draw(maybe(st.booleans())),
        "felt_self_conscious": draw(maybe(st.booleans())),
        "sleep_hours": draw(maybe(floats(0, 24))),
        "cigarettes_today": draw(maybe(st.integers(0, 100))),
        "medicines": draw(st.lists(names, max_size=3)),
        "techniques": draw(st.lists(st.sampled_from(list(Technique)), max_size=4, unique=True)),
        "notes": draw(notes),
    }
    drinks = draw(maybe(floats(0, 30)))
    session["alcohol_drinks"] = drinks
    session["alcohol_hours_before"] = draw(maybe(floats(0, 48))) if drinks else None
    if kind == "pump":
        session |= {
            "pump_name": draw(maybe(names)), "flange_mm": draw(maybe(floats(10, 40))),
            "suction_level": draw(maybe(names)), "suction_mmhg": draw(maybe(st.integers(0, 400))),
            "cycle": draw(maybe(names)),
        }
    others = [b for b in baby_ids if b != session["baby_id"]]
    if kind == "breastfeed" and sides == "both" and session["baby_id"] and others:
        session["tandem_baby_id"] = draw(maybe(st.sampled_from(others)))  # twins, together
    return session


@st.composite
def journals(draw: st.DrawFn) -> JournalData:
    """A valid journal with ids and uuids as the database would give them."""
    baby_names = draw(st.lists(names, max_size=3, unique_by=normal_name))
    babies = [
        {"id": i + 1, "name": name, "birth_date": draw(dates),
         "sex": draw(maybe(st.sampled_from(["female", "male"]))),
         "birth_weight_g": draw(maybe(st.integers(300, 7000)))}
        for i, name in enumerate(baby_names)
    ]
    baby_ids = [b["id"] for b in babies]
    session_ids = draw(st.lists(st.integers(1, 10_000), unique=True, max_size=4))
    weights, diapers = [], []
    if baby_ids:
        for i in range(draw(st.integers(0, 3))):
            weights.append({"id": i + 1, "baby_id": draw(st.sampled_from(baby_ids)),
                            "date": draw(dates), "grams": draw(st.integers(300, 30000))})
        days = draw(st.lists(st.tuples(st.sampled_from(baby_ids), dates), unique=True,
                             max_size=3))
        diapers = [{"id": i + 1, "baby_id": b, "date": d, "wet": draw(st.integers(0, 40)),
                    "dirty": draw(st.integers(0, 40))} for i, (b, d) in enumerate(days)]
    for section in (babies, weights, diapers):
        for item, uuid in zip(section, draw(unique_uuids(len(section))), strict=True):
            item["uuid"] = uuid
    raw = {
        "profile": draw(maybe(st.fixed_dictionaries({
            "pseudonym": names, "delivery_date": maybe(dates), "first_baby": maybe(st.booleans()),
            "conditions": st.lists(names, max_size=2),
            "regular_medicines": st.lists(names, max_size=2),
        }))),
        "babies": babies,
        "sessions": [draw(sessions(i, baby_ids)) for i in sorted(session_ids)],
        "weights": weights,
        "diapers": diapers,
    }
    for item, uuid in zip(raw["sessions"], draw(unique_uuids(len(raw["sessions"]))),
                          strict=True):
        item["uuid"] = uuid
    try:
        data = JournalData.model_validate(raw)
    except ValidationError:
        assume(False)
        raise
    # the journal lists sessions by start time, then id; weights and diapers by date, then id
    data.sessions.sort(key=lambda s: (s.start, s.id or 0))
    data.weights.sort(key=lambda w: (w.date, w.id or 0))
    data.diapers.sort(key=lambda c: (c.date, c.id or 0))
    return data
