"""Unit tests for analysis.plots.blocs: every figure function on a tiny table, and the ordering logic."""
from __future__ import annotations

from itertools import pairwise

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy.cluster.hierarchy import dendrogram

from analysis.methods import agreement, blocs, voting
from analysis.plots import blocs as plot_blocs
from analysis.plots.layout import layout_problems
from analysis.plots.style import BLOC_COLORS, COUNTRY_COLORS, figure_style


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _votes(rows):
    return pd.DataFrame(rows, columns=["rollcall_id", "iso3", "vote"])


# Two camps over six roll calls; MID sides with the east on r1-r3 and abstains after.
CAMPS = {"USA": "w", "GBR": "w", "FRA": "w", "RUS": "e", "CHN": "e", "MID": "m"}
ROWS = []
for j in range(6):
    for iso, camp in CAMPS.items():
        vote = "yes" if camp == "w" else "no"
        if camp == "m":
            vote = "no" if j < 3 else "abstain"
        ROWS.append((f"r{j}", iso, vote))
VOTES = _votes(ROWS)
RC = pd.DataFrame({"rollcall_id": [f"r{j}" for j in range(6)], "symbol": [f"A/RES/7{j}/1" for j in range(6)]})


def _clustering(n_blocs=2):
    agr = agreement.agreement_matrix(VOTES, method="lijphart")
    return agr, blocs.cluster_blocs(agr, n_blocs=n_blocs)


def test_cluster_order_matches_dendrogram_leaves():
    agr, cl = _clustering()
    order = plot_blocs.cluster_order(cl)
    assert sorted(order) == sorted(CAMPS)
    assert order == dendrogram(cl.linkage, labels=list(cl.labels), no_plot=True)["ivl"]
    # members of a bloc are contiguous in the order
    ids = [cl.blocs[iso] for iso in order]
    assert len(set(ids)) == 2 and sum(1 for a, b in pairwise(ids) if a != b) == 1
    # same order whatever the row order of the input
    again = blocs.cluster_blocs(agr.agreement.iloc[::-1, ::-1], n_blocs=2)
    assert plot_blocs.cluster_order(again) == order


def test_cluster_order_single_country():
    single = blocs.cluster_blocs(pd.DataFrame([[1.0]], index=["USA"], columns=["USA"]))
    assert plot_blocs.cluster_order(single) == ["USA"]


def _named(cl):
    return blocs.anchored_labels(cl.blocs)


def test_link_colors_pure_and_mixed():
    _, cl = _clustering()
    links = plot_blocs._link_colors(cl, _named(cl))
    n = len(cl.labels)
    assert sorted(links) == list(range(n, 2 * n - 1))
    assert links[2 * n - 2] == plot_blocs.LINK_GREY          # the root joins the two blocs
    assert sum(c != plot_blocs.LINK_GREY for c in links.values()) == n - 2
    assert set(links.values()) - {plot_blocs.LINK_GREY} <= set(BLOC_COLORS.values())


def test_bloc_order_follows_the_first_member():
    bloc = pd.Series({"A": "x", "B": "y", "C": "x"})
    assert plot_blocs.bloc_order(bloc, ["B", "A", "C", "ZZZ"]) == ["y", "x"]


def test_vote_grid_figure_has_one_panel_per_group_part():
    _, cl = _clustering()
    named = _named(cl)
    order = plot_blocs.cluster_order(cl)
    grid = voting.vote_grid(VOTES, RC, RC["rollcall_id"], order + ["ZZZ"])
    groups = pd.concat([named, pd.Series({"ZZZ": "no bloc"})])
    with figure_style():
        fig, band = plot_blocs.vote_grid_figure(grid, groups, plot_blocs.bloc_order(named, order) + ["no bloc"],
                                                title="t", max_rows=2)
    assert isinstance(fig, Figure) and band > 0
    # three states per bloc in two-row panels: two panels per bloc, one for ZZZ
    assert len(fig.axes) == 5
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert labels == list(grid.index)                          # rows in the grid's order
    assert fig.axes[0].get_title(loc="left") == "Western bloc (3), 1 of 2"
    assert layout_problems(fig) == []
    with pytest.raises(ValueError, match="unknown cell values"):
        plot_blocs.vote_grid_figure(grid.replace("yes", "Y"), groups, ["Western bloc"])
    with pytest.raises(ValueError, match="rows without a group"):
        plot_blocs.vote_grid_figure(grid, named, plot_blocs.bloc_order(named, order))


def test_agreement_heatmap_reorders_blanks_missing_and_labels_blocs():
    agr, cl = _clustering()
    order = plot_blocs.cluster_order(cl)
    named = _named(cl)
    partial = agr.agreement.drop(index="MID", columns="MID")
    with figure_style():
        fig = plot_blocs.agreement_heatmap({"all": agr.agreement, "partial": partial}, order, named)
    assert isinstance(fig, Figure)
    first, second = fig.axes[0], fig.axes[1]
    np.testing.assert_allclose(first.images[0].get_array(), agr.agreement.loc[order, order].to_numpy())
    k = order.index("MID")
    assert np.ma.getmaskarray(second.images[0].get_array())[k].all()   # drawn blank
    columns = [t.get_text().split("\n")[0] for t in first.get_xticklabels()]
    assert columns == [name.split(" ")[0] for name in plot_blocs.bloc_order(named, order)]
    assert sorted(t.get_text() for t in first.texts) == ["CHN", "RUS", "USA"]   # the named states present
    assert layout_problems(fig) == []
    with pytest.raises(ValueError, match="not contiguous"):
        plot_blocs.agreement_heatmap({"all": agr.agreement}, sorted(order), named)


def test_bloc_dendrogram_labels_leaf_clusters():
    _, cl = _clustering()
    with figure_style():
        full = plot_blocs.bloc_dendrogram(cl, _named(cl), title="t")
        cut = plot_blocs.bloc_dendrogram(cl, _named(cl), leaves=2, title="t")
    assert [t.get_text() for t in full.axes[0].get_xticklabels()] == plot_blocs.cluster_order(cl)
    # two leaf clusters, each named by a followed state and the count of the others
    assert sorted(t.get_text() for t in cut.axes[0].get_xticklabels()) == ["RUS +2", "USA +2"]
    assert layout_problems(full) == [] and layout_problems(cut) == []


def test_ideal_point_strip_and_scatter():
    points = pd.Series({"USA": 2.0, "GBR": 1.5, "RUS": -1.0, "CHN": -1.2, "MID": 0.1})
    vote = pd.Series({"USA": "no", "GBR": "no", "RUS": "yes", "CHN": "yes", "MID": "abstain", "XXX": "yes"})
    with figure_style():
        fig = plot_blocs.ideal_point_strip(points, vote, label=["USA", "MID"], title="t")
        again = plot_blocs.ideal_point_strip(points, vote, label=["USA", "MID"], title="t")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["yes (2)", "abstain (1)", "no (2)"]
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), again.axes[0].collections[0].get_offsets())  # seeded
    with figure_style():
        fig2, (a1, a2) = plt.subplots(1, 2)
        out = plot_blocs.ideal_point_scatter(points, points * 0.5, vote, label=["USA"], ax=a2)
        plot_blocs.ideal_point_scatter(points, points * 0.5, ax=a1)
    assert out is fig2 and len(a2.collections) == 3


def test_agreement_scatter_and_spearman_by_year():
    pairs = pd.DataFrame({"session": [1, 1, 1, 2], "ict_agreement": [1.0, 0.0, 0.5, 1.0],
                          "general_agreement": [0.9, 0.2, 0.6, 0.8]})
    summary = pd.DataFrame({"session": [1, 2], "correlation": [0.99, np.nan]})
    with figure_style():
        fig = plot_blocs.agreement_scatter(pairs, "session", [1, 2], summary=summary)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert "r = 0.99" in fig.axes[0].get_title()
    comparison = pd.DataFrame({"year": [2000, 2001, 2002], "n": [5, 5, 5], "spearman": [0.99, 0.95, 0.98]})
    counts = pd.DataFrame({"year": [2000, 2001, 2002], "here": [10, 8, 9], "reference": [10, 16, 9]})
    with figure_style():
        fig = plot_blocs.spearman_by_year(comparison, target=0.97, counts=counts, title="t")
        plain = plot_blocs.spearman_by_year(comparison, target=None)
    assert isinstance(fig, Figure) and len(fig.axes) == 2 and len(plain.axes) == 1
    assert any("2001: 0.950" in t.get_text() for t in fig.axes[0].texts)


def test_positions_over_time_breaks_lines_at_gaps():
    frame = pd.DataFrame({"iso3": ["SRB", "SRB", "SRB", "JPN", "JPN", "JPN"],
                          "year": [1991, 1993, 1994, 1991, 1992, 1993],
                          "percentile": [20.0, 70.0, 75.0, 80.0, 81.0, 82.0], "source": "ours"})
    with figure_style():
        fig = plot_blocs.positions_over_time(frame, ["JPN", "SRB"], title="t")
    assert isinstance(fig, Figure)
    lines = {line.get_label(): line for line in fig.axes[0].get_lines()}
    srb = lines["SRB (ours)"].get_ydata()
    assert list(lines["SRB (ours)"].get_xdata()) == [1991, 1992, 1993, 1994]
    assert np.isnan(srb[1]) and srb[2] == 70.0


def test_agreement_over_time_one_line_per_pair_with_gaps():
    series = pd.DataFrame({"pair": ["JPN-USA"] * 3 + ["SRB-RUS"] * 2, "year": [1990, 1991, 1993, 1990, 1993],
                           "agree": [0.4, 0.5, 0.6, 0.9, 0.7], "n_shared": [10, 10, 10, 8, 8]})
    with figure_style():
        fig = plot_blocs.agreement_over_time(series, title="t")
    lines = {line.get_label(): line for line in fig.axes[0].get_lines()}
    assert set(lines) == {"JPN-USA", "SRB-RUS"}
    assert list(lines["SRB-RUS"].get_xdata()) == [1990, 1991, 1992, 1993] and np.isnan(lines["SRB-RUS"].get_ydata()[1])
    assert np.isnan(lines["JPN-USA"].get_ydata()[2])      # 1992: no pair has it, still a gap
    assert fig.axes[0].get_ylim() == (0, 1.02) and fig.axes[0].get_ylabel() == "share of identical votes"


def test_agreement_over_time_marks_partial_years_and_colours_by_first_state():
    series = pd.DataFrame({"pair": ["JPN-USA"] * 3 + ["SRB-RUS"] * 3, "year": [2024, 2025, 2026] * 2,
                           "agree": [0.5, 0.4, 0.2, 0.6, 0.7, 0.65], "n_shared": [90, 80, 9, 90, 80, 9]})
    with figure_style():
        fig = plot_blocs.agreement_over_time(series, partial=[2026], counts=True, title="t")
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert np.isnan(lines["JPN-USA"].get_ydata()[-1])                  # the partial year is off the line
    assert lines["JPN-USA"].get_color() == COUNTRY_COLORS["JPN"] and lines["SRB-RUS"].get_linestyle() == "--"
    marks = [c.get_label() for c in ax.collections]
    assert marks == ["JPN-USA, 2026 (partial)", "SRB-RUS, 2026 (partial)"]
    assert sorted(t.get_text() for t in ax.texts)[:2] == ["80", "80"] and len(ax.texts) == 6
