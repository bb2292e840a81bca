"""Drawing the cooperation and co-sponsorship networks: seeded layouts, nodes coloured by a
category, edges styled by tie kind, readable labels; ego networks; growth over time.

Everything is deterministic: layouts are computed on a copy of the graph whose nodes and edges
are in sorted order, with a fixed seed, so the same graph gives the same picture whatever the
order it was built in. Functions take graphs / frames and an optional matplotlib Axes and return
``(fig, ax, ...)``; saving is left to :func:`analysis.plots.style.save_figure`.

Edge kinds: an edge of a MultiGraph carries ``kind``; an aggregated edge (``multigraph=False`` in
:func:`analysis.methods.networks.cooperation_graph`) carries ``kinds`` (";"-joined). A pair linked by
ties of several kinds is drawn as parallel strokes, one per kind, each in that kind's colour and
line style (colour *and* dash, so the legend reads in grey scale too).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from analysis.plots import style as plotting
from analysis.plots.growth import draw_growth
from analysis.plots.style import MISSING_COLOR, NO_DATA_HATCH

__all__ = ["KIND_STYLES", "KIND_ORDER", "seeded_layout", "edge_kinds", "draw_network", "draw_ego",
           "draw_growth"]

#: Line style per tie kind: greys and dash patterns only, because colour belongs to the nodes (votes,
#: blocs, treaty status). Legal instruments solid or long-dashed and darkest, memoranda and
#: assistance dash-dot, talks dashed, statements dotted, anything else faint dots.
KIND_STYLES: dict[str, dict] = {
    "mlat": {"color": "#222222", "linestyle": "-", "linewidth": 1.2},
    "agreement": {"color": "#222222", "linestyle": (0, (7, 2)), "linewidth": 1.0},
    "mou": {"color": "#555555", "linestyle": "-.", "linewidth": 1.0},
    "assistance": {"color": "#555555", "linestyle": (0, (5, 1.5, 1, 1.5, 1, 1.5)), "linewidth": 1.0},
    "dialogue": {"color": "#6F6F6F", "linestyle": "--", "linewidth": 1.0},
    "joint_statement": {"color": "#6F6F6F", "linestyle": ":", "linewidth": 1.3},
    "other": {"color": "#9A9A9A", "linestyle": (0, (1, 2)), "linewidth": 0.9},
}
KIND_ORDER = tuple(KIND_STYLES)
_FALLBACK_STYLE = {"color": "#999999", "linestyle": (0, (1, 2)), "linewidth": 0.8}
_HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
GROUP_COLOR = "#ffffff"


# --------------------------------------------------------------------------------------------
# Layout and edge kinds
# --------------------------------------------------------------------------------------------

def _sorted_simple(G: nx.Graph) -> nx.Graph:
    """Undirected simple copy, nodes and edges in sorted order (no attributes but weight)."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    pairs: dict[tuple, float] = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        w = d.get("weight", 1)
        pairs[pair] = pairs.get(pair, 0) + (1 if w is None or (isinstance(w, float) and math.isnan(w)) else w)
    for (u, v) in sorted(pairs, key=lambda p: (str(p[0]), str(p[1]))):
        H.add_edge(u, v, weight=pairs[(u, v)])
    return H


def seeded_layout(G: nx.Graph, seed: int = 0, method: str = "spring", *, k: float | None = None,
                  iterations: int = 200, weight: str | None = None) -> dict:
    """Node -> (x, y) array, the same on every machine: computed on a sorted simple copy of G.

    ``method``: "spring" (Fruchterman-Reingold from a seeded random start, a fixed number of
    ``iterations``; `k` = ideal distance, default ``1/sqrt(n)``; `weight` None = unweighted),
    or "circular" (the sorted nodes on a circle). None of these runs an optimiser with a
    tolerance: the positions are a fixed sequence of elementwise operations, and they are rounded
    to a grid of 1e-6 (the layout spans about 2, a figure about 1,000 pixels) so that a
    last-digit difference of another CPU's arithmetic cannot move a pixel. (Kamada-Kawai is not
    offered: networkx stops its L-BFGS-B at a loose tolerance, so its positions move by up to 0.01
    between BLAS kernels, and a converged stress layout has many nearby local minima.)
    """
    H = _sorted_simple(G)
    if H.number_of_nodes() == 0:
        return {}
    if method == "spring":
        pos = nx.spring_layout(H, seed=seed, k=k, iterations=iterations, weight=weight)
    elif method == "circular":
        pos = nx.circular_layout(H)
    else:
        raise ValueError(f"method must be 'spring' or 'circular', not {method!r}")
    return {n: np.round(np.asarray(p, dtype=float), 6) for n, p in pos.items()}


def edge_kinds(G: nx.Graph, attr: str = "kind") -> dict[tuple, list[str]]:
    """(u, v) with str(u) <= str(v) -> sorted list of the tie kinds linking them.

    Reads ``attr`` on each edge (MultiGraph: one per tie) or the ";"-joined ``kinds`` of an
    aggregated edge; an edge with neither counts as kind "other". Kinds are ordered as in
    :data:`KIND_ORDER`, unknown kinds after them alphabetically.
    """
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    out: dict[tuple, set] = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        if d.get(attr):
            found = {str(d[attr])}
        elif d.get("kinds"):
            found = {k for k in str(d["kinds"]).split(";") if k}
        else:
            found = {"other"}
        out.setdefault(pair, set()).update(found)
    return {pair: sorted(kinds, key=lambda k: (rank.get(k, len(rank)), k))
            for pair, kinds in sorted(out.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))}


# --------------------------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------------------------

def _axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def _category_colors(values: Mapping, categories: Sequence | None, colors) -> tuple[list, dict]:
    """(category order, category -> colour) for the non-missing values of a node -> value map."""
    return plotting.category_colors(values.values(), categories, colors)


def _clean_map(mapping) -> dict:
    """dict from a dict / Series with missing values as None."""
    if mapping is None:
        return {}
    items = mapping.items() if hasattr(mapping, "items") else dict(mapping).items()
    return {k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) else v) for k, v in items}


def _draw_edges(ax, pos: Mapping, kinds: Mapping[tuple, list[str]], styles: Mapping, offset: float,
                alpha: float = 0.75, faint: set | None = None, zorder: float = 1) -> list[str]:
    """Draw one stroke per (pair, kind), parallel strokes offset perpendicular; return kinds drawn."""
    segments: dict[tuple[str, bool], list] = {}
    for (u, v), ks in kinds.items():
        if u not in pos or v not in pos:
            continue
        p, q = np.asarray(pos[u], float), np.asarray(pos[v], float)
        d = q - p
        length = float(np.hypot(*d))
        normal = np.array([-d[1], d[0]]) / length if length > 0 else np.zeros(2)
        is_faint = bool(faint) and (u, v) in faint
        for i, kind in enumerate(ks):
            shift = (i - (len(ks) - 1) / 2) * offset * normal
            segments.setdefault((kind, is_faint), []).append([p + shift, q + shift])
    drawn = []
    for (kind, is_faint) in sorted(segments, key=lambda kf: (kf[1], list(styles).index(kf[0])
                                                            if kf[0] in styles else len(styles), kf[0])):
        style = dict(styles.get(kind, _FALLBACK_STYLE))
        coll = LineCollection(segments[(kind, is_faint)], colors=style["color"], linestyles=style["linestyle"],
                              linewidths=style["linewidth"] * (0.7 if is_faint else 1.0),
                              alpha=alpha * (0.35 if is_faint else 1.0), zorder=zorder)
        coll.set_label(f"_{kind}")
        ax.add_collection(coll)
        if kind not in drawn:
            drawn.append(kind)
    return drawn


def _weight(G: nx.Graph, u, v, *key) -> float:
    """Weight of one edge (MultiGraph: of that key); 1 when absent."""
    d = G.get_edge_data(u, v, *key) if key else G.get_edge_data(u, v)
    w = (d or {}).get("weight", 1)
    return 1.0 if w is None else float(w)


def _node_sizes(G: nx.Graph, nodes: list, node_size) -> np.ndarray:
    if node_size is None:
        return np.full(len(nodes), 40.0)
    if isinstance(node_size, (int, float)):
        return np.full(len(nodes), float(node_size))
    if node_size == "degree":
        H = _sorted_simple(G)
        return np.array([18.0 + 22.0 * math.sqrt(H.degree(n)) for n in nodes])
    lookup = dict(node_size)
    return np.array([float(lookup.get(n, 40.0)) for n in nodes])


def _node_edge(missing: bool) -> dict:
    """Marker edge of a node; a node without a category is white and hatched, as on the maps."""
    return {"edgecolors": "#555555", "linewidths": 0.4, "hatch": NO_DATA_HATCH} if missing else \
        {"edgecolors": "#333333", "linewidths": 0.4}


def _node_handle(color: str, label: str, missing: bool = False):
    """Legend entry of a node category (an empty scatter, so that a hatch shows in the key)."""
    from matplotlib.collections import PathCollection
    from matplotlib.markers import MarkerStyle

    marker = MarkerStyle("o")
    handle = PathCollection([marker.get_path().transformed(marker.get_transform())], sizes=[36],
                            facecolors=[color], label=label, **_node_edge(missing))
    return handle


def _kind_handles(kinds: Iterable[str], styles: Mapping) -> list[Line2D]:
    return [Line2D([0], [0], label=k.replace("_", " "), **dict(styles.get(k, _FALLBACK_STYLE))) for k in kinds]


def _finish_axes(ax, pos: Mapping, margin: float = 0.06, right: float = 0.0) -> None:
    """Equal aspect, no axis; limits = the positions' box plus `margin`, and `right` x its width
    of blank space on the right (for legends)."""
    if pos:
        xy = np.array(list(pos.values()))
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        pad = (hi - lo) * margin + 1e-9
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0] + (hi[0] - lo[0]) * right)
        ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ax.set_aspect("equal")
    ax.set_axis_off()


def _top_by_category(by_degree: Sequence, values: Mapping, cats: Sequence, n: int) -> list:
    """Up to `n` actors taken in turn from each category (`cats`, then the uncategorised), each the
    one with the most partners left in its category (`by_degree` is sorted that way)."""
    queues = [[a for a in by_degree if a in values and values[a] == c] for c in list(cats) + [None]]
    out: list = []
    while len(out) < n and any(queues):
        for queue in queues:
            if queue and len(out) < n:
                out.append(queue.pop(0))
    return out


def _place_labels(ax, pos: Mapping, order: Sequence, text: Mapping, font_size: float) -> list:
    """Annotate nodes in `order`, skipping a label that would cover one already placed; return the
    nodes labelled."""
    renderer = ax.figure.canvas.get_renderer()
    boxes, placed = [], []
    for n in order:
        label = ax.annotate(text[n], pos[n], xytext=(0, 3.5), textcoords="offset points", ha="center",
                            va="bottom", fontsize=font_size, zorder=4, path_effects=_HALO)
        box = label.get_window_extent(renderer)
        if any(box.overlaps(b) for b in boxes):
            label.remove()
            continue
        boxes.append(box)
        placed.append(n)
    return placed


# --------------------------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------------------------

def draw_network(
    G: nx.Graph,
    pos: Mapping | None = None,
    *,
    ax=None,
    node_category=None,
    categories: Sequence | None = None,
    colors=None,
    missing_label: str = "no data",
    edge_styles: Mapping | None = None,
    labels=True,
    label_nodes: Iterable | None = None,
    label_top: int | None = None,
    node_size="degree",
    font_size: float = 6.5,
    title: str | None = None,
    legend_title: str | None = None,
    seed: int = 0,
    layout: str = "spring",
    offset: float = 0.012,
    uniform_edges: Mapping | None = None,
    min_weight: float | None = None,
    edge_alpha: float = 0.75,
    legend_space: float = 0.3,
    figsize=(10.0, 8.0),
):
    """Draw G: nodes coloured by `node_category`, edges styled by kind, labels with a halo.

    `node_category` maps node -> category (dict or Series); nodes without one are grey
    (`missing_label`). `categories` fixes the legend order, `colors` is a list in that order or
    a mapping. Group nodes (``node_type="group"``) are white squares, never coloured. `pos`
    None = :func:`seeded_layout` (`layout`, `seed`). `labels`: True = node ids, a mapping node ->
    text (nodes missing from it are not labelled), False = none; `label_nodes` limits labels to
    those nodes; with `label_top`, the `label_top` actors with the most distinct neighbours (ties
    by id) are labelled as well as `label_nodes`, and a line under the drawing says how many
    actors are left unlabelled. Labels never cover each other: one that would (placed in order:
    `label_nodes`, then by degree) is left out and counted. `node_size`: "degree" (area grows with sqrt of distinct neighbours), a number
    or a mapping. `offset` separates parallel strokes (share of the layout's span).
    `uniform_edges` (a style dict with ``color``, ``linestyle``, ``linewidth`` and optionally
    ``label``) draws every edge alike, without the kind legend (e.g. co-sponsorship);
    `min_weight` draws only edges whose ``weight`` is at least that (the layout still uses all
    edges). Legends sit in a blank band added to the right of the drawing (`legend_space` =
    its width as a share of the drawing's width), so they never cover a node.

    Returns (fig, ax, pos).
    """
    fig, ax = _axes(ax, figsize)
    styles = dict(KIND_STYLES if edge_styles is None else edge_styles)
    if pos is None:
        pos = seeded_layout(G, seed=seed, method=layout)
    nodes = sorted(G.nodes, key=str)
    groups = [n for n in nodes if G.nodes[n].get("node_type") == "group"]
    actors = [n for n in nodes if n not in set(groups)]
    span = 1.0
    if pos:
        xy = np.array([pos[n] for n in nodes])
        span = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 1e-9))
    shown = G
    if min_weight is not None:
        shown = nx.subgraph_view(G, filter_edge=lambda *e: _weight(G, *e) >= min_weight)
    if uniform_edges is not None:
        style = dict(uniform_edges)
        edge_label = style.pop("label", None)
        styles = {"edge": style}
        pairs = {p: ["edge"] for p in edge_kinds(shown)}
        drawn_kinds = _draw_edges(ax, pos, pairs, styles, 0.0, alpha=edge_alpha)
        if edge_label is None:
            drawn_kinds = []
        else:
            styles = {edge_label: style}
            drawn_kinds = [edge_label] if drawn_kinds else []
    else:
        drawn_kinds = _draw_edges(ax, pos, edge_kinds(shown), styles, offset * span, alpha=edge_alpha)

    category = _clean_map(node_category)
    values = {n: category.get(n) for n in actors}
    cats, lookup = _category_colors(values, categories, colors)
    sizes = dict(zip(nodes, _node_sizes(G, nodes, node_size), strict=True))
    handles = []
    for cat in cats + [None]:
        members = [n for n in actors if values[n] == cat]
        color = lookup[cat] if cat is not None else MISSING_COLOR
        label = str(cat) if cat is not None else missing_label
        if members:
            xy = np.array([pos[n] for n in members])
            ax.scatter(xy[:, 0], xy[:, 1], s=[sizes[n] for n in members], c=color, zorder=3,
                       **_node_edge(cat is None))
        if members or cat is not None:
            handles.append(_node_handle(color, label, cat is None))
    if groups:
        xy = np.array([pos[n] for n in groups])
        ax.scatter(xy[:, 0], xy[:, 1], s=[max(sizes[n], 60.0) for n in groups], marker="s", c=GROUP_COLOR,
                   edgecolors="#000000", linewidths=0.9, zorder=3)
        handles.append(Line2D([0], [0], marker="s", linestyle="none", markerfacecolor=GROUP_COLOR,
                              markeredgecolor="#000000", markersize=6, label="group tie"))

    if labels is not False and labels is not None:
        text = {n: str(n) for n in nodes} if labels is True else {k: str(v) for k, v in dict(labels).items()}
        H = _sorted_simple(G)
        by_degree = sorted(nodes, key=lambda n: (-H.degree(n), str(n)))
        first = [n for n in (label_nodes or []) if n in text]
        if label_top is not None:
            wanted = list(dict.fromkeys(first + groups + _top_by_category(by_degree, values, cats, label_top)))
        else:
            allowed = set(nodes) if label_nodes is None else set(label_nodes)
            wanted = [n for n in dict.fromkeys(first + by_degree) if n in allowed]
        _finish_axes(ax, pos, right=legend_space)
        ax.figure.canvas.draw()                    # settle the layout before measuring labels
        placed = _place_labels(ax, pos, [n for n in wanted if n in text], text, font_size)
        if label_top is not None:
            shown = [n for n in actors if n in placed]
            ax.text(0.0, -0.01, f"Labelled: {len(shown)} of {len(actors)} actors (the followed states, then in each "
                    f"colour those with the most partners, where a label fits)" + (" and the group ties." if groups else "."),
                    transform=ax.transAxes, fontsize=7, va="top", color="#444444")

    if title:
        ax.set_title(title)
    _finish_axes(ax, pos, right=legend_space)
    node_legend = ax.legend(handles=handles, loc="upper right", frameon=False, title=legend_title,
                            fontsize=8, title_fontsize=8, alignment="left")
    ax.add_artist(node_legend)
    if drawn_kinds:
        order = [k for k in list(styles) + sorted(set(drawn_kinds) - set(styles)) if k in drawn_kinds]
        ax.legend(handles=_kind_handles(order, styles), loc="lower right", frameon=False,
                  title="tie kind" if uniform_edges is None else None, fontsize=8, title_fontsize=8,
                  alignment="left")
    return fig, ax, pos


# --------------------------------------------------------------------------------------------
# Ego network
# --------------------------------------------------------------------------------------------

def _radial(ego, alters: list, kinds: Mapping[tuple, list[str]], text: Mapping) -> dict:
    """Ego at the centre, alters on the unit circle grouped by their first tie kind with ego,
    then by label (deterministic)."""
    rank = {k: i for i, k in enumerate(KIND_ORDER)}

    def key(n):
        pair = (ego, n) if str(ego) <= str(n) else (n, ego)
        first = kinds.get(pair, ["other"])[0]
        return (rank.get(first, len(rank)), str(text.get(n, n)), str(n))

    ordered = sorted(alters, key=key)
    pos = {ego: np.zeros(2)}
    m = max(len(ordered), 1)
    for i, n in enumerate(ordered):
        angle = math.pi / 2 - 2 * math.pi * i / m
        pos[n] = np.round(np.array([math.cos(angle), math.sin(angle)]), 6)
    return pos


def draw_ego(
    G: nx.Graph,
    iso3: str,
    *,
    ax=None,
    labels: Mapping | None = None,
    node_category=None,
    categories: Sequence | None = None,
    colors=None,
    missing_label: str = "no data",
    edge_styles: Mapping | None = None,
    alter_edges: bool = True,
    font_size: float = 7.0,
    title: str | None = None,
    legend: bool = True,
    figsize=(7.0, 7.0),
):
    """Ego network of `iso3` (radius 1): ego in the centre, partners on a circle, named.

    Partners are grouped around the circle by the kind of their (first) tie with the ego, then
    sorted by label. `labels` maps node -> text (default: the node's ``name`` attribute, else its
    id); labels sit outside the circle, aligned away from the centre. Ties among the partners are
    drawn faint (`alter_edges`). Group nodes (bipartite graphs) are white squares. Colours as in
    :func:`draw_network`; the legend (only what is drawn) sits in a band below the circle.

    Returns (fig, ax, pos).
    """
    from analysis.methods.networks import ego_network

    fig, ax = _axes(ax, figsize)
    styles = dict(KIND_STYLES if edge_styles is None else edge_styles)
    E = ego_network(G, iso3, radius=1)
    text = {n: str(d.get("name") or n) for n, d in E.nodes(data=True)}
    if labels is not None:
        text.update({k: str(v) for k, v in dict(labels).items() if k in E})
    kinds = edge_kinds(E)
    alters = sorted((n for n in E.nodes if n != iso3), key=str)
    pos = _radial(iso3, alters, kinds, text)
    spokes = {p: k for p, k in kinds.items() if iso3 in p}
    others = {p: k for p, k in kinds.items() if iso3 not in p} if alter_edges else {}
    _draw_edges(ax, pos, {**others, **spokes}, styles, offset=0.025, faint=set(others))

    category = _clean_map(node_category)
    nodes = [iso3] + alters
    group = {n for n in nodes if E.nodes[n].get("node_type") == "group"}
    values = {n: category.get(n) for n in nodes if n not in group}
    cats, lookup = _category_colors(values, categories, colors)
    for n in nodes:
        if n in group:
            face, marker, edge = GROUP_COLOR, "s", "#000000"
        else:
            face = lookup[values[n]] if values[n] is not None else MISSING_COLOR
            marker, edge = "o", "#333333"
        extra = {"hatch": NO_DATA_HATCH} if n not in group and values.get(n) is None else {}
        ax.scatter([pos[n][0]], [pos[n][1]], s=260 if n == iso3 else 70, marker=marker, c=face,
                   edgecolors=edge, linewidths=0.9 if n in group else 0.5, zorder=3, **extra)
    ax.annotate(text[iso3], pos[iso3], xytext=(0, -12), textcoords="offset points", ha="center", va="top",
                fontsize=font_size + 1.5, fontweight="bold", zorder=4, path_effects=_HALO)
    for n in alters:
        x, y = pos[n]
        ha = "left" if x > 0.05 else ("right" if x < -0.05 else "center")
        va = "bottom" if y > 0.05 else ("top" if y < -0.05 else "center")
        ax.annotate(text[n], (x, y), xytext=(6 * x, 6 * y), textcoords="offset points", ha=ha, va=va,
                    fontsize=font_size, zorder=4, path_effects=_HALO)
    if legend:
        handles = [_node_handle(lookup[c], str(c)) for c in cats if c in set(values.values())]
        if any(v is None for v in values.values()):
            handles.append(_node_handle(MISSING_COLOR, missing_label, missing=True))
        if group:
            handles.append(Line2D([0], [0], marker="s", linestyle="none", markerfacecolor=GROUP_COLOR,
                                  markeredgecolor="#000000", markersize=6, label="group tie"))
        spoke_kinds = [k for k in styles if k in {x for ks in spokes.values() for x in ks}]
        spoke_kinds += sorted({x for ks in spokes.values() for x in ks} - set(styles))
        handles += _kind_handles(spoke_kinds, styles)
        ax.legend(handles=handles, loc="lower center", frameon=False, fontsize=7, ncols=2)
    if title:
        ax.set_title(title)
    ax.set_xlim(-2.0, 2.0)
    ax.set_ylim(-1.25 - (0.75 if legend else 0.0), 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig, ax, pos
