"""One catalogue of published findings the reflex model is judged against.

Every finding, old or new, lives in ``findings.toml`` next to this file, with its
citation, identifier, the exact figures as read and where they were read. The
catalogue is split once, at random with a recorded seed, into a training part and a
held-out test part *before* any parameter is fitted; fitting code must take its
findings from :func:`training_findings` only, so the test part stays unseen.
"""

from __future__ import annotations

from letdown.reflex.findings.catalogue import (
    AREAS,
    SPLIT_SEED,
    Finding,
    all_findings,
    by_id,
    held_out_findings,
    training_findings,
)

__all__ = [
    "AREAS",
    "SPLIT_SEED",
    "Finding",
    "all_findings",
    "by_id",
    "held_out_findings",
    "training_findings",
]
