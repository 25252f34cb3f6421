"""The typed catalogue of findings, read from ``findings.toml`` (no other I/O).

Why a data file: the published numbers, their sources and the train/test split are
evidence, reviewed like evidence; keeping them out of code lets a reviewer check each
record against its source, and lets the split be written once and never re-drawn.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Area = Literal["dynamics", "pump", "techniques", "substances", "drugs", "stress", "supply"]
AREAS: tuple[Area, ...] = ("dynamics", "pump", "techniques", "substances", "drugs",
                           "stress", "supply")
Role = Literal["check", "fitted", "structural", "not expressible", "new"]
Expressible = Literal["yes", "partly", "no", "structural"]
Split = Literal["train", "test"]

#: The seed that drew the split, recorded in docs/validation/README.md. Changing it
#: re-draws the test set, which would defeat its purpose once any fitting has been done.
SPLIT_SEED = 20261129
SPLIT_DATE = "2026-11-29"

#: Units a published figure may carry; a new unit is added here on purpose, not by typo.
UNITS = frozenset({
    "count", "count/feed", "count/session", "pulses/10 min", "pulses/20 min", "%", "s",
    "min", "h", "d", "wk", "mL", "g", "mL/feed", "g/feed", "mL/d", "g/d", "mL/h", "g/h",
    "g/wk", "pg/mL", "uU/mL", "mU", "ng/mL", "ug/L", "U/L", "mmol/L", "mmHg",
    "cycles/min", "g/kg", "mg", "ug", "cigarettes/d", "r", "OR", "ratio", "sucks/min",
})

_IDENTIFIER = re.compile(
    r"^(doi:10\.\d{4,9}/\S+"
    r"|pmid:\d{5,9}"
    r"|pmcid:PMC\d{5,9}"
    r"|isbn:\d{9}[\dX]|isbn:\d{13}"
    r"|cite:.+)$"
)
_ID = re.compile(r"^[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*$")


class Finding(BaseModel):
    """One published result, recorded so that a population run can reproduce it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    area: Area
    finding: str = Field(min_length=3)
    measured: str = Field(min_length=3)
    population: str = Field(min_length=3)
    n: int | None = Field(default=None, ge=1)
    stage: str = Field(min_length=2)
    protocol: str = Field(min_length=3)
    published: str = Field(min_length=2)
    units: tuple[str, ...] = ()
    statistic: str = Field(min_length=2)
    source: str = Field(min_length=3)
    year: int | None = Field(default=None, ge=1900, le=2030)
    identifiers: tuple[str, ...] = Field(min_length=1)
    read_at: str = Field(min_length=3)
    url: str
    animal: bool = False
    quantitative: bool = True
    second_hand: bool = False
    expressible: Expressible
    missing_input: str = ""
    role: Role = "new"
    tolerance: str = ""
    reason: str = ""
    split: Split | None = None

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"finding id {v!r}: use capitals, digits, '-' or '/'")
        return v

    @field_validator("units")
    @classmethod
    def _known_units(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [u for u in v if u not in UNITS]
        if unknown:
            raise ValueError(f"unknown unit(s) {unknown}; allowed: {sorted(UNITS)}")
        return v

    @field_validator("identifiers")
    @classmethod
    def _identifier_form(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [i for i in v if not _IDENTIFIER.match(i)]
        if bad:
            raise ValueError(f"identifier(s) {bad}: use doi:, pmid:, pmcid:, isbn: or cite:")
        return v

    @field_validator("url")
    @classmethod
    def _url_form(cls, v: str) -> str:
        if not (v.startswith(("http://", "https://")) or v == "shared/reference/calibration.md"):
            raise ValueError(f"url {v!r}: give the http(s) page read, or the reference file")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Finding:
        if self.quantitative and not self.units:
            raise ValueError(f"{self.id}: a quantitative finding names the units of its figures")
        if self.expressible != "yes" and not (self.missing_input or self.reason):
            raise ValueError(f"{self.id}: say which input or output the model is missing")
        return self

    @property
    def has_doi_or_pmid(self) -> bool:
        return any(i.startswith(("doi:", "pmid:", "pmcid:")) for i in self.identifiers)


@cache
def all_findings() -> tuple[Finding, ...]:
    """Every finding in catalogue order. Validation and reports only; fitting must not
    call this (use :func:`training_findings`)."""
    text = resources.files(__package__).joinpath("findings.toml").read_text("utf-8")
    return parse(text)


def parse(text: str) -> tuple[Finding, ...]:
    """Parse catalogue text; duplicate ids are an error."""
    raw = tomllib.loads(text).get("finding", [])
    out = tuple(Finding.model_validate(r) for r in raw)
    seen: set[str] = set()
    for f in out:
        if f.id in seen:
            raise ValueError(f"duplicate finding id {f.id!r}")
        seen.add(f.id)
    return out


def by_id(fid: str) -> Finding:
    for f in all_findings():
        if f.id == fid:
            return f
    raise KeyError(f"no finding {fid!r} in the catalogue")


def training_findings() -> tuple[Finding, ...]:
    """The only accessor fitting code may use: findings assigned to ``train``."""
    return tuple(f for f in all_findings() if f.split == "train")


def held_out_findings() -> tuple[Finding, ...]:
    """The test split: for the validation report only, never for fitting."""
    return tuple(f for f in all_findings() if f.split == "test")
