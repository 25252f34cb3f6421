"""A breastfeeding, pumping or hand-expression session, and the let-downs noticed in it.

Times: start and end must be timezone-aware; they are normalised to UTC on validation.
Interfaces convert to local time only for display. Let-down events are seconds from the
start of the session, per side, so the first let-down and any later ones can be recorded.
"""

from __future__ import annotations

import datetime as dt

from pydantic import (
    AwareDatetime,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from letdown.journal.fields import (
    EARLIEST,
    FUTURE_TOLERANCE,
    MAX_SESSION,
    Kind,
    Name,
    Notes,
    OptionalText,
    Place,
    Record,
    RecordId,
    RecordUuid,
    Side,
    SideMode,
    Sides,
    Technique,
    is_stored,
    uuid_field,
)
from letdown.journal.when import clock


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
    uuid: RecordUuid = uuid_field()
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
        if not is_stored(info):
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

