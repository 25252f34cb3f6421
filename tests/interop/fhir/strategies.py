"""Journals for the FHIR property tests: the shared ones, with babies' gestation too."""

from __future__ import annotations

from hypothesis import strategies as st

from interop.strategies import journals as plain_journals
from letdown.journal.records import JournalData


@st.composite
def journals(draw: st.DrawFn) -> JournalData:
    """A valid journal (see ``interop.strategies``) whose babies may have a gestation."""
    data = draw(plain_journals())
    babies = []
    for baby in data.babies:
        weeks = draw(st.none() | st.integers(22, 44))
        days = None if weeks is None or weeks == 44 else draw(st.none() | st.integers(0, 6))
        babies.append(baby.model_copy(update={"gestation_weeks": weeks, "gestation_days": days}))
    return data.model_copy(update={"babies": babies})
