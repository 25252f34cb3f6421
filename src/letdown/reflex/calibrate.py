"""Run the calibration studies and format the published-vs-simulated table."""

from __future__ import annotations

from dataclasses import dataclass

from letdown.reflex.studies import STUDIES, Study


@dataclass(frozen=True)
class Result:
    study: Study
    simulated: str
    passed: bool

    @property
    def expressible(self) -> bool:
        return self.study.run is not None

    @property
    def verdict(self) -> str:
        if not self.expressible:
            return "n/a"
        return "pass" if self.passed else "FAIL"


def run_all() -> list[Result]:
    """Run every expressible study (a few seconds)."""
    out = []
    for s in STUDIES:
        if s.run is None:
            out.append(Result(s, s.reason, False))
            continue
        o = s.run()
        out.append(Result(s, o.simulated, o.passed))
    return out


def format_table(results: list[Result]) -> str:
    lines = [f"{'id':<8}{'role':<16}{'verdict':<8}finding / published / simulated (tolerance)"]
    for r in results:
        s = r.study
        lines.append(f"{s.id:<8}{s.role:<16}{r.verdict:<8}{s.finding}")
        lines.append(f"{'':<32}published: {s.published}")
        detail = f"simulated: {r.simulated}" if r.expressible else f"not expressed: {r.simulated}"
        tol = f"  (tolerance: {s.tolerance})" if s.tolerance and r.expressible else ""
        lines.append(f"{'':<32}{detail}{tol}")
    ran = [r for r in results if r.expressible]
    passed = sum(r.passed for r in ran)
    lines.append(f"\n{passed}/{len(ran)} expressible studies pass; "
                 f"{len(results) - len(ran)} cannot be expressed by the model.")
    return "\n".join(lines)
