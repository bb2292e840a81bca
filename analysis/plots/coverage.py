"""Figures of the data tour (notebook 01): what the data covers."""
from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd


def coverage_by_session_figure(coverage: pd.DataFrame, title: str | None = None):
    """Stacked bars per session: recorded roll calls, then texts adopted without a vote.

    ``coverage``: :func:`analysis.methods.coverage.coverage_by_session` (index session).
    """
    fig, ax = plt.subplots()
    ax.bar(coverage.index, coverage["recorded"], color="#0072B2", label="recorded vote")
    ax.bar(coverage.index, coverage["without_vote"], bottom=coverage["recorded"], color="#E69F00",
           label="adopted without a vote")
    ax.set(xlabel="UN General Assembly session", ylabel="texts / roll calls", title=title)
    ax.legend()
    return fig


def dated_parties_figure(counts: Mapping[str, pd.DataFrame], colors: Mapping[str, str], title: str | None = None):
    """One step line per instrument: dated Parties at the end of each year.

    ``counts``: instrument -> :func:`analysis.methods.treaties.counts_over_time` (``year``, ``party``).
    """
    fig, ax = plt.subplots()
    for inst, c in counts.items():
        ax.step(c["year"], c["party"], where="post", color=colors[inst], label=f"{inst} parties (dated)")
    ax.set(xlabel="year", ylabel="parties", title=title)
    ax.legend()
    return fig
