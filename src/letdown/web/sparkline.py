"""A tiny SVG line for the home page's let-down trend (no matplotlib: home must be fast)."""

from __future__ import annotations

from collections.abc import Sequence


def sparkline(values: Sequence[float], width: int = 320, height: int = 64, pad: int = 6) -> str:
    """An SVG ``<path>`` drawing ``values`` left to right, lower values lower; '' if < 2 values."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / (len(values) - 1)
    points = [
        (pad + i * step, pad + (height - 2 * pad) * (1 - (v - low) / span))
        for i, v in enumerate(values)
    ]
    path = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="spark-title" focusable="false">'
        f'<title id="spark-title">Seconds to let-down, last {len(values)} sessions</title>'
        f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="3" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="5" fill="currentColor"/></svg>'
    )
