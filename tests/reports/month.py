"""A realistic month in a journal, written through the service: a six-week-old baby fed at
the breast about five times a day and pumped for three times a day, with the pump
settings, pain, stress, places, techniques, a cold remedy, weekly weights and daily
diaper counts a parent would record."""

from __future__ import annotations

import datetime as dt
import random

from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    Kind,
    LetDown,
    ParentProfile,
    Place,
    Session,
    Side,
    Sides,
    Technique,
)
from letdown.journal.service import Journal

DAYS = 30
QUESTION = "Why does my let-down take so long at work, and is my flange the right size?"


def fill_month(journal: Journal, today: dt.date, *, days: int = DAYS, seed: int = 14) -> None:
    """Write ``days`` days of sessions (8 a day) ending yesterday, a baby and their records."""
    rng = random.Random(seed)
    journal.set_profile(ParentProfile(pseudonym="Robin", first_baby=True,
                                      delivery_date=today - dt.timedelta(days=42),
                                      regular_medicines=["levothyroxine"]))
    baby = journal.add_baby(Baby(name="Ada", birth_date=today - dt.timedelta(days=42),
                                 sex="female", birth_weight_g=3400))
    assert baby.id is not None
    for week, grams in enumerate((3300, 3650, 3950, 4250, 4500, 4800, 5050)):
        journal.add_weight(InfantWeight(baby_id=baby.id, grams=grams,
                                        date=baby.birth_date + dt.timedelta(days=3 + 6 * week)))
    zone = dt.UTC
    for back in range(days, 0, -1):
        day = today - dt.timedelta(days=back)
        journal.add_diapers(DiaperCount(baby_id=baby.id, date=day, wet=rng.randint(5, 8),
                                        dirty=rng.randint(2, 5)))
        for n in range(8):
            start = dt.datetime.combine(day, dt.time(1 + 3 * n, rng.randint(0, 50)), zone)
            journal.add_session(_session(rng, baby.id, start, pump=n in (1, 4, 6),
                                         at_work=n in (4, 6) and day.weekday() < 5,
                                         cold_remedy=back in (20, 19, 18)))


def _session(rng: random.Random, baby_id: int, start: dt.datetime, *, pump: bool,
             at_work: bool, cold_remedy: bool) -> Session:
    compress = rng.random() < 0.5
    seconds = rng.lognormvariate(4.6 if at_work else 4.1, 0.35) * (0.7 if compress else 1.0)
    minutes = rng.randint(15, 25)
    noticed = rng.random() < 0.85 and seconds < minutes * 60
    techniques = [Technique.warm_compress] if compress else []
    if rng.random() < 0.3:
        techniques.append(Technique.slow_breathing)
    common = {
        "baby_id": None if pump else baby_id, "start": start,
        "end": start + dt.timedelta(minutes=minutes), "sides": Sides.both,
        "letdowns": [LetDown(side=Side.left, at_s=round(seconds))] if noticed else [],
        "pain": rng.choice((0, 1, 1, 2, 3, 5)), "stress": rng.randint(4, 8) if at_work
        else rng.randint(0, 4), "context": Place.work if at_work else Place.home,
        "techniques": techniques, "medicines": ["Sudafed"] if cold_remedy else [],
        "felt_rushed": at_work or None,
    }
    if not pump:
        return Session(kind=Kind.breastfeed, **common)
    return Session(kind=Kind.pump, pump_name="Spectra S1", flange_mm=24 if start.day % 2
                   else 21, suction_level="6" if at_work else "5", cycle="54 cpm",
                   volume_left_ml=round(rng.uniform(40, 80)),
                   volume_right_ml=round(rng.uniform(30, 70)), **common)
