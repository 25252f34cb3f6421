"""Run every catalogued finding the model can express and judge it, training and test apart.

Why the split is reported apart: parameters may be fitted to the training findings only, so
only the test findings say whether the model predicts what it has not seen. Test findings
that were already in the table the model was developed against (before the split) are a
third group, so that they do not inflate the test score.

Why the exit status looks only at training findings that passed before: a CI run must fail
when a change breaks what the model already did (a regression), but a test finding the
model cannot yet reproduce is a result to report, not a build to break. The training
findings that passed when last recorded are listed in ``studies/baseline.txt``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib import resources

from letdown.reflex.findings import AREAS
from letdown.reflex.studies import NEEDS_INPUTS, STUDIES, Study, clear_cache
from letdown.reflex.studies.common import SEED, N

GROUPS = ("train", "test", "test (seen before the split)")

#: the issue's targets: share of expressible findings passing, overall and in the test split
TARGET_ALL = 0.90
TARGET_TEST = 0.80


@dataclass(frozen=True)
class Result:
    study: Study
    typical: str
    population: str
    passed: bool
    basis: str = "population"

    @property
    def expressible(self) -> bool:
        return self.study.run is not None

    @property
    def simulated(self) -> str:
        """One line: the population's statistic, then the typical person's number."""
        if not self.expressible:
            return self.typical
        return f"{self.population}; typical person: {self.typical}"

    @property
    def verdict(self) -> str:
        if not self.expressible:
            return "n/a"
        return "pass" if self.passed else "FAIL"


@dataclass(frozen=True)
class Run:
    """All results of one calibration run, with how long it took."""

    results: list[Result]
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time (what a loaded machine does not inflate)


def run_all() -> list[Result]:
    """Run every expressible study (each distinct scenario once; tens of seconds)."""
    return run().results


def run(fresh: bool = False) -> Run:
    """Run every study; ``fresh`` drops runs cached by an earlier call first."""
    start, cpu = time.perf_counter(), time.process_time()
    if fresh:
        clear_cache()
    out = []
    for s in STUDIES:
        if s.run is None:
            out.append(Result(s, s.reason, "", False, ""))
            continue
        o = s.run()
        out.append(Result(s, o.typical, o.population, o.passed, o.basis))
    return Run(out, time.perf_counter() - start, time.process_time() - cpu)


def baseline() -> frozenset[str]:
    """Training findings that passed when the baseline was last recorded."""
    text = resources.files("letdown.reflex.studies").joinpath("baseline.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def regressions(results: list[Result]) -> list[Result]:
    """Training findings in the baseline that now fail: the only cause of a non-zero exit."""
    before = baseline()
    return [r for r in results if r.study.split == "train" and r.study.id in before
            and r.expressible and not r.passed]


@dataclass(frozen=True)
class Tally:
    findings: int
    expressible: int
    passing: int

    @property
    def share(self) -> float:
        return self.passing / self.expressible if self.expressible else 0.0

    def text(self) -> str:
        return (f"{self.passing}/{self.expressible} pass ({100 * self.share:.0f}%) "
                f"of {self.findings} findings")


def tally(results: list[Result], group: str | None = None, area: str | None = None,
          split: str | None = None) -> Tally:
    """Findings, expressible and passing, of a group and/or area and/or split."""
    sel = [r for r in results if (group is None or r.study.group == group)
           and (area is None or r.study.area == area)
           and (split is None or r.study.split == split)]
    ran = [r for r in sel if r.expressible]
    return Tally(len(sel), len(ran), sum(r.passed for r in ran))


def targets(results: list[Result]) -> list[str]:
    """The issue's targets with the honest current figures."""
    everything = tally(results)
    unseen = tally(results, "test")
    test_all = tally(results, split="test")
    mark = {True: "met", False: "NOT met"}
    return [
        f"target >= {TARGET_ALL:.0%} of all expressible findings pass: "
        f"{everything.passing}/{everything.expressible} = {everything.share:.0%} "
        f"({mark[everything.share >= TARGET_ALL]})",
        f"target >= {TARGET_TEST:.0%} of the test split passes: unseen test "
        f"{unseen.passing}/{unseen.expressible} = {unseen.share:.0%} "
        f"({mark[unseen.share >= TARGET_TEST]}); with the findings seen before the split "
        f"{test_all.passing}/{test_all.expressible} = {test_all.share:.0%}",
    ]


def missing_inputs(results: list[Result]) -> list[tuple[str, list[str]]]:
    """Each missing input with the findings waiting for it, the most awaited first."""
    waiting: dict[str, list[str]] = {}
    for r in results:
        if not r.expressible and r.study.id in NEEDS_INPUTS:
            for need in NEEDS_INPUTS[r.study.id][0]:
                waiting.setdefault(need, []).append(r.study.id)
    return sorted(waiting.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def summary_lines(results: list[Result]) -> list[str]:
    """Counts per split and per area, the targets, and the regressions (if any)."""
    lines = [f"population: {N} virtual parents per arm, seed {SEED}; the same people in "
             "every arm of a study"]
    for g in GROUPS:
        lines.append(f"{g}: {tally(results, g).text()}")
    lines.append("per area (train | test | test seen before the split):")
    for a in AREAS:
        cells = " | ".join(f"{t.passing}/{t.expressible}" for t in
                           (tally(results, g, a) for g in GROUPS))
        lines.append(f"  {a:<11}{cells}")
    lines += targets(results)
    top = ", ".join(f"{k} ({len(ids)})" for k, ids in missing_inputs(results)[:3])
    lines.append(f"{sum(not r.expressible for r in results)} findings cannot be expressed "
                 f"yet; the inputs most often missing: {top}")
    bad = regressions(results)
    if bad:
        lines.append("REGRESSION: training findings that passed before now fail: "
                     + ", ".join(r.study.id for r in bad))
    return lines


def format_table(results: list[Result]) -> str:
    """The terminal table: training findings, then the test split, then the seen ones."""
    lines: list[str] = []
    for g in GROUPS:
        sel = [r for r in results if r.study.group == g]
        lines.append(f"== {g}: {tally(results, g).text()} ==")
        lines.append(f"{'id':<16}{'area':<12}{'verdict':<8}finding / published / simulated")
        for r in sel:
            s = r.study
            lines.append(f"{s.id:<16}{s.area:<12}{r.verdict:<8}{s.finding}")
            lines.append(f"{'':<36}published: {s.published}")
            if r.expressible:
                lines.append(f"{'':<36}simulated: {r.population}")
                lines.append(f"{'':<36}typical person: {r.typical}")
                lines.append(f"{'':<36}tolerance: {s.tolerance}")
            else:
                lines.append(f"{'':<36}cannot be expressed: {r.typical}")
        lines.append("")
    lines += summary_lines(results)
    return "\n".join(lines)
