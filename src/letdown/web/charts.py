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
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from letdown.web.summary import Group, Point

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INK = "#1f1b16"
ACCENT = "#8a3b12"
SECOND = "#1d5f8a"
GRID = "#d9cfc4"
_lock = threading.Lock()


def _figure(width: float = 4.0, height: float = 2.6) -> Figure:
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
        figure.savefig(buffer, format="svg", transparent=False)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\sid="([^"]+)"', rf' id="{name}-\1"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', rf"url(#{name}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{name}-\1"', svg)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{name}-title" focusable="false" ', 1
    )
    head_end = svg.index(">") + 1
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;")
    return svg[:head_end] + f'<title id="{name}-title">{safe_title}</title>' + svg[head_end:]


def _style(ax: Axes) -> None:
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)


def time_chart(points: Sequence[Point], name: str, ylabel: str, title: str) -> str:
    """Values over time (one dot per session, a line through them); '' without data."""
    if not points:
        return ""
    key = tuple((p.start.isoformat(), p.value, p.kind.value) for p in points)
    return _time_chart(key, name, ylabel, title)


@lru_cache(maxsize=64)
def _time_chart(
    key: tuple[tuple[str, float, str], ...], name: str, ylabel: str, title: str
) -> str:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num

    with _lock:
        figure = _figure()
        ax = figure.add_subplot()
        _style(ax)
        times = [
            float(date2num(dt.datetime.fromisoformat(k[0])))  # type: ignore[no-untyped-call]
            for k in key
        ]
        values = [k[1] for k in key]
        ax.plot(times, values, color=ACCENT, linewidth=1.5, alpha=0.6)
        for kind, marker, colour in (("pump", "o", ACCENT), ("breastfeed", "s", SECOND),
                                     ("hand_expression", "^", INK)):
            chosen = [(t, v) for t, v, k in zip(times, values, key, strict=True) if k[2] == kind]
            if chosen:
                ax.scatter([c[0] for c in chosen], [c[1] for c in chosen], s=22, marker=marker,
                           color=colour, label=kind.replace("_", " "), zorder=3)
        ax.set_ylabel(ylabel, color=INK, fontsize=9)
        ax.set_ylim(bottom=0)
        locator = AutoDateLocator(maxticks=5)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        )
        if len({k[2] for k in key}) > 1:
            ax.legend(fontsize=8, frameon=False)
        return _svg(figure, name, title)


def bar_chart(groups: Sequence[Group], name: str, xlabel: str, title: str) -> str:
    """Median per group as horizontal bars, with the number of sessions; '' without data."""
    if not groups:
        return ""
    return _bar_chart(tuple((g.name, g.count, g.median) for g in groups), name, xlabel, title)


@lru_cache(maxsize=64)
def _bar_chart(
    key: tuple[tuple[str, int, float], ...], name: str, xlabel: str, title: str
) -> str:
    with _lock:
        figure = _figure(height=0.9 + 0.32 * len(key))
        ax = figure.add_subplot()
        _style(ax)
        labels = [f"{k[0]} (n={k[1]})" for k in key]
        ax.barh(labels, [k[2] for k in key], color=ACCENT, height=0.6)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel, color=INK, fontsize=9)
        return _svg(figure, name, title)


def trace_chart(trace: Any, baseline: Any, name: str, title: str) -> str:
    """Plasma oxytocin, contraction and milk removed over the session, with a baseline."""
    with _lock:
        figure = _figure(height=4.6)
        axes = figure.subplots(3, 1, sharex=True)
        panels = (("plasma_ot", "oxytocin\n(pg/mL)"), ("contraction", "contraction\n(0-1)"),
                  ("removed", "milk out\n(mL)"))
        for ax, (series, label) in zip(axes, panels, strict=True):
            _style(ax)
            ax.plot(baseline.t / 60.0, getattr(baseline, series), color="#8c8279",
                    linewidth=1.2, linestyle="--", label="baseline")
            ax.plot(trace.t / 60.0, getattr(trace, series), color=ACCENT, linewidth=1.6,
                    label="these settings")
            ax.set_ylabel(label, color=INK, fontsize=8)
            ax.set_ylim(bottom=0)
        for ejection in trace.ejection_times:
            axes[2].axvline(ejection / 60.0, color=SECOND, linewidth=0.8, alpha=0.6)
        axes[0].legend(fontsize=7, frameon=False, loc="upper right")
        axes[2].set_xlabel("minutes from the start (blue lines: milk ejections)",
                           color=INK, fontsize=8)
        return _svg(figure, name, title)
