"""The knowledge base: causes, techniques, red flags and substances, each graded and cited."""

from letdown.evidence.loader import EvidenceError, load_evidence
from letdown.evidence.schema import (
    Cause,
    Citation,
    Effort,
    Evidence,
    Grade,
    Level,
    RedFlag,
    Substance,
    Technique,
    max_level,
)

__all__ = [
    "Cause",
    "Citation",
    "Effort",
    "Evidence",
    "EvidenceError",
    "Grade",
    "Level",
    "RedFlag",
    "Substance",
    "Technique",
    "load_evidence",
    "max_level",
]
