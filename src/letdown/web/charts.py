"""Charts for the History page, drawn on the server as SVG with matplotlib.

matplotlib is imported only when a chart is drawn (it is slow to import), uses
the Agg backend through ``Figure`` (no pyplot global state, safe in threads), and
each chart is cached by its data, so reloading History costs nothing new.
The SVG is embedded in the page: no image requests, no network, no CDN.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import warnings
from collections.abc import Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from letdown.web.summary import Group, Point

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours as drawn; ``_svg`` swaps each for a CSS variable (``--chart-ink``...), with this
#: colour as its fallback, so the page's light or dark palette colours the chart.
INK = "#1f1b16"
ACCENT = "#8a3b12"
SECOND = "#1d5f8a"
GRID = "#d9cfc4"
MUTED = "#8c8279"
_CSS_COLOURS = {INK: "ink", ACCENT: "accent", SECOND: "second", GRID: "grid", MUTED: "muted"}
#: Figure width in inches (72 SVG units each) and the font size of every label, chosen
#: so that on a 390 px phone, where a chart is ``PHONE_CHART_PX`` wide, no text is
#: under 12 px.
WIDTH_IN = 3.6
FONT = 11.0
PHONE_CHART_PX = 328
#: Fewer points than this make a chart that says nothing: the page says so instead.
MIN_POINTS = 3
#: Days of margin on each side of the sessions on a time axis.
PAD_DAYS = 2.0
_lock = threading.Lock()


def _figure(width: float = WIDTH_IN, height: float = 2.6) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _svg(figure: Figure, name: str, title: str) -> str:
    """The figure as an accessible inline ``<svg>`` with unique ids."""
    import matplotlib

    buffer = io.StringIO()
    with (
        matplotlib.rc_context({"svg.hashsalt": name, "svg.fonttype": "none"}),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", UserWarning)  # tick pickers on a few hours of data
        figure.savefig(buffer, format="svg", transparent=True)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\sid="([^"]+)"', rf' id="{name}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf"url(#{name}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{name}-\1"', svg)
    svg = re.sub(r"#[0-9a-f]{6}\b", _css_colour, svg)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{name}-title" focusable="false" ', 1
    )
    head_end = svg.index(">") + 1
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;")
    return svg[:head_end] + f'<title id="{name}-title">{safe_title}</title>' + svg[head_end:]


def _css_colour(match: re.Match[str]) -> str:
    """A drawn colour as its CSS variable (the page sets them for light and dark)."""
    name = _CSS_COLOURS.get(match.group(0))
    return f"var(--chart-{name}, {match.group(0)})" if name else match.group(0)


def _style(ax: Axes) -> None:
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(INK)
    ax.tick_params(colors=INK, labelsize=FONT)


def mmss(seconds: float, _position: object = None) -> str:
    """Seconds as minutes:seconds ("2:05"), as the rest of the app shows let-down times."""
    whole = round(seconds)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 60}:{abs(whole) % 60:02d}"


def seconds_step(highest: float) -> float:
    """A tick step in whole seconds that reads well as m:ss (0:30, 1:00, 2:00...), at
    most about five ticks up to ``highest``."""
    for step in (15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600):
        if highest / step <= 5:
            return float(step)
    return float(3600 * (int(highest // (3600 * 5)) + 1))


def _seconds_axis(axis: Any, highest: float) -> None:
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    axis.set_major_locator(MultipleLocator(seconds_step(highest)))
    axis.set_major_formatter(FuncFormatter(mmss))


def _day_label(long_span: bool, value: float, _position: object = None) -> str:
    """A date tick: "28 Nov", or "Nov 2026" on an axis of a year or so."""
    from matplotlib.dates import num2date

    day = num2date(value)  # type: ignore[no-untyped-call]  # the axis holds local times
    return f"{day:%b %Y}" if long_span else f"{day.day} {day:%b}"


def day_ticks(first: dt.datetime, last: dt.datetime) -> list[dt.datetime]:
    """Evenly spaced midnights (at most four) between ``first`` and ``last``; [] on an
    axis longer than two months, where month ticks read better."""
    span = (last - first).days
    if span > 62:
        return []
    step = max(1, -(-span // 4))
    day = dt.datetime.combine(first.date() + dt.timedelta(days=1), dt.time(), first.tzinfo)
    ticks = []
    while day <= last:
        ticks.append(day)
        day += dt.timedelta(days=step)
    return ticks


def date_range(times: Sequence[dt.datetime]) -> tuple[dt.datetime, dt.datetime]:
    """The time axis: the sessions with ``PAD_DAYS`` either side (a few days, never years)."""
    pad = dt.timedelta(days=PAD_DAYS)
    return min(times) - pad, max(times) + pad


def time_chart(points: Sequence[Point], name: str, ylabel: str, title: str,
               seconds: bool = False, zone: dt.tzinfo | None = None) -> str:
    """Values over time (one dot per session, a line through them); '' with fewer than
    ``MIN_POINTS`` (the page then says a trend is coming). ``seconds``: values are
    let-down times, labelled m:ss. ``zone``: the parent's, so a late-evening session sits
    on its own day, as the session list shows it."""
    if len(points) < MIN_POINTS:
        return ""
    key = tuple(
        ((p.start.astimezone(zone).replace(tzinfo=None) if zone else p.start).isoformat(),
         p.value, p.kind.value)
        for p in points
    )
    return _time_chart(key, name, ylabel, title, seconds)


@lru_cache(maxsize=64)
def _time_chart(
    key: tuple[tuple[str, float, str], ...], name: str, ylabel: str, title: str,
    seconds: bool,
) -> str:
    from matplotlib.dates import AutoDateLocator, date2num
    from matplotlib.ticker import FixedLocator, FuncFormatter

    with _lock:
        figure = _figure()
        ax = figure.add_subplot()
        _style(ax)
        starts = [dt.datetime.fromisoformat(k[0]) for k in key]
        times = [float(date2num(t)) for t in starts]  # type: ignore[no-untyped-call]
        values = [k[1] for k in key]
        ax.plot(times, values, color=ACCENT, linewidth=1.5, alpha=0.6)
        for kind, marker, colour in (("pump", "o", ACCENT), ("breastfeed", "s", SECOND),
                                     ("hand_expression", "^", INK)):
            chosen = [(t, v) for t, v, k in zip(times, values, key, strict=True) if k[2] == kind]
            if chosen:
                ax.scatter([c[0] for c in chosen], [c[1] for c in chosen], s=26, marker=marker,
                           color=colour, label=kind.replace("_", " "), zorder=3)
        ax.set_ylabel(ylabel, color=INK, fontsize=FONT)
        highest = max(values) or 1.0
        ax.set_ylim(0, highest * 1.1)
        if seconds:
            _seconds_axis(ax.yaxis, highest * 1.1)
        first, last = date_range(starts)
        ax.set_xlim(float(date2num(first)), float(date2num(last)))  # type: ignore[no-untyped-call]
        days = day_ticks(first, last)
        if days:
            ax.xaxis.set_major_locator(FixedLocator([float(date2num(d)) for d in days]))  # type: ignore[no-untyped-call]
        else:
            ax.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=4))  # type: ignore[no-untyped-call]
        long_span = (last - first).days > 300
        ax.xaxis.set_major_formatter(FuncFormatter(partial(_day_label, long_span)))
        if len({k[2] for k in key}) > 1:
            legend = ax.legend(fontsize=FONT, frameon=False)
            for text in legend.get_texts():
                text.set_color(INK)
        return _svg(figure, name, title)


def bar_chart(groups: Sequence[Group], name: str, xlabel: str, title: str,
              seconds: bool = False) -> str:
    """Median per group as horizontal bars, with the number of sessions; '' without data.
    ``seconds``: the medians are let-down times, labelled m:ss."""
    if not groups:
        return ""
    key = tuple((g.name, g.count, g.median) for g in groups)
    return _bar_chart(key, name, xlabel, title, seconds)


@lru_cache(maxsize=64)
def _bar_chart(
    key: tuple[tuple[str, int, float], ...], name: str, xlabel: str, title: str,
    seconds: bool,
) -> str:
    with _lock:
        figure = _figure(height=1.1 + 0.38 * len(key))
        ax = figure.add_subplot()
        _style(ax)
        labels = [f"{k[0]} (n={k[1]})" for k in key]
        ax.barh(labels, [k[2] for k in key], color=ACCENT, height=0.6)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel, color=INK, fontsize=FONT)
        if seconds:
            _seconds_axis(ax.xaxis, max(k[2] for k in key) or 1.0)
        return _svg(figure, name, title)


def trace_chart(trace: Any, baseline: Any, name: str, title: str) -> str:
    """Plasma oxytocin, contraction and milk removed over the session, with a baseline."""
    with _lock:
        figure = _figure(height=5.4)
        axes = figure.subplots(3, 1, sharex=True)
        panels = (("plasma_ot", "oxytocin\n(pg/mL)"), ("contraction", "contraction\n(0-1)"),
                  ("removed", "milk out\n(mL)"))
        for ax, (series, label) in zip(axes, panels, strict=True):
            _style(ax)
            ax.plot(baseline.t / 60.0, getattr(baseline, series), color=MUTED,
                    linewidth=1.2, linestyle="--", label="baseline")
            ax.plot(trace.t / 60.0, getattr(trace, series), color=ACCENT, linewidth=1.6,
                    label="these settings")
            ax.set_ylabel(label, color=INK, fontsize=FONT)
            ax.set_ylim(bottom=0)
        for ejection in trace.ejection_times:
            axes[2].axvline(ejection / 60.0, color=SECOND, linewidth=0.8, alpha=0.6)
        legend = axes[0].legend(fontsize=FONT, frameon=False, loc="upper right")
        for text in legend.get_texts():
            text.set_color(INK)
        axes[2].set_xlabel("minutes from the start\n(blue lines: milk ejections)",
                           color=INK, fontsize=FONT)
        return _svg(figure, name, title)


def week_chart(rows: Sequence[dict[str, float]], baseline: Sequence[dict[str, float]],
               name: str, title: str) -> str:
    """Milk per day over a simulated week: the median with its 90% band, and a baseline."""
    with _lock:
        figure = _figure(height=2.8)
        ax = figure.subplots()
        _style(ax)
        days = [r["day"] for r in rows]
        ax.fill_between(days, [r["total_ml_p5"] for r in rows],
                        [r["total_ml_p95"] for r in rows], color=ACCENT, alpha=0.18,
                        linewidth=0, label="90% of parents")
        ax.plot(days, [r["total_ml"] for r in baseline], color=MUTED, linewidth=1.2,
                linestyle="--", label="baseline")
        ax.plot(days, [r["total_ml"] for r in rows], color=ACCENT, linewidth=1.6,
                marker="o", markersize=3, label="these settings")
        ax.set_ylim(bottom=0)
        ax.set_xticks(days)
        ax.set_ylabel("milk a day (mL)", color=INK, fontsize=FONT)
        ax.set_xlabel("day", color=INK, fontsize=FONT)
        legend = ax.legend(fontsize=FONT - 2, frameon=False, loc="lower right")
        for text in legend.get_texts():
            text.set_color(INK)
        return _svg(figure, name, title)
