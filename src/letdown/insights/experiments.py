"""n-of-1 experiments: a random on/off plan, and what it found.

A parent picks one technique (or pump setting) to test. ``schedule`` makes the plan:
balanced blocks of 2 or 4 sessions, half "on" and half "off" in a random order from a
stored seed, so that tiredness, the time of day and the baby's growth spread evenly over
"on" and "off" and cannot pose as the technique's effect. ``analyse`` reads the sessions
since the start, in order: the k-th counted session was meant to follow the k-th entry
of the plan.

The analysis compares sessions *as planned* (intention to treat: what the coin said, not
what was done), with the same censored log-normal model as the factor effects and the
evidence base's prior for the technique, so it can say: the probability it helps, by how
much, and whether to keep it. It stops early, at the end of a block, once that
probability is below ``EARLY_NO`` or above ``EARLY_YES`` with at least ``MIN_EARLY``
sessions (strict thresholds, because looking often makes a false "yes" likelier). When
more than ``ADHERENCE`` of the sessions did the opposite of the plan, it says so: the
comparison is then no longer a fair coin toss.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from letdown.evidence import Evidence
from letdown.insights.priors import NO_PRIOR, Prior, technique_prior
from letdown.journal.experiments import Experiment, Target
from letdown.journal.records import Kind, Session, Technique

#: Stop early when P(helps) is past these, at a block's end, after MIN_EARLY sessions.
EARLY_YES = 0.99
EARLY_NO = 0.01
MIN_EARLY = 8
#: Keep it when P(helps) is at least this at the end (and it is at least KEEP_SIZE faster).
KEEP = 0.95
KEEP_SIZE = 0.05
#: No sign it helps when P(helps) is below this at the end.
DROP = 0.5
#: More than this share of sessions against the plan breaks the design.
ADHERENCE = 0.2
#: Shortest let-down time used, as in the factor effects.
FLOOR_S = 5.0

State = Literal["running", "clear early", "finished", "stopped"]
Advice = Literal["keep", "drop", "unclear", "too early"]


def schedule(planned: int, block: int, seed: int) -> str:
    """The on/off plan: ``planned`` sessions in balanced blocks of ``block``, shuffled by
    ``seed`` (Python's ``random.Random``, whose sequence for an integer seed is stable
    across versions); "1" is on, "0" off."""
    if block not in (2, 4) or planned % block or planned <= 0:
        raise ValueError("planned must be a positive multiple of the block (2 or 4)")
    rng = random.Random(seed)
    out = []
    for _ in range(planned // block):
        cells = ["1"] * (block // 2) + ["0"] * (block // 2)
        rng.shuffle(cells)
        out.extend(cells)
    return "".join(out)


def new_seed() -> int:
    """A fresh seed for a plan (kept with the experiment)."""
    import secrets

    return secrets.randbelow(2**31 - 1)


def counts(target: Target, session: Session) -> bool:
    """Whether ``session`` is one the experiment counts (pump settings: pump sessions)."""
    return target.kind == "technique" or session.kind is Kind.pump


def was_on(target: Target, session: Session) -> bool:
    """Whether the session had the tested thing on."""
    if target.kind == "technique":
        return Technique(target.field) in session.techniques
    return bool(getattr(session, target.field) == target.value)


def prior_for(target: Target, evidence: Evidence) -> Prior:
    if target.kind == "technique":
        return technique_prior(Technique(target.field), evidence)
    return NO_PRIOR


@dataclass(frozen=True)
class Analysis:
    """Where an experiment stands and what it found so far."""

    experiment: Experiment
    state: State
    done: int  # counted sessions so far (at most planned)
    next_on: bool | None  # the next session's assignment, while running
    against_plan: int  # sessions that did the opposite of the plan
    broken: bool  # too many against the plan for a fair comparison
    p_helps: float | None  # None before there is at least one "on" and one "off"
    log_effect: float | None
    low: float | None
    high: float | None
    typical_s: float | None
    advice: Advice
    session_ids: tuple[int | None, ...]

    @property
    def seconds(self) -> float | None:
        if self.log_effect is None or self.typical_s is None:
            return None
        return self.typical_s * (math.exp(self.log_effect) - 1)


def analyse(experiment: Experiment, sessions: Sequence[Session], evidence: Evidence) -> Analysis:
    """The experiment's state from the sessions in the journal (any order, any range:
    only those that started in its time and count for it are used)."""
    target = experiment.parsed
    plan = experiment.assigned()
    until = experiment.stopped
    mine = sorted((s for s in sessions if s.start >= experiment.started
                   and (until is None or s.start <= until) and counts(target, s)),
                  key=lambda s: (s.start, s.id or 0))[: experiment.planned]
    done = len(mine)
    against = sum(1 for s, on in zip(mine, plan, strict=False) if was_on(target, s) != on)
    broken = done > 0 and against / done > ADHERENCE
    fitted = _fit(mine, plan[:done], prior_for(target, evidence))
    p_helps = None if fitted is None else fitted[0]
    state: State
    if experiment.stopped is not None and experiment.stop_reason == "stopped":
        state = "stopped"
    elif done >= experiment.planned:
        state = "finished"
    elif (p_helps is not None and done >= MIN_EARLY and done % experiment.block == 0
          and not broken and (p_helps >= EARLY_YES or p_helps <= EARLY_NO)):
        state = "clear early"
    elif experiment.stopped is not None:
        state = "finished" if experiment.stop_reason == "finished" else "clear early"
    else:
        state = "running"
    return Analysis(
        experiment=experiment, state=state, done=done,
        next_on=plan[done] if state == "running" and done < len(plan) else None,
        against_plan=against, broken=broken, p_helps=p_helps,
        log_effect=None if fitted is None else fitted[1],
        low=None if fitted is None else fitted[2], high=None if fitted is None else fitted[3],
        typical_s=None if fitted is None else fitted[4],
        advice=_advice(state, p_helps, None if fitted is None else fitted[1]),
        session_ids=tuple(s.id for s in mine))


def _fit(sessions: Sequence[Session], plan: Sequence[bool],
         prior: Prior) -> tuple[float, float, float, float, float] | None:
    if not sessions or all(plan) or not any(plan):
        return None
    import numpy as np
    from scipy.special import ndtr

    from letdown.insights.model import fit

    times = [s.first_letdown_s() for s in sessions]
    y = np.log(np.maximum([s.duration_s if t is None else t
                           for s, t in zip(sessions, times, strict=True)], FLOOR_S))
    censored = np.array([t is None for t in times])
    x = np.array([[1.0 if on else 0.0] for on in plan])
    found = fit(x, y, censored, np.array([prior.mean("time")]), np.array([prior.sd]))
    mean, sd = found.mean[0], found.sd[0]
    return (float(ndtr(-mean / sd)), mean, mean - 1.959964 * sd, mean + 1.959964 * sd,
            found.typical)


def _advice(state: State, p_helps: float | None, log_effect: float | None) -> Advice:
    if state == "running" or p_helps is None or log_effect is None:
        return "too early"
    if p_helps >= KEEP and log_effect <= -KEEP_SIZE:
        return "keep"
    if p_helps < DROP:
        return "drop"
    return "unclear"
