"""A chart of a simulated schedule: milk per day (per breast and in all), with the
population's 90% interval when there is one, and the synthesis rate below.

matplotlib is imported inside the function (Agg backend), so importing the reflex package
stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def plot_week(rows: Sequence[dict[str, float]], path: str | Path, title: str) -> Path:
    """Draw ``week.summary`` rows to an SVG or PNG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "letdown"  # stable ids: reproducible SVG files

    out = Path(path)
    days = [r["day"] for r in rows]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 6), sharex=True,
                                      gridspec_kw={"height_ratios": [2, 1]})
    if "total_ml_p5" in rows[0]:
        top.fill_between(days, [r["total_ml_p5"] for r in rows],
                         [r["total_ml_p95"] for r in rows], alpha=0.2,
                         label="90% of virtual parents")
    top.plot(days, [r["total_ml"] for r in rows], marker="o", label="both breasts")
    top.plot(days, [r["left_ml"] for r in rows], linestyle="--", label="left")
    top.plot(days, [r["right_ml"] for r in rows], linestyle=":", label="right")
    top.set_ylabel("milk removed in the day (mL)")
    top.set_ylim(bottom=0)
    top.legend(loc="lower right", fontsize="small")
    bottom.plot(days, [r["rate_left_ml_h"] for r in rows], linestyle="--", label="left")
    bottom.plot(days, [r["rate_right_ml_h"] for r in rows], linestyle=":", label="right")
    bottom.set_ylabel("synthesis (mL/h)")
    bottom.set_ylim(bottom=0)
    bottom.set_xlabel("day of the schedule")
    bottom.set_xticks(days if len(days) <= 31 else days[:: max(1, len(days) // 15)])
    top.set_title(title, fontsize="medium")
    fig.tight_layout()
    metadata = {"Date": None} if out.suffix.lower() == ".svg" else {}
    fig.savefig(out, metadata=metadata)
    plt.close(fig)
    return out
