"""Which logged weight or diaper count raised a red flag, so Home can say why and link to it.

The advisor reads each baby's latest weight and latest diaper count from the journal
and names the red flags they raise, but its answer does not say which record, from
which day, was behind them (and its API is not ours to change). So the pages work it
out here, from the same records and the same thresholds: the numbers come from the
evidence base's ``red_flags.toml`` (``few_wet_diapers``, ``weight_loss_over_10pct``,
``not_back_to_birth_weight``), never from constants in this file. Home shows only the
flags the advice itself raised, so the two cannot tell a parent different things.

Pure: the caller gives the records, the day and the evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from letdown.evidence.schema import Evidence, Level
from letdown.journal.records import Baby, DiaperCount, InfantWeight

#: A diaper count stands for "the last 24 hours" only if it is from today or yesterday
#: (as the advisor reads it: older counts say nothing about today).
DIAPERS_FRESH = dt.timedelta(days=1)
R = TypeVar("R", InfantWeight, DiaperCount)
#: The red flags a logged record can raise.
RECORD_FLAGS = ("few_wet_diapers", "weight_loss_over_10pct", "not_back_to_birth_weight")


@dataclass(frozen=True)
class RecordFlag:
    """One weight or diaper count that raises a red flag, in words a parent reads at once."""

    baby_id: int
    baby_name: str
    kind: str  # "diapers" or "weights", as in the record's address
    record_id: int
    flag_ids: tuple[str, ...]
    what: str  # "1 wet diaper on 28 Nov at 39 days old"
    expected: str  # "from day 5 a baby has at least 6 wet diapers a day"
    level: Level
    sources: str  # "Meek 2022, Nommsen-Rivers 2008"

    @property
    def edit_url(self) -> str:
        return f"/babies/{self.baby_id}/{self.kind}/{self.record_id}/edit"


def _plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def _age(days: int) -> str:
    return _plural(days, "day old", "days old")


def _sources(evidence: Evidence, flag_ids: Iterable[str]) -> str:
    """Short citations ("Kent 2008") for the flags, each once; a source the evidence base
    lists only as general backing ("not the source of" the numbers) is left out."""
    found: dict[str, None] = {}
    for flag_id in flag_ids:
        for c in evidence.red_flags[flag_id].citations:
            if c.note and "not the source" in c.note:
                continue
            surname = c.authors.split(",")[0].split(";")[0].strip().split(" ")[0]
            found[f"{surname} {c.year}"] = None
    return ", ".join(found)


def _latest(records: Iterable[R], baby_id: int) -> R | None:
    mine = [r for r in records if r.baby_id == baby_id]
    return max(mine, key=lambda r: (r.date, r.id or 0)) if mine else None


def diaper_flag(
    baby: Baby, count: DiaperCount, evidence: Evidence
) -> tuple[tuple[str, ...], str, str] | None:
    """(flag ids, what, expected) when this day's count is below the threshold for the
    baby's age on that day, else None."""
    t = evidence.red_flags["few_wet_diapers"].threshold
    age = (count.date - baby.birth_date).days
    if age < 0:
        return None
    wet_min = int(t["wet_from_day5"] if age >= 5 else t[f"wet_day{max(age, 1)}"])
    low_wet = count.wet < wet_min
    stools_min = int(t["stools_from_day4"])
    low_stools = bool(stools_min) and 4 <= age <= t["stools_until_day"] and count.dirty < stools_min
    if not (low_wet or low_stools):
        return None
    parts = []
    expected = []
    if low_wet:
        parts.append(_plural(count.wet, "wet diaper", "wet diapers"))
        expected.append(f"at least {wet_min} wet diapers a day at this age")
    if low_stools:
        parts.append(_plural(count.dirty, "dirty diaper", "dirty diapers"))
        expected.append(f"at least {stools_min} dirty diapers a day in the first "
                        f"{int(t['stools_until_day']) // 7} weeks")
    what = f"{' and '.join(parts)} on {_day(count.date)} at {_age(age)}"
    return ("few_wet_diapers",), what, "A baby getting enough milk has " + " and ".join(expected)


def weight_flag(
    baby: Baby, weight: InfantWeight, evidence: Evidence
) -> tuple[tuple[str, ...], str, str] | None:
    """(flag ids, what, expected) when this weight is too far below birth weight for the
    baby's age on that day, else None."""
    if baby.birth_weight_g is None:
        return None
    age = (weight.date - baby.birth_date).days
    loss = (baby.birth_weight_g - weight.grams) / baby.birth_weight_g * 100
    if age < 0 or loss <= 0:
        return None
    rf = evidence.red_flags
    ids: list[str] = []
    expected: list[str] = []
    limit = rf["weight_loss_over_10pct"].threshold["max_loss_percent"]
    if loss > limit:
        ids.append("weight_loss_over_10pct")
        expected.append(f"a baby should not lose more than {limit:g}% of birth weight")
    t = rf["not_back_to_birth_weight"].threshold
    if age >= t["expected_by_day"] or (
        age >= t["check_from_day"] and loss >= t["behind_percent_from_check_day"]
    ):
        ids.append("not_back_to_birth_weight")
        expected.append(f"most babies are back to birth weight by {t['check_from_day']:g} "
                        f"to {t['expected_by_day']:g} days")
    if not ids:
        return None
    what = (f"{weight.grams} g on {_day(weight.date)} at {_age(age)}, {loss:.1f}% below "
            f"the birth weight of {baby.birth_weight_g} g")
    text = "; ".join(expected)
    return tuple(ids), what, text[0].upper() + text[1:]


def record_flags(
    babies: Iterable[Baby],
    weights: Iterable[InfantWeight],
    diapers: Iterable[DiaperCount],
    today: dt.date,
    evidence: Evidence,
) -> list[RecordFlag]:
    """The red flags raised by each baby's latest weight and latest recent diaper count
    (the records the advisor reads), worst first."""
    if not set(RECORD_FLAGS) <= set(evidence.red_flags):
        return []  # an evidence base without these flags: Home keeps the advisor's words
    weights, diapers = list(weights), list(diapers)
    found: list[RecordFlag] = []
    for baby in babies:
        bid = baby.id or 0
        checks: list[tuple[str, InfantWeight | DiaperCount, tuple[tuple[str, ...], str, str]]] = []
        count = _latest(diapers, bid)
        fresh = count is not None and today - count.date <= DIAPERS_FRESH
        if fresh and count is not None and (hit := diaper_flag(baby, count, evidence)):
            checks.append(("diapers", count, hit))
        weight = _latest(weights, bid)
        if weight is not None and (hit := weight_flag(baby, weight, evidence)) is not None:
            checks.append(("weights", weight, hit))
        for kind, record, (ids, what, expected) in checks:
            level = max((evidence.red_flags[i].level for i in ids), key=lambda lv: lv.rank)
            found.append(RecordFlag(bid, baby.name, kind, record.id or 0, ids, what, expected,
                                    level, _sources(evidence, ids)))
    return sorted(found, key=lambda f: -f.level.rank)
