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

from pydantic import Field, ValidationError, model_validator

from letdown.reflex.interface import Interface, check_interface
from letdown.reflex.scenario_inputs import DEFAULT_BEFORE_MIN as DEFAULT_BEFORE_MIN
from letdown.reflex.scenario_inputs import MAX_DOSE_IU as MAX_DOSE_IU
from letdown.reflex.scenario_inputs import TIMED as TIMED
from letdown.reflex.scenario_inputs import Event as Event
from letdown.reflex.scenario_inputs import OxytocinDose as OxytocinDose
from letdown.reflex.scenario_inputs import Techniques as Techniques
from letdown.reflex.scenario_inputs import _Strict

#: No consumer breast pump reaches more than about 300-350 mmHg of vacuum.
MAX_PUMP_VACUUM = 350.0
#: minutes of quiet rest simulated before every session (before any cue or technique), so
#: that the reflex starts from rest: part of each session's length in a day
QUIET_LEAD_MIN = 0.5


class ScenarioError(ValueError):
    """A scenario that cannot run; the message names each offending key."""


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
