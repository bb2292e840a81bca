"""Figures of voting blocs (notebook 02): vote grid, agreement heatmaps, dendrogram, ideal points.

Every function takes tables (from :mod:`analysis.methods.blocs`) and returns a matplotlib Figure; none
reads or writes files (save with :func:`analysis.plots.style.save_figure`). Call them inside
:func:`analysis.plots.style.figure_style`. Orders and jitter are deterministic (sorted inputs,
seeded random numbers), so a figure is the same on every run.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from scipy.cluster.hierarchy import dendrogram, leaves_list

from analysis.core.vocabulary import NOT_RECORDED, VOTE_ORDER
from analysis.methods.blocs import BlocClustering
from analysis.plots.style import PALETTE

#: Vote colours (Okabe-Ito): yes blue, abstain yellow, no vermilion, absent grey, no row white.
VOTE_COLORS = {"yes": "#0072B2", "abstain": "#F0E442", "no": "#D55E00", "absent": "#999999",
               NOT_RECORDED: "#FFFFFF"}
#: Bloc colours, bloc 1 first (distinct from the vote colours; links joining blocs in LINK_GREY).
BLOC_COLORS = ("#CC79A7", "#009E73", "#000000", "#56B4E9", "#E69F00", "#7F7F7F")
LINK_GREY = "#888888"


# --------------------------------------------------------------------------- ordering

def cluster_order(clustering: BlocClustering) -> list[str]:
    """Countries in the left-to-right leaf order of the clustering's dendrogram.

    The order :func:`scipy.cluster.hierarchy.dendrogram` draws, so a heatmap ordered this way
    lines up with the dendrogram; deterministic because :func:`analysis.methods.blocs.cluster_blocs` sorts
    countries before linking. A clustering of one country gives that country.
    """
    labels = list(clustering.labels)
    if len(clustering.linkage) == 0:
        return labels
    return [labels[i] for i in leaves_list(clustering.linkage)]


def bloc_colors(blocs: pd.Series, colors: Sequence[str] = BLOC_COLORS) -> dict:
    """Bloc id -> colour (bloc 1 gets the first colour; cycles when there are more blocs)."""
    ids = sorted(pd.unique(blocs))
    return {b: colors[k % len(colors)] for k, b in enumerate(ids)}


def _link_colors(clustering: BlocClustering, colors: Mapping) -> dict:
    """Linkage node id -> colour: the bloc's colour when all leaves below it share one bloc."""
    n = len(clustering.labels)
    bloc_of = [clustering.blocs[iso] for iso in clustering.labels]
    below: dict[int, set] = {i: {bloc_of[i]} for i in range(n)}
    out = {}
    for k, (a, b, _, _) in enumerate(clustering.linkage):
        node = n + k
        below[node] = below[int(a)] | below[int(b)]
        out[node] = colors[next(iter(below[node]))] if len(below[node]) == 1 else LINK_GREY
    return out


# --------------------------------------------------------------------------- figures

def vote_grid_figure(grid: pd.DataFrame, n_panels: int = 3, title: str | None = None,
                     row_groups: pd.Series | None = None, group_colors: Mapping | None = None,
                     figsize: tuple[float, float] | None = None) -> Figure:
    """Country-by-country votes: ``grid`` (iso3 x roll call, from :func:`analysis.methods.voting.vote_grid`).

    Rows are drawn in the order of ``grid`` (top to bottom), split into ``n_panels`` side-by-side
    panels of equal length so that every iso3 label stays readable. Cells are coloured by
    :data:`VOTE_COLORS`. With ``row_groups`` (iso3 -> bloc) the labels are coloured by bloc.
    """
    values = grid.to_numpy(dtype=object)
    known = [v for v in VOTE_ORDER]
    unknown = sorted({str(v) for v in values.ravel()} - set(known))
    if unknown:
        raise ValueError(f"unknown cell values {unknown}; expected {known}")
    code = {v: k for k, v in enumerate(known)}
    cmap = ListedColormap([VOTE_COLORS[v] for v in known])
    n_rows = len(grid)
    n_panels = max(1, min(n_panels, n_rows or 1))
    per = int(np.ceil(n_rows / n_panels)) if n_rows else 1
    if figsize is None:
        figsize = (10.0, max(3.0, 0.125 * per + 1.6))
    fig, axes = plt.subplots(1, n_panels, figsize=figsize, squeeze=False, layout="none")
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.5 / figsize[1], top=1 - 1.1 / figsize[1], wspace=0.25)
    colors = group_colors or (bloc_colors(row_groups) if row_groups is not None else None)
    for p, ax in enumerate(axes[0]):
        part = grid.iloc[p * per:(p + 1) * per]
        m = np.vectorize(code.get)(part.to_numpy(dtype=object)) if len(part) else np.zeros((0, grid.shape[1]))
        ax.imshow(m, cmap=cmap, vmin=-0.5, vmax=len(known) - 0.5, aspect="auto", interpolation="nearest")
        ax.set_yticks(range(len(part)), part.index, fontsize=5.5)
        ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=90, fontsize=7)
        ax.set_xticks(np.arange(-0.5, grid.shape[1]), minor=True)
        ax.set_yticks(np.arange(-0.5, len(part)), minor=True)
        ax.grid(which="minor", color="#ffffff", linewidth=0.4)
        ax.tick_params(which="minor", length=0)
        ax.tick_params(axis="both", length=0, pad=1)
        ax.xaxis.tick_top()
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        if colors is not None:
            for lab in ax.get_yticklabels():
                iso = lab.get_text()
                if iso in row_groups.index:
                    lab.set_color(colors[row_groups[iso]])
        ax.set_ylim(per - 0.5, -0.5)
    present = [v for v in known if (values == v).any()]
    handles = [Patch(facecolor=VOTE_COLORS[v], edgecolor="#666666", linewidth=0.5, label=v) for v in present]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False)
    if title:
        fig.suptitle(title)
    return fig


def agreement_heatmap(panels: Mapping[str, pd.DataFrame], order: Sequence[str],
                      blocs: pd.Series | None = None, title: str | None = None,
                      label_size: float = 4.0, figsize: tuple[float, float] = (16.0, 8.6),
                      vmin: float = 0.0, vmax: float = 1.0) -> Figure:
    """Square agreement matrices side by side, rows and columns in ``order``.

    ``panels``: panel title -> country x country agreement frame (e.g. ``Agreement.agreement``);
    each is reindexed to ``order`` (a country missing from a panel is drawn blank). With
    ``blocs`` (iso3 -> bloc id) a coloured strip on the left and bottom of each panel marks the
    blocs, and the iso3 labels take the bloc colour. One shared colour bar (agreement, 0-1).
    """
    order = list(order)
    # many tick labels: a fixed layout (constrained layout would measure every label repeatedly)
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, squeeze=False, layout="none")
    fig.subplots_adjust(left=0.035, right=0.93, bottom=0.06, top=0.92, wspace=0.04)
    colors = bloc_colors(blocs) if blocs is not None else None
    image = None
    n = len(order)
    for k, (ax, (name, frame)) in enumerate(zip(axes[0], panels.items(), strict=True)):
        m = frame.reindex(index=order, columns=order).to_numpy(dtype=float)
        image = ax.imshow(m, cmap="viridis", vmin=vmin, vmax=vmax, interpolation="nearest")
        ax.set_xticks(range(n), order, rotation=90, fontsize=label_size)
        ax.set_yticks(range(n), order if k == 0 else [], fontsize=label_size)
        pos = ax.get_position()   # the image is square: its side is the shorter side of the box
        cell = min(pos.width * figsize[0], pos.height * figsize[1]) * 72 / max(n, 1)   # points per cell
        ax.tick_params(length=0, pad=2.4 * cell + 1 if blocs is not None else 1)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(name)
        if colors is not None:
            strip = [colors[blocs[iso]] if iso in blocs.index else "#ffffff" for iso in order]
            for k, c in enumerate(strip):
                ax.add_patch(plt.Rectangle((-0.5 - 1.6, k - 0.5), 1.2, 1, color=c, clip_on=False, lw=0))
                ax.add_patch(plt.Rectangle((k - 0.5, n - 0.5 + 0.4), 1, 1.2, color=c, clip_on=False, lw=0))
            for lab in list(ax.get_yticklabels()) + list(ax.get_xticklabels()):
                iso = lab.get_text()
                if iso in blocs.index:
                    lab.set_color(colors[blocs[iso]])
        ax.set_xlim(-0.5, n - 0.5)
        ax.set_ylim(n - 0.5, -0.5)
    if image is not None:
        cax = fig.add_axes((0.945, 0.3, 0.01, 0.45))
        fig.colorbar(image, cax=cax, label="agreement")
    if title:
        fig.suptitle(title)
    return fig


def bloc_dendrogram(clustering: BlocClustering, bloc_names: Mapping | None = None, title: str | None = None,
                    label_size: float = 4.5, figsize: tuple[float, float] = (12.0, 4.8)) -> Figure:
    """Dendrogram of a :class:`~analysis.methods.blocs.BlocClustering`, links and labels coloured by bloc.

    A link is in its bloc's colour when every country below it is in that bloc, grey when it
    joins blocs; leaves follow :func:`cluster_order`. The y axis is the linkage distance
    (1 - agreement). ``bloc_names`` (bloc id -> name, e.g. from ``name_blocs``) label the legend.
    """
    fig, ax = plt.subplots(figsize=figsize, layout="none")
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.1, top=0.92)
    colors = bloc_colors(clustering.blocs)
    if len(clustering.linkage):
        links = _link_colors(clustering, colors)
        dendrogram(clustering.linkage, labels=list(clustering.labels), ax=ax, leaf_rotation=90,
                   leaf_font_size=label_size, link_color_func=lambda k: links[k])
        for lab in ax.get_xticklabels():
            lab.set_color(colors[clustering.blocs[lab.get_text()]])
    ax.set_ylabel("distance (1 - agreement)")
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="x", length=0)
    sizes = clustering.blocs.value_counts()
    handles = [Patch(facecolor=colors[b], label=f"bloc {b}" + (f": {bloc_names[b]}" if bloc_names is not None else "")
                     + f" ({sizes[b]})") for b in sorted(colors)]
    ax.legend(handles=handles, loc="upper right", frameon=False)
    if title:
        ax.set_title(title)
    return fig


def _jitter(n: int, seed: int, width: float) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-width, width, n)


def ideal_point_strip(points: pd.Series, groups: pd.Series, categories: Sequence[str] | None = None,
                      colors: Mapping | None = None, label: Iterable[str] = (), title: str | None = None,
                      xlabel: str = "ideal point", seed: int = 0, ax=None) -> Figure:
    """One row of dots per category (e.g. a country's vote on a resolution) along the ideal-point axis.

    ``points``: iso3 -> ideal point; ``groups``: iso3 -> category (a country without one is
    left out). Rows follow ``categories`` (default: :data:`VOTE_ORDER` values present, then the
    rest sorted), top to bottom; the vertical jitter is seeded. Countries in ``label`` are
    annotated with their iso3.
    """
    both = pd.DataFrame({"x": points, "g": groups}).dropna().sort_index()
    present = list(pd.unique(both["g"]))
    if categories is None:
        categories = [v for v in VOTE_ORDER if v in present] + sorted(v for v in present if v not in VOTE_ORDER)
    categories = list(categories)
    colors = dict(colors or {})
    for k, c in enumerate(categories):
        colors.setdefault(c, VOTE_COLORS.get(c, PALETTE[k % len(PALETTE)]))
    fig = ax.figure if ax is not None else plt.subplots()[0]
    ax = ax if ax is not None else fig.axes[0]
    both = both[both["g"].isin(categories)]
    row = both["g"].map({c: k for k, c in enumerate(categories)}).to_numpy(dtype=float)
    y = row + _jitter(len(both), seed, 0.28)
    face = [colors[g] for g in both["g"]]
    ax.scatter(both["x"], y, c=face, s=18, edgecolors="#333333", linewidths=0.3)
    for iso in label:
        if iso in both.index:
            k = both.index.get_loc(iso)
            ax.annotate(iso, (both["x"].iloc[k], y[k]), xytext=(3, 3), textcoords="offset points", fontsize=7)
    counts = both["g"].value_counts()
    ax.set_yticks(range(len(categories)), [f"{c} ({counts.get(c, 0)})" for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    return fig


def ideal_point_scatter(x: pd.Series, y: pd.Series, groups: pd.Series | None = None,
                        colors: Mapping | None = None, label: Iterable[str] = (), title: str | None = None,
                        xlabel: str = "our ideal point", ylabel: str = "reference ideal point", ax=None) -> Figure:
    """Scatter of two ideal-point estimates for the same countries (joined on iso3).

    Dots coloured by ``groups`` (iso3 -> category, legend in :data:`VOTE_ORDER` order) when
    given; countries in ``label`` annotated.
    """
    both = pd.DataFrame({"x": x, "y": y}).dropna().sort_index()
    fig = ax.figure if ax is not None else plt.subplots()[0]
    ax = ax if ax is not None else fig.axes[0]
    if groups is not None:
        g = groups.reindex(both.index).fillna(NOT_RECORDED)
        present = list(pd.unique(g))
        cats = [v for v in VOTE_ORDER if v in present] + sorted(v for v in present if v not in VOTE_ORDER)
        colors = dict(colors or {})
        for k, c in enumerate(cats):
            colors.setdefault(c, VOTE_COLORS.get(c, PALETTE[k % len(PALETTE)]))
        for c in cats:
            sel = (g == c).to_numpy()
            ax.scatter(both["x"][sel], both["y"][sel], c=colors[c], s=16, edgecolors="#333333",
                       linewidths=0.3, label=f"{c} ({sel.sum()})")
        ax.legend(frameon=False, loc="upper left")
    else:
        ax.scatter(both["x"], both["y"], s=16, color=PALETTE[0])
    for iso in label:
        if iso in both.index:
            ax.annotate(iso, (both.at[iso, "x"], both.at[iso, "y"]), xytext=(3, 3),
                        textcoords="offset points", fontsize=7)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    if title:
        ax.set_title(title)
    return fig


def agreement_scatter(pairs: pd.DataFrame, by: str, panels: Sequence, summary: pd.DataFrame | None = None,
                      seed: int = 0, figsize: tuple[float, float] = (10.0, 3.4)) -> Figure:
    """ICT agreement against general agreement, one small panel per value of ``by`` in ``panels``.

    ``pairs`` from :func:`analysis.methods.agreement.ict_vs_general_pairs`. ICT agreement takes few distinct
    values (a session has 1-3 ICT roll calls), so it gets a small seeded vertical jitter. With
    ``summary`` (from :func:`~analysis.methods.agreement.ict_vs_general_agreement`) each panel's title
    carries its correlation r.
    """
    panels = list(panels)
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, sharex=True, sharey=True, squeeze=False)
    r = summary.set_index(by)["correlation"] if summary is not None else None
    for k, (ax, key) in enumerate(zip(axes[0], panels, strict=True)):
        g = pairs[pairs[by] == key]
        y = g["ict_agreement"].to_numpy() + _jitter(len(g), seed + k, 0.015)
        ax.scatter(g["general_agreement"], y, s=1.5, alpha=0.08, color=PALETTE[0], rasterized=True, linewidths=0)
        ax.set_title(f"{key}" + (f"\nr = {r[key]:.2f}" if r is not None and key in r.index else ""), fontsize=10)
        ax.set_xlim(0, 1.02)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("general agreement", fontsize=8)
    axes[0][0].set_ylabel("ICT agreement")
    return fig


def spearman_by_year(comparison: pd.DataFrame, target: float | None = 0.97, counts: pd.DataFrame | None = None,
                     title: str | None = None, by: str = "year") -> Figure:
    """Rank agreement with a reference estimate by year (from ``compare_ideal_points``).

    A line of Spearman's rho with the ``target`` as a dashed line and the years below it
    marked. With ``counts`` (``by`` plus columns ``here`` and ``reference``: roll calls behind
    each estimate) a second panel compares the roll calls each side used.
    """
    if counts is not None:
        fig, (ax, ax2) = plt.subplots(2, 1, sharex=True, height_ratios=[2, 1])
    else:
        fig, ax = plt.subplots()
        ax2 = None
    c = comparison.sort_values(by)
    ax.plot(c[by], c["spearman"], marker="o", ms=4, color=PALETTE[0], label="Spearman rank correlation")
    if target is not None:
        ax.axhline(target, ls="--", color="#666666", lw=1, label=f"target {target}")
        low = c[c["spearman"] < target]
        ax.scatter(low[by], low["spearman"], s=60, facecolors="none", edgecolors=PALETTE[5], zorder=3,
                   label=f"below target ({len(low)})")
        for yr, rho in zip(low[by], low["spearman"], strict=True):
            ax.annotate(f"{int(yr)}: {rho:.3f}", (yr, rho), xytext=(-8, 0), textcoords="offset points", fontsize=8,
                        ha="right", va="center")
    ax.set_ylabel("Spearman rho")
    ax.legend(frameon=False, loc="lower left")
    if ax2 is not None:
        k = counts.sort_values(by)
        w = 0.4
        ax2.bar(k[by] - w / 2, k["here"], width=w, color=PALETTE[0], label="roll calls here")
        ax2.bar(k[by] + w / 2, k["reference"], width=w, color=PALETTE[1], label="roll calls in reference")
        ax2.set_ylabel("roll calls")
        ax2.legend(frameon=False, loc="upper left", ncol=2)
        ax2.set_xlabel(by)
    else:
        ax.set_xlabel(by)
    if title:
        ax.set_title(title)
    return fig


def positions_over_time(frame: pd.DataFrame, countries: Sequence[str], value: str = "percentile",
                        style_by: str | None = "source", by: str = "year", title: str | None = None,
                        ylabel: str | None = None) -> Figure:
    """One line per country of ``value`` over ``by``; with ``style_by`` one line style per source.

    ``frame``: long table with iso3, ``by``, ``value`` and (optionally) ``style_by`` (e.g.
    "ours" / "BSV"), one row per (iso3, ``by``, source). Countries are coloured in the order
    given; the first style is solid, the second dashed, the third dotted. A step of ``by`` with
    no value for a country (e.g. a year it did not vote) leaves a gap in its line.
    """
    fig, ax = plt.subplots()
    styles = ["-", "--", ":", "-."]
    sources = list(pd.unique(frame[style_by])) if style_by else [None]
    steps = pd.Index(sorted(pd.unique(frame[by])), name=by)
    for k, iso in enumerate(countries):
        for s, src in enumerate(sources):
            g = frame[(frame["iso3"] == iso) & ((frame[style_by] == src) if style_by else True)]
            if g.empty:
                continue
            # every step of the frame, so that a missing year breaks the line instead of bridging it
            g = g.set_index(by)[value].reindex(steps)
            ax.plot(g.index, g.to_numpy(dtype=float), ls=styles[s % len(styles)], color=PALETTE[k % len(PALETTE)], lw=1.4,
                    label=f"{iso}" + (f" ({src})" if style_by else ""))
    ax.set_xlabel(by)
    ax.set_ylabel(ylabel or value)
    fig.legend(frameon=False, ncol=len(countries), fontsize=7, loc="outside lower center")
    if title:
        ax.set_title(title)
    return fig


def agreement_over_time(series: pd.DataFrame, value: str = "agree", by: str = "year", title: str | None = None,
                        ylabel: str | None = None) -> Figure:
    """One line per pair of ``value`` (a share, 0-1) over ``by``, from
    :func:`analysis.methods.agreement_scores.pair_series`; a period without a row leaves a gap,
    also one that no pair has (1964: no recorded vote)."""
    pairs = list(pd.unique(series["pair"]))
    frame = series.rename(columns={"pair": "iso3"})
    if len(frame):
        missing = sorted(set(range(int(frame[by].min()), int(frame[by].max()) + 1)) - set(frame[by].astype(int)))
        frame = pd.concat([frame, pd.DataFrame({"iso3": pairs[0], by: missing, value: np.nan})], ignore_index=True)
    fig = positions_over_time(frame, pairs, value=value, style_by=None, by=by,
                              title=title, ylabel=ylabel or {"agree": "share of identical votes"}.get(value, value))
    fig.axes[0].set_ylim(0, 1.02)
    return fig
