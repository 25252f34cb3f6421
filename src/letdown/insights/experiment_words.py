"""An experiment in plain words: what to do this session, and what it found."""

from __future__ import annotations

import math

from letdown.insights.experiments import ADHERENCE, Analysis
from letdown.insights.words import seconds, sureness


def next_session(analysis: Analysis) -> str | None:
    """What the next session should do, or None when the experiment is over."""
    if analysis.next_on is None:
        return None
    label = analysis.experiment.label
    number = f"session {analysis.done + 1} of {analysis.experiment.planned}"
    if analysis.experiment.parsed.kind == "pump":
        if analysis.next_on:
            return f"Experiment, {number}: use {label} this time."
        return f"Experiment, {number}: use your usual setting this time, not {label}."
    if analysis.next_on:
        return f"Experiment, {number}: use {label} this time."
    return f"Experiment, {number}: no {label} this time (the plan says off)."


def next_short(analysis: Analysis) -> str | None:
    """The next session's assignment in a few words, for a badge beside a heading."""
    if analysis.next_on is None:
        return None
    label = analysis.experiment.label
    if analysis.experiment.parsed.kind == "pump":
        return f"Test: {label}" if analysis.next_on else "Test: usual setting"
    return f"Test: {label}" if analysis.next_on else f"Test: no {label}"


def finding(analysis: Analysis) -> str:
    """What it found so far, plain words first."""
    label = analysis.experiment.label
    if analysis.p_helps is None or analysis.log_effect is None:
        return (f"Too early to say anything about {label}: it needs sessions both with and "
                "without it.")
    change = analysis.seconds or 0.0
    size = (f"about {seconds(change)} {'faster' if change < 0 else 'slower'}"
            if abs(change) >= 3 else "about the same time")
    chance = f"{round(analysis.p_helps * 100):.0f}%"
    return (f"So far {label} looks {size} ({sureness(analysis.p_helps)}; "
            f"chance it helps you: {chance}; range "
            f"{_pct(analysis.low)} to {_pct(analysis.high)}).")


def verdict(analysis: Analysis) -> str | None:
    """The advice at the end (None while running)."""
    label = analysis.experiment.label
    return {
        "keep": f"Keep {label}: it very likely helps you.",
        "drop": f"No sign {label} helps you: drop it if it is any bother.",
        "unclear": f"No clear answer about {label}: keep it if you like it; a longer "
                   "experiment could tell.",
        "too early": None,
    }[analysis.advice]


def status_lines(analysis: Analysis) -> list[str]:
    """Everything about one experiment, for the CLI and the page."""
    exp = analysis.experiment
    state = {
        "running": f"Running: {analysis.done} of {exp.planned} sessions done.",
        "clear early": f"The answer is clear after {analysis.done} of {exp.planned} "
                       "sessions: you can stop here.",
        "finished": f"Finished: all {exp.planned} sessions done.",
        "stopped": f"Stopped after {analysis.done} of {exp.planned} sessions.",
    }[analysis.state]
    out = [f"Experiment {exp.id}: {exp.label}, on and off over {exp.planned} sessions "
           f"(started {exp.started:%Y-%m-%d}).", state]
    upcoming = next_session(analysis)
    if upcoming:
        out.append(upcoming)
    out.append(finding(analysis))
    said = verdict(analysis)
    if said:
        out.append(said)
    if analysis.broken:
        out.append(
            f"Note: {analysis.against_plan} of {analysis.done} sessions did the opposite of the "
            f"plan (more than {ADHERENCE:.0%}), so this is no longer a fair coin toss: the "
            "result may reflect why you chose, not the technique. Following the plan keeps "
            "it fair.")
    elif analysis.against_plan:
        out.append(f"{analysis.against_plan} of {analysis.done} sessions did the opposite of "
                   "the plan; still a fair comparison.")
    return out


def _pct(value: float | None) -> str:
    if value is None:
        return "?"
    change = (math.exp(value) - 1) * 100
    return f"{abs(change):.0f}% {'faster' if change < 0 else 'slower'}"
