"""One reason the advisor gives for its level: a rule that fired, with what to say.

Its own module so the escalation rules can live in more than one file without
importing each other in a circle; ``letdown.advisor.escalation.Reason`` still works.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from letdown.evidence.schema import Grade, Level


class Reason(BaseModel):
    """One rule that fired."""

    level: Level
    text: str
    red_flag: str | None = Field(default=None, description="Red-flag id, when one applies.")
    what_to_say: str | None = None
    grade: Grade | None = Field(
        default=None, description="How strong the evidence behind this reason is, when rated."
    )
