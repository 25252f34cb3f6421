"""The growth chart: WHO's 3rd-15th-50th-85th-97th percentile lines and the baby's weights.

Drawn as SVG text with matplotlib's Agg canvas (through ``Figure``: no pyplot global
state, safe in a web server's threads). matplotlib is imported here only, inside the
function, so importing ``letdown.growth`` stays fast. The x axis is the age the chart is
read at: corrected age for a baby born before 37 weeks (up to 24 months).
"""

from __future__ import annotations

import io
import re
import warnings

from letdown.growth.assess import Growth
from letdown.growth.who import LAST_DAY, Sex, grams_at
from letdown.growth.words import ordinal

#: The percentile lines drawn (WHO's usual set for weight-for-age charts).
LINES = (3, 15, 50, 85, 97)
INK = "#1f1b16"
BAND = "#d9e7f1"
MIDDLE = "#1d5f8a"
POINT = "#8a3b12"
#: The chart shows at least this many days, so a newborn's chart is not a single column.
MIN_SPAN_DAYS = 60


def _span(g: Growth) -> int:
    ages = [p.chart_age_days for p in g.points if p.chart_age_days is not None]
    now = g.corrected_age_days if g.corrected_age_days is not None else g.age_days
    last = max([*ages, max(now, 0)])
    return min(LAST_DAY, max(MIN_SPAN_DAYS, int(last * 1.15) + 7))


def growth_svg(g: Growth, sex: Sex, title: str) -> str:
    """An accessible inline ``<svg>`` of the baby's weights on WHO's percentile lines."""
    from matplotlib.figure import Figure

    span = _span(g)
    step = max(1, span // 120)
    days = list(range(0, span + 1, step))
    in_months = span > 120
    scale = 30.4375 if in_months else 7.0
    xs = [d / scale for d in days]
    curves = {p: [grams_at(sex, d, p) / 1000 for d in days] for p in LINES}

    fig = Figure(figsize=(3.6, 3.0), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.fill_between(xs, curves[3], curves[97], color=BAND, linewidth=0)
    ax.fill_between(xs, curves[15], curves[85], color="#b9d3e6", linewidth=0)
    for p in LINES:
        ax.plot(xs, curves[p], color=MIDDLE if p == 50 else "#6b93b3",
                linewidth=1.4 if p == 50 else 0.7)
        ax.annotate(ordinal(p), (xs[-1], curves[p][-1]), fontsize=10, color=INK,
                    xytext=(2, 0), textcoords="offset points", va="center")
    shown = [p for p in g.points if p.z is not None and p.chart_age_days is not None
             and p.chart_age_days <= span]
    if shown:
        ax.plot([p.chart_age_days / scale for p in shown if p.chart_age_days is not None],
                [p.grams / 1000 for p in shown], color=POINT, marker="o", markersize=4,
                linewidth=1.2)
    corrected = " (corrected)" if g.corrected_age_days is not None else ""
    ax.set_xlabel(("age, months" if in_months else "age, weeks") + corrected, fontsize=11,
                  color=INK)
    ax.set_ylabel("weight, kg", fontsize=11, color=INK)
    ax.tick_params(labelsize=10, colors=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(-xs[-1] * 0.02, xs[-1] * 1.16)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.grid(True, color="#e4ddd5", linewidth=0.6)
    ax.set_axisbelow(True)

    buffer = io.StringIO()
    import matplotlib

    with (matplotlib.rc_context({"svg.hashsalt": "growth", "svg.fonttype": "none"}),
          warnings.catch_warnings()):
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buffer, format="svg", facecolor="#ffffff")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\sid="([^"]+)"', r' id="growth-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", r"url(#growth-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', r'xlink:href="#growth-\1"', svg)
    svg = re.sub(r'\swidth="[^"]+"\s+height="[^"]+"', ' width="100%"', svg, count=1)
    safe = title.replace("&", "&amp;").replace("<", "&lt;")
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="growth-title" '
                      'focusable="false" ', 1)
    head_end = svg.index(">") + 1
    return svg[:head_end] + f'<title id="growth-title">{safe}</title>' + svg[head_end:]
