"""The baby's numbers checked against the red-flag thresholds in the evidence base.

Both the cause ranking (is the baby getting enough?) and the escalation level
(does someone need to see the baby?) need the same checks, so they are made
once here. Thresholds come from ``red_flags.toml``, never from constants in
code, so a reviewer changes a number in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from letdown.advisor.questionnaire import Answers, WeightTrend
from letdown.evidence.schema import Evidence

#: Major percentile lines on WHO/UK growth charts; a "centile space" lies between two.
CENTILE_LINES = (0.4, 2.0, 9.0, 25.0, 50.0, 75.0, 91.0, 98.0, 99.6)


def centile_band(percentile: float) -> int:
    """Index of the space between major lines that a percentile falls in (0 = below 0.4th)."""
    return sum(1 for line in CENTILE_LINES if percentile >= line)


@dataclass(frozen=True)
class InfantStatus:
    """Which infant red flags are present, with the numbers behind them."""

    age_days: int | None
    weight_age_days: int | None
    loss_percent: float | None
    wet_expected: int | None
    stools_expected: int | None
    spaces_dropped: int | None
    spaces_allowed: int | None
    first_centile: float | None
    last_centile: float | None
    flags: dict[str, str] = field(default_factory=dict)

    @property
    def intake_concern(self) -> bool:
        """Any sign that the baby may not be getting enough milk."""
        return bool(self.flags)


def wet_expected(age_days: int, t: dict[str, float]) -> int:
    """Minimum wet diapers a day for a baby this many days old."""
    if age_days >= 5:
        return int(t["wet_from_day5"])
    day = max(age_days, 1)
    return int(t[f"wet_day{day}"])


def assess_infant(answers: Answers, evidence: Evidence) -> InfantStatus:
    """Compare the infant answers with each red flag's threshold."""
    inf = answers.infant
    rf = evidence.red_flags
    flags: dict[str, str] = {}
    age = answers.baby_age_days
    w_age = inf.weight_age_days(age)
    loss = inf.loss_percent()

    limit = rf["weight_loss_over_10pct"].threshold["max_loss_percent"]
    if loss is not None and loss > limit:
        flags["weight_loss_over_10pct"] = (
            f"the baby is {loss:.1f}% below birth weight (over {limit:g}%)"
        )

    t = rf["not_back_to_birth_weight"].threshold
    if loss is not None and w_age is not None and loss > 0:
        late = w_age >= t["expected_by_day"]
        behind = w_age >= t["check_from_day"] and loss >= t["behind_percent_from_check_day"]
        if late or behind:
            flags["not_back_to_birth_weight"] = (
                f"at {w_age} days the baby is still {loss:.1f}% below birth weight "
                f"(most are back by {t['check_from_day']:g}-{t['expected_by_day']:g} days)"
            )

    spaces = allowed = None
    first = last = None
    pts = sorted(inf.percentiles, key=lambda p: p.age_days)
    if pts:
        t = rf["percentile_crossing"].threshold
        first, last = pts[0].percentile, pts[-1].percentile
        spaces = max(0, centile_band(first) - centile_band(last))
        if first < 9:
            allowed = int(t["spaces_if_birth_below_9th"])
        elif first > 91:
            allowed = int(t["spaces_if_birth_above_91st"])
        else:
            allowed = int(t["spaces_if_birth_9th_to_91st"])
        if len(pts) > 1 and spaces >= allowed:
            flags["percentile_crossing"] = (
                f"weight fell from about the {first:g}th to the {last:g}th percentile "
                f"({spaces} centile spaces)"
            )
        elif last < t["below_centile"]:
            flags["percentile_crossing"] = (
                f"weight is below the {t['below_centile']:g}nd percentile"
            )

    t = rf["few_wet_diapers"].threshold
    wet_min = stools_min = None
    d_age = inf.diaper_age_days(age)  # the age on the day of the count
    if d_age is not None:
        wet_min = wet_expected(d_age, t)
        if inf.wet_diapers_per_day is not None and inf.wet_diapers_per_day < wet_min:
            flags["few_wet_diapers"] = (
                f"{inf.wet_diapers_per_day} wet diapers a day at {d_age} days "
                f"(expected at least {wet_min})"
            )
        if t["stools_from_day4"] and 4 <= d_age <= t["stools_until_day"]:
            stools_min = int(t["stools_from_day4"])
            if inf.stools_per_day is not None and inf.stools_per_day < stools_min:
                flags.setdefault(
                    "few_wet_diapers",
                    f"{inf.stools_per_day} dirty diapers a day at {d_age} days "
                    f"(expected at least {stools_min} in the first weeks)",
                )

    # A weight trend in words counts on its own: most parents never hear the grams.
    if inf.weight_trend in (WeightTrend.not_gaining_well, WeightTrend.losing_weight):
        flags["weight_trend_concern"] = "you said the baby is " + (
            "losing weight" if inf.weight_trend is WeightTrend.losing_weight
            else "not gaining well"
        ) + "; the baby should be weighed and a feed watched in the next day or two"
    elif inf.gaining_well is False:  # a professional's word, also without grams
        flags["weight_trend_concern"] = (
            "you said a professional found the baby is not gaining well; the baby should be "
            "weighed and a feed watched in the next day or two"
        )

    t = rf["lethargy_dehydration"].threshold
    signs = []
    if inf.lethargic:
        signs.append("the baby is very sleepy or hard to wake")
    if inf.dehydration_signs:
        signs.append("the baby has signs of dehydration")
    dry = inf.hours_since_last_wet_diaper
    if dry is not None and dry >= t["hours_without_wet_diaper"]:
        signs.append(f"no wet diaper for {dry:g} hours")
    if signs:
        flags["lethargy_dehydration"] = "; ".join(signs)

    return InfantStatus(
        age_days=age,
        weight_age_days=w_age,
        loss_percent=loss,
        wet_expected=wet_min,
        stools_expected=stools_min,
        spaces_dropped=spaces,
        spaces_allowed=allowed,
        first_centile=first,
        last_centile=last,
        flags=flags,
    )
