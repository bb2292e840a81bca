"""Figures of a country profile (:mod:`analysis.profiles`): ego network, cyber votes, ideal points.

Each function takes a profile table or graph and returns a matplotlib Figure; call it inside
``analysis.plots.style.figure_style()`` and save it with ``analysis.plots.style.save_figure``. Layouts
are deterministic (the ego network uses a shell layout ordered by tie kind and code, no seed).
"""
from __future__ import annotations

import textwrap

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.core.vocabulary import CAST_VOTES, group_label, short_symbol
from analysis.core.vocabulary import TIE_KIND_LABELS as KIND_LABELS
from analysis.plots.networks import KIND_STYLES
from analysis.plots.style import GUIDE, INK, LINE_STYLES, VOTE_COLORS

OTHER_STYLE = KIND_STYLES["other"]


def _first_kind(kinds) -> str:
    """The first of ';'-joined kinds in KIND_LABELS order (unknown kinds last, alphabetically)."""
    parts = [k for k in str(kinds or "").split(";") if k]
    order = {k: i for i, k in enumerate(KIND_LABELS)}
    return sorted(parts, key=lambda k: (order.get(k, len(order)), k))[0] if parts else "other"


def ego_figure(ego: nx.Graph, iso3: str, name: str | None = None):
    """The cooperation ego network of `iso3` (``CountryProfile.ego``).

    The state sits in the centre; its partners (states and organisations as circles, group ties
    as squares numbered G1, G2, ... and named in the key) sit on a ring ordered by the kind of
    their tie to it and by code. Edges to the centre are coloured by tie kind (the first kind in
    ``KIND_LABELS`` order if a pair has several) and widened by the number of ties; ties among the
    partners are thin grey.
    """
    import matplotlib.pyplot as plt

    fig, (ax, key) = plt.subplots(1, 2, figsize=(10.0, 6.4), gridspec_kw={"width_ratios": [1.9, 1.0]})
    key.set_axis_off()
    fig.suptitle(f"Cooperation partners of {name or iso3} ({iso3})")
    partners = [n for n in ego.nodes if n != iso3]
    if not partners:
        ax.text(0.5, 0.5, f"No cooperation tie of {iso3} in the data", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    order = {k: i for i, k in enumerate(KIND_LABELS)}
    kind_of = {n: _first_kind(ego.edges[iso3, n].get("kinds")) for n in partners if ego.has_edge(iso3, n)}
    ring = sorted(partners, key=lambda n: (order.get(kind_of.get(n, "other"), len(order)), str(n)))
    # rounded like every layout here, so that another CPU's last-digit cos/sin cannot move a pixel
    pos = {n: np.round(p, 6) for n, p in nx.shell_layout(ego, nlist=[[iso3], ring]).items()}

    others = [(u, v) for u, v in ego.edges if iso3 not in (u, v)]
    nx.draw_networkx_edges(ego, pos, edgelist=others, ax=ax, edge_color="#dddddd", width=0.6)
    spokes = [(iso3, n) for n in ring if ego.has_edge(iso3, n)]
    for kind in dict.fromkeys(kind_of[n] for _, n in spokes):
        style = KIND_STYLES.get(kind, OTHER_STYLE)
        mine = [(u, n) for u, n in spokes if kind_of[n] == kind]
        nx.draw_networkx_edges(ego, pos, edgelist=mine, ax=ax, edge_color=style["color"], style=style["linestyle"],
                               width=[style["linewidth"] * (1.0 + 0.6 * float(ego.edges[iso3, n].get("weight", 1)))
                                      for _, n in mine])
    groups = [n for n in ring if ego.nodes[n].get("node_type") == "group"]
    actors = [n for n in ring if n not in groups]
    size = 700 if len(ring) <= 30 else 350
    nx.draw_networkx_nodes(ego, pos, nodelist=actors, ax=ax, node_color="#ffffff", edgecolors="#333333",
                           node_size=size)
    nx.draw_networkx_nodes(ego, pos, nodelist=groups, ax=ax, node_color="#f2f2f2", edgecolors="#333333",
                           node_shape="s", node_size=size)
    nx.draw_networkx_nodes(ego, pos, nodelist=[iso3], ax=ax, node_color=INK, node_size=1100)
    labels = {n: str(n) for n in actors}
    labels.update({n: f"G{k}" for k, n in enumerate(groups, 1)})
    nx.draw_networkx_labels(ego, pos, labels=labels, ax=ax, font_size=8 if len(ring) <= 30 else 6)
    nx.draw_networkx_labels(ego, pos, labels={iso3: iso3}, ax=ax, font_size=9, font_color="white",
                            font_weight="bold")
    reach = 1.18 * max(float(np.hypot(*xy)) for xy in pos.values())
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.set_axis_off()

    used = [k for k in KIND_LABELS if k in set(kind_of.values())]
    used += sorted(set(kind_of.values()) - set(KIND_LABELS))
    handles = [Line2D([0], [0], label=k.replace("_", " "), **{**KIND_STYLES.get(k, OTHER_STYLE), "linewidth": 2.0})
               for k in used]
    handles.append(Line2D([0], [0], color="#dddddd", lw=1, label="tie among partners"))
    key.legend(handles=handles, loc="upper left", frameon=False, title="tie kind (to the centre)")
    if groups:
        lines = [textwrap.fill(f"G{k}  {group_label(n)}", 36, subsequent_indent="      ")
                 for k, n in enumerate(groups, 1)]
        key.text(0.0, 0.45, "group ties (squares):\n" + "\n".join(lines), transform=key.transAxes,
                 va="top", fontsize=8, family="DejaVu Sans")
    return fig


def _tally_counts(tally: str) -> tuple[int, int, int]:
    yes, no, abstain = (int(x) for x in str(tally).split("-"))
    return yes, no, abstain


def cyber_votes_figure(votes: pd.DataFrame, name: str, iso3: str | None = None):
    """The recorded cyber roll calls (``CountryProfile.votes``): the tally as stacked bars
    (yes / no / abstain), the state's own vote as a coloured marker (with the predecessor code
    that cast it, where not `iso3`), and its bloc's majority vote with its count. Texts adopted
    without a vote, and roll calls with no tally, are left out (they are listed in the table).
    """
    import matplotlib.pyplot as plt

    rows = votes[(votes["modality"] == "recorded") & votes["tally"].notna()].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10.0, max(3.0, 0.38 * len(rows) + 1.6)))
    if rows.empty:
        ax.text(0.5, 0.5, "No recorded cyber roll call", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    counts = np.array([_tally_counts(t) for t in rows["tally"]], dtype=float)
    share = counts / counts.sum(axis=1, keepdims=True)
    y = np.arange(len(rows))[::-1]
    left = np.zeros(len(rows))
    for k, vote in enumerate(CAST_VOTES):
        ax.barh(y, share[:, k], left=left, color=VOTE_COLORS[vote], alpha=0.35, height=0.7, label=f"all states: {vote}")
        left += share[:, k]
    for yi, r in zip(y, rows.itertuples(index=False), strict=True):
        color = VOTE_COLORS.get(r.vote, "#ffffff")
        ax.scatter([1.06], [yi], s=90, color=color, edgecolors="#333333", zorder=3, clip_on=False)
        other = isinstance(r.cast_as, str) and r.cast_as != iso3
        ax.text(1.10, yi, str(r.vote) + (f" (as {r.cast_as})" if other else ""),
                va="center", fontsize=8)
        if isinstance(r.bloc_vote, str):
            ax.scatter([1.32], [yi], s=60, marker="s", color=VOTE_COLORS.get(r.bloc_vote, "#ffffff"),
                       edgecolors="#333333", zorder=3, clip_on=False)
            ax.text(1.36, yi, f"{r.bloc_vote} {r.bloc_share}/{r.bloc_voters}", va="center", fontsize=8)
        ax.text(-0.01, yi, f"{short_symbol(r.symbol)}  {r.date}" + ("  [cybercrime]" if r.cybercrime else ""),
                ha="right", va="center", fontsize=8)
    ax.text(1.06, len(rows) - 0.3, name, ha="center", fontsize=8, fontweight="bold")
    bloc = next((b for b in rows.get("bloc", pd.Series(dtype=object)) if isinstance(b, str)), None)
    ax.text(1.34, len(rows) - 0.3, f"its bloc: {bloc}" if bloc else "its bloc", ha="center", fontsize=8,
            fontweight="bold")
    ax.set_xlim(0, 1.62)
    ax.set_ylim(-0.7, len(rows))
    ax.set_yticks([])
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.spines["bottom"].set_bounds(0, 1)
    ax.set_xlabel("share of the tally (yes-no-abstain; official where known, else counted)")
    ax.spines["left"].set_visible(False)
    ax.legend(handles=[Patch(color=VOTE_COLORS[v], alpha=0.6, label=v) for v in CAST_VOTES],
              loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    ax.set_title(f"{name} on the recorded UN General Assembly cyber roll calls")
    return fig


def ideal_point_figure(ideal: pd.DataFrame, name: str, mark_years=(), partial_years=(), record_end: str | None = None):
    """Ideal point per year (``CountryProfile.ideal_points``): this project's estimate and the
    Bailey-Strezhnev-Voeten reference standardised per year (both in SDs across states, USA
    positive). Shaded spans mark years cast under a predecessor code; `mark_years` (e.g. the
    years of the cybercrime votes) get dotted vertical lines. A year in `partial_years` (the vote
    record stops during it, on `record_end`) is drawn as an open circle off the line and labelled
    partial, with the number of votes behind it.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    if ideal["ideal_point"].notna().sum() + ideal["bsv_z"].notna().sum() == 0:
        ax.text(0.5, 0.5, f"No ideal point for {name}: no recorded votes in the data", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    data = ideal.sort_values("year").set_index("year")
    data = data.reindex(range(int(data.index.min()), int(data.index.max()) + 1)).rename_axis("year").reset_index()
    data["cast_as"] = data["cast_as"].ffill()  # years without votes (a gap in the line) keep the code
    partial = data["year"].isin([int(y) for y in partial_years])
    full = data["ideal_point"].astype(float).where(~partial)
    ax.axhline(0, color=GUIDE, lw=0.8)
    ax.plot(data["year"], full, color=INK, lw=1.8, ls=LINE_STYLES[0], label="this project (all roll calls of the year)")
    ax.plot(data["year"], data["bsv_z"].astype(float), color=INK, lw=1.2, ls=LINE_STYLES[1],
            label="Bailey-Strezhnev-Voeten, standardised per year")
    for row in data[partial & data["ideal_point"].notna()].itertuples(index=False):
        votes = "" if pd.isna(row.n_votes) else f", {int(row.n_votes)} votes"
        ax.scatter([row.year], [float(row.ideal_point)], s=36, facecolors="white", edgecolors=INK, linewidths=1.2,
                   zorder=3, label=f"{row.year}: partial year (record ends {record_end or 'during it'}{votes})")
    codes = data["cast_as"].fillna("")
    shades = ("#f0f0f0", "#e0e0e0")
    k = 0
    for _, block in data.groupby((codes != codes.shift()).cumsum()):
        label = block["cast_as"].iloc[0]
        lo, hi = int(block["year"].min()), int(block["year"].max())
        ax.axvspan(lo - 0.5, hi + 0.5, color=shades[k % 2], zorder=0)
        ax.text((lo + hi) / 2, 1.01, str(label), transform=ax.get_xaxis_transform(), ha="center", fontsize=8)
        k += 1
    for year in sorted(set(int(y) for y in mark_years)):
        ax.axvline(year, color=GUIDE, lw=0.8, ls=":")
    ax.set(ylabel="ideal point (SD across states; USA positive)")
    ax.set_title(f"{name}: ideal point per year, all UNGA roll calls", pad=16)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=2, frameon=False, fontsize=8)
    return fig
