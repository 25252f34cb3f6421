"""The building blocks of the journal's records: ids, bounded text, enums, the base record.

Split from ``records`` so each module holds one kind of thing: the shared field types
and checks here, the session in ``session_record``, the family records and the export
shape in ``records`` (which re-exports everything, so ``letdown.journal.records.Kind``
still works). No I/O.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)

#: Largest record id: ids are 32-bit integers on PostgreSQL, so the same everywhere.
MAX_ID = 2**31 - 1
#: A record id (1 to MAX_ID).
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]

#: A record's identity across journals (any journal, any export): None until saved.
RecordUuid = uuid_module.UUID | None


def uuid_field() -> Any:
    return Field(
        default=None,
        description="Identifies the record in every journal and export; assigned by the "
        "journal. Import skips a record whose uuid is already there.",
    )

#: How far in the future a time may be before it is rejected (clock skew between devices).
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
#: Earliest date or time the journal accepts (older ones are typing mistakes).
EARLIEST = dt.date(1900, 1, 1)
#: Longest plausible session; anything longer is almost surely a missing end time.
MAX_SESSION = dt.timedelta(hours=6)


def _no_control_characters(value: str) -> str:
    """Refuse control characters (other than line breaks and tab): they break files and screens."""
    bad = [c for c in value if (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0]
    if bad:
        raise ValueError(f"contains a control character ({bad[0]!r}); allowed: printable text")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\t" in value:
        raise ValueError("must be a single line; allowed: text without line breaks or tabs")
    return value


def _blank_to_none(value: Any) -> Any:
    """Optional text: an empty or blank value means "not given"."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_no_control_characters),
    AfterValidator(_single_line),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_no_control_characters),
    AfterValidator(_single_line),
]
#: Optional one-line text: blank means "not given" (None), so files round-trip exactly.
OptionalText = Annotated[ShortText | None, BeforeValidator(_blank_to_none)]
Notes = Annotated[
    str, StringConstraints(max_length=5000), AfterValidator(_no_control_characters)
]


class Kind(StrEnum):
    """How milk was removed."""

    breastfeed = "breastfeed"
    pump = "pump"
    hand_expression = "hand_expression"


class Sides(StrEnum):
    """Which breasts were used in the session."""

    left = "left"
    right = "right"
    both = "both"


class Side(StrEnum):
    """One breast (for let-down events and volumes)."""

    left = "left"
    right = "right"


class SideMode(StrEnum):
    """With both sides: at the same time, or one after the other."""

    simultaneous = "simultaneous"
    sequential = "sequential"


class Place(StrEnum):
    """Where the session happened (context matters for the reflex)."""

    home = "home"
    work = "work"
    public = "public"
    other = "other"


class Technique(StrEnum):
    """Techniques a parent can use to help the let-down (a fixed list, for comparison)."""

    warm_compress = "warm_compress"
    massage = "massage"
    breast_compression = "breast_compression"
    slow_breathing = "slow_breathing"
    music = "music"
    guided_imagery = "guided_imagery"
    baby_photo_video = "baby_photo_video"
    baby_sounds = "baby_sounds"
    baby_scent = "baby_scent"
    skin_to_skin = "skin_to_skin"
    comfortable_seat = "comfortable_seat"
    other = "other"


class Sex(StrEnum):
    """A baby's sex, as recorded at birth (used for WHO growth charts)."""

    female = "female"
    male = "male"


class Record(BaseModel):
    """Base for all records: unknown fields are an error, values are re-validated on change."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


def is_stored(info: ValidationInfo) -> bool:
    """True when validating a record read back from storage (see ``service.STORED``)."""
    return isinstance(info.context, dict) and bool(info.context.get("stored"))


def plausible_date(value: dt.date | None) -> dt.date | None:
    if value is not None and value < EARLIEST:
        raise ValueError(f"is before {EARLIEST.year}; allowed: {EARLIEST.year} or later")
    if value is not None and value > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
        raise ValueError("is in the future; allowed: today or earlier")
    return value

