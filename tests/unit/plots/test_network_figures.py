"""Unit tests for analysis.plots.networks (Agg backend, tiny hand-made graphs)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex

from analysis.methods import networks as N
from analysis.plots import networks as PN
from analysis.plots.style import MISSING_COLOR, figure_style, save_figure

COLS = ["tie_id", "a_iso3", "b_iso3", "group_id", "kind", "title", "date", "year", "in_force", "source"]
COOP = pd.DataFrame([dict(zip(COLS, r, strict=True)) for r in [
    ("T1", "AAA", "BBB", None, "mlat", "AB treaty", "1999-05-01", 1999, "yes", "s"),
    ("T2", "AAA", "BBB", None, "dialogue", "AB talks", "2005", 2005, "unknown", "s"),
    ("T3", "BBB", "CCC", None, "mou", "BC memo", None, None, "unknown", "s"),
    ("T4", None, None, "G1", "joint_statement", "Statement", "2012", 2012, "unknown", "s"),
]], columns=COLS)
GROUPS = pd.DataFrame({"group_id": ["G1", "G1", "G1"], "iso3": ["AAA", "CCC", "DDD"]})
REGISTRY = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"], "name": ["Aland", "Bland", "Cland", "Dland"],
                         "type": ["member_state"] * 4})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _texts(ax):
    return sorted(t.get_text() for t in ax.texts)


def _lines(ax):
    return [c for c in ax.collections if isinstance(c, LineCollection)]


# ---------------------------------------------------------------- layout, kinds

def test_seeded_layout_ignores_insertion_order_and_repeats():
    G = nx.Graph([("AAA", "BBB"), ("BBB", "CCC"), ("CCC", "DDD"), ("DDD", "AAA"), ("AAA", "CCC")])
    H = nx.Graph()
    H.add_edges_from(reversed(list(G.edges())))
    for method in ("spring", "circular"):
        p, q = PN.seeded_layout(G, seed=0, method=method), PN.seeded_layout(H, seed=0, method=method)
        assert sorted(p) == sorted(G)
        assert all(np.array_equal(p[n], q[n]) for n in G)
    assert not np.array_equal(PN.seeded_layout(G, seed=0)["AAA"], PN.seeded_layout(G, seed=1)["AAA"])
    assert PN.seeded_layout(nx.Graph()) == {}
    with pytest.raises(ValueError, match="method"):
        PN.seeded_layout(G, method="random")
    with pytest.raises(ValueError, match="method"):
        PN.seeded_layout(G, method="kamada_kawai")


def test_seeded_layout_sits_on_a_grid():
    """Positions are rounded to 1e-6, so last-digit noise of another CPU cannot move a pixel."""
    G = nx.petersen_graph()
    for pos in (PN.seeded_layout(G, seed=3), PN.seeded_layout(G, method="circular")):
        xy = np.array(list(pos.values()))
        assert np.array_equal(xy, np.round(xy, 6)) and np.abs(xy).max() <= 1.0 + 1e-9
        assert len({tuple(p) for p in xy}) == G.number_of_nodes()


def test_edge_kinds_from_multigraph_and_aggregated_graph():
    multi = N.cooperation_graph(COOP, GROUPS)
    kinds = PN.edge_kinds(multi)
    assert kinds[("AAA", "BBB")] == ["mlat", "dialogue"]  # KIND_ORDER, not alphabetical
    assert kinds[("BBB", "CCC")] == ["mou"] and kinds[("AAA", "DDD")] == ["joint_statement"]
    agg = N.cooperation_graph(COOP, GROUPS, multigraph=False)
    assert PN.edge_kinds(agg) == kinds
    bare = nx.Graph([("XXX", "AAA")])
    assert PN.edge_kinds(bare) == {("AAA", "XXX"): ["other"]}


# ---------------------------------------------------------------- draw_network

def test_draw_network_colours_by_category_and_styles_by_kind():
    G = N.cooperation_graph(COOP, GROUPS, countries=REGISTRY)
    colors = {"west": "#0072b2", "east": "#d55e00"}
    fig, ax, pos = PN.draw_network(G, node_category={"AAA": "west", "BBB": "east", "CCC": "west"},
                                   categories=["west", "east"], colors=colors, title="t")
    assert sorted(pos) == ["AAA", "BBB", "CCC", "DDD"]
    # one node scatter per category present, plus one for the missing (DDD)
    faces = sorted(to_hex(c.get_facecolors()[0]) for c in ax.collections if isinstance(c, PathCollection))
    assert faces == sorted([colors["west"], colors["east"], to_hex(MISSING_COLOR)])
    # one stroke per (pair, kind): AAA-BBB twice, BBB-CCC, and the 3 clique pairs of G1
    assert sum(len(c.get_segments()) for c in _lines(ax)) == 2 + 1 + 3
    styles = {to_hex(c.get_colors()[0]) for c in _lines(ax)}
    assert styles == {PN.KIND_STYLES[k]["color"].lower() for k in ("mlat", "dialogue", "mou", "joint_statement")}
    assert _texts(ax) == ["AAA", "BBB", "CCC", "DDD"]
    node_legend, kind_legend = ax.artists[0], ax.get_legend()
    assert [t.get_text() for t in node_legend.get_texts()] == ["west", "east", "no data"]
    assert [t.get_text() for t in kind_legend.get_texts()] == ["mlat", "mou", "dialogue", "joint statement"]
    assert ax.get_title() == "t"


def test_parallel_strokes_are_offset_and_labels_selectable():
    G = N.cooperation_graph(COOP[COOP["tie_id"].isin(["T1", "T2"])])
    pos = {"AAA": np.array([0.0, 0.0]), "BBB": np.array([1.0, 0.0])}
    _, ax, _ = PN.draw_network(G, pos, labels={"AAA": "Aland", "BBB": "Bland"}, label_nodes=["AAA"])
    ys = sorted(seg[0][1] for c in _lines(ax) for seg in c.get_segments())
    assert ys[0] < 0 < ys[1] and ys[0] == pytest.approx(-ys[1])  # two strokes either side of the pair
    assert _texts(ax) == ["Aland"]
    _, ax2, _ = PN.draw_network(G, pos, labels=False)
    assert _texts(ax2) == []


def test_bipartite_group_nodes_are_squares_not_coloured():
    B = N.cooperation_graph(COOP, GROUPS, group_mode="bipartite")
    _, ax, pos = PN.draw_network(B, node_category={"G1": "west", "AAA": "west"})
    assert "G1" in pos
    faces = [to_hex(c.get_facecolors()[0]) for c in ax.collections if isinstance(c, PathCollection)]
    assert "#ffffff" in faces  # the group node
    assert [t.get_text() for t in ax.artists[0].get_texts()][-1] == "group tie"


def test_uniform_edges_and_min_weight():
    G = nx.Graph()
    G.add_edge("AAA", "BBB", weight=3)
    G.add_edge("BBB", "CCC", weight=1)
    _, ax, _ = PN.draw_network(G, min_weight=2, uniform_edges={"color": "#999999", "linestyle": "-",
                                                               "linewidth": 0.5, "label": "2+ texts"})
    assert sum(len(c.get_segments()) for c in _lines(ax)) == 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2+ texts"]
    assert _texts(ax) == ["AAA", "BBB", "CCC"]  # nodes kept even when their edges are hidden


def test_draw_network_rejects_unknown_category():
    G = nx.Graph([("AAA", "BBB")])
    with pytest.raises(ValueError, match="not in categories"):
        PN.draw_network(G, node_category={"AAA": "x"}, categories=["y"])
    with pytest.raises(ValueError, match="no colour"):
        PN.draw_network(G, node_category={"AAA": "x"}, colors={"y": "#000000"})


def test_network_figure_bytes_are_reproducible(tmp_path):
    G = N.cooperation_graph(COOP, GROUPS, countries=REGISTRY)
    outputs = []
    for run in range(2):
        with figure_style():
            fig, _, _ = PN.draw_network(G, node_category={"AAA": "a"}, figsize=(3, 3))
            outputs.append(save_figure(fig, f"net{run}", tmp_path)[0].read_bytes())
        plt.close(fig)
    assert outputs[0] == outputs[1]


# ---------------------------------------------------------------- ego, growth

def test_draw_ego_centre_names_and_radial_order():
    B = N.cooperation_graph(COOP, GROUPS, countries=REGISTRY, group_mode="bipartite")
    _, ax, pos = PN.draw_ego(B, "AAA", labels={"G1": "Group one"}, node_category={"BBB": "x"})
    assert np.array_equal(pos["AAA"], [0.0, 0.0])
    assert sorted(pos) == ["AAA", "BBB", "G1"]
    assert all(np.hypot(*pos[n]) == pytest.approx(1.0) for n in ("BBB", "G1"))
    # BBB (first kind mlat) comes before G1 (joint statement): first at the top of the circle
    assert pos["BBB"] == pytest.approx([0.0, 1.0])
    assert _texts(ax) == ["Aland", "Bland", "Group one"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["x", "no data", "group tie", "mlat", "dialogue", "joint statement"]
    with pytest.raises(KeyError):
        PN.draw_ego(B, "ZZZ")


def test_draw_growth_one_line_per_series_and_panel():
    g1 = pd.DataFrame({"year": [2000, 2001, 2002], "nodes": [1, 2, 3], "ties": [1, 1, 4]})
    g2 = pd.DataFrame({"year": [2000, 2001, 2002], "nodes": [0, 0, 5], "ties": [0, 0, 1]})
    fig, axes = PN.draw_growth({"a": g1, "b": g2}, columns=("nodes", "ties"), start=2001,
                               ylabels={"nodes": "actors"})
    assert len(axes) == 2 and axes[0].get_ylabel() == "actors" and axes[1].get_ylabel() == "ties"
    lines = axes[1].get_lines()
    assert [l.get_label() for l in lines] == ["a", "b"]
    # from 2001, and the last value held to the end of 2002
    assert list(lines[0].get_xdata()) == [2001, 2002, 2003] and list(lines[0].get_ydata()) == [1, 4, 4]
    _, single = PN.draw_growth(g1, columns=("ties",))
    assert single[0].get_legend() is None
