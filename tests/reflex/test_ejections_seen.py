"""Ejections seen on ultrasound: the measurement model behind the published ejection counts.

Ramsay et al. (Pediatrics 2004) and Prime et al. (Int Breastfeed J 2009) counted ejections as
widenings of a duct in the breast that was not suckled or pumped. The model's own count
(``ejections``) is contraction onsets; ``ejections_seen`` is what that ultrasound would
count. These tests pin the rule down and show it is what the ultrasound studies are
compared with."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from letdown.reflex import simulate_population
from letdown.reflex.engine import imaged_duct
from letdown.reflex.metrics import SEEN_VOLUME_RISE, DuctWatch
from letdown.reflex.scenario import from_dict
from letdown.reflex.stimulus import Schedule


def _count(series: list[float]) -> int:
    watch = DuctWatch(np.array([series[0]]))
    for v in series[1:]:
        watch.update(np.array([v]), True)
    return int(watch.seen[0])


def test_the_detection_rule_is_a_16_percent_wider_duct() -> None:
    """Twice the largest between-feed variation of a duct's diameter (8.3%, Ramsay 2004) as
    a volume: (1.166)^2 - 1, about 36% more milk in the duct."""
    assert pytest.approx(1.166**2 - 1.0, rel=1e-3) == SEEN_VOLUME_RISE


def test_a_clear_widening_is_seen_and_a_small_one_is_not() -> None:
    # one clear dilation (4 -> 8 mL), then wobbles of 10% while the duct stays full:
    # one ejection seen, however many wobbles
    full = [4.0, 5.0, 6.5, 8.0, 7.4, 8.1, 7.4, 8.1, 7.4]
    assert _count(full) == 1
    # the duct narrows back (8 -> 5 mL) and widens again (-> 7 mL): a second ejection
    assert _count([*full, 6.0, 5.0, 6.0, 7.0]) == 2
    # a rise of 30% of its own volume is below what the eye tells from noise
    assert _count([4.0, 4.6, 5.2, 4.5, 4.0]) == 0


def test_nothing_is_counted_outside_the_session() -> None:
    watch = DuctWatch(np.array([4.0, 4.0]))
    watch.update(np.array([8.0, 8.0]), False)  # before touch
    assert watch.seen.tolist() == [0, 0]


def test_the_probe_watches_the_breast_not_in_use() -> None:
    def sched(sides: str) -> Schedule:
        return Schedule(from_dict({"session": {"kind": "pump", "duration_min": 5,
                                               "sides": sides}}))

    assert imaged_duct(sched("left")) == "DR"
    assert imaged_duct(sched("right")) == "DL"
    assert imaged_duct(sched("both")) == "DR"


def _pop(**session: Any) -> dict[str, np.ndarray]:
    scn = from_dict({"session": {"kind": "breastfeed", "duration_min": 15, "sides": "left",
                                 **session}, "cues": {"present": True}})
    return simulate_population(scn, 300, seed=3)


def test_population_runs_report_the_ejections_ultrasound_sees() -> None:
    """The population output carries ``ejections_seen`` beside the contraction onsets: a
    whole number per person, none without an ejection, and a feed's seen count in the
    published range of a breastfeed (Ramsay 2004: 2.5 +/- 1.5, up to about 8)."""
    pop = _pop()
    seen, onsets = pop["ejections_seen"], pop["ejections"]
    assert np.all(seen == np.round(seen)) and np.all(seen >= 0)
    assert np.all(seen[onsets == 0] == 0)
    assert 1.0 <= float(seen.mean()) <= 8.0


def test_every_measured_output_is_in_a_population_run() -> None:
    from letdown.reflex.metrics import MEASURED

    out = _pop(duration_min=2)
    assert set(MEASURED) <= set(out)


def test_no_stimulation_no_ejection_seen() -> None:
    scn = from_dict({"session": {"kind": "none", "duration_min": 5}})
    assert simulate_population(scn, 50, seed=1)["ejections_seen"].max() == 0


def test_ultrasound_studies_compare_the_seen_count() -> None:
    """C1, RAM05-ME and PRI09-SINGLE counted ejections by ultrasound: their simulated line
    reports what ultrasound sees, not the contraction onsets."""
    from letdown.reflex.studies import dynamics, pump

    for module, sid in ((dynamics, "C1"), (pump, "RAM05-ME"), (pump, "PRI09-SINGLE")):
        out = module.CHECKS[sid].run()
        assert "seen on ultrasound" in out.population, sid
