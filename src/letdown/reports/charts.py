"""Two small inline SVG charts for the report, drawn by hand (no matplotlib: fast, and
the same in a browser and in WeasyPrint).

Each takes one value per day of the period (None for a day without one) and returns an
accessible ``<svg>`` with a title, a y axis with three ticks and the first and last date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 340.0, 130.0
LEFT, RIGHT, TOP, BOTTOM = 34.0, 8.0, 18.0, 20.0
INK, GRID, LINE, BAR = "#222", "#ccc", "#b4451f", "#7fa9c7"


def _nice_top(value: float) -> float:
    """A round number at or above ``value`` for the y axis (e.g. 137 -> 150)."""
    if value <= 0:
        return 1.0
    for step in (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return float(step * 4) if value > step * 3 else float(step * 3)
    return value


def _frame(title: str, top: float, unit: str, days: Sequence[dt.date]) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'role="img" aria-label="{escape(title)}" class="chart" '
        'font-family="DejaVu Sans, sans-serif" font-size="9">',
        f"<title>{escape(title)}</title>",
        f'<text x="{LEFT}" y="11" fill="{INK}" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(4):
        value = top * i / 3
        y = TOP + plot_h * (1 - i / 3)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="{GRID}" stroke-width="0.6"/>')
        parts.append(f'<text x="{LEFT - 3}" y="{y + 3:.1f}" text-anchor="end" '
                     f'fill="{INK}">{value:.0f}{unit if i == 3 else ""}</text>')
    if days:
        base = HEIGHT - 6
        parts.append(f'<text x="{LEFT}" y="{base}" fill="{INK}">{days[0]:%d %b}</text>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{base}" text-anchor="end" '
                     f'fill="{INK}">{days[-1]:%d %b}</text>')
    return parts


def _x(index: int, count: int) -> float:
    width = WIDTH - LEFT - RIGHT
    return LEFT + width * (index + 0.5) / max(count, 1)


def _y(value: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(value, top) / top)


def line_chart(title: str, days: Sequence[dt.date], values: Sequence[float | None],
               unit: str = "") -> str | None:
    """Dots for each day's value joined by a line (gaps where a day has none)."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    top = _nice_top(max(known))
    parts = _frame(title, top, unit, days)
    run: list[str] = []
    runs: list[list[str]] = []
    for i, value in enumerate(values):
        if value is None:
            if run:
                runs.append(run)
            run = []
            continue
        x, y = _x(i, len(values)), _y(value, top)
        run.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{LINE}"/>')
    if run:
        runs.append(run)
    for points in runs:
        if len(points) > 1:
            parts.append(f'<polyline points="{" ".join(points)}" fill="none" '
                         f'stroke="{LINE}" stroke-width="1.2"/>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, days: Sequence[dt.date], values: Sequence[float | None],
              unit: str = "") -> str | None:
    """One bar per day (no bar on a day without a value)."""
    known = [v for v in values if v is not None]
    if not known or max(known) <= 0:
        return None
    top = _nice_top(max(known))
    parts = _frame(title, top, unit, days)
    slot = (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    for i, value in enumerate(values):
        if value is None or value <= 0:
            continue
        y = _y(value, top)
        parts.append(f'<rect x="{_x(i, len(values)) - slot * 0.4:.1f}" y="{y:.1f}" '
                     f'width="{slot * 0.8:.1f}" height="{HEIGHT - BOTTOM - y:.1f}" '
                     f'fill="{BAR}"/>')
    parts.append("</svg>")
    return "".join(parts)
