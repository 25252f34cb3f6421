"""The plain sentences a tired parent reads first; the numbers come after.

"Warm compress: about 40 s faster for you (fairly sure, 14 sessions with, 22 without)."
"Not enough sessions yet to tell about pumping at work."

How sure, from the probability ``p`` that the factor helps (or, for the opposite
direction, hinders): 0.99 or more "sure", 0.95 "fairly sure", 0.8 "a hint, not sure yet",
below that "can't tell yet". A factor is said to *help* only at 0.95 or more; the tests
check this calls a factor with no real effect "helps" in at most 1 journal in 10.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from letdown.insights.effects import Estimate, FactorEffect, Insights

#: Probability thresholds for the words used.
SURE = 0.99
FAIRLY_SURE = 0.95
HINT = 0.8
#: An interval inside this many percent either way is "little difference".
LITTLE = 0.10

Verdict = Literal["helps", "hinders", "little difference", "unclear", "not enough", "together"]


@dataclass(frozen=True)
class Line:
    """One factor in words, with the verdict used to order and colour it."""

    key: str
    verdict: Verdict
    text: str
    notes: tuple[str, ...]
    certainty: float  # 0.5 (no idea) to 1 (sure), for ordering


def sureness(p: float) -> str:
    q = max(p, 1.0 - p)
    if q >= SURE:
        return "sure"
    if q >= FAIRLY_SURE:
        return "fairly sure"
    if q >= HINT:
        return "a hint, not sure yet"
    return "can't tell yet"


def verdict(estimate: Estimate) -> Verdict:
    if estimate.p_better >= FAIRLY_SURE:
        return "helps"
    if estimate.p_better <= 1.0 - FAIRLY_SURE:
        return "hinders"
    if math.exp(estimate.high) - 1 < LITTLE and 1 - math.exp(estimate.low) < LITTLE:
        return "little difference"
    return "unclear"


def seconds(value: float) -> str:
    value = abs(value)
    if value < 90:
        return f"{round(value / 5) * 5:.0f} s" if value >= 10 else f"{value:.0f} s"
    return f"{value / 60:.1f} min".replace(".0 min", " min")


def percent(log_effect: float) -> str:
    return f"{abs(math.exp(log_effect) - 1) * 100:.0f}%"


def time_words(estimate: Estimate) -> str:
    """'about 40 s faster' / 'about 25% slower' / 'no clear difference'."""
    change = estimate.change()
    direction = "faster" if change < 0 else "slower"
    if abs(change) < 3:
        return "about the same time"
    return f"about {seconds(change)} {direction}"


def volume_words(estimate: Estimate) -> str:
    change = estimate.change()
    if abs(change) < 1:
        return "about the same milk"
    return f"about {abs(change):.0f} mL {'more' if change > 0 else 'less'} milk"


def interval_words(estimate: Estimate) -> str:
    """The 95% interval as time changes: 'between 10% faster and 20% slower'."""
    def end(value: float) -> str:
        word = ("faster" if value < 0 else "slower") if estimate.outcome == "time" else (
            "more" if value > 0 else "less")
        return f"{percent(value)} {word}"

    return f"between {end(estimate.low)} and {end(estimate.high)}"


def line(effect: FactorEffect) -> Line:
    """One factor in words."""
    label = effect.factor.label
    versus = f" (compared with {effect.factor.reference})" if effect.factor.reference else ""
    if effect.status == "together":
        return Line(effect.factor.key, "together",
                    f"{label}: always together with {(effect.together_with or '').lower()}, "
                    "so letdown cannot tell which one matters.", (), 0.5)
    if effect.status == "too_few" or effect.time is None:
        return Line(effect.factor.key, "not enough",
                    f"Not enough sessions yet to tell about {effect.factor.named}{versus} "
                    f"({effect.sessions_with} with, {effect.sessions_without} without; "
                    "3 of each are needed).", (), 0.5)
    estimate = effect.time
    said = verdict(estimate)
    how = sureness(estimate.p_better)
    counts = f"{effect.sessions_with} sessions with, {effect.sessions_without} without"
    if said in ("helps", "hinders"):
        main = f"{time_words(estimate)} for you ({how}, {counts})"
    elif said == "little difference":
        main = f"makes little difference for you (fairly sure, {counts})"
    else:
        main = f"{time_words(estimate)}, but {how} ({counts})"
    text = f"{label}{versus}: {main}."
    if effect.volume is not None and sureness(effect.volume.p_better) != "can't tell yet":
        text += (f" Milk: {volume_words(effect.volume)} "
                 f"({sureness(effect.volume.p_better)}).")
    return Line(effect.factor.key, said, text, effect.notes,
                max(estimate.p_better, 1 - estimate.p_better))


ORDER: dict[Verdict, int] = {"helps": 0, "hinders": 1, "little difference": 2, "unclear": 3,
                             "together": 4, "not enough": 5}


def lines(insights: Insights) -> list[Line]:
    """Every factor in words: what helps first (surest first), then what slows, then the
    unclear, then what needs more sessions. Factors never recorded are left out."""
    out = [line(e) for e in insights.effects if e.sessions_with > 0]
    return sorted(out, key=lambda item: (ORDER[item.verdict], -item.certainty))


def summary(insights: Insights) -> str:
    """One sentence on what the answers rest on."""
    if insights.sessions == 0:
        return "No sessions recorded yet: log a few and this page fills in."
    return (f"From {insights.sessions} sessions ({insights.letdowns_noticed} with a let-down "
            f"noticed, the others counted as 'not by the end' rather than dropped; "
            f"{insights.with_volume} with a volume). These are your own sessions compared with "
            "each other, not a diagnosis: many things change at once, so treat each line as a "
            "lead to test, not a proof.")
