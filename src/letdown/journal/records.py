"""The journal's domain records: what a parent writes down, validated, with units.

These pydantic models are the one shape every interface (CLI, web app, advisor,
import/export) reads and writes. They do no I/O. Units are in the field names
(``_ml``, ``_g``, ``_s``, ``_mm``, ``_mmhg``, ``_hours``) so a number is never
ambiguous, and every bound is declared on the field so error messages can say
what is allowed.

This module holds the family records (parent, babies, weights, diaper counts) and the
export shape; the shared field types are in ``fields`` and the session in
``session_record``, both re-exported here so every interface imports one module.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from letdown.journal.fields import (
    EARLIEST,
    FUTURE_TOLERANCE,
    MAX_ID,
    MAX_SESSION,
    Kind,
    Name,
    Notes,
    OptionalText,
    Place,
    Record,
    RecordId,
    RecordUuid,
    Sex,
    ShortText,
    Side,
    SideMode,
    Sides,
    Technique,
    is_stored,
    plausible_date,
    uuid_field,
)
from letdown.journal.session_record import PUMP_FIELDS, LetDown, Session

__all__ = [
    "EARLIEST", "FORMAT_VERSION", "FUTURE_TOLERANCE", "MAX_ID", "MAX_SESSION", "PUMP_FIELDS",
    "Baby", "DiaperCount", "InfantWeight", "JournalData", "Kind", "LetDown", "Name", "Notes",
    "OptionalText", "ParentProfile", "Place", "Record", "RecordId", "RecordUuid", "Session",
    "Sex", "ShortText", "Side", "SideMode", "Sides", "Technique", "allowed", "as_plain",
    "describe_errors", "record_fields",
]


class ParentProfile(Record):
    """The parent, by pseudonym only: no real name is needed or stored."""

    pseudonym: Name = Field(description="What to call you (any name or nickname).")
    delivery_date: dt.date | None = Field(default=None, description="Date the baby was born.")
    first_baby: bool | None = Field(default=None, description="True if this is your first baby.")
    conditions: list[Name] = Field(
        default_factory=list,
        max_length=30,
        description="Relevant conditions (e.g. 'PCOS', 'breast surgery', 'thyroid').",
    )
    regular_medicines: list[Name] = Field(
        default_factory=list, max_length=30, description="Medicines taken regularly, by name."
    )

    @field_validator("delivery_date")
    @classmethod
    def _delivery_not_future(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if not is_stored(info):
            plausible_date(value)
        return value


class Baby(Record):
    """A baby being fed. A parent may have more than one (twins)."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = uuid_field()
    name: Name = Field(description="The baby's name or nickname.")
    birth_date: dt.date = Field(description="Date of birth.")
    sex: Sex | None = Field(default=None, description="female or male (for growth charts).")
    birth_weight_g: int | None = Field(
        default=None, ge=300, le=7000, description="Birth weight in grams (300-7000)."
    )
    gestation_weeks: int | None = Field(
        default=None, ge=22, le=44,
        description="Weeks of pregnancy at birth (22-44); under 37 means born early, and "
        "growth is then charted by corrected age.",
    )
    gestation_days: int | None = Field(
        default=None, ge=0, le=6,
        description="Extra days beyond the weeks (0-6), e.g. 34 weeks and 5 days.",
    )

    @field_validator("birth_date")
    @classmethod
    def _birth_not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if not is_stored(info):
            plausible_date(value)
        return value

    @model_validator(mode="after")
    def _days_need_weeks(self) -> Baby:
        if self.gestation_days is not None and self.gestation_weeks is None:
            raise ValueError(
                "gestation_days needs gestation_weeks: give the weeks too (22-44), "
                "e.g. 34 weeks and 5 days"
            )
        if self.gestation_weeks == 44 and (self.gestation_days or 0) > 0:
            raise ValueError("gestation is at most 44 weeks and 0 days")
        return self


class InfantWeight(Record):
    """A baby's weight on a day, in grams."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = uuid_field()
    baby_id: RecordId = Field(description="Which baby (see Baby.id).")
    date: dt.date = Field(description="Day the weight was measured.")
    grams: int = Field(ge=300, le=30000, description="Weight in grams (300-30000).")

    @field_validator("date")
    @classmethod
    def _date_not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if not is_stored(info):
            plausible_date(value)
        return value


class DiaperCount(Record):
    """How many wet and dirty diapers a baby had on one day (one count per baby per day)."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = uuid_field()
    baby_id: RecordId = Field(description="Which baby (see Baby.id).")
    date: dt.date = Field(description="The day counted.")
    wet: int = Field(ge=0, le=40, description="Wet diapers that day (0-40).")
    dirty: int = Field(ge=0, le=40, description="Dirty diapers that day (0-40).")

    @field_validator("date")
    @classmethod
    def _date_not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if not is_stored(info):
            plausible_date(value)
        return value



#: The export format version this letdown writes (it reads 1 to 4).
FORMAT_VERSION: Literal[4] = 4


class JournalData(Record):
    """Everything in a journal, for export, import and backup-by-file."""

    format: Literal["letdown-journal"] = Field(
        default="letdown-journal", description="Identifies the file type."
    )
    version: Literal[1, 2, 3, 4] = Field(
        default=FORMAT_VERSION,
        description="Format version: 2 added tandem_baby_id, 3 added each record's uuid, "
        "4 a baby's gestation_weeks and gestation_days; older versions are still read "
        "(versions 1 and 2 import their records as new ones; a newer letdown may write a "
        "higher one).",
    )
    profile: ParentProfile | None = None
    babies: list[Baby] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    weights: list[InfantWeight] = Field(default_factory=list)
    diapers: list[DiaperCount] = Field(default_factory=list)


def allowed(model: type[BaseModel], field: str) -> str | None:
    """Say what values ``model.field`` allows, from its declared bounds or enum."""
    info = model.model_fields.get(field)
    if info is None:
        return None
    low = high = None
    for meta in info.metadata:
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    if low is not None:
        return f"{low:g} or more"
    annotation = info.annotation
    for candidate in getattr(annotation, "__args__", (annotation,)):
        inner = getattr(candidate, "__args__", (candidate,))
        for enum_type in (candidate, *inner):
            if isinstance(enum_type, type) and issubclass(enum_type, StrEnum):
                return ", ".join(m.value for m in enum_type)
    return None


def describe_errors(error: ValidationError, model: type[BaseModel] | None = None) -> list[str]:
    """Turn a pydantic error into plain lines: ``field: problem (allowed: ...)``.

    Interfaces show these to the user; each line names the field and what is allowed.
    """
    lines = []
    for item in error.errors():
        loc = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        hint = None
        if model is not None and item["loc"] and isinstance(item["loc"][0], str):
            hint = allowed(model, item["loc"][0])
        text = f"{loc}: {message}" if loc else message
        if hint and "allowed" not in message and item["type"] not in {"missing", "enum"}:
            text += f" (allowed: {hint})"
        lines.append(text)
    return lines


def record_fields(model: type[BaseModel]) -> list[str]:
    """Field names of a record, in declaration order (for tables and CSV columns)."""
    return list(model.model_fields)


def as_plain(record: BaseModel) -> dict[str, Any]:
    """A JSON-ready dict of a record (enums as strings, times as ISO 8601)."""
    return record.model_dump(mode="json")
