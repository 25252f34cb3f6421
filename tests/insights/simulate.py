"""A plain generative model of a parent's journal, with effects we choose.

Time to the first let-down is log-normal around ``base_s`` (spread ``sigma``); each
factor multiplies it by ``exp(effect)``. A session ends after a random length; a let-down
that would come after the end is not noticed (right-censored), as in life. Volume is
log-normal too, with its own effects.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Mapping

from letdown.journal.records import Session

START = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


def journal(
    seed: int,
    n: int,
    time_effects: Mapping[str, float] | None = None,
    volume_effects: Mapping[str, float] | None = None,
    *,
    base_s: float = 120.0,
    sigma: float = 0.5,
    base_ml: float = 60.0,
    use: float = 0.4,
) -> list[Session]:
    """``n`` pump sessions; each technique in the effects is used with probability ``use``,
    plus warm compress / music / massage used at random with no effect (noise)."""
    rng = random.Random(seed)
    time_effects = dict(time_effects or {})
    volume_effects = dict(volume_effects or {})
    pool = sorted({*time_effects, *volume_effects, "music", "massage"})
    out = []
    for i in range(n):
        start = START + dt.timedelta(hours=3 * i)
        used = [t for t in pool if rng.random() < use]
        stressed = rng.random() < 0.3
        log_t = math.log(base_s) + sigma * rng.gauss(0, 1)
        log_v = math.log(base_ml) + 0.3 * rng.gauss(0, 1)
        for t in used:
            log_t += time_effects.get(t, 0.0)
            log_v += volume_effects.get(t, 0.0)
        if stressed:
            log_t += time_effects.get("stress", 0.0)
        minutes = rng.uniform(6, 25)
        at = math.exp(log_t)
        letdowns = [{"side": "left", "at_s": round(at, 1)}] if at < minutes * 60 else []
        out.append(Session.model_validate({
            "kind": "pump", "sides": "left", "start": start,
            "end": start + dt.timedelta(minutes=minutes), "letdowns": letdowns,
            "volume_left_ml": round(min(math.exp(log_v), 999.0), 1),
            "techniques": [t for t in used if t != "stress"],
            "stress": 7 if stressed else 2,
        }))
    return out
