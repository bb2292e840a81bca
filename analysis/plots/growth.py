"""Growth of a network over time: step lines of nodes and ties per year (notebook 03)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.plots import style as plotting


def draw_growth(
    growth,
    columns: Sequence[str] = ("nodes", "ties"),
    *,
    axes=None,
    colors: Sequence[str] | None = None,
    ylabels: Mapping[str, str] | None = None,
    title: str | None = None,
    start: int | None = None,
    figsize=None,
):
    """Step plot of :func:`analysis.methods.networks.growth_over_time` output, one panel per column.

    `growth` is one frame or a mapping label -> frame (one line per label, e.g. "bilateral
    ties" and "group ties"). `start` hides the years before it. The last
    year's value is drawn to the end of that year. Returns (fig, axes).
    """
    import matplotlib.pyplot as plt

    series = {"": growth} if isinstance(growth, pd.DataFrame) else dict(growth)
    columns = list(columns)
    if axes is None:
        fig, axes = plt.subplots(1, len(columns), figsize=figsize, squeeze=False)
        axes = list(axes.ravel())
    else:
        axes = list(np.atleast_1d(axes))
        fig = axes[0].figure
    if len(axes) != len(columns):
        raise ValueError("need one axes per column")
    palette = list(colors) if colors is not None else [plotting.INK]
    ylabels = dict(ylabels or {})
    for ax, column in zip(axes, columns, strict=True):
        for i, (label, frame) in enumerate(series.items()):
            frame = frame.sort_values("year")
            if start is not None:
                frame = frame[frame["year"] >= start]
            if len(frame):
                last = frame.iloc[[-1]].copy()
                last["year"] = last["year"] + 1
                frame = pd.concat([frame, last], ignore_index=True)
            ax.step(frame["year"], frame[column], where="post", color=palette[i % len(palette)],
                    ls=plotting.LINE_STYLES[i % len(plotting.LINE_STYLES)], label=label or None, linewidth=1.6)
        ax.set_xlabel("year (ties dated on or before 31 December)")
        ax.set_ylabel(ylabels.get(column, column))
        ax.set_ylim(bottom=0)
        if any(series) and ax is axes[0]:
            ax.legend(frameon=False, loc="upper left")
    if title:
        fig.suptitle(title)
    return fig, axes
