"""The catalogue's findings as runs of the model, one per finding it can express.

Each runnable finding re-creates the published protocol as scenarios, draws a virtual group
(``common.N`` people from one seed, the same people in every arm), computes the statistic the
study reported and compares it with the published value under a tolerance derived from the
published spread; the typical person's number is kept beside it. Findings the model cannot
express yet say why: ``needs: <input>`` names the missing input.

The finding, source and figures come from the one catalogue (``letdown.reflex.findings``);
this package holds only how each is run and judged. The runs live by area in
``dynamics``, ``pump``, ``techniques``, ``substances``, ``stress`` and ``supply``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from letdown.reflex.findings import Finding, all_findings
from letdown.reflex.studies import dynamics, pump, stress, substances, supply, techniques
from letdown.reflex.studies.common import Check, Outcome, clear_cache

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

#: What each finding the model cannot express yet is missing (new findings; the older
#: ones give their reason in the catalogue). Inputs other helpers are adding now are
#: named as they will be called.
NEEDS: dict[str, str] = {
    "FLA12-HAND": "needs: hand expression; lactation stage from birth (colostrum)",
    "COE20-SHIELD": "needs: nipple shield and flange size as inputs",
    "YIG12-WARM": "needs: technique timing (warmth 20 min before); techniques per breast",
    "LUL22-LULLABY": "needs: days of supply; relaxation timing; a photo cue",
    "MOR09-MDV": "needs: weeks of supply; hand expression; lactation stage from birth",
    "HOP92-SMOKE": "needs: weeks of supply (2 to 4 weeks); the smoking dose is not given",
    "MEN91-ETOH": "needs: alcohol in milk and infant sucking as outputs",
    "DAS01-DOMP": "needs: dopamine antagonists with dose; days of supply",
    "ASZ17-DOMP": "needs: dopamine antagonists with dose; weeks of supply",
    "ASZ19-DOMP": "needs: dopamine antagonists with dose and start day; weeks of supply",
    "WAN08-DOMP": "needs: dopamine antagonists with dose; days of supply",
    "KAU81-METO": "needs: dopamine antagonists with dose; days of supply",
    "GEZ83-METO": "needs: dopamine antagonists with dose; lactation stage from birth",
    "CHA00-STRESS": "needs: stress hormones as outputs; weeks of supply",
    "GRA02-LABOUR": "needs: lactation stage from birth (onset of copious milk); cortisol",
    "HOP88-PRETERM": "needs: weeks of supply with a pumping schedule; lactation stage from "
                     "birth",
    "KEN16-EARLY": "needs: lactation stage from birth; weeks of supply in a population",
    "FPED20-PRETERM": "needs: lactation stage from birth; weeks of supply",
    "MAG23-CTV": "needs: days of supply with a pumping schedule; lactation stage from birth",
    "LEV24-EARLY": "needs: lactation stage from birth; weeks of supply",
    "SMJ-EARLYPUMP": "needs: lactation stage from birth; days of supply",
    "PAR20-TIMING": "needs: lactation stage from birth; weeks of supply",
    "IOM91-MAX": "needs: days of supply (pumping after feeds over days); lactation stage",
    "FEW06-NASALOT": "needs: lactation stage from birth (days 1-5); days of supply",
    "ALT95-EXERCISE": "needs: stress hormones (ACTH, cortisol, noradrenaline) as outputs",
    "HEI01-TSST": "needs: stress hormones as outputs; a stressor timed after a feed",
    "KEI12-MUSIC": "needs: days of supply; technique timing",
    "MEN01-COMPENSATE": "needs: alcohol timed within a day of feeds; infant intake as output",
    "CHE98-LABOUR": "needs: lactation stage from birth; stress before and during birth",
}

CHECKS: dict[str, Check] = {}
for _module in (dynamics, pump, techniques, substances, stress, supply):
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

__all__ = ["CHECKS", "NEEDS", "SEEN_BEFORE_SPLIT", "STUDIES", "Outcome", "Study",
           "clear_cache", "training_studies"]
