"""What a scenario says the parent does and is given: the techniques (with their timing)
and the timed events and oxytocin doses, validated strictly like the rest of a scenario.

Why a module of its own: these are the richest parts of a scenario (each technique's timing
and length, each dose's route and clinical limit); ``scenario`` assembles them with the
parent, state, session and day, and re-exports them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
