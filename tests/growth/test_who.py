"""WHO weight-for-age z-scores match WHO's own published table to 0.01.

The expected values come from WHO's published monthly LMS table (wfa_boys_0_5_zscores.txt,
wfa_girls_0_5_zscores.txt, WHO 2006), a different file from the daily table letdown
ships; WHO's months are 30.4375 days, so month m is day 30.4375 m. Each row's weights
are WHO's own -2 SD, median and +2 SD lines rounded to 0.1 kg as printed in the same
table, plus weights far out in the tails (restricted beyond +/-3 SD).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letdown.growth.who import grams_at, lms_at, percentile, weight_z, z_of_percentile

# sex, month, L, M, S (WHO's monthly table), printed SD lines -2 / 0 / +2 in kg
WHO_MONTHLY = [
    ("male", 0, 0.3487, 3.3464, 0.14602, (2.5, 3.3, 4.4)),
    ("male", 1, 0.2297, 4.4709, 0.13395, (3.4, 4.5, 5.8)),
    ("male", 2, 0.1970, 5.5675, 0.12385, (4.3, 5.6, 7.1)),
    ("male", 3, 0.1738, 6.3762, 0.11727, (5.0, 6.4, 8.0)),
    ("male", 6, 0.1257, 7.9340, 0.10958, (6.4, 7.9, 9.8)),
    ("male", 9, 0.0917, 8.9014, 0.10881, (7.1, 8.9, 11.0)),
    ("male", 12, 0.0644, 9.6479, 0.10925, (7.7, 9.6, 12.0)),
    ("male", 18, 0.0211, 10.9385, 0.11119, (8.8, 10.9, 13.7)),
    ("male", 24, -0.0137, 12.1515, 0.11426, (9.7, 12.2, 15.3)),
    ("male", 36, -0.0689, 14.3429, 0.12116, (11.3, 14.3, 18.3)),
    ("female", 0, 0.3809, 3.2322, 0.14171, (2.4, 3.2, 4.2)),
    ("female", 1, 0.1714, 4.1873, 0.13724, (3.2, 4.2, 5.5)),
    ("female", 2, 0.0962, 5.1282, 0.13000, (3.9, 5.1, 6.6)),
    ("female", 3, 0.0402, 5.8458, 0.12619, (4.5, 5.8, 7.5)),
    ("female", 6, -0.0756, 7.2970, 0.12204, (5.7, 7.3, 9.3)),
    ("female", 9, -0.1507, 8.2254, 0.12199, (6.5, 8.2, 10.5)),
    ("female", 12, -0.2024, 8.9481, 0.12268, (7.0, 8.9, 11.5)),
    ("female", 18, -0.2637, 10.2315, 0.12309, (8.1, 10.2, 13.2)),
    ("female", 24, -0.2941, 11.4775, 0.12390, (9.0, 11.5, 14.8)),
    ("female", 36, -0.3201, 13.8503, 0.12919, (10.8, 13.9, 18.1)),
]


def who_z(x: float, L: float, M: float, S: float) -> float:
    """WHO's formula, written out as in the WHO 2006 report (ch. 7), for the check."""
    def sd(z: float) -> float:
        return M * (1 + L * S * z) ** (1 / L)

    z = ((x / M) ** L - 1) / (L * S)
    if z > 3:
        return 3 + (x - sd(3)) / (sd(3) - sd(2))
    if z < -3:
        return -3 + (x - sd(-3)) / (sd(-2) - sd(-3))
    return z


CASES = [
    (sex, month, (L, M, S), kg)
    for sex, month, L, M, S, lines in WHO_MONTHLY
    for kg in (*lines, round(M * 0.55, 2), round(M * 1.6, 2))
]


@pytest.mark.parametrize(("sex", "month", "lms", "kg"), CASES)
def test_z_matches_who_published_table(sex, month, lms, kg) -> None:
    expected = who_z(kg, *lms)
    assert weight_z(sex, month * 30.4375, kg * 1000) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(("sex", "month", "L", "M", "S", "lines"), WHO_MONTHLY)
def test_printed_sd_lines_land_near_their_z(sex, month, L, M, S, lines) -> None:
    """WHO prints the -2, 0, +2 SD lines to 0.1 kg: they land within rounding of -2, 0, 2."""
    for kg, z in zip(lines, (-2, 0, 2), strict=True):
        half_step = 0.05 / (M * S)  # 0.05 kg in z units near the median
        assert abs(weight_z(sex, month * 30.4375, kg * 1000) - z) < 1.6 * half_step + 0.01


def test_known_anchor_values() -> None:
    # Boys at birth: WHO median 3.3464 kg and -2 SD 2.459 kg; at 12 months 9.648 / 7.742 kg.
    assert weight_z("male", 0, 3346.4) == pytest.approx(0, abs=0.01)
    assert weight_z("male", 0, 2459) == pytest.approx(-2, abs=0.01)
    assert weight_z("male", 365.25, 9648) == pytest.approx(0, abs=0.01)
    assert weight_z("male", 365.25, 7742) == pytest.approx(-2, abs=0.01)


def test_restricted_tail_steps_by_the_2_to_3_sd_distance() -> None:
    lms = lms_at("female", 100)
    sd2, sd3 = lms.weight_kg(2), lms.weight_kg(3)
    assert lms.z(sd3 + 2 * (sd3 - sd2)) == pytest.approx(5)
    low2, low3 = lms.weight_kg(-2), lms.weight_kg(-3)
    assert lms.z(low3 - (low2 - low3)) == pytest.approx(-4)


@given(st.sampled_from(["female", "male"]), st.integers(0, 1826), st.floats(-5, 5))
def test_weight_and_z_round_trip(sex, day, z) -> None:
    grams = lms_at(sex, day).weight_kg(z) * 1000
    assert weight_z(sex, day, grams) == pytest.approx(z, abs=1e-6)


@given(st.floats(0.5, 99.5))
def test_percentile_round_trip(p) -> None:
    assert percentile(z_of_percentile(p)) == pytest.approx(p, abs=1e-6)


def test_percentile_lines_are_ordered_and_the_median_is_m() -> None:
    at = [grams_at("male", 60, p) for p in (3, 15, 50, 85, 97)]
    assert at == sorted(at)
    assert at[2] == pytest.approx(lms_at("male", 60).M * 1000)
    assert percentile(0) == 50 and math.isclose(percentile(-1.8808), 3, abs_tol=0.01)


@pytest.mark.parametrize("age", [-1, 1827, 5000])
def test_outside_the_table_is_a_clear_error(age) -> None:
    with pytest.raises(ValueError, match="outside WHO's table"):
        weight_z("female", age, 4000)
