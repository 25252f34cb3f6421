"""Studies of a day's supply: production, milk per feed, synthesis after emptying."""

from __future__ import annotations

from letdown.reflex.studies.common import DAY_ONLY, Outcome, day, day_volume, registry, within

CHECKS, study = registry()


@study("C31", "typical day 550-950 mL (the published 708-742 g/day with its spread)")
def c31() -> Outcome:
    v = day_volume(day())
    return Outcome(f"{v:.0f} mL/24 h", DAY_ONLY, within(v, 550, 950), basis="typical")


@study("C33/C35", "typical day: 50-102 mL per feed, 51-83% removed (mean +/- 2 SD)")
def c33_35() -> Outcome:
    tr = day(times=[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 21])
    assert tr.day is not None
    per, pamr = tr.day["mean_volume_per_session_ml"], tr.day["mean_pamr"]
    return Outcome(f"{per:.0f} mL per feed, {pamr:.0f}% removed", DAY_ONLY,
                   within(per, 50, 102) and within(pamr, 51, 83), basis="typical")


@study("C34", "typical person: more synthesised after fuller removal (direction)")
def c34() -> Outcome:
    full = day(times=[0.0, 3.0], session={"duration_min": 20})
    part = day(times=[0.0, 3.0], session={"duration_min": 4})
    assert full.day is not None and part.day is not None
    a, b = full.day["synthesised_ml"], part.day["synthesised_ml"]
    return Outcome(f"synthesised {a:.0f} mL after fuller vs {b:.0f} mL after partial removal",
                   DAY_ONLY, a > b, basis="typical")
