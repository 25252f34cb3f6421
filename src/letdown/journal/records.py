"""The journal's domain records: what a parent writes down, validated, with units.

These pydantic models are the one shape every interface (CLI, web app, advisor,
import/export) reads and writes. They do no I/O. Units are in the field names
(``_ml``, ``_g``, ``_s``, ``_mm``, ``_mmhg``, ``_hours``) so a number is never
ambiguous, and every bound is declared on the field so error messages can say
what is allowed.

Times: session start and end must be timezone-aware; they are normalised to UTC
on validation. Interfaces convert to local time only for display.

Let-down events are seconds from the start of the session, per side, so the
first let-down and any later ones can be recorded (``LetDown``).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from letdown.journal.when import clock

#: Largest record id: ids are 32-bit integers on PostgreSQL, so the same everywhere.
MAX_ID = 2**31 - 1
#: A record id (1 to MAX_ID).
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]

#: A record's identity across journals (any journal, any export): None until saved.
RecordUuid = uuid_module.UUID | None


def _uuid_field() -> Any:
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


def _is_stored(info: ValidationInfo) -> bool:
    """True when validating a record read back from storage (see ``service.STORED``)."""
    return isinstance(info.context, dict) and bool(info.context.get("stored"))


def _plausible_date(value: dt.date | None) -> dt.date | None:
    if value is not None and value < EARLIEST:
        raise ValueError(f"is before {EARLIEST.year}; allowed: {EARLIEST.year} or later")
    if value is not None and value > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
        raise ValueError("is in the future; allowed: today or earlier")
    return value


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
        if not _is_stored(info):
            _plausible_date(value)
        return value


class Baby(Record):
    """A baby being fed. A parent may have more than one (twins)."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = _uuid_field()
    name: Name = Field(description="The baby's name or nickname.")
    birth_date: dt.date = Field(description="Date of birth.")
    sex: Sex | None = Field(default=None, description="female or male (for growth charts).")
    birth_weight_g: int | None = Field(
        default=None, ge=300, le=7000, description="Birth weight in grams (300-7000)."
    )

    @field_validator("birth_date")
    @classmethod
    def _birth_not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if not _is_stored(info):
            _plausible_date(value)
        return value


class InfantWeight(Record):
    """A baby's weight on a day, in grams."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = _uuid_field()
    baby_id: RecordId = Field(description="Which baby (see Baby.id).")
    date: dt.date = Field(description="Day the weight was measured.")
    grams: int = Field(ge=300, le=30000, description="Weight in grams (300-30000).")

    @field_validator("date")
    @classmethod
    def _date_not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if not _is_stored(info):
            _plausible_date(value)
        return value


class DiaperCount(Record):
    """How many wet and dirty diapers a baby had on one day (one count per baby per day)."""

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = _uuid_field()
    baby_id: RecordId = Field(description="Which baby (see Baby.id).")
    date: dt.date = Field(description="The day counted.")
    wet: int = Field(ge=0, le=40, description="Wet diapers that day (0-40).")
    dirty: int = Field(ge=0, le=40, description="Dirty diapers that day (0-40).")

    @field_validator("date")
    @classmethod
    def _date_not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        if not _is_stored(info):
            _plausible_date(value)
        return value


class LetDown(Record):
    """One let-down noticed on one side, in seconds from the start of the session."""

    side: Side = Field(description="left or right.")
    at_s: float = Field(ge=0, le=MAX_SESSION.total_seconds(), allow_inf_nan=False,
                        description="Seconds from the session start.")


class Session(Record):
    """One breastfeeding, pumping or hand-expression session.

    Only ``kind``, ``sides``, ``start`` and ``end`` are required; everything else
    is optional, because a tired parent logs what they can. Cross-field rules:
    end after start (at most 6 h), nothing in the future, let-downs inside the
    session and on a side that was used, volumes only for used sides, pump
    settings only for pumping, alcohol hours only with drinks.
    """

    id: RecordId | None = Field(default=None, description="Assigned by the journal.")
    uuid: RecordUuid = _uuid_field()
    baby_id: RecordId | None = Field(
        default=None, description="Which baby was fed (breastfeeding)."
    )
    tandem_baby_id: RecordId | None = Field(
        default=None,
        description="The other twin, fed at the same time (tandem): breastfeed, both sides, "
        "with baby_id set to the first twin.",
    )
    kind: Kind = Field(description="breastfeed, pump or hand_expression.")
    sides: Sides = Field(description="left, right or both.")
    side_mode: SideMode | None = Field(
        default=None, description="With both sides: simultaneous or sequential."
    )
    start: AwareDatetime = Field(description="When the session started (stored in UTC).")
    end: AwareDatetime = Field(description="When the session ended (stored in UTC).")
    letdowns: list[LetDown] = Field(
        default_factory=list, max_length=50,
        description="Let-downs noticed, per side, in seconds from the start.",
    )
    volume_left_ml: float | None = Field(
        default=None, ge=0, le=1000, allow_inf_nan=False, description="Milk from the left, mL."
    )
    volume_right_ml: float | None = Field(
        default=None, ge=0, le=1000, allow_inf_nan=False, description="Milk from the right, mL."
    )
    pump_name: OptionalText = Field(default=None, description="Pump make/model.")
    flange_mm: float | None = Field(
        default=None, ge=10, le=40, allow_inf_nan=False, description="Flange size, mm (10-40)."
    )
    suction_level: OptionalText = Field(
        default=None, description="Suction as set on the pump (e.g. '5' or 'max')."
    )
    suction_mmhg: int | None = Field(
        default=None, ge=0, le=400, description="Suction vacuum in mmHg (0-400)."
    )
    cycle: OptionalText = Field(
        default=None, description="Cycle speed or mode (e.g. '60 cpm', 'expression')."
    )
    pain: int | None = Field(default=None, ge=0, le=10, description="Pain, 0 (none) to 10.")
    stress: int | None = Field(default=None, ge=0, le=10, description="Stress, 0 (none) to 10.")
    context: Place | None = Field(default=None, description="Where: home, work, public or other.")
    felt_cold: bool | None = Field(default=None, description="Felt cold.")
    felt_rushed: bool | None = Field(default=None, description="Felt rushed.")
    felt_self_conscious: bool | None = Field(default=None, description="Felt self-conscious.")
    sleep_hours: float | None = Field(
        default=None, ge=0, le=24, allow_inf_nan=False,
        description="Hours slept in the last 24 h (0-24).",
    )
    alcohol_drinks: float | None = Field(
        default=None, ge=0, le=30, allow_inf_nan=False, description="Standard drinks (0-30)."
    )
    alcohol_hours_before: float | None = Field(
        default=None, ge=0, le=48, allow_inf_nan=False,
        description="Hours between the last drink and the session (0-48).",
    )
    cigarettes_today: int | None = Field(
        default=None, ge=0, le=100, description="Cigarettes smoked today (0-100)."
    )
    medicines: list[Name] = Field(
        default_factory=list, max_length=30, description="Medicines taken, by name."
    )
    techniques: list[Technique] = Field(
        default_factory=list, description="Techniques used (each at most once)."
    )
    notes: Notes = Field(
        default="", description="Free text."
    )

    @field_validator("start", "end")
    @classmethod
    def _to_utc(cls, value: dt.datetime) -> dt.datetime:
        if value.year < EARLIEST.year:
            raise ValueError(f"is before {EARLIEST.year}; allowed: {EARLIEST.year} or later")
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:
            raise ValueError(f"is out of range; allowed: {EARLIEST.year} or later") from None

    @field_validator("techniques")
    @classmethod
    def _unique_techniques(cls, value: list[Technique]) -> list[Technique]:
        return list(dict.fromkeys(value))

    @field_validator("letdowns")
    @classmethod
    def _sorted_letdowns(cls, value: list[LetDown]) -> list[LetDown]:
        return sorted(value, key=lambda e: (e.at_s, e.side.value))

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Session:
        if not _is_stored(info):
            now = dt.datetime.now(dt.UTC)
            if self.start > now + FUTURE_TOLERANCE:
                raise ValueError("start is in the future; allowed: now or earlier")
            if self.end > now + FUTURE_TOLERANCE:
                raise ValueError("end is in the future; allowed: now or earlier")
        if self.end <= self.start:
            raise ValueError("end must be after start")
        length = (self.end - self.start).total_seconds()
        if length > MAX_SESSION.total_seconds():
            raise ValueError("end is more than 6 hours after start; allowed: at most 6 hours")
        used = self.used_sides()
        for event in self.letdowns:
            if event.at_s > length:
                raise ValueError(
                    f"letdowns: {event.side.value} let-down at "
                    f"{clock(event.at_s, round_up=True)} is after the end of the session; "
                    f"allowed: a time from 0:00 to {clock(length)} (the session's length), "
                    "or a later end"
                )
            if event.side not in used:
                raise ValueError(
                    f"letdowns: a {event.side.value} let-down, but sides is {self.sides.value}"
                )
        for side, volume in ((Side.left, self.volume_left_ml), (Side.right, self.volume_right_ml)):
            if volume is not None and side not in used:
                raise ValueError(
                    f"volume_{side.value}_ml given, but sides is {self.sides.value}"
                )
        if self.side_mode is not None and self.sides is not Sides.both:
            raise ValueError("side_mode is only for sides=both")
        if self.kind is not Kind.pump:
            for name in PUMP_FIELDS:
                if getattr(self, name) is not None:
                    raise ValueError(f"{name} is only for kind=pump (kind is {self.kind.value})")
        if self.tandem_baby_id is not None:
            if self.baby_id is None:
                raise ValueError("tandem_baby_id: needs baby_id too (the first twin)")
            if self.tandem_baby_id == self.baby_id:
                raise ValueError("tandem_baby_id: must be a different baby from baby_id")
            if self.kind is not Kind.breastfeed or self.sides is not Sides.both:
                raise ValueError(
                    "tandem_baby_id: only for kind=breastfeed with sides=both "
                    f"(kind is {self.kind.value}, sides is {self.sides.value})"
                )
        if self.alcohol_hours_before is not None and not self.alcohol_drinks:
            raise ValueError("alcohol_hours_before needs alcohol_drinks above 0")
        return self

    def used_sides(self) -> tuple[Side, ...]:
        """The single sides this session used."""
        if self.sides is Sides.both:
            return (Side.left, Side.right)
        return (Side(self.sides.value),)

    @property
    def duration_s(self) -> float:
        """Length of the session in seconds."""
        return (self.end - self.start).total_seconds()

    def first_letdown_s(self, side: Side | None = None) -> float | None:
        """Seconds to the first let-down (on ``side``, or on any side); None if none noticed."""
        times = [e.at_s for e in self.letdowns if side is None or e.side is side]
        return min(times) if times else None

    @property
    def total_volume_ml(self) -> float | None:
        """Left plus right volume in mL, or None when no volume was recorded."""
        parts = [v for v in (self.volume_left_ml, self.volume_right_ml) if v is not None]
        return sum(parts) if parts else None


#: Session fields that only make sense when pumping.
PUMP_FIELDS = ("pump_name", "flange_mm", "suction_level", "suction_mmhg", "cycle")


#: The export format version this letdown writes (it reads 1 to 3).
FORMAT_VERSION: Literal[3] = 3


class JournalData(Record):
    """Everything in a journal, for export, import and backup-by-file."""

    format: Literal["letdown-journal"] = Field(
        default="letdown-journal", description="Identifies the file type."
    )
    version: Literal[1, 2, 3] = Field(
        default=FORMAT_VERSION,
        description="Format version: 2 added tandem_baby_id, 3 added each record's uuid; "
        "versions 1 and 2 are still read, and their records import as new ones "
        "(a newer letdown may write a higher one).",
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
