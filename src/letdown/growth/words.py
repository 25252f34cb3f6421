"""A baby's growth in plain words, for the CLI and the Babies page.

Words first, numbers second: "on about the 40th percentile" before "z -0.25". A
percentile is a comparison with healthy breastfed babies of the same age and sex, not a
grade, so the words never say "good" or "bad"; the trend findings (``letdown.trends``)
say when something needs a professional.
"""

from __future__ import annotations

from letdown.growth.assess import Growth, GrowthPoint
from letdown.growth.who import SOURCE


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def percentile_words(p: float) -> str:
    """A percentile as a parent would say it."""
    if p < 0.1:
        return "below the 0.1st percentile"
    if p > 99.9:
        return "above the 99.9th percentile"
    if p < 1 or p > 99:
        return f"on about the {p:.1f}th percentile"
    return f"on about the {ordinal(round(p))} percentile"


def age_words(days: int) -> str:
    """An age in the unit a parent uses: days, then weeks, then months."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 92:
        weeks, rest = divmod(days, 7)
        return f"{weeks} weeks" + (f" {rest} day{'s' if rest != 1 else ''}" if rest else "")
    return f"{days / 30.4375:.1f} months"


def point_line(p: GrowthPoint) -> str:
    """One weighing in a sentence."""
    what = f"{p.grams} g at birth" if p.is_birth else f"{p.grams} g at {age_words(p.age_days)}"
    if p.z is None or p.percentile is None:
        return f"{p.on:%d %b %Y}: {what} (not on WHO's chart)"
    corrected = (
        f", corrected age {age_words(p.chart_age_days)}"
        if p.chart_age_days is not None and p.chart_age_days != p.age_days else ""
    )
    return (f"{p.on:%d %b %Y}: {what}{corrected}: {percentile_words(p.percentile)} "
            f"(z {p.z:+.2f})")


def describe(g: Growth) -> list[str]:
    """The growth summary, one sentence a line, most useful first."""
    lines: list[str] = []
    born = f"{g.name}, {age_words(g.age_days)} old"
    if g.gestation_weeks is not None:
        born += f", born at {g.gestation_weeks} weeks"
        if g.gestation_days:
            born += f" {g.gestation_days} days"
    if g.corrected_age_days is not None:
        born += f" (corrected age {age_words(g.corrected_age_days)})"
    elif g.preterm and g.age_days >= 730:
        born += " (past 24 months: age no longer corrected)"
    lines.append(born + ".")
    weighed = g.weighed
    if weighed:
        last = weighed[-1]
        assert last.percentile is not None
        lines.append(f"Latest weight {last.grams} g on {last.on:%d %b}: "
                     f"{percentile_words(last.percentile)} for {_sex_word(g)} of that age.")
    elif not g.points:
        lines.append("No weights yet: add one with `letdown weight add`.")
    if g.largest_loss_percent is not None:
        lines.append(f"Lowest early weight: {g.largest_loss_percent:.1f}% below birth weight "
                     f"(on {g.largest_loss_on:%d %b}).")
    if g.birth_weight_g is not None:
        if g.back_to_birth_weight_on is not None:
            days = (g.back_to_birth_weight_on - g.birth_date).days
            lines.append(f"Back to birth weight by day {days} "
                         f"({g.back_to_birth_weight_on:%d %b}).")
        elif any(not p.is_birth for p in g.points):
            lines.append("Not back to birth weight yet in the weights logged.")
    v = g.velocity
    if v is not None:
        said = f"Gaining {v.grams_per_day:.0f} g a day over {v.days} days"
        if v.grams_per_day < 0:
            said = f"Losing {-v.grams_per_day:.0f} g a day over {v.days} days"
        if v.on_centile_grams_per_day is not None:
            said += (f" (about {v.on_centile_grams_per_day:.0f} g a day would keep the "
                     "same percentile)")
        lines.append(said + ".")
    if g.diapers:
        d = g.diapers[-1]
        want = f"at least {d.wet_expected} wet"
        if d.dirty_expected is not None:
            want += f" and {d.dirty_expected} dirty"
        verdict = "enough for the age" if d.enough else f"fewer than expected ({want})"
        lines.append(f"Diapers on {d.on:%d %b} (day {d.age_days}): {d.wet} wet, "
                     f"{d.dirty} dirty: {verdict}.")
    lines.extend(g.notes)
    return lines


def _sex_word(g: Growth) -> str:
    return "girls" if g.sex == "female" else "boys"


def source_line() -> str:
    """Where the percentiles come from."""
    return f"Percentiles: {SOURCE}."
