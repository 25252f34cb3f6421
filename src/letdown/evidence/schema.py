"""The shape of every evidence entry, so a reviewer can trust that nothing is unsourced.

Each entry in the data files is validated against these models when loaded: a
missing citation, an unknown evidence grade or a dangling cross-reference stops
the load with a message naming the entry, instead of reaching a parent.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=60)]
Text = Annotated[str, Field(min_length=10)]


class Grade(StrEnum):
    """How much weight the evidence behind an entry can bear (strongest first)."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    EXPERT_OPINION = "expert_opinion"

    @property
    def weight(self) -> float:
        """A multiplier for ranking: better-supported advice comes first."""
        return {"strong": 1.0, "moderate": 0.85, "weak": 0.65, "expert_opinion": 0.55}[self.value]

    @property
    def label(self) -> str:
        return {
            "strong": "strong evidence",
            "moderate": "moderate evidence",
            "weak": "weak evidence",
            "expert_opinion": "expert opinion",
        }[self.value]


class Effort(StrEnum):
    """How much a technique asks of a tired parent."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def cost(self) -> float:
        return {"low": 1.0, "medium": 1.5, "high": 2.2}[self.value]


class Level(StrEnum):
    """Escalation levels, least to most serious. Compare with ``rank``."""

    SELF_CARE = "self_care"
    IBCLC = "ibclc"
    PROVIDER = "provider"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)

    @property
    def label(self) -> str:
        return {
            "self_care": "self-care",
            "ibclc": "see a lactation consultant (IBCLC)",
            "provider": "see a doctor or midwife soon",
            "urgent": "urgent: contact a doctor today",
        }[self.value]


_LEVEL_ORDER = [Level.SELF_CARE, Level.IBCLC, Level.PROVIDER, Level.URGENT]


def max_level(*levels: Level) -> Level:
    """The most serious of the given levels (self-care when none)."""
    return max(levels, key=lambda lv: lv.rank, default=Level.SELF_CARE)


class Citation(BaseModel):
    """A source someone can look up: authors, title, where and when, and an identifier."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    authors: Annotated[str, Field(min_length=2)]
    title: Annotated[str, Field(min_length=5)]
    journal: Annotated[str, Field(min_length=2, description="Journal, publisher or issuing body.")]
    year: Annotated[int, Field(ge=1900, le=2100)]
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{5,9}$")
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    note: str | None = Field(default=None, description="What this source shows, in brief.")
    checked: bool = Field(
        default=False,
        description=(
            "True when authors, title, year and identifier were checked against an indexed "
            "copy of the source; false entries still need a reviewer's check."
        ),
    )

    @model_validator(mode="after")
    def _findable(self) -> Citation:
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a citation needs a doi, pmid or url so a reader can find it")
        return self

    def short(self) -> str:
        """``First author et al., Journal year`` for compact display."""
        first = self.authors.split(",")[0].strip()
        many = "," in self.authors
        return f"{first}{' et al.' if many else ''}, {self.journal} {self.year}"

    def locator(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        assert self.url is not None
        return self.url


class Entry(BaseModel):
    """What every evidence entry has: a plain explanation, a mechanism, a grade, sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    title: Annotated[str, Field(min_length=3)]
    explanation: Text
    mechanism: Text
    grade: Grade
    citations: Annotated[list[Citation], Field(min_length=1)]


class Cause(Entry):
    """Something that can delay or block the let-down, or lower supply."""

    kind: Literal[
        "psychological", "physical", "pump", "routine", "lifestyle", "substance", "medical"
    ]
    myth: str | None = Field(
        default=None,
        description="A popular belief about this cause that the evidence does not support.",
    )


class Technique(Entry):
    """Something a parent can try, which causes it answers and what it costs them."""

    effort: Effort
    how: Annotated[list[Annotated[str, Field(min_length=5)]], Field(min_length=1)]
    addresses: Annotated[list[Id], Field(min_length=1)]
    applies_to: Literal["any", "pump", "breast"] = "any"
    caution: str | None = None


class RedFlag(Entry):
    """A sign that needs a professional, with the numeric threshold that triggers it."""

    level: Level
    threshold: dict[str, float] = Field(
        default_factory=dict,
        description="Named numbers the advisor compares against (units in the key name).",
    )
    what_to_say: Text

    @model_validator(mode="after")
    def _escalates(self) -> RedFlag:
        if self.level.rank < Level.PROVIDER.rank:
            raise ValueError("a red flag must escalate to at least 'provider'")
        return self


class Substance(Entry):
    """A drug or habit with a known effect on let-down or supply."""

    effect: Text
    what_to_do: Text
    causes: list[Id] = Field(description="Cause ids this substance acts through.")
    reassure: bool = Field(
        default=False,
        description="A medicine parents wrongly fear: never a cause, said to be compatible.",
    )

    @model_validator(mode="after")
    def _safe_advice(self) -> Substance:
        text = self.what_to_do.lower()
        if "pharmacist or doctor" not in text:
            raise ValueError("what_to_do must tell the reader to check with a pharmacist or doctor")
        # A medicine we reassure about must never be listed as a cause, and every other
        # substance must name the cause it acts through.
        if self.reassure and self.causes:
            raise ValueError("a reassuring substance cannot point to a cause")
        if not self.reassure and not self.causes:
            raise ValueError("a substance needs at least one cause it acts through")
        return self


class Evidence(BaseModel):
    """The whole knowledge base, with its cross-references checked."""

    model_config = ConfigDict(frozen=True)

    causes: dict[str, Cause]
    techniques: dict[str, Technique]
    red_flags: dict[str, RedFlag]
    substances: dict[str, Substance]

    @model_validator(mode="after")
    def _references_resolve(self) -> Evidence:
        for table in (self.causes, self.techniques, self.red_flags, self.substances):
            for key, entry in table.items():
                if key != entry.id:
                    raise ValueError(f"entry {entry.id!r} is filed under {key!r}")
        for tech in self.techniques.values():
            for cause_id in tech.addresses:
                if cause_id not in self.causes:
                    raise ValueError(f"technique {tech.id!r} addresses unknown cause {cause_id!r}")
        for sub in self.substances.values():
            for cause_id in sub.causes:
                if cause_id not in self.causes:
                    raise ValueError(f"substance {sub.id!r} points to unknown cause {cause_id!r}")
        return self

    def techniques_for(self, cause_id: str) -> list[Technique]:
        return [t for t in self.techniques.values() if cause_id in t.addresses]
