"""The Markdown validation report with plots, written by ``letdown calibrate --report DIR``."""

from __future__ import annotations

from pathlib import Path

from letdown.reflex.calibrate import Result
from letdown.reflex.engine import simulate
from letdown.reflex.params import table
from letdown.reflex.scenario import from_dict

LIMITS = [
    "It reproduces group-level findings for a typical person; it does not predict an "
    "individual, and its population spreads are documented guesses where no study gives them.",
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
        "citation, identifier, the figures as printed and where they were read. The table "
        "above runs the 35 studies calibration began with; the others are recorded for the "
        "next steps of issue 12.",
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

    ran = [r for r in results if r.expressible]
    lines = [
        "# Reflex model: validation report",
        "",
        "Generated by `letdown calibrate --report docs/validation`. Each study from "
        "`shared/reference/calibration.md` that the model can express is re-created as "
        "scenarios and run on the typical person. *Role*: `check` = the number was not used "
        "to set any parameter; `fitted` = a parameter was set from it (passing shows "
        "consistency only); `structural` = true by construction.",
        "",
        f"**{sum(r.passed for r in ran)}/{len(ran)} expressible studies pass; "
        f"{len(results) - len(ran)} cannot be expressed.**",
        "",
        "| id | role | finding | published | simulated | tolerance | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.study
        sim = r.simulated if r.expressible else f"*not expressed:* {r.simulated}"
        lines.append(f"| {s.id} | {s.role} | {s.finding} ({s.source}) | {s.published} | "
                     f"{sim} | {s.tolerance} | {r.verdict} |")
    lines += [
        "",
        *split_section(),
        "## Plots",
        "",
        "Pulsatile oxytocin, discrete ejections (dotted lines) and a decelerating cumulative "
        "volume; stress and alcohol thin and delay the pulses.",
        "",
        "![pump](pump-calm-stress-alcohol.svg)",
        "",
        "![breastfeed](breastfeed.svg)",
        "",
        "## What the model does not capture",
        "",
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
