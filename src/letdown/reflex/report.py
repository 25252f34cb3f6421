"""The Markdown validation report with plots, written by ``letdown calibrate --report DIR``."""

from __future__ import annotations

from pathlib import Path

from letdown.reflex.calibrate import GROUPS, Result, missing_inputs, summary_lines, tally
from letdown.reflex.engine import simulate
from letdown.reflex.params import table
from letdown.reflex.scenario import from_dict

LIMITS = [
    "It reproduces group-level findings with a simulated population; it does not predict an "
    "individual, and its population spreads are documented guesses where no study gives them.",
    "Population runs cover one session: findings about a whole day (24-hour volumes, "
    "pseudoephedrine, smoking, fatigue) are judged on the typical person until the engine "
    "runs a population over days.",
    "Oxytocin cells are a reduced two-variable population model: a burst envelope of about "
    "15 s stands for the 2-4 s spike bursts seen in rats (C14); single spikes are not modelled.",
    "The oxytocin concentration scale follows immunoassay values (C9); the 1961 threshold of "
    "about 2 mU iv (C12) implies a much smaller plasma change and is not compared.",
    "Intraductal pressure (C7), ejection duration (C2) and the vacuum waveform within a pump "
    "cycle (C29) are not separate outputs.",
    "Both breasts share one capacity and one synthesis rate; the infant's sucking pattern is "
    "represented through removal from the ducts, not as individual sucks.",
    "Hands-on pumping (C25) is checked for direction only: in the model it raises the day's "
    "volume by about a tenth, not the +48% Morton's preterm mothers reached, because synthesis "
    "here answers only the degree of emptying within a day; the building of supply over the "
    "first weeks is not modelled.",
    "Techniques before, during or both: how fast calm and warmth fade after they stop, how "
    "hard massage pushes milk, and what each millimetre of a badly sized flange costs are "
    "assumed sizes with sources for the mechanism, not fits. In the model a long massage before "
    "touch provokes a let-down the pump is not there to collect, so massage gains most "
    "during pumping.",
    "Discrete counts (ejections, pulses) of a drawn person can differ by one between the fast "
    "engine and the reference when a contraction peak lies within the step error of the "
    "threshold; continuous metrics agree within 1%.",
    "Between very close settings (stress 8.43 and 8.44, say) the fast engine's volume can "
    "move the wrong way by up to about 0.2%, because its fixed step meets the model's "
    "thresholds at slightly different points; the reference solver does not, and each whole "
    "step of the explorer's sliders moves the right way.",
    "Long-term effects (weeks): prolactin's permissive role, supply adaptation, mastitis and "
    "anatomy (e.g. insufficient glandular tissue) are outside the model.",
]


def split_section() -> list[str]:
    """The catalogue's size and its train/test split, as recorded before any fitting."""
    from letdown.reflex.findings import AREAS, SPLIT_SEED, all_findings
    from letdown.reflex.findings.catalogue import SPLIT_DATE
    from letdown.reflex.findings.split import counts

    findings = all_findings()
    table = counts(findings)
    quantitative = sum(f.quantitative for f in findings)
    animal = sum(f.animal for f in findings)
    total = table["all"]
    return [
        "## Findings and the train/test split",
        "",
        f"All findings live in one catalogue, `src/letdown/reflex/findings/findings.toml`: "
        f"{len(findings)} findings ({quantitative} quantitative, "
        f"{len(findings) - quantitative} qualitative; {animal} from animals), each with its "
        "citation, identifier, the figures as printed and where they were read. Every finding "
        "the model can express is run above; the rest name the input they need.",
        "",
        f"Split drawn on {SPLIT_DATE} with seed {SPLIT_SEED} by `scripts/split_findings.py`, "
        "before any fitting, stratified by area: "
        f"{total['train']} train, {total['test']} test. Fitting reads "
        "`training_findings()` only; `python scripts/split_findings.py --check` re-draws "
        "the split from the seed and confirms it.",
        "",
        "| area | train | test |",
        "|---|---|---|",
        *[f"| {a} | {table[a]['train']} | {table[a]['test']} |" for a in AREAS],
        f"| all | {total['train']} | {total['test']} |",
        "",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _table(results: list[Result], groups: tuple[str, ...]) -> list[str]:
    lines = [
        "| id | area | group | finding | published | simulated population (statistic) | "
        "typical person | tolerance | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.study
        if s.group not in groups:
            continue
        if r.expressible:
            pop, typ, tol = r.population, r.typical, s.tolerance
        else:
            pop, typ, tol = f"*not expressed:* {r.typical}", "", ""
        lines.append(f"| {s.id} | {s.area} | {s.group} | {_cell(s.finding)} ({_cell(s.source)})"
                     f" | {_cell(s.published)} | {_cell(pop)} | {_cell(typ)} | {_cell(tol)} | "
                     f"{r.verdict} |")
    return lines


def counts_table(results: list[Result]) -> list[str]:
    """Passing / expressible (and all findings) per area and group, as a Markdown table."""
    from letdown.reflex.findings import AREAS

    head = " | ".join(GROUPS)
    rows = [f"| area | {head} |", "|---" * (len(GROUPS) + 1) + "|"]
    for area in (*AREAS, None):
        cells = " | ".join(
            f"{t.passing}/{t.expressible} of {t.findings}"
            for t in (tally(results, g, area) for g in GROUPS))
        rows.append(f"| {area or '**all**'} | {cells} |")
    return ["Passing / expressible, of all findings, per area and group:", "", *rows]


def cannot_do(results: list[Result]) -> list[str]:
    """Plain bullets: what fails, grouped by split, and what cannot be expressed, by need."""
    lines = []
    for g in GROUPS:
        bad = [r for r in results if r.study.group == g and r.expressible and not r.passed]
        for r in bad:
            s = r.study
            lines.append(f"- **{s.id}** ({s.area}, {g}) fails: {s.finding}. Published "
                         f"{s.published}; simulated {r.population} (typical person: "
                         f"{r.typical}).")
    for need, ids in missing_inputs(results):
        lines.append(f"- It does not yet have {need}: {len(ids)} "
                     f"{'findings wait' if len(ids) != 1 else 'finding waits'} for it "
                     f"({', '.join(ids)}).")
    return lines


def sensitivity_section() -> list[str]:
    """A link to the Sobol analysis (``letdown sensitivity --report``), kept on its own page."""
    return [
        "## Which parameters matter",
        "",
        "A global sensitivity analysis (Sobol indices) ranks the parameters by how much of "
        "each headline metric they explain and lists those that matter for nothing: "
        "[sensitivity.md](sensitivity.md), regenerated by "
        "`letdown sensitivity --samples 2048 --report docs/validation`.",
        "",
    ]


def write_report(results: list[Result], out_dir: Path) -> Path:
    """Write ``README.md`` and plots into ``out_dir``; return the Markdown path."""
    from letdown.reflex.plot import plot_traces

    out_dir.mkdir(parents=True, exist_ok=True)
    calm = simulate(from_dict({"name": "calm", "session": {"kind": "pump", "duration_min": 15}}))
    stressed = simulate(from_dict({"name": "stress 6/10", "state": {"stress": 6},
                                   "session": {"kind": "pump", "duration_min": 15}}))
    drink = simulate(from_dict({"name": "0.4 g/kg alcohol",
                                "state": {"alcohol_g_per_kg": 0.4, "hours_since_drink": 0.75},
                                "session": {"kind": "pump", "duration_min": 15}}))
    feed = simulate(from_dict({"name": "breastfeed with cues", "cues": {"present": True},
                               "session": {"kind": "breastfeed", "duration_min": 15}}))
    plot_traces([calm, stressed, drink], out_dir / "pump-calm-stress-alcohol.svg",
                "Double pumping, 15 min")
    plot_traces([feed], out_dir / "breastfeed.svg", "Breastfeed, both sides in turn")

    train, unseen = tally(results, split="train"), tally(results, "test")
    seen = tally(results, "test (seen before the split)")
    lines = [
        "# Reflex model: validation report",
        "",
        "Generated by `letdown calibrate --report docs/validation`. Every finding in the "
        "catalogue that the model can express is re-created as scenarios and run on a "
        "simulated population (the same virtual parents in every arm of a study); the "
        "statistic the study reported (a mean, a median, a share, a change) is compared with "
        "the published figure under a tolerance derived from the published spread. The "
        "typical person's number is shown beside it. Findings the model cannot express say "
        "which input they need.",
        "",
        "Training findings may be used to fit parameters; test findings never are. Test "
        "findings that were already in the table the model was developed against before the "
        "split (C1, C4, C6, C8, C11, C15, C16, C18, C27, C28, C30) are counted apart as "
        "*test (seen before the split)*, so they do not flatter the test score.",
        "",
        f"**Training: {train.text()}. Test (unseen): {unseen.text()}. Test seen before the "
        f"split: {seen.text()}.**",
        "",
        *counts_table(results),
        "",
        "```",
        *summary_lines(results),
        "```",
        "",
        "`letdown calibrate` exits with status 1 only when a training finding that passed "
        "before (listed in `src/letdown/reflex/studies/baseline.txt`) now fails: CI then "
        "catches a regression, while test findings the model cannot yet reproduce are "
        "reported here honestly instead of breaking the build.",
        "",
        "## Training findings",
        "",
        *_table(results, ("train",)),
        "",
        "## Test findings",
        "",
        *_table(results, ("test", "test (seen before the split)")),
        "",
        *split_section(),
        *sensitivity_section(),
        "## Plots",
        "",
        "Pulsatile oxytocin, discrete ejections (dotted lines) and a decelerating cumulative "
        "volume; stress and alcohol thin and delay the pulses.",
        "",
        "![pump](pump-calm-stress-alcohol.svg)",
        "",
        "![breastfeed](breastfeed.svg)",
        "",
        "## What the model still cannot do",
        "",
        *cannot_do(results),
        *[f"- {item}" for item in LIMITS],
        "",
        "## Parameters",
        "",
        "| name | value | unit | source | evidence | population spread |",
        "|---|---|---|---|---|---|",
        *[f"| {r['name']} | {r['value']} | {r['unit']} | {r['source']} | {r['evidence']} | "
          f"{r['spread']} |" for r in table()],
        "",
    ]
    path = out_dir / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
