"""The catalogue's findings as runs of the model, one per finding it can express.

Each runnable finding re-creates the published protocol as scenarios, draws a virtual group
(``common.N`` people from one seed, the same people in every arm), computes the statistic the
study reported and compares it with the published value under a tolerance derived from the
published spread; the typical person's number is kept beside it. Findings the model cannot
express yet say why: ``needs: <input>`` names the missing input.

The finding, source and figures come from the one catalogue (``letdown.reflex.findings``);
this package holds only how each is run and judged. The runs live by area in
``dynamics``, ``pump``, ``techniques``, ``substances``, ``stress``, ``supply`` and
``weeks`` (populations over days: pumping from birth) and ``drugs`` (drugs on
prolactin over weeks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from letdown.reflex.findings import Finding, all_findings
from letdown.reflex.studies import (
    days,
    drugs,
    dynamics,
    pump,
    stress,
    substances,
    supply,
    techniques,
    weeks,
)
from letdown.reflex.studies.common import Check, Outcome
from letdown.reflex.studies.common import clear_cache as _clear_sessions

Role = Literal["check", "fitted", "structural", "not expressible"]
Group = Literal["train", "test", "test (seen before the split)"]

#: The 35 studies calibration began with (docs/validation before issue 12). Parameters were
#: set from the "fitted" ones, and the model was developed while watching all of them pass,
#: so those that fell in the test split are reported apart: they are not unseen.
SEEN_BEFORE_SPLIT = frozenset({
    "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13", "C14",
    "C15", "C16", "C17", "C18", "C19", "C20", "C21", "C22", "C23", "C24", "C25", "C26", "C27",
    "C28", "C29", "C30", "C31", "C32", "C33/C35", "C34", "N48",
})

#: The inputs and outputs the model lacks, by the names other helpers are adding them
#: under, so the report can count how many findings wait for each.
HORMONES = "stress hormones as outputs"
PHOTO = "a photo or video cue"
INFANT = "the infant's intake and sucking as outputs"
ALCOHOL_DAY = "alcohol timed within a day of feeds"
MIXED_DAY = "breastfeeds and pumps in the same day of a schedule"
ONE_SESSION = "a technique at some sessions of a day only"
OT_DAYS = "oxytocin doses in a schedule over days"
ONSET = "the onset of copious milk moved by labour and cortisol"

#: What each finding the model cannot express yet is missing, and a note where useful.
NEEDS_INPUTS: dict[str, tuple[tuple[str, ...], str]] = {
    "C2": (("the duration of each ejection as an output",), "the model counts onsets"),
    "C7": (("intraductal pressure as an output",), ""),
    "C14": (("single spikes of the oxytocin cells",),
            "the model has ~15 s burst envelopes; a rat finding"),
    "C29": (("the vacuum waveform within a pump cycle",), "infant-derived pattern"),
    "LUL22-LULLABY": ((ONE_SESSION, PHOTO),
                      "a lullaby every morning for 6 days; a schedule's techniques act at "
                      "every session"),
    "MEN91-ETOH": ((INFANT, "alcohol in milk as an output"), ""),
    "CHA00-STRESS": (("stress acting on prolactin over weeks",
                      "salivary amylase (a sympathetic marker) as an output"),
                     "weeks 2-6; adrenaline and cortisol are outputs now (hormones.py), but "
                     "sympathetic tone does not lower prolactin in the model, so the "
                     "correlation would be zero by construction"),
    "GRA02-LABOUR": ((ONSET,), "cortisol is an output of a session now (hormones.py); the "
                     "supply model's day of secretory activation has no input for labour "
                     "or cortisol"),
    "SMJ-EARLYPUMP": ((MIXED_DAY,), "pumping from the first hour on top of breastfeeds"),
    "FEW06-NASALOT": ((OT_DAYS,), "nasal oxytocin before each pump, days 1-5"),
    "MEN01-COMPENSATE": ((ALCOHOL_DAY, INFANT), ""),
    "CHE98-LABOUR": ((ONSET, "stress before and during birth"), ""),
}


def clear_cache() -> None:
    """Forget every cached run (sessions and days), e.g. after a parameter moved."""
    _clear_sessions()
    days.clear_cache()


def _needs(inputs: tuple[str, ...], note: str) -> str:
    return "needs: " + "; ".join(inputs) + (f" ({note})" if note else "")


NEEDS: dict[str, str] = {fid: _needs(*v) for fid, v in NEEDS_INPUTS.items()}

CHECKS: dict[str, Check] = {}
for _module in (dynamics, pump, techniques, substances, stress, supply, weeks, drugs):
    for _fid, _check in _module.CHECKS.items():
        if _fid in CHECKS:
            raise ValueError(f"study {_fid} is run by two modules")
        CHECKS[_fid] = _check


@dataclass(frozen=True)
class Study:
    """A catalogued finding with how the model runs it (``run`` None: not expressible)."""

    id: str
    area: str
    split: str
    finding: str
    source: str
    published: str
    statistic: str
    role: Role
    tolerance: str
    run: Callable[[], Outcome] | None
    reason: str
    seen_before_split: bool

    @property
    def group(self) -> Group:
        """train, test, or test findings the model was already tuned or checked against."""
        if self.split == "train":
            return "train"
        return "test (seen before the split)" if self.seen_before_split else "test"


def _role(f: Finding, runnable: bool) -> Role:
    if runnable:
        return "fitted" if f.role == "fitted" else "check"
    return "structural" if f.expressible == "structural" else "not expressible"


def _study(f: Finding) -> Study:
    check = CHECKS.get(f.id)
    reason = "" if check else (NEEDS.get(f.id) or f.reason or f"needs: {f.missing_input}")
    return Study(f.id, f.area, f.split or "train", f.finding, f.source, f.published,
                 f.statistic, _role(f, check is not None), check.tolerance if check else "",
                 check.run if check else None, reason, f.id in SEEN_BEFORE_SPLIT)


STUDIES: list[Study] = [_study(f) for f in all_findings()]


def training_studies() -> list[Study]:
    """The only studies fitting code may run: those of training findings. A fit that ran
    ``STUDIES`` (or ``calibrate.run``) would see how the test findings fare."""
    return [s for s in STUDIES if s.split == "train"]

__all__ = [
    "CHECKS",
    "HORMONES",
    "NEEDS",
    "NEEDS_INPUTS",
    "ONE_SESSION",
    "SEEN_BEFORE_SPLIT",
    "STUDIES",
    "Outcome",
    "Study",
    "clear_cache",
    "training_studies",
]
