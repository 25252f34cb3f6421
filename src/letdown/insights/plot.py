"""The forest plot: each estimated factor's effect on time to let-down, with its interval.

One row per factor, a dot at the estimate and a bar for the 95% interval, on a
percentage axis ("30% faster" to the left of the line at "no difference"). Drawn with
matplotlib's ``Figure`` (the Agg machinery, no pyplot global state, safe in a web
server's threads), imported only here, and returned as SVG text: the caller decides
where it goes (a file for the CLI, inline in the page for the web).
"""

from __future__ import annotations

import io
import math
import re

from letdown.insights.effects import Insights
from letdown.insights.words import verdict

INK = "#1f1b16"
HELPS = "#1d5f8a"
HINDERS = "#8a3b12"
MUTED = "#8c8279"
#: Inches per row, and the width (fits a 390 px phone at full width).
ROW_IN = 0.32
WIDTH_IN = 3.6


def forest_svg(insights: Insights, title: str = "What changes your let-down time") -> str | None:
    """The plot as SVG text; None when no factor has an estimate yet."""
    rows = [e for e in insights.effects if e.time is not None]
    if not rows:
        return None
    import matplotlib
    from matplotlib.figure import Figure

    rows.sort(key=lambda e: e.time.mean if e.time else 0.0, reverse=True)
    figure = Figure(figsize=(WIDTH_IN, 0.9 + ROW_IN * len(rows)), dpi=100,
                    layout="constrained")
    axes = figure.add_subplot()
    for y, effect in enumerate(rows):
        est = effect.time
        assert est is not None
        said = verdict(est)
        colour = HELPS if said == "helps" else HINDERS if said == "hinders" else MUTED
        low, mid, high = (100 * (math.exp(v) - 1) for v in (est.low, est.mean, est.high))
        axes.plot([low, high], [y, y], color=colour, linewidth=2)
        axes.plot([mid], [y], "o", color=colour, markersize=5)
    axes.axvline(0, color=INK, linewidth=0.8)
    axes.set_yticks(range(len(rows)), [_short(e.factor.label) for e in rows], fontsize=8)
    axes.set_xlabel("% change in time to let-down\n(left: faster, right: slower)", fontsize=8)
    axes.tick_params(axis="x", labelsize=8)
    axes.set_title(title, fontsize=9)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "forest", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", transparent=True)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    safe = title.replace("&", "&amp;").replace("<", "&lt;")
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="forest-title" ', 1)
    head = svg.index(">") + 1
    return svg[:head] + f'<title id="forest-title">{safe}</title>' + svg[head:]


def _short(label: str, width: int = 24) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
