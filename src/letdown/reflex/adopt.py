"""Whether a least-squares fit is adopted, and the report that says so (docs/validation/fit.md).

Why this is not part of the fitting module: the decision compares the whole calibration
before and after (training, unseen test and seen test), so it runs test findings. The fit
itself (``letdown.reflex.fit``) never does; this module only judges its result afterwards,
and reports the test score even when it gets worse. Pure apart from ``write``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from letdown.reflex.calibrate import Result, Tally, regressions, run, tally
from letdown.reflex.fit import PRIOR_WIDTH, FitResult, parameters

GROUPS = (("train", "train"), ("unseen test", "test"),
          ("seen test", "test (seen before the split)"))


@dataclass(frozen=True)
class Verdict:
    """The calibration before and after the fit, and whether the fitted values are kept."""

    before: dict[str, Tally]
    after: dict[str, Tally]
    failed_after: list[str]
    adopted: bool
    reasons: list[str]


def _tallies(results: list[Result]) -> dict[str, Tally]:
    return {name: tally(results, group=g) for name, g in GROUPS}


def judge(result: FitResult, before: list[Result] | None = None) -> Verdict:
    """Run the full calibration with the literature values and with the fitted ones;
    adopt only if neither the training nor the unseen-test score drops and no training
    finding of the baseline (studies/baseline.txt) fails."""
    b = _tallies(before if before is not None else run(fresh=True).results)
    with parameters(result.values):
        after_results = run(fresh=True).results
    run(fresh=True)  # leave the cache holding the literature values' runs
    a = _tallies(after_results)
    reasons = [f"the {name} score drops from {b[name].passing} to {a[name].passing}"
               for name in ("train", "unseen test") if a[name].passing < b[name].passing]
    lost = [r.study.id for r in regressions(after_results)]
    if lost:
        reasons.append("training findings that passed before would fail: " + ", ".join(lost)
                       + " (`letdown calibrate` would exit 1)")
    if result.objective_after >= result.objective_before - 1e-3:
        reasons.append("the objective did not fall")
    failed = [r.study.id for r in after_results
              if r.study.split == "train" and r.expressible and not r.passed]
    return Verdict(b, a, failed, not reasons, reasons)


def _rows(result: FitResult) -> list[str]:
    out = ["| parameter | evidence | literature value | bounds | fitted |",
           "|---|---|---|---|---|"]
    out += [f"| {p.name} | {p.evidence} | {p.start:g} | {p.lo:g}-{p.hi:g} | {p.value:.4g} |"
            for p in result.params]
    return out


def _residual_rows(result: FitResult) -> list[str]:
    out = ["| finding | statistic | residual before | after |", "|---|---|---|---|"]
    out += [f"| {i} | {lab} | {rb:+.2f} | {ra:+.2f} |" for (i, lab, rb), (_, _, ra)
            in zip(result.residuals_before, result.residuals_after, strict=True)]
    return out


def markdown(result: FitResult, verdict: Verdict) -> str:
    widths = ", ".join(f"{k} {v:g}" for k, v in PRIOR_WIDTH.items())
    lines = [
        "# Least-squares fit over the training findings",
        "",
        "Written by `python scripts/fit.py --report DIR`.",
        "",
        "## Objective",
        "",
        "J = sum_i soft_l1(r_i^2) + sum_j (log(theta_j / theta_j0) / sigma_j)^2, with",
        "r_i = (simulated statistic - published centre) / published half-width for each number",
        "a training study judges (`letdown.reflex.studies.residuals`): |r_i| <= 1 is inside the",
        "band the study derives from the paper's spread. soft_l1 (scipy's robust loss) keeps",
        "one unreachable finding from dragging every parameter. The second sum is a weak prior",
        "towards each literature value theta_j0, in log space, width by evidence grade",
        f"({widths}).",
        "Minimised with `scipy.optimize.minimize` (Powell, bounded, derivative-free: the",
        "statistics are means of counts over a fixed group, a staircase on which finite",
        "differences stall) in log space within each parameter's documented bounds (its",
        "population spread's limits, or +/-20% without one), on "
        f"{result.people} virtual people from one seed;"
        f" {result.evaluations} evaluations ({result.message}).",
        "Only training findings are evaluated; test findings are run only below, to judge.",
        "",
        "## Parameters",
        "",
        *_rows(result),
        "",
        f"Objective J: {result.objective_before:.3f} at the literature values, "
        f"{result.objective_after:.3f} fitted.",
        "",
        "## Training residuals",
        "",
        *_residual_rows(result),
        "",
        "## `letdown calibrate` before and after (full groups of people)",
        "",
        "| group | literature values | fitted values |",
        "|---|---|---|",
        *[f"| {name} | {verdict.before[name].text()} | {verdict.after[name].text()} |"
          for name, _ in GROUPS],
        "",
        "## Decision",
        "",
    ]
    if verdict.adopted:
        lines.append("Adopted: neither the training nor the unseen-test score drops and no "
                     "baseline training finding fails; the fitted values are in the "
                     "parameter table (source: fitted).")
    else:
        lines.append("Not adopted: " + "; ".join(verdict.reasons) + ". The parameter table "
                     "keeps the literature values.")
    return "\n".join(lines) + "\n"


def write(result: FitResult, verdict: Verdict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fit.md"
    path.write_text(markdown(result, verdict), encoding="utf-8")
    return path
