"""The strict answer types every part of the questionnaire is built from.

Kept apart so the questionnaire's parts (the parent's health has its own module)
share one definition of what a strict yes/no, number or short text is.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AllowInfNan, BaseModel, ConfigDict, Strict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

# Strict answers: `true` is not 1 and "21" is not 21. A questionnaire that guesses
# turns a slip in another tool into a confident answer about a baby; refusing it with
# the field's name is kinder. Numbers must be finite (NaN and Infinity are refused).
Bool = Annotated[bool, Strict()]
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict(), AllowInfNan(False)]


class Part(BaseModel):
    """A part of the questionnaire: unknown keys are refused, never ignored."""

    model_config = ConfigDict(extra="forbid")
