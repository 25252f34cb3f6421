"""A schedule over days: which sessions, when, for how long, with which drugs.

Like a scenario (``scenario``), a schedule is validated strictly: an unknown key, a time
outside the day, sessions that overlap or a dose above what is ever prescribed is an error
that names the key, and nothing runs. A schedule file is TOML::

    name = "8 pumps a day"
    days = 7                    # how many days to simulate (1-365)
    start_day = 14              # days after birth when the schedule starts (0-365)
    gestation_weeks = 40        # weeks of pregnancy at birth (22-43; 40 is term)
    times_h = [0, 3, 6, 9, 12, 15, 18, 21]   # or sessions_per_day = 8 (evenly spaced)
    [session]                   # as in a scenario: kind (breastfeed, pump, hand), ...
    [state] [techniques] [cues] # as in a scenario (stress, smoking...), every day
    [[more_sessions]]           # optional: times_h and a [more_sessions.session] of
                                # another kind each day (e.g. a pump after some feeds)
    [[periods]]                 # optional: from_day, to_day, times_h or sessions_per_day,
                                # session, more_sessions, for some days only (day 1 first)
    [[drugs]]                   # name, mg_per_day, from_day, to_day
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from letdown.reflex.scenario import (
    Cues,
    Session,
    State,
    Techniques,
    problems,
    read_toml,
)

DrugName = Literal["domperidone", "metoclopramide", "cabergoline", "bromocriptine",
                   "pseudoephedrine"]

#: the largest daily dose accepted (mg), about the most any label or trial uses
MAX_DAILY_MG: dict[str, float] = {
    "domperidone": 80.0,
    "metoclopramide": 45.0,
    "cabergoline": 2.0,
    "bromocriptine": 10.0,
    "pseudoephedrine": 240.0,
}

#: sessions that remove milk (a schedule has no use for kind = "none")
REMOVING = ("breastfeed", "pump", "hand")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Drug(_Strict):
    """A drug taken every day from ``from_day`` to ``to_day`` (inclusive, day 1 first)."""

    name: DrugName
    mg_per_day: float = Field(gt=0, allow_inf_nan=False, description="Total mg a day.")
    from_day: int = Field(1, ge=1, le=365)
    to_day: int | None = Field(None, ge=1, le=365, description="Default: the last day.")

    @model_validator(mode="after")
    def _dose(self) -> Drug:
        top = MAX_DAILY_MG[self.name]
        if self.mg_per_day > top:
            raise ValueError(f"mg_per_day: {self.mg_per_day:g} mg of {self.name} a day is more "
                             f"than is ever prescribed (at most {top:g})")
        if self.to_day is not None and self.to_day < self.from_day:
            raise ValueError("to_day: must not come before from_day")
        return self


def _times(times_h: list[float] | None, per_day: int | None, where: str) -> tuple[float, ...]:
    if times_h is not None and per_day is not None:
        raise ValueError(f"{where}: give times_h or sessions_per_day, not both")
    if times_h is None:
        n = 8 if per_day is None else per_day
        return tuple(round(24.0 * i / n, 4) for i in range(n))
    if any(not 0.0 <= t < 24.0 for t in times_h):
        raise ValueError(f"{where}times_h: every time must be within the day (0 to 23.99 h)")
    if any(b <= a for a, b in itertools.pairwise(times_h)):
        raise ValueError(f"{where}times_h: times must increase")
    return tuple(times_h)


def _check_fit(times: tuple[float, ...], session: Session, where: str,
               more: list[MoreSessions] | tuple[MoreSessions, ...] = ()) -> None:
    """Every session removes milk, and no session starts before the one before it ends
    (the main sessions and any ``more_sessions`` together, across midnight too)."""
    if session.kind not in REMOVING:
        raise ValueError(f"{where}session.kind: a schedule's sessions must remove milk; "
                         "allowed: breastfeed, pump, hand")
    day = [(t, session.duration_min) for t in times]
    for i, m in enumerate(more):
        if m.session.kind not in REMOVING:
            raise ValueError(f"{where}more_sessions.{i}.session.kind: a schedule's sessions "
                             "must remove milk; allowed: breastfeed, pump, hand")
        day += [(t, m.session.duration_min) for t in m.times_h]
    day.sort()
    if len(day) < 2:
        return
    for (a, minutes), (b, _) in itertools.pairwise((*day, (day[0][0] + 24.0, 0.0))):
        if b - a < minutes / 60.0:
            what = "times_h" if not more else "times_h and more_sessions"
            raise ValueError(f"{where}{what}: sessions of {minutes:g} min overlap (at "
                             f"{a:g} h and {b % 24.0:g} h); space them further apart or "
                             "shorten them")


class MoreSessions(_Strict):
    """Sessions of another kind at fixed times each day, on top of the main ones (for
    example a pump after some breastfeeds)."""

    times_h: list[float] = Field(min_length=1, max_length=24)
    session: Session

    @model_validator(mode="after")
    def _in_day(self) -> MoreSessions:
        _times(self.times_h, None, "")
        return self


class Period(_Strict):
    """Different sessions on some days (``from_day`` to ``to_day``, inclusive)."""

    from_day: int = Field(ge=1, le=365)
    to_day: int = Field(ge=1, le=365)
    storage_capacity_ml: float = Field(
        210.0, gt=20, le=1000, allow_inf_nan=False,
        description="Storage capacity per breast, mL (C32; as [parent] in a scenario).",
    )
    times_h: list[float] | None = Field(None, min_length=1, max_length=24)
    sessions_per_day: int | None = Field(None, ge=1, le=24)
    session: Session | None = None
    more_sessions: list[MoreSessions] | None = Field(
        None, max_length=4, description="Default: the schedule's own more_sessions.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.to_day < self.from_day:
            raise ValueError("to_day: must not come before from_day")
        _times(self.times_h, self.sessions_per_day, "")
        return self


class WeekSchedule(_Strict):
    """A complete, validated schedule over ``days`` days."""

    name: str = "schedule"
    description: str = ""
    days: int = Field(7, ge=1, le=365)
    start_day: float = Field(
        14.0, ge=0, le=365, allow_inf_nan=False,
        description="Days after birth when the schedule starts (0: the day of birth).",
    )
    storage_capacity_ml: float = Field(
        210.0, gt=20, le=1000, allow_inf_nan=False,
        description="Storage capacity per breast, mL (C32; as [parent] in a scenario).",
    )
    gestation_weeks: float = Field(
        40.0, ge=22, le=43, allow_inf_nan=False,
        description="Weeks of pregnancy at birth (40: term; 22-43). A very preterm birth "
                    "starts with less milk-making tissue and copious milk comes later.",
    )
    times_h: list[float] | None = Field(None, min_length=1, max_length=24)
    sessions_per_day: int | None = Field(None, ge=1, le=24)
    session: Session = Session()
    state: State = State()
    techniques: Techniques = Techniques()
    cues: Cues = Cues()
    more_sessions: list[MoreSessions] = Field(default_factory=list, max_length=4)
    periods: list[Period] = Field(default_factory=list, max_length=365)
    drugs: list[Drug] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _consistent(self) -> WeekSchedule:
        if self.state.pseudoephedrine_mg:
            raise ValueError("state.pseudoephedrine_mg: in a schedule, give pseudoephedrine "
                             "under [[drugs]] with the days it is taken")
        _check_fit(_times(self.times_h, self.sessions_per_day, ""), self.session, "",
                   self.more_sessions)
        taken: set[int] = set()
        for i, p in enumerate(self.periods):
            where = f"periods.{i}."
            if p.to_day > self.days:
                raise ValueError(f"{where}to_day: day {p.to_day} is after the last day "
                                 f"({self.days})")
            days = set(range(p.from_day, p.to_day + 1))
            if days & taken:
                raise ValueError(f"{where}from_day: periods overlap")
            taken |= days
            times = _times(p.times_h, p.sessions_per_day, where)
            if p.times_h is None and p.sessions_per_day is None:
                times = _times(self.times_h, self.sessions_per_day, "")
            more = self.more_sessions if p.more_sessions is None else p.more_sessions
            _check_fit(times, p.session or self.session, where, more)
        for i, d in enumerate(self.drugs):
            if d.from_day > self.days or (d.to_day or 0) > self.days:
                raise ValueError(f"drugs.{i}: the days must be within the schedule "
                                 f"(1 to {self.days})")
        return self

    def plan(self, day: int) -> tuple[tuple[float, ...], Session]:
        """Session times and the session for ``day`` (1 is the first)."""
        for p in self.periods:
            if p.from_day <= day <= p.to_day:
                own = p.times_h is not None or p.sessions_per_day is not None
                times = (_times(p.times_h, p.sessions_per_day, "") if own
                         else _times(self.times_h, self.sessions_per_day, ""))
                return times, p.session or self.session
        return _times(self.times_h, self.sessions_per_day, ""), self.session

    def day_sessions(self, day: int) -> list[tuple[float, Session]]:
        """Every session of ``day`` (1 is the first), main and more_sessions, by time."""
        times, session = self.plan(day)
        more = self.more_sessions
        for p in self.periods:
            if p.from_day <= day <= p.to_day and p.more_sessions is not None:
                more = p.more_sessions
        out = [(t, session) for t in times]
        for m in more:
            out += [(t, m.session) for t in m.times_h]
        return sorted(out, key=lambda ts: ts[0])

    def doses(self, day: int) -> dict[str, float]:
        """mg taken on ``day`` for each drug (0 when not taken)."""
        out = dict.fromkeys(MAX_DAILY_MG, 0.0)
        for d in self.drugs:
            if d.from_day <= day <= (d.to_day or self.days):
                out[d.name] += d.mg_per_day
        return out


def from_dict(data: dict[str, Any]) -> WeekSchedule:
    """Validate a mapping; raise ScenarioError naming each bad key."""
    try:
        return WeekSchedule.model_validate(data)
    except ValidationError as exc:
        raise problems(exc, "schedule") from None


#: keys that only a schedule has: a file with one of them is read as a schedule
SCHEDULE_KEYS = frozenset({"days", "start_day", "times_h", "sessions_per_day", "periods",
                           "drugs", "gestation_weeks", "more_sessions"})


def is_schedule(data: dict[str, Any]) -> bool:
    return bool(SCHEDULE_KEYS & data.keys())


def load(path: str) -> WeekSchedule:
    """Read and validate a TOML schedule file; any unreadable file is a ScenarioError."""
    return from_dict(read_toml(path))
