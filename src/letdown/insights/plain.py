"""The insights as JSON-ready data: what ``letdown insights --json`` prints and the API returns.

Log effects, their 95% interval and the probability of helping are rounded to 4
places; ``change`` is seconds (time) or mL (volume) in a typical session.
"""

from __future__ import annotations

from typing import Any

from letdown.insights.effects import Insights
from letdown.insights.words import line


def as_plain(found: Insights) -> dict[str, Any]:
    """The insights as JSON-ready data (also what the API returns)."""
    out = []
    for effect in found.effects:
        if effect.sessions_with == 0:
            continue
        item: dict[str, Any] = {
            "key": effect.factor.key, "label": effect.factor.label,
            "group": effect.factor.group, "compared_with": effect.factor.reference,
            "sessions_with": effect.sessions_with,
            "sessions_without": effect.sessions_without, "status": effect.status,
            "prior": effect.factor.prior.words(), "words": line(effect).text,
            "verdict": line(effect).verdict, "notes": list(effect.notes),
        }
        for name in ("time", "volume"):
            est = getattr(effect, name)
            item[name] = None if est is None else {
                "log_effect": round(est.mean, 4), "sd": round(est.sd, 4),
                "low": round(est.low, 4), "high": round(est.high, 4),
                "p_helps": round(est.p_better, 4), "change": round(est.change(), 1),
                "unit": "s" if name == "time" else "mL", "sessions": est.sessions,
            }
        out.append(item)
    return {"sessions": found.sessions, "letdowns_noticed": found.letdowns_noticed,
            "with_volume": found.with_volume, "factors": out}
