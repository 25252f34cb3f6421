"""What the evidence base expects of a factor before any of the parent's own sessions.

Each factor's effect is a number on the log scale (time to let-down: negative is faster;
volume: positive is more milk). Before the parent's sessions say anything, we believe it
is normally distributed around the direction the evidence base gives, with a spread that
shrinks as the evidence gets stronger:

* mean: ``PRIOR_SIZE`` (about 14% faster, or 14% more milk) in the evidence's direction
  (a technique helps; a cause such as stress or pain hinders); 0 when the evidence base
  says nothing about the factor (place, side, time of day, pump settings);
* standard deviation: ``SPREAD`` by grade. Strong evidence about the *average* person
  still leaves room for this person to differ, so even "strong" is 0.2 (a 95% range of
  about 30% faster to 45% slower around the mean), and "no evidence" is 0.35.

Why a normal prior on the log effect: it is the conjugate-like choice for a log-normal
model, it turns into a simple ridge-style penalty (so the fit stays a fast, exact
optimisation rather than sampling), and it says plainly how far the parent's own data
must go to overrule the literature. With 8 sessions the prior carries about as much
weight as the data; with 300 the data dominate. The sizes are our judgement, not
estimates from the cited studies (which rarely report time to let-down): they are here,
in one place, so a reviewer can change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from letdown.evidence import Evidence, Grade
from letdown.journal.records import Technique

#: Typical size of an effect the evidence points to, on the log scale (exp(0.15) ~ 1.16).
PRIOR_SIZE = 0.15
#: Prior standard deviation on the log effect, by evidence grade; None: no evidence.
SPREAD: dict[Grade | None, float] = {
    Grade.STRONG: 0.20,
    Grade.MODERATE: 0.25,
    Grade.WEAK: 0.30,
    Grade.EXPERT_OPINION: 0.30,
    None: 0.35,
}

Direction = Literal["helps", "hinders", "none"]

#: The journal's technique names -> the evidence base's technique ids.
TECHNIQUE_EVIDENCE: dict[Technique, str] = {
    Technique.warm_compress: "warmth",
    Technique.massage: "massage_compression",
    Technique.breast_compression: "massage_compression",
    Technique.slow_breathing: "relaxation",
    Technique.music: "relaxation",
    Technique.guided_imagery: "relaxation",
    Technique.baby_photo_video: "sensory_cues",
    Technique.baby_sounds: "sensory_cues",
    Technique.baby_scent: "sensory_cues",
    Technique.skin_to_skin: "skin_to_skin",
    Technique.comfortable_seat: "privacy_comfort",
}

#: Words in a medicine's name -> the evidence base's substance id.
MEDICINE_WORDS: dict[str, str] = {
    "pseudoephedrine": "pseudoephedrine",
    "sudafed": "pseudoephedrine",
    "phenylephrine": "phenylephrine",
    "cabergoline": "dopamine_agonists",
    "bromocriptine": "dopamine_agonists",
    "diphenhydramine": "sedating_antihistamines",
    "chlorphenamine": "sedating_antihistamines",
    "chlorpheniramine": "sedating_antihistamines",
    "sertraline": "common_antidepressants",
    "paroxetine": "common_antidepressants",
    "escitalopram": "common_antidepressants",
    "citalopram": "common_antidepressants",
    "fluoxetine": "common_antidepressants",
}


@dataclass(frozen=True)
class Prior:
    """The evidence base's expectation for one factor, and where it comes from."""

    direction: Direction
    grade: Grade | None
    source: str | None = None  # "technique:warmth", "cause:stress_anxiety", ...

    @property
    def sd(self) -> float:
        return SPREAD[self.grade]

    def mean(self, outcome: Literal["time", "volume"]) -> float:
        """Prior mean of the log effect: faster is negative for time, more is positive
        for volume."""
        sign = {"helps": 1.0, "hinders": -1.0, "none": 0.0}[self.direction]
        return -sign * PRIOR_SIZE if outcome == "time" else sign * PRIOR_SIZE

    def words(self) -> str:
        """What the evidence base says, for a reader: 'expected to help (moderate evidence)'."""
        if self.direction == "none" or self.grade is None:
            return "no expectation from the evidence base"
        verb = "help" if self.direction == "helps" else "slow the let-down"
        return f"expected to {verb} ({self.grade.label})"


NO_PRIOR = Prior("none", None)


def technique_prior(technique: Technique, evidence: Evidence) -> Prior:
    entry = evidence.techniques.get(TECHNIQUE_EVIDENCE.get(technique, ""))
    if entry is None:
        return NO_PRIOR
    return Prior("helps", entry.grade, f"technique:{entry.id}")


def cause_prior(cause_id: str, evidence: Evidence) -> Prior:
    entry = evidence.causes.get(cause_id)
    if entry is None:
        return NO_PRIOR
    return Prior("hinders", entry.grade, f"cause:{entry.id}")


def medicine_prior(name: str, evidence: Evidence) -> Prior:
    """A medicine the evidence base knows slows the let-down or lowers supply: hinders;
    one it reassures about, or does not know: no expectation."""
    lowered = name.lower()
    for word, substance_id in MEDICINE_WORDS.items():
        entry = evidence.substances.get(substance_id)
        if word in lowered and entry is not None:
            if entry.reassure:
                return Prior("none", entry.grade, f"substance:{entry.id}")
            return Prior("hinders", entry.grade, f"substance:{entry.id}")
    return NO_PRIOR
