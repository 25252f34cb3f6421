"""The scenario a simulation runs: who, in what state, doing what, for how long.

A scenario is a small TOML file (see ``examples/scenarios/``) validated by the pydantic models
below. Validation is strict because a typo must not silently fall back to a default: an
unknown key, a negative dose or a vacuum no pump can reach is an error that names the key,
and nothing runs.

Sections (all optional except ``session``)::

    name, description      free text
    [parent]               storage_capacity_ml, fullness, weeks_postpartum
    [state]                stress, pain, cold, rushed, watched, fatigue, dehydration,
                           alcohol_g_per_kg, hours_since_drink, cigarettes_per_day,
                           pseudoephedrine_mg
    [techniques]           relaxation, warmth, massage, compression, skin_to_skin, near_baby,
                           and for each <technique>_timing (before/during/both), <technique>_min;
                           warmth_side
    [interface]            nipple_shield (none/fitted/small), flange_mm, nipple_mm
    [cues]                 present, pairings, lead_min
    [session]              kind, duration_min, sides, order, observe_min
    [session.pump]         vacuum_mmhg, cycles_per_min, stimulation_min,
                           stimulation_vacuum_mmhg, stimulation_cycles_per_min, flange_fit
    [[events]]             at_min, kind, amount, duration_min
    [[oxytocin]]           route (iv, im, nasal), dose_iu, at_min, infusion_min
    [day]                  session_times_h (a 24-hour day of sessions)
"""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from letdown.reflex.interface import Interface, check_interface

#: No consumer breast pump reaches more than about 300-350 mmHg of vacuum.
MAX_PUMP_VACUUM = 350.0
#: minutes of quiet rest simulated before every session (before any cue or technique), so
#: that the reflex starts from rest: part of each session's length in a day
QUIET_LEAD_MIN = 0.5


class ScenarioError(ValueError):
    """A scenario that cannot run; the message names each offending key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Parent(_Strict):
    """The person's breasts and stage of lactation (population means by default)."""

    storage_capacity_ml: float = Field(210.0, gt=20, le=1000, description="Per breast (C32).")
    fullness: float = Field(
        0.55, ge=0, le=1, description="Degree of fullness at the start, 0 (empty) to 1 (full)."
    )
    weeks_postpartum: float = Field(8.0, ge=0, le=156, description="Stage of lactation.")


class State(_Strict):
    """How the parent is right now: stress, pain and substances."""

    stress: float = Field(0.0, ge=0, le=10, description="Acute stress or anxiety, 0-10.")
    pain: float = Field(0.0, ge=0, le=10, description="Pain other than from the pump, 0-10.")
    cold: bool = False
    rushed: bool = False
    watched: bool = False
    fatigue: float = Field(0.0, ge=0, le=10, description="Tiredness, 0-10.")
    dehydration: Literal["none", "mild", "moderate", "severe"] = "none"
    alcohol_g_per_kg: float = Field(0.0, ge=0, le=3, description="Alcohol dose, g/kg body weight.")
    hours_since_drink: float = Field(1.0, ge=0, le=48, description="Time since drinking, h.")
    cigarettes_per_day: float = Field(0.0, ge=0, le=80)
    pseudoephedrine_mg: float = Field(0.0, ge=0, le=240, description="Dose in the last 24 h.")


Timing = Literal["before", "during", "both"]
#: techniques that take a timing
TIMED = ("relaxation", "warmth", "massage", "skin_to_skin", "near_baby")
#: minutes a technique applied ``before`` lasts when no ``<technique>_min`` is given:
#: the doses the trials used (warm compress 20 min, Yigit 2012; a relaxation tape of 20
#: min, Feher 1989; expressing after kangaroo care, Acuna-Muga 2014); massage: the minute
#: or two usually advised before pumping
DEFAULT_BEFORE_MIN = {
    "relaxation": 20.0,
    "warmth": 20.0,
    "massage": 2.0,
    "skin_to_skin": 30.0,
    "near_baby": 10.0,
}


class Techniques(_Strict):
    """What the parent does to help the let-down, and when.

    Each technique may be given a timing and a length in minutes (``massage_timing``,
    ``massage_min``...): ``before`` = the last N minutes before the first touch, ``during``
    = the first N minutes of the session (default: all of it), ``both`` = N minutes before
    and then the whole session. Without a timing a technique acts during the session.
    How each one acts is in ``letdown.reflex.techniques``.
    """

    relaxation: Literal["none", "breathing", "music", "guided_imagery"] = "none"
    warmth: bool = False
    massage: bool = False
    compression: bool = False
    skin_to_skin: bool = Field(False, description="The baby held skin to skin.")
    near_baby: bool = Field(False, description="Pumping beside the baby (sight, sound, smell).")
    relaxation_timing: Timing | None = None
    relaxation_min: float | None = Field(None, gt=0, le=60, allow_inf_nan=False)
    warmth_timing: Timing | None = None
    warmth_min: float | None = Field(None, gt=0, le=60, allow_inf_nan=False)
    warmth_side: Literal["both", "left", "right"] = "both"
    massage_timing: Timing | None = None
    massage_min: float | None = Field(None, gt=0, le=60, allow_inf_nan=False)
    skin_to_skin_timing: Timing | None = None
    skin_to_skin_min: float | None = Field(None, gt=0, le=60, allow_inf_nan=False)
    near_baby_timing: Timing | None = None
    near_baby_min: float | None = Field(None, gt=0, le=60, allow_inf_nan=False)

    def in_use(self, name: str) -> bool:
        """Whether technique ``name`` is used."""
        on = getattr(self, name)
        return on != "none" if isinstance(on, str) else bool(on)

    def span(self, name: str, session_min: float) -> tuple[float, float] | None:
        """(start, end) of technique ``name`` in seconds from first touch, or None."""
        if not self.in_use(name):
            return None
        timing = getattr(self, name + "_timing") or "during"
        minutes = getattr(self, name + "_min")
        duration = session_min * 60.0
        if timing == "during":
            return 0.0, duration if minutes is None else min(minutes * 60.0, duration)
        before = 60.0 * (DEFAULT_BEFORE_MIN[name] if minutes is None else minutes)
        return -before, (0.0 if timing == "before" else duration)

    @model_validator(mode="after")
    def _timing_needs_technique(self) -> Techniques:
        for name in TIMED:
            on = self.in_use(name)
            for suffix in ("_timing", "_min"):
                if not on and getattr(self, name + suffix) is not None:
                    turn_on = 'a kind, e.g. "breathing"' if name == "relaxation" else "true"
                    raise ValueError(
                        f"{name}{suffix}: given, but {name} is not used; set {name} to "
                        f"{turn_on} or remove {name}{suffix}"
                    )
        if self.warmth_side != "both" and not self.warmth:
            raise ValueError(
                "warmth_side: given, but warmth is not used; set warmth = true or remove "
                "warmth_side"
            )
        return self


class Cues(_Strict):
    """Conditioned cues (the baby's cry, a photo, a routine) before touch."""

    present: bool = False
    pairings: int = Field(
        20, ge=0, le=10000, description="Times the cue has come before a feed (learning)."
    )
    lead_min: float = Field(3.0, ge=0, le=15, description="Cue starts this long before touch.")


class Pump(_Strict):
    """Pump settings: a short fast stimulation phase, then the expression phase."""

    vacuum_mmhg: float = Field(190.0, gt=0, description="Expression vacuum, mmHg.")
    cycles_per_min: float = Field(60.0, ge=10, le=150)
    stimulation_min: float = Field(2.0, ge=0, le=10)
    stimulation_vacuum_mmhg: float | None = Field(None, gt=0)
    stimulation_cycles_per_min: float = Field(110.0, ge=10, le=150)
    flange_fit: Literal["good", "too_small", "too_large"] = "good"

    @model_validator(mode="after")
    def _reachable(self) -> Pump:
        for key in ("vacuum_mmhg", "stimulation_vacuum_mmhg"):
            v = getattr(self, key)
            if v is not None and v > MAX_PUMP_VACUUM:
                raise ValueError(
                    f"{key}: {v:g} mmHg is more than any breast pump can reach "
                    f"(at most {MAX_PUMP_VACUUM:g})"
                )
        return self

    @property
    def stim_vacuum(self) -> float:
        """Stimulation-phase vacuum: given, or 60% of the expression vacuum."""
        return self.stimulation_vacuum_mmhg or 0.6 * self.vacuum_mmhg


class Session(_Strict):
    """One feed or pumping session."""

    kind: Literal["breastfeed", "pump", "hand", "none"] = Field(
        "pump",
        description="'hand': hand expression; 'none': no touch at all (a baseline or "
        "cue-only period).",
    )
    duration_min: float = Field(15.0, gt=0, le=90)
    sides: Literal["both", "left", "right"] = "both"
    order: Literal["simultaneous", "sequential"] | None = Field(
        None, description="Default: simultaneous for a pump, sequential at the breast."
    )
    observe_min: float = Field(
        0.0, ge=0, le=120, description="Keep simulating after the session (hormones)."
    )
    pump: Pump | None = None

    @model_validator(mode="after")
    def _pump_needs_settings(self) -> Session:
        if self.kind != "pump" and self.pump is not None:
            raise ValueError(f"pump: pump settings given for kind = {self.kind!r}")
        return self

    @property
    def effective_order(self) -> str:
        if self.order is not None:
            return self.order
        return "simultaneous" if self.kind == "pump" else "sequential"

    @property
    def pump_settings(self) -> Pump:
        return self.pump or Pump()


class Event(_Strict):
    """Something that happens during the session (minutes from first touch)."""

    at_min: float = Field(ge=-15, le=600)
    kind: Literal["stress", "oxytocin_iv", "oxytocin_intranasal", "adrenaline_iv"]
    amount: float = Field(
        ge=0,
        description="stress: extra 0-10 points; oxytocin: mU; adrenaline: tone units "
        "(1 = a strong fright)",
    )
    duration_min: float = Field(1.0, gt=0, le=600, description="For stress events.")


#: largest single dose per route (IU): an iv or im dose as given after birth (5-10 IU), a
#: nasal dose as in research (up to 40 IU); an iv infusion may give up to 40 IU in total
MAX_DOSE_IU = {"iv": 10.0, "im": 10.0, "nasal": 40.0, "infusion": 40.0}


class OxytocinDose(_Strict):
    """A dose of oxytocin given as a medicine (minutes from first touch; negative = before).

    The route sets how it reaches the blood: intravenous at once (or over ``infusion_min``),
    intramuscular over tens of minutes, nasal over a few minutes and only in a small part."""

    route: Literal["iv", "im", "nasal"]
    dose_iu: float = Field(gt=0, le=40, description="International units (IU).")
    at_min: float = Field(0.0, ge=-60, le=120, description="When it is given.")
    infusion_min: float = Field(
        0.0, ge=0, le=240, description="iv only: give it over this many minutes (0 = at once)."
    )

    @model_validator(mode="after")
    def _clinical(self) -> OxytocinDose:
        if self.infusion_min > 0 and self.route != "iv":
            raise ValueError(
                f"infusion_min: only an iv dose can be given over time (route is {self.route!r});"
                " leave infusion_min out"
            )
        kind = "infusion" if self.infusion_min > 0 else self.route
        top = MAX_DOSE_IU[kind]
        if self.dose_iu > top:
            what = "an iv infusion" if kind == "infusion" else f"one {self.route} dose"
            raise ValueError(
                f"dose_iu: {self.dose_iu:g} IU is more than {what} in clinical use "
                f"(at most {top:g} IU)"
            )
        return self


class Day(_Strict):
    """A day of sessions, each like ``[session]``, starting at these hours."""

    session_times_h: list[float] = Field(min_length=1, max_length=24)
    hours: float = Field(24.0, gt=0, le=72)

    @model_validator(mode="after")
    def _ordered(self) -> Day:
        times = self.session_times_h
        if any(t < 0 or t >= self.hours for t in times):
            raise ValueError("session_times_h: every time must be within the day")
        if any(b <= a for a, b in itertools.pairwise(times)):
            raise ValueError("session_times_h: times must increase")
        return self


class Scenario(_Strict):
    """A complete, validated scenario."""

    name: str = "scenario"
    description: str = ""
    parent: Parent = Parent()
    state: State = State()
    techniques: Techniques = Techniques()
    cues: Cues = Cues()
    session: Session = Session()
    events: list[Event] = Field(default_factory=list)
    oxytocin: list[OxytocinDose] = Field(default_factory=list, max_length=10)
    day: Day | None = None
    interface: Interface = Interface()

    @model_validator(mode="after")
    def _sessions_fit(self) -> Scenario:
        if self.day is None:
            return self
        length_h = (self.session.duration_min + self.session.observe_min) / 60.0
        times = self.day.session_times_h
        for a, b in itertools.pairwise(times):
            if b - a < length_h:
                raise ValueError(
                    "day.session_times_h: sessions overlap: each lasts "
                    f"{60.0 * length_h:g} minutes (duration_min and observe_min); space them "
                    "further apart or shorten them"
                )
        lead_h = max([0.0, *(-d.at_min / 60.0 for d in self.oxytocin)])
        if lead_h > 0 and any(b - a < length_h + lead_h for a, b in itertools.pairwise(times)):
            raise ValueError(
                "oxytocin: a dose before each session must come after the previous session "
                "ends; give it later (at_min closer to 0) or space the sessions more"
            )
        return self

    def minutes_before_touch(self) -> float:
        """Minutes simulated before first touch: the earliest technique or cue (0 if none)."""
        spans = [self.techniques.span(name, self.session.duration_min) for name in TIMED]
        cue = self.cues.lead_min if self.cues.present else 0.0
        return max([0.0, cue, *(-sp[0] / 60.0 for sp in spans if sp is not None)])

    @model_validator(mode="after")
    def _interface_fits(self) -> Scenario:
        check_interface(self.interface, self.session.kind, self.session.pump)
        return self

    @model_validator(mode="after")
    def _time_before_touch_fits(self) -> Scenario:
        """In a day, what happens before touch (a technique before, a cue's lead) must
        fit between the end of one session and the start of the next."""
        if self.day is None:
            return self
        before = self.minutes_before_touch()
        lead = before + QUIET_LEAD_MIN
        length_h = (lead + self.session.duration_min + self.session.observe_min) / 60.0
        for a, b in itertools.pairwise(self.day.session_times_h):
            if b - a < length_h - 1e-9:
                extra = f"{before:g} minutes before touch (techniques, cue lead), "
                extra = extra if before else ""
                raise ValueError(
                    f"day.session_times_h: sessions overlap: each needs {60.0 * length_h:g} "
                    f"minutes from start to start ({extra}the half-minute of rest before "
                    "touch, the session and observe_min); space the sessions further apart "
                    "or shorten the time before"
                )
        return self


#: a key (or dotted key path) at the start of a validator's message
_KEY = re.compile(r"[a-z_]+(\.[a-z_]+)*")


def problems(exc: ValidationError, root: str) -> ScenarioError:
    """One line per bad key (``session.duration_min: ...``) under ``invalid <root>:``.

    Shared by scenarios and week schedules (``schedule``), so both name a bad key the
    same way, including a check that names its own key at the start of its message.
    """
    lines = []
    for err in exc.errors():
        msg = str(err["msg"]).removeprefix("Value error, ")
        key = ".".join(str(part) for part in err["loc"]) or root
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        head, sep, rest = msg.partition(": ")
        if sep and _KEY.fullmatch(head):  # a check that names its own key
            key, msg = (head if key == root else f"{key}.{head}"), rest
        lines.append(f"{key}: {msg}")
    return ScenarioError(f"invalid {root}:\n  " + "\n  ".join(lines))


def from_dict(data: dict[str, Any]) -> Scenario:
    """Validate a mapping; raise ScenarioError naming each bad key."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise problems(exc, "scenario") from None


#: Largest scenario file read: real ones are a few hundred bytes; this keeps a wrong file
#: (a video, /dev/zero) from filling the memory.
MAX_FILE_BYTES = 1_000_000


def load(path: str | Path) -> Scenario:
    """Read and validate a TOML scenario file; any unreadable file is a ScenarioError."""
    return from_dict(read_toml(path))


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read a small TOML file (a scenario or a schedule); any unreadable file is a
    ScenarioError."""
    p = Path(path)
    try:
        with p.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(f"cannot read {p}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise ScenarioError(f"cannot read {str(p)!r}: not a possible file name") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(
            f"{p} is too large for a scenario; allowed: up to {MAX_FILE_BYTES // 1000} kB"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            f"{p} is not a text file (byte {exc.start} is not UTF-8); allowed: a TOML "
            "scenario such as examples/scenarios/calm-pump.toml"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{p} is not valid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # e.g. a 5000-digit number, deep nesting
        reason = (
            "nested too deeply" if isinstance(exc, RecursionError)
            else "a number has too many digits" if "digits" in str(exc) else str(exc)[:120]
        )
        raise ScenarioError(f"{p} cannot be read as a scenario: {reason}") from None
    return data
