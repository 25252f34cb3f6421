"""The prolactin axis over days: how the day's prolactin drive permits milk synthesis.

Why its own module: the supply model (``supply``) asks one question of prolactin each day
(how much of the reference synthesis rate does today's drive allow?); the drive comes from
basal secretion, the suckling surges each session brings, and drugs (``drugs``). Keeping
it here lets the prolactin physiology (stage of lactation, who is prolactin-limited) change
without touching the day-scale bookkeeping.

Prolactin is permissive (Cox, Owens & Hartmann 1996, COX96-PRL: no relation between plasma
prolactin and short-term synthesis): its factor saturates, so more prolactin helps a
little, much less prolactin (a dopamine agonist) lowers supply a lot. Suckling surges
maintain the drive, so fewer sessions lower it (``prolactin_surge_share``).
"""

from __future__ import annotations

from letdown.reflex.params import Param

PROLACTIN_PARAMS: dict[str, Param] = {
    "prolactin_half_drive": Param(
        0.5, "x reference drive",
        "COX96-PRL (prolactin is permissive: no link to short-term synthesis); assumed "
        "saturation", "assumed",
    ),
    "prolactin_surge_share": Param(
        1.0, "x basal",
        "C15 (suckling raises prolactin 6-8.5x for about an hour): at 8 sessions a day the "
        "surges add about as much as the basal level; Cox 1996", "weak",
    ),
}


def _p(name: str) -> float:
    return PROLACTIN_PARAMS[name].value


def prolactin_drive(drug: float, sessions: int) -> float:
    """The day's prolactin drive relative to the reference day (8 sessions, no drug):
    basal secretion plus the surges each session brings, times the drugs' effect."""
    s = _p("prolactin_surge_share")
    return drug * (1.0 + s * min(sessions, 12) / 8.0) / (1.0 + s)


def prolactin_factor(drug: float, sessions: int) -> float:
    """Permissive prolactin: saturating in the drive (basal plus suckling surges)."""
    drive = prolactin_drive(drug, sessions)
    k = _p("prolactin_half_drive")
    return drive / (drive + k) * (1.0 + k)
