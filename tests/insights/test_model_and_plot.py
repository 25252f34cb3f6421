"""The censored regression finds the posterior mode, and the forest plot draws it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import numpy as np

from insights.simulate import journal
from letdown.evidence import load_evidence
from letdown.insights.effects import estimate
from letdown.insights.model import fit
from letdown.insights.plot import forest_svg


def test_a_strong_prior_wins_over_few_sessions_and_data_win_over_a_weak_one() -> None:
    rng = np.random.default_rng(0)
    x = (rng.random((40, 1)) < 0.5).astype(float)
    y = 4.5 + 0.4 * x[:, 0] + 0.3 * rng.standard_normal(40)
    none = np.zeros(40, dtype=bool)
    tight = fit(x, y, none, np.array([-0.2]), np.array([0.01]))
    loose = fit(x, y, none, np.array([-0.2]), np.array([10.0]))
    assert abs(tight.mean[0] + 0.2) < 0.01
    assert abs(loose.mean[0] - 0.4) < 0.2
    assert loose.converged and tight.converged


def test_censored_rows_push_the_estimate_up_not_out() -> None:
    """Half the 'with' rows are only known to be above 5: the effect is larger than the
    noticed rows alone suggest."""
    x = np.array([[0.0]] * 20 + [[1.0]] * 20)
    y = np.array([4.0 + 0.1 * (i % 3) for i in range(20)] + [4.6, 5.0] * 10)
    censored = np.array([False] * 20 + [False, True] * 10)
    with_censoring = fit(x, y, censored, np.zeros(1), np.full(1, 10.0))
    as_if_seen = fit(x, y, np.zeros(40, dtype=bool), np.zeros(1), np.full(1, 10.0))
    assert with_censoring.mean[0] > as_if_seen.mean[0] + 0.03
    assert with_censoring.sigma > 0 and as_if_seen.sigma > 0


def test_the_forest_plot_is_an_accessible_svg_with_one_row_per_estimate() -> None:
    found = estimate(journal(2, 80, {"warm_compress": -0.3}), load_evidence(), dt.UTC)
    svg = forest_svg(found)
    assert svg is not None
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert "What changes your let-down time" in svg
    estimated = [e for e in found.effects if e.time is not None]
    assert len(estimated) >= 3
    for effect in estimated:
        assert effect.factor.label[:20] in svg
    assert forest_svg(estimate([], load_evidence(), dt.UTC)) is None
