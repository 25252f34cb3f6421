"""Techniques over time: what relaxation, warmth, massage, skin-to-skin contact and being
near the baby do, before the session, during it, or both.

Trials apply most techniques *before* pumping (a warm compress for 20 minutes, Yigit et al.
Breastfeed Med 2012; a relaxation tape, Feher et al. Pediatrics 1989; expressing after
kangaroo care, Acuna-Muga et al. J Hum Lact 2014), so each technique acts through the state
it changes, which then carries into the session and fades:

- **Relaxation** lowers sympathetic tone. Calm builds over a few minutes of practice and
  outlasts it (Pawlow & Jones Biol Psychol 2002: lower heart rate and cortisol after one
  brief exercise), so relaxation before touch still lowers tone at touch, fading over about
  a quarter of an hour.
  Guided imagery for lactation (picturing the baby, the milk flowing; the tape Feher et al.
  used described both, Science News, 4 February 1989) is also a cue: thinking of the baby
  releases oxytocin before touch as the baby's cry does (McNeilly et al. BMJ 1983, C8).
- **Warmth** acts on the gland and its ducts, in the warmed breast only (``warmth_side``).
  Warmer milk is less viscous and heat relaxes the ducts and vessels, and a duct's
  conductance goes as r^4 / viscosity (Poiseuille), so the milk each contraction pushes out
  of the alveoli and the milk the pump draws along the ducts both move more freely; more of
  each ejection is then caught before it flows back into the breast (``model.derivs``):
  warm breastshields at 39 C removed more milk and a larger share of the available milk in
  less time (Kent et al. J Hum Lact 2011;27:331-8), and a warm compress for 20 min before
  pumping gave the warmed breast more milk than the other (Yigit et al. Breastfeed Med
  2012). Its level is the warmed gland's state: it rises under the compress or shield
  (about 5 min, Petrofsky et al. Arch Dermatol Res 2009) and, once the heat is taken away,
  fades as the gland cools, more slowly than the skin because the gland's blood flow per
  gram, which carries the heat off (Pennes 1948), is far below that of heated skin.
- **Massage** acts twice. Touching the breast adds afferent input to the oxytocin cells
  (before touch this primes them and can bring an ejection). Mechanically, stroking toward
  the nipple pushes milk from the alveoli into the ducts without oxytocin and raises the
  pressure behind the milk in the ducts, so more is removed per ejection; Jones et al. (Arch
  Dis Child Fetal Neonatal Ed 2001) found massage with pumping raised the yield by about
  half. Massage before touch fills the ducts, which then drain back over a minute or so;
  a long massage before touch can bring a let-down the pump is not yet there to collect,
  so the model gains most from massage during pumping and little from a minute or two
  before.
- **Skin-to-skin contact** and **being near the baby** are conditioned cues (the baby's
  sight, sound and smell come before every feed) and they calm the parent; skin-to-skin
  calms more. As a cue the baby drives the oxytocin cells only in the last minutes before
  touch (``cues.lead_min``, default 3), when it announces the session: a cue present for
  half an hour without a feed would otherwise release and waste oxytocin pulses before the
  pump goes on, which conditioning does not predict (an unreinforced cue habituates).
  Milk expressed during and just after kangaroo care exceeded milk expressed beside the
  incubator (Acuna-Muga 2014).

Timing (``<technique>_timing``): ``before`` = the last N minutes before first touch,
``during`` = the first N minutes of the session (default: all of it), ``both`` = N minutes
before and then the whole session. Levels are closed-form functions of time (first-order
rise while applied, first-order fading after), so the fast engine and the reference
integrate the same forcing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from letdown.reflex.params import value
from letdown.reflex.scenario import TIMED, Scenario

NAMES = TIMED
#: ramp of a hands-on switch (s), as in the stimulus layer
RAMP = 5.0


def _smooth(u: float) -> float:
    if u <= 0.0:
        return 0.0
    if u >= 1.0:
        return 1.0
    return u * u * (3.0 - 2.0 * u)


def _window(t: float, start: float, end: float) -> float:
    if end <= start:
        return 0.0
    return _smooth((t - start) / RAMP) - _smooth((t - end) / RAMP)


def in_use(scenario: Scenario, name: str) -> bool:
    """Whether the scenario uses technique ``name``."""
    return scenario.techniques.in_use(name)


def baby_is_cue(scenario: Scenario) -> bool:
    """Whether the baby (present or imagined) is a cue in this scenario."""
    return (
        in_use(scenario, "skin_to_skin")
        or in_use(scenario, "near_baby")
        or scenario.techniques.relaxation == "guided_imagery"
    )


def span(scenario: Scenario, name: str) -> tuple[float, float] | None:
    """(start, end) of the technique in seconds from first touch, or None if unused (see
    ``Techniques.span``; defaults for ``before`` in ``scenario.DEFAULT_BEFORE_MIN``)."""
    return scenario.techniques.span(name, scenario.session.duration_min)


def level(t: float, start: float, end: float, rise: float, fade: float) -> float:
    """First-order level of an effect applied from ``start`` to ``end``: 1 - e^(-s/rise)
    while applied, then fading as e^(-s/fade) from where it had reached."""
    if t <= start:
        return 0.0
    if t <= end:
        return 1.0 - math.exp(-(t - start) / rise)
    reached = 1.0 - math.exp(-(end - start) / rise)
    return reached * math.exp(-(t - end) / fade)


@dataclass(frozen=True)
class TechniqueForcing:
    """The techniques' share of the forcing at one instant."""

    stim: float  # afferent stimulus from massage (stimulus units)
    cue: float  # 0-1: the baby as a conditioned cue
    calm: float  # fraction of sympathetic tone removed
    flow_left: float  # multiplies ejection and removal flow of the left breast (warmth)
    flow_right: float
    transfer_left: float  # 1/s: alveoli -> ducts pushed by the hand (massage)
    transfer_right: float
    boost_left: float  # extra fraction of removal while massaging
    boost_right: float


NONE = TechniqueForcing(0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0)


class Plan:
    """The scenario's techniques as functions of time (seconds from first touch)."""

    def __init__(self, scenario: Scenario) -> None:
        self.spans = {name: span(scenario, name) for name in NAMES}
        starts = [s[0] for s in self.spans.values() if s is not None]
        #: earliest time the simulation must cover (0 when nothing starts before touch)
        self.start = min([0.0, *starts])
        self.active = any(s is not None for s in self.spans.values())
        side = scenario.techniques.warmth_side
        self.warm_left = side in ("both", "left")
        self.warm_right = side in ("both", "right")
        sides = scenario.session.sides
        self.used_left = sides in ("both", "left") and scenario.session.kind != "none"
        self.used_right = sides in ("both", "right") and scenario.session.kind != "none"
        #: the baby announces a feed only in the last minutes before it (``cues.lead_min``)
        self.cue_from = -60.0 * scenario.cues.lead_min
        self.imagery = scenario.techniques.relaxation == "guided_imagery"
        self.relax_cut = value("relaxation_tone_cut")
        self.s2s_cut = value("skin_to_skin_tone_cut")
        self.near_cut = value("near_baby_tone_cut")
        self.calm_rise = value("relaxation_onset")
        self.calm_fade = value("relaxation_decay")
        self.warm_gain = value("warmth_flow")
        self.warm_rise = value("warmth_onset")
        self.warm_fade = value("warmth_decay")
        self.m_aff = value("massage_afferent")
        self.m_transfer = value("massage_transfer")
        self.m_removal = value("massage_removal")

    def at(self, t: float, on_left: float, on_right: float) -> TechniqueForcing:
        """Forcing at ``t`` given how much each breast is being touched by pump or baby."""
        if not self.active:
            return NONE
        keep = 1.0  # share of tone left after every calming technique
        cue = 0.0
        for name, cut in (("relaxation", self.relax_cut), ("skin_to_skin", self.s2s_cut),
                          ("near_baby", self.near_cut)):
            sp = self.spans[name]
            if sp is None:
                continue
            keep *= 1.0 - cut * level(t, sp[0], sp[1], self.calm_rise, self.calm_fade)
            if name != "relaxation" or self.imagery:
                cue = max(cue, _window(t, max(sp[0], self.cue_from), sp[1]))
        flow_l = flow_r = 1.0
        sp = self.spans["warmth"]
        if sp is not None:
            warm = 1.0 + self.warm_gain * level(t, sp[0], sp[1], self.warm_rise, self.warm_fade)
            flow_l = warm if self.warm_left else 1.0
            flow_r = warm if self.warm_right else 1.0
        m_l = m_r = 0.0
        sp = self.spans["massage"]
        if sp is not None:
            before = _window(t, sp[0], min(sp[1], 0.0))
            during = _window(t, max(sp[0], 0.0), sp[1])
            m_l = before * self.used_left + during * on_left
            m_r = before * self.used_right + during * on_right
        return TechniqueForcing(
            stim=self.m_aff * max(m_l, m_r),
            cue=cue,
            calm=1.0 - keep,
            flow_left=flow_l,
            flow_right=flow_r,
            transfer_left=self.m_transfer * m_l,
            transfer_right=self.m_transfer * m_r,
            boost_left=self.m_removal * m_l,
            boost_right=self.m_removal * m_r,
        )
