"""The insights as JSON-ready data: what ``letdown insights --json`` prints and the API returns.

Log effects, their 95% interval and the probability of helping are rounded to 4
places; ``change`` is seconds (time) or mL (volume) in a typical session.
"""

from __future__ import annotations

from typing import Any

from letdown.insights.effects import Insights
from letdown.insights.experiment_words import finding, next_session, verdict
from letdown.insights.experiments import Analysis
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


def experiment_plain(found: Analysis) -> dict[str, Any]:
    """An experiment's analysis as JSON-ready data (``letdown experiment status --json``
    and the API)."""

    exp = found.experiment
    return {
        "id": exp.id, "target": exp.target, "label": exp.label, "planned": exp.planned,
        "block": exp.block, "seed": exp.seed, "plan": exp.plan,
        "started": exp.started.isoformat(),
        "stopped": None if exp.stopped is None else exp.stopped.isoformat(),
        "state": found.state, "done": found.done, "next_on": found.next_on,
        "against_plan": found.against_plan, "broken": found.broken,
        "p_helps": found.p_helps, "log_effect": found.log_effect, "low": found.low,
        "high": found.high, "seconds": found.seconds, "advice": found.advice,
        "next": next_session(found), "finding": finding(found), "verdict": verdict(found),
        "sessions": list(found.session_ids),
    }
