"""Figures of the data tour (notebook 01): what the data covers."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd

from analysis.plots.style import INK, TRACK_COLORS


def coverage_by_session_figure(coverage: pd.DataFrame, title: str | None = None, partial: Sequence[int] = ()):
    """Stacked bars per session: recorded roll calls (dark), then texts adopted without a vote
    (light). ``coverage``: :func:`analysis.methods.coverage.coverage_by_session` (index session).
    Sessions in ``partial`` (the record stops during them) are hatched and named in the legend.
    """
    fig, ax = plt.subplots()
    full = ~coverage.index.isin(list(partial))
    for mask, hatch, suffix in ((full, None, ""), (~full, "////", " (session under way)")):
        part = coverage[mask]
        if part.empty:
            continue
        ax.bar(part.index, part["recorded"], color=INK, hatch=hatch, edgecolor="white", linewidth=0.3,
               label=f"recorded vote{suffix}")
        ax.bar(part.index, part["without_vote"], bottom=part["recorded"], color="#BDBDBD", hatch=hatch,
               edgecolor="white", linewidth=0.3, label=f"adopted without a vote{suffix}")
    ax.set(xlabel="UN General Assembly session", ylabel="resolutions and decisions", title=title)
    ax.legend(frameon=False, loc="upper left")
    return fig


def dated_parties_figure(counts: Mapping[str, pd.DataFrame], labels: Mapping[str, str] | None = None,
                         title: str | None = None):
    """One step line per instrument (colours of :data:`~analysis.plots.style.TRACK_COLORS`): dated
    Parties at the end of each year. ``counts``: instrument ->
    :func:`analysis.methods.treaties.counts_over_time` (``year``, ``party``); ``labels`` name the
    instruments in the legend.
    """
    labels = dict(labels or {})
    fig, ax = plt.subplots()
    for inst, c in counts.items():
        ax.step(c["year"], c["party"], where="post", color=TRACK_COLORS[inst], lw=1.8,
                label=f"{labels.get(inst, inst)}: Parties (dated)")
    ax.set(xlabel="year (count at the end of each year)", ylabel="Parties", title=title)
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="upper left")
    return fig
