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
from analysis.plots.style import BLOC_COLORS, COUNTRY_COLORS, GUIDE, INK, LINE_STYLES, PALETTE, VOTE_COLORS

#: Links of a dendrogram that join different blocs.
LINK_GREY = "#888888"
#: States labelled in bloc-level figures (followed by name in the notebooks), in this order.
NAMED_STATES = ("JPN", "CAN", "SRB", "USA", "RUS", "CHN")


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


def bloc_order(bloc: pd.Series, order: Sequence[str]) -> list[str]:
    """Bloc names in the order their first member appears in `order` (e.g. the dendrogram's)."""
    return list(dict.fromkeys(bloc[iso] for iso in order if iso in bloc.index))


def _link_colors(clustering: BlocClustering, bloc: pd.Series) -> dict:
    """Linkage node id -> colour: the bloc's colour when all leaves below it share one bloc."""
    n = len(clustering.labels)
    bloc_of = [bloc[iso] for iso in clustering.labels]
    below: dict[int, set] = {i: {bloc_of[i]} for i in range(n)}
    out = {}
    for k, (a, b, _, _) in enumerate(clustering.linkage):
        node = n + k
        below[node] = below[int(a)] | below[int(b)]
        out[node] = BLOC_COLORS[next(iter(below[node]))] if len(below[node]) == 1 else LINK_GREY
    return out


def _vote_legend(fig: Figure, values, y: float) -> None:
    present = [v for v in VOTE_ORDER if (np.asarray(values, dtype=object) == v).any()]
    handles = [Patch(facecolor=VOTE_COLORS[v], edgecolor="#666666", linewidth=0.5, label=v) for v in present]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, y), ncol=len(handles), frameon=False)


# --------------------------------------------------------------------------- figures

def vote_grid_figure(grid: pd.DataFrame, groups: pd.Series, group_order: Sequence[str], title: str | None = None,
                     max_rows: int = 62, width: float = 10.0) -> tuple[Figure, float]:
    """Country-by-country votes in panels, one group (bloc) after another: ``grid`` (iso3 x roll
    call, from :func:`analysis.methods.voting.vote_grid`), rows in the order of ``grid``.

    ``groups`` maps each iso3 of the grid to a group name (e.g. its bloc); the groups follow
    ``group_order`` and a group longer than ``max_rows`` is split over several panels, each
    titled with the group, its size and the part shown. Cells are coloured by
    :data:`~analysis.plots.style.VOTE_COLORS`; the legend and a band for the source note sit under
    the panels. Returns (figure, the height in inches kept free at the bottom for the note).
    """
    values = grid.to_numpy(dtype=object)
    known = list(VOTE_ORDER)
    unknown = sorted({str(v) for v in values.ravel()} - set(known))
    if unknown:
        raise ValueError(f"unknown cell values {unknown}; expected {known}")
    missing = sorted(set(grid.index) - set(groups.index))
    stray = sorted(set(groups.reindex(grid.index).dropna()) - set(group_order))
    if missing or stray:
        raise ValueError(f"rows without a group: {missing}; groups not in group_order: {stray}")
    code = {v: k for k, v in enumerate(known)}
    cmap = ListedColormap([VOTE_COLORS[v] for v in known])
    panels = []
    for name in group_order:
        rows = [iso for iso in grid.index if groups[iso] == name]
        parts = max(1, int(np.ceil(len(rows) / max_rows)))
        per = int(np.ceil(len(rows) / parts)) if rows else 0
        for p in range(parts):
            chunk = rows[p * per:(p + 1) * per]
            if chunk:
                label = f"{name} ({len(rows)})" + (f", {p + 1} of {parts}" if parts > 1 else "")
                panels.append((label, chunk))
    tallest = max((len(c) for _, c in panels), default=1)
    band = 0.75                                             # inches: legend, then the source note
    height = 0.13 * tallest + 1.25 + band
    fig, axes = plt.subplots(1, len(panels) or 1, figsize=(width, height), squeeze=False, layout="none")
    fig.subplots_adjust(left=0.045, right=0.995, bottom=(band + 0.1) / height, top=1 - 1.15 / height, wspace=0.45)
    for ax, (label, chunk) in zip(axes[0], panels, strict=False):
        part = grid.loc[chunk]
        m = np.vectorize(code.get)(part.to_numpy(dtype=object))
        ax.imshow(m, cmap=cmap, vmin=-0.5, vmax=len(known) - 0.5, aspect="auto", interpolation="nearest")
        ax.set_yticks(range(len(part)), part.index, fontsize=5.5)
        ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=90, fontsize=6.5)
        ax.set_xticks(np.arange(-0.5, grid.shape[1]), minor=True)
        ax.set_yticks(np.arange(-0.5, len(part)), minor=True)
        ax.grid(which="minor", color="#ffffff", linewidth=0.4)
        ax.tick_params(which="minor", length=0)
        ax.tick_params(axis="both", length=0, pad=1)
        ax.xaxis.tick_top()
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_ylim(tallest - 0.5, -0.5)
        ax.set_title(label, fontsize=8.5, loc="left")
    _vote_legend(fig, values, (band - 0.45) / height)
    if title:
        fig.suptitle(title)
    return fig, band


def agreement_heatmap(panels: Mapping[str, pd.DataFrame], order: Sequence[str], bloc: pd.Series,
                      named: Sequence[str] = NAMED_STATES, title: str | None = None,
                      figsize: tuple[float, float] = (10.0, 5.8), vmin: float = 0.0, vmax: float = 1.0) -> Figure:
    """Square agreement matrices side by side, rows and columns in ``order``, read at bloc level.

    ``panels``: panel title -> country x country agreement frame; each is reindexed to ``order``
    (a country missing from a panel is blank). ``bloc`` (iso3 -> bloc name) must give contiguous
    runs along ``order``: white lines separate the blocs, which name the columns (with their size);
    the rows name only the ``named`` states present, so every label is readable. One colour bar
    (agreement, 0-1).
    """
    order = list(order)
    runs = bloc_order(bloc, order)
    starts = [order.index(next(i for i in order if bloc[i] == b)) for b in runs]
    sizes = [int((bloc.reindex(order) == b).sum()) for b in runs]
    if any(bloc[order[s + k]] != b for b, s, n in zip(runs, starts, sizes, strict=True) for k in range(n)):
        raise ValueError("the blocs are not contiguous in `order`")
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, squeeze=False, sharey=True)
    image = None
    n = len(order)
    rows = [(order.index(iso), iso) for iso in named if iso in order]
    for ax, (name, frame) in zip(axes[0], panels.items(), strict=True):
        m = frame.reindex(index=order, columns=order).to_numpy(dtype=float)
        image = ax.imshow(m, cmap="viridis", vmin=vmin, vmax=vmax, interpolation="nearest")
        for s in starts[1:]:
            ax.axhline(s - 0.5, color="white", lw=1.2)
            ax.axvline(s - 0.5, color="white", lw=1.2)
        ax.set_xticks([s + (z - 1) / 2 for s, z in zip(starts, sizes, strict=True)],
                      [f"{b.replace(' ', chr(10))}\n({z})" for b, z in zip(runs, sizes, strict=True)], fontsize=7.5)
        ax.set_yticks([r for r, _ in rows], [] if ax is not axes[0][0] else [""] * len(rows))
        if ax is axes[0][0]:
            _spread_labels(ax, rows, n)
        ax.tick_params(length=2)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(name, fontsize=10)
        ax.set_xlim(-0.5, n - 0.5)
        ax.set_ylim(n - 0.5, -0.5)
    if image is not None:
        fig.colorbar(image, ax=list(axes[0]), shrink=0.7, label="agreement (Lijphart, 0-1)")
    if title:
        fig.suptitle(title)
    return fig


def _spread(positions: Sequence[float], gap: float) -> list[float]:
    """Positions moved apart (in order, keeping their mean) so that neighbours are at least `gap` apart."""
    out = list(positions)
    for k in range(1, len(out)):
        out[k] = max(out[k], out[k - 1] + gap)
    shift = (sum(positions) - sum(out)) / len(out) if out else 0.0
    return [p + shift for p in out]


def _spread_labels(ax, rows: Sequence[tuple[int, str]], n: int, fontsize: float = 8.0) -> None:
    """Row labels left of a square matrix, spread apart where rows are close, with leader lines."""
    height_pt = ax.get_window_extent().height * 72 / ax.figure.dpi or 1.0
    gap = 1.3 * fontsize * n / height_pt                       # rows per label height
    rows = sorted(rows)
    spots = _spread([r for r, _ in rows], gap)
    for (row, iso), spot in zip(rows, spots, strict=True):
        ax.annotate(iso, xy=(-0.5, row), xycoords="data", xytext=(-0.5 - 0.07 * n, spot), textcoords="data",
                    ha="right", va="center", fontsize=fontsize, annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6, "shrinkA": 1, "shrinkB": 0})


def _leaf_names(clustering: BlocClustering, p: int, named: Sequence[str]) -> dict[int, str]:
    """Label of each leaf cluster of a dendrogram truncated to its last ``p`` merges ("JPN +14")."""
    n = len(clustering.labels)
    members: dict[int, list[str]] = {i: [clustering.labels[i]] for i in range(n)}
    for k, (a, b, _, _) in enumerate(clustering.linkage):
        members[n + k] = members[int(a)] + members[int(b)]
    rank = {iso: i for i, iso in enumerate(named)}
    out = {}
    for node, codes in members.items():
        first = sorted(codes, key=lambda c: (rank.get(c, len(rank)), c))[0]
        out[node] = first + (f" +{len(codes) - 1}" if len(codes) > 1 else "")
    return out


def bloc_dendrogram(clustering: BlocClustering, bloc: pd.Series, leaves: int = 36, named: Sequence[str] = NAMED_STATES,
                    title: str | None = None, figsize: tuple[float, float] = (10.0, 5.0)) -> Figure:
    """Dendrogram of a :class:`~analysis.methods.blocs.BlocClustering`, cut to its last ``leaves``
    clusters so that every label is readable; links in the colour of their bloc (``bloc``: iso3
    -> bloc name), grey where they join blocs.

    Each leaf is a cluster labelled by one member and the count of the others ("JPN +14"; a
    ``named`` state first, else the first code alphabetically). The y axis is the linkage distance
    (1 - agreement). The legend names the blocs and their sizes.
    """
    fig, ax = plt.subplots(figsize=figsize)
    n = len(clustering.labels)
    if len(clustering.linkage):
        links = _link_colors(clustering, bloc)
        names = _leaf_names(clustering, leaves, named)
        dendrogram(clustering.linkage, ax=ax, truncate_mode="lastp", p=min(leaves, n), leaf_rotation=90,
                   leaf_font_size=7.5, show_leaf_counts=False, link_color_func=lambda k: links[k],
                   leaf_label_func=lambda k: names[k])
    ax.set_ylabel("distance (1 - agreement)")
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="x", length=0)
    sizes = bloc.reindex(clustering.labels).value_counts()
    present = bloc_order(bloc, cluster_order(clustering))
    handles = [Patch(facecolor=BLOC_COLORS[b], label=f"{b} ({sizes[b]})") for b in present]
    handles.append(Patch(facecolor=LINK_GREY, label="joins blocs"))
    ax.legend(handles=handles, loc="upper right", frameon=False, title="links")
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
        ax.scatter(both["x"], both["y"], s=16, color=INK)
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
        ax.scatter(g["general_agreement"], y, s=1.5, alpha=0.08, color=INK, rasterized=True, linewidths=0)
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
    ax.plot(c[by], c["spearman"], marker="o", ms=4, color=INK, label="Spearman rank correlation")
    if target is not None:
        ax.axhline(target, ls="--", color=GUIDE, lw=1, label=f"target {target}")
        low = c[c["spearman"] < target]
        ax.scatter(low[by], low["spearman"], s=70, facecolors="none", edgecolors=INK, linewidths=1.2, zorder=3,
                   label=f"below target ({len(low)})")
        for yr, rho in zip(low[by], low["spearman"], strict=True):
            ax.annotate(f"{int(yr)}: {rho:.3f}", (yr, rho), xytext=(-8, 0), textcoords="offset points", fontsize=8,
                        ha="right", va="center")
    ax.set_ylabel("Spearman rho")
    ax.legend(frameon=False, loc="lower left")
    if ax2 is not None:
        k = counts.sort_values(by)
        w = 0.4
        ax2.bar(k[by] - w / 2, k["here"], width=w, color=INK, label="roll calls, this project")
        ax2.bar(k[by] + w / 2, k["reference"], width=w, facecolor="white", edgecolor=INK, linewidth=0.6,
                label="roll calls, reference")
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
    sources = list(pd.unique(frame[style_by])) if style_by else [None]
    steps = pd.Index(sorted(pd.unique(frame[by])), name=by)
    spare = iter(c for c in PALETTE if c not in COUNTRY_COLORS.values())
    colors = {iso: COUNTRY_COLORS.get(iso) or next(spare) for iso in countries}
    for iso in countries:
        for s, src in enumerate(sources):
            g = frame[(frame["iso3"] == iso) & ((frame[style_by] == src) if style_by else True)]
            if g.empty:
                continue
            # every step of the frame, so that a missing year breaks the line instead of bridging it
            g = g.set_index(by)[value].reindex(steps)
            ax.plot(g.index, g.to_numpy(dtype=float), ls=LINE_STYLES[s % len(LINE_STYLES)], color=colors[iso], lw=1.4,
                    label=f"{iso}" + (f" ({src})" if style_by else ""))
    ax.set_xlabel(by)
    ax.set_ylabel(ylabel or value)
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title)
    return fig


def _pair_styles(pairs: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Pair "AAA-BBB" -> (colour, line style): the colour of its first state
    (:data:`~analysis.plots.style.COUNTRY_COLORS`, else a spare colour), one line style per second state."""
    spare = iter(c for c in PALETTE if c not in COUNTRY_COLORS.values() and c not in VOTE_COLORS.values())
    firsts = {p.split("-")[0] for p in pairs}
    colours = {iso: COUNTRY_COLORS.get(iso) or next(spare, INK) for iso in sorted(firsts)}
    seconds = list(dict.fromkeys(p.split("-")[-1] for p in pairs))
    return {p: (colours[p.split("-")[0]], LINE_STYLES[seconds.index(p.split("-")[-1]) % len(LINE_STYLES)]) for p in pairs}


def agreement_over_time(series: pd.DataFrame, value: str = "agree", by: str = "year", title: str | None = None,
                        ylabel: str | None = None, partial: Sequence[int] = (), counts: bool = False) -> Figure:
    """One line per pair of ``value`` (a share, 0-1) over ``by``, from
    :func:`analysis.methods.agreement_scores.pair_series` ("JPN-USA": coloured by its first state,
    styled by its second). A period without a row leaves a gap, also one that no pair has (1964: no
    recorded vote). Periods in ``partial`` (the record stops during them) are open circles off the
    lines, named in the legend. With ``counts``, each point is labelled with its number of shared
    roll calls (``n_shared``), the weight behind it."""
    pairs = list(pd.unique(series["pair"]))
    styles = _pair_styles(pairs)
    fig, ax = plt.subplots()
    steps = pd.Index(range(int(series[by].min()), int(series[by].max()) + 1), name=by) if len(series) else pd.Index([])
    partial = [int(p) for p in partial]
    for pair in pairs:
        rows = series[series["pair"] == pair].set_index(by).sort_index()
        colour, style = styles[pair]
        full = rows[value].where(~rows.index.isin(partial)).reindex(steps)
        ax.plot(full.index, full.to_numpy(dtype=float), color=colour, ls=style, lw=1.5, label=pair)
        cut = rows[rows.index.isin(partial)]
        if len(cut):
            ax.scatter(cut.index, cut[value], s=30, facecolors="white", edgecolors=colour, linewidths=1.2, zorder=3,
                       label=f"{pair}, {', '.join(str(int(y)) for y in cut.index)} (partial)")
        if counts:
            for period, r in rows.iterrows():
                ax.annotate(str(int(r["n_shared"])), (period, r[value]), xytext=(0, 4), textcoords="offset points",
                            ha="center", fontsize=6, color=colour)
    ax.set(xlabel=by, ylabel=ylabel or {"agree": "share of identical votes"}.get(value, value), ylim=(0, 1.02))
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title)
    return fig
