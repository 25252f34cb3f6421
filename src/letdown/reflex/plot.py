"""Plots of a simulated session: oxytocin, contraction with ejections, cumulative volume.

matplotlib is imported inside the function (Agg backend, no display needed), so importing
the reflex package stays light.
"""

from __future__ import annotations

from pathlib import Path

from letdown.reflex.engine import Trace


def plot_traces(traces: list[Trace], path: str | Path, title: str | None = None) -> Path:
    """Draw one or more traces (overlaid, e.g. calm vs stressed) to an SVG or PNG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "letdown"  # stable ids: reproducible SVG files

    out = Path(path)
    fig, axes = plt.subplots(3, 1, figsize=(8, 7.5), sharex=True)
    for tr in traces:
        minutes = tr.t / 60.0
        line = axes[0].plot(minutes, tr.plasma_ot, label=tr.name)[0]
        colour = line.get_color()
        axes[1].plot(minutes, tr.contraction, color=colour)
        for e in tr.ejection_times:
            axes[1].axvline(e / 60.0, color=colour, alpha=0.35, linestyle=":")
        axes[2].plot(minutes, tr.removed, color=colour)
    axes[0].set_ylabel("plasma oxytocin (pg/mL)")
    axes[1].set_ylabel("myoepithelial contraction")
    axes[1].set_ylim(0, 1)
    axes[2].set_ylabel("milk removed (mL)")
    axes[2].set_xlabel("minutes from first touch (dotted lines: milk ejections)")
    axes[0].legend(loc="upper right", fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    metadata = {"Date": None} if out.suffix.lower() == ".svg" else {}
    fig.savefig(out, metadata=metadata)
    plt.close(fig)
    return out
