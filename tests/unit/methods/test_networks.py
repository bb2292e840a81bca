"""Unit tests for analysis.methods.networks on tiny hand-made tables (answers computed by hand)."""
from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from analysis.core.errors import DataErrors
from analysis.methods import networks as N
from analysis.methods.networks import export


def ties(rows):
    cols = ["tie_id", "a_iso3", "b_iso3", "group_id", "kind", "title", "date", "year", "in_force", "source"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], columns=cols)


# A path AAA - BBB - CCC - DDD with different dates and kinds, plus one group tie G1 {BBB, EEE, FFF}.
COOP = ties([
    ("T1", "AAA", "BBB", None, "mlat", "AB treaty", "1999-05-01", 1999, "yes", "s1"),
    ("T2", "BBB", "CCC", None, "dialogue", "BC talks", "2005", 2005, "unknown", "s2"),
    ("T3", "CCC", "DDD", None, "mou", "CD memo", "2010-03", 2010, "no", "s3"),
    ("T4", "AAA", "BBB", None, "dialogue", "AB talks", None, None, "unknown", "s4"),
    ("T5", None, None, "G1", "joint_statement", "Group statement", "2012-06-30", 2012, "unknown", "s5"),
])
GROUPS = pd.DataFrame({"group_id": ["G1", "G1", "G1"], "iso3": ["BBB", "EEE", "FFF"]})
REGISTRY = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"],
    "name": ["Aland", "Bland", "Cland", "Dland", "Eland", "Fland"],
    "type": ["member_state"] * 5 + ["organisation"],
})


# ---------------------------------------------------------------- cooperation_graph

def test_multigraph_keeps_one_edge_per_tie_with_attributes():
    G = N.cooperation_graph(COOP, GROUPS, countries=REGISTRY)
    assert isinstance(G, nx.MultiGraph)
    assert G.number_of_edges("AAA", "BBB") == 2
    d = G.edges["AAA", "BBB", "T1"]
    assert (d["kind"], d["year"], d["in_force"], d["source"], d["title"], d["tie_id"]) == \
        ("mlat", 1999, "yes", "s1", "AB treaty", "T1")
    assert G.nodes["FFF"]["type"] == "organisation"
    # 4 bilateral ties + 3 pairs from the 3-member group
    assert G.number_of_edges() == 7


def test_group_tie_expands_to_clique_or_bipartite():
    G = N.cooperation_graph(COOP, GROUPS, kinds="joint_statement")
    assert sorted(map(sorted, G.edges())) == [["BBB", "EEE"], ["BBB", "FFF"], ["EEE", "FFF"]]
    assert {d["group_id"] for *_, d in G.edges(data=True)} == {"G1"}
    B = N.cooperation_graph(COOP, GROUPS, kinds="joint_statement", group_mode="bipartite")
    assert sorted(B.neighbors("G1")) == ["BBB", "EEE", "FFF"]
    assert B.nodes["G1"]["node_type"] == "group" and B.nodes["BBB"]["bipartite"] == 0
    assert B.number_of_edges() == 3


def test_aggregated_graph_counts_ties():
    G = N.cooperation_graph(COOP, GROUPS, multigraph=False)
    assert type(G) is nx.Graph
    d = G.edges["AAA", "BBB"]
    assert d["weight"] == 2 and d["tie_ids"] == "T1;T4" and d["kinds"] == "dialogue;mlat"
    assert d["year"] == 1999 and d["in_force"] == "yes"


def test_as_of_filters_by_date_partial_dates_count_as_last_day():
    pairs = lambda G: sorted(tuple(sorted(e)) for e in nx.Graph(G).edges())
    # 2005-06-30: T1 (1999-05-01) in; T2 dated "2005" = 2005-12-31 not yet; T4 undated kept
    assert pairs(N.cooperation_graph(COOP, GROUPS, as_of="2005-06-30")) == [("AAA", "BBB")]
    assert N.cooperation_graph(COOP, GROUPS, as_of="2005-06-30").number_of_edges() == 2
    # year-only as_of means the end of that year
    assert pairs(N.cooperation_graph(COOP, GROUPS, as_of=2005)) == [("AAA", "BBB"), ("BBB", "CCC")]
    # undated tie dropped on request
    G = N.cooperation_graph(COOP, GROUPS, as_of="2005-06-30", include_undated=False)
    assert list(G.edges(keys=True)) == [("AAA", "BBB", "T1")]
    # "2010-03" counts from 2010-03-31
    assert not N.cooperation_graph(COOP, GROUPS, as_of="2010-03-30").has_edge("CCC", "DDD")
    assert N.cooperation_graph(COOP, GROUPS, as_of="2010-03-31").has_edge("CCC", "DDD")


def test_unknown_code_names_row_column_and_code():
    bad = COOP.copy()
    bad.loc[2, "b_iso3"] = "XXX"
    with pytest.raises(DataErrors) as err:
        N.cooperation_graph(bad, GROUPS, countries=REGISTRY)
    msg = str(err.value)
    assert "row 4" in msg and "'b_iso3'" in msg and "'XXX'" in msg and "T3" in msg
    bad_groups = pd.DataFrame({"group_id": ["G1", "G1"], "iso3": ["BBB", "ZZZ"]})
    with pytest.raises(ValueError, match=r"row 3, column 'iso3'.*'ZZZ'.*G1"):
        N.cooperation_graph(COOP, bad_groups, countries=REGISTRY)


def test_structural_errors():
    with pytest.raises(ValueError, match="no members"):
        N.cooperation_graph(COOP)  # group tie without a groups table
    half = ties([("T9", "AAA", None, None, "mou", "", "2001", 2001, "no", "")])
    with pytest.raises(ValueError, match="T9"):
        N.cooperation_graph(half)
    dup = pd.concat([COOP, COOP.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="not unique"):
        N.cooperation_graph(dup, GROUPS)


def test_growth_over_time():
    out = N.growth_over_time(COOP, GROUPS, [1998, 1999, 2005, 2012])
    assert out["edges"].tolist() == [0, 1, 2, 6]
    assert out["nodes"].tolist() == [0, 2, 3, 6]
    assert out.loc[3, "density"] == pytest.approx(6 / 15)


# ---------------------------------------------------------------- other layers

def test_coparticipation_graph_party_vs_signatory():
    part = pd.DataFrame({
        "instrument": ["ETS185"] * 4 + ["OTHER"],
        "iso3": ["AAA", "BBB", "CCC", "DDD", "AAA"],
        "signed": ["2001-11-23", "2001-11-23", "2001-11-23", None, None],
        "ratified": ["2004-01-01", "2010-01-01", None, "2015-01-01", "2003-01-01"],
        "in_force": [None] * 5,
    })
    G = N.coparticipation_graph(part, "ETS185", as_of="2012-12-31")
    assert sorted(G.nodes) == ["AAA", "BBB"] and G.has_edge("AAA", "BBB")
    S = N.coparticipation_graph(part, "ETS185", as_of="2012-12-31", status="signatory")
    assert sorted(S.nodes) == ["AAA", "BBB", "CCC"] and S.number_of_edges() == 3
    both = N.coparticipation_graph(part, ["ETS185", "OTHER"], as_of="2020")
    assert both.number_of_edges() == 3 and both.nodes["AAA"] is not None


def test_membership_graph_respects_joined_and_left():
    mem = pd.DataFrame({
        "org": ["EU", "EU", "EU", "NATO", "NATO"],
        "iso3": ["AAA", "BBB", "CCC", "AAA", "BBB"],
        "joined": ["1958", "1973", "1995", "1949", None],
        "left": [None, None, "2020", None, None],
    })
    G = N.membership_graph(mem, as_of="2019-12-31")
    assert G.edges["AAA", "BBB"]["weight"] == 2 and G.edges["AAA", "BBB"]["orgs"] == "EU;NATO"
    assert G.has_edge("AAA", "CCC")
    assert not N.membership_graph(mem, as_of="2020-06-30").has_edge("AAA", "CCC")
    assert sorted(N.membership_graph(mem).nodes) == ["AAA", "BBB"]  # as_of None: current members
    assert N.membership_graph(mem, as_of=1960, include_undated=False).number_of_edges() == 0


def test_combine_layers_weights():
    a = nx.Graph([("AAA", "BBB", {"weight": 2})])
    b = nx.MultiGraph([("AAA", "BBB"), ("AAA", "BBB"), ("BBB", "CCC")])
    G = N.combine_layers({"coop": a, "org": b}, weights={"coop": 0.5})
    assert G.edges["AAA", "BBB"]["weight"] == pytest.approx(0.5 * 2 + 1 * 2)
    assert G.edges["BBB", "CCC"]["layer_coop"] == 0 and G.edges["BBB", "CCC"]["layers"] == "org"
    with pytest.raises(ValueError, match="unknown layers"):
        N.combine_layers({"coop": a}, weights={"nope": 1})


# ---------------------------------------------------------------- measures

def test_centrality_on_a_path_and_an_isolate():
    G = nx.path_graph(["AAA", "BBB", "CCC", "DDD"])
    G.add_node("EEE")
    t = N.centrality_table(G).set_index("iso3")
    assert t["degree"].tolist() == [1, 2, 2, 1, 0]
    # betweenness normalised by (n-1)(n-2)/2 = 6 for n = 5: BBB and CCC each lie on 2 paths
    assert t.loc["BBB", "betweenness"] == pytest.approx(2 / 6)
    assert t.loc["AAA", "betweenness"] == 0
    assert t.loc["EEE", "eigenvector"] == 0 and t.loc["EEE", "component"] == 1
    connected = N.centrality_table(nx.path_graph(["AAA", "BBB", "CCC", "DDD"])).set_index("iso3")
    ref = nx.eigenvector_centrality_numpy(nx.path_graph(["AAA", "BBB", "CCC", "DDD"]))
    assert connected["eigenvector"].to_dict() == pytest.approx(ref)


def test_centrality_star_weighted_degree_from_multigraph():
    G = nx.MultiGraph([("HUB", "AAA"), ("HUB", "AAA"), ("HUB", "BBB"), ("HUB", "CCC")])
    t = N.centrality_table(G).set_index("iso3")
    assert t.loc["HUB", "degree"] == 3 and t.loc["HUB", "weighted_degree"] == 4
    assert t.loc["HUB", "betweenness"] == pytest.approx(1.0)


def two_cliques():
    G = nx.complete_graph(["AAA", "BBB", "CCC", "DDD"])
    G.add_edges_from(nx.complete_graph(["PPP", "QQQ", "RRR"]).edges())
    G.add_edge("DDD", "PPP")
    return G


def test_communities_two_cliques_deterministic():
    c = N.communities(two_cliques(), seed=0)
    assert c.to_dict() == {"AAA": 0, "BBB": 0, "CCC": 0, "DDD": 0, "PPP": 1, "QQQ": 1, "RRR": 1}
    # same answer whatever the insertion order
    H = nx.Graph()
    H.add_edges_from(reversed(list(two_cliques().edges())))
    assert N.communities(H, seed=0).to_dict() == c.to_dict()


def test_brokers_and_assortativity():
    G = two_cliques()
    blocs = {n: ("west" if n in "AAA BBB CCC DDD" else "east") for n in G}
    b = N.brokers(G, blocs).set_index("iso3")
    # DDD: 1 of 4 neighbours in the other bloc, on the paths of 3 x 3 of the 15 pairs;
    # PPP: 1 of 3, on 4 x 2 pairs -> PPP (8/15 x 1/3) ranks above DDD (9/15 x 1/4)
    assert b.index.tolist()[:2] == ["PPP", "DDD"]
    assert b.loc["DDD", "other_bloc_share"] == pytest.approx(1 / 4)
    assert b.loc["DDD", "broker_score"] == pytest.approx(9 / 15 / 4)
    assert b.loc["PPP", "broker_score"] == pytest.approx(8 / 15 / 3)
    assert b.loc["AAA", "broker_score"] == 0
    # 6 west-west, 3 east-east, 1 cross edge: e = [[.6, .05], [.05, .3]], a = (.65, .35)
    r = N.attribute_assortativity(G, blocs)
    assert r == pytest.approx((0.9 - (0.65**2 + 0.35**2)) / (1 - (0.65**2 + 0.35**2)))
    assert math.isnan(N.attribute_assortativity(G, {n: "same" for n in G}))


def test_ego_network():
    G = nx.path_graph(["AAA", "BBB", "CCC", "DDD"])
    assert sorted(N.ego_network(G, "BBB")) == ["AAA", "BBB", "CCC"]
    assert sorted(N.ego_network(G, "AAA", radius=2)) == ["AAA", "BBB", "CCC"]
    with pytest.raises(KeyError, match="ZZZ"):
        N.ego_network(G, "ZZZ")


# ---------------------------------------------------------------- export round trip

def _same(G, H):
    assert type(G) is type(H)
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    if G.is_multigraph():
        def key(g):
            return {(min(u, v), max(u, v), k): d for u, v, k, d in g.edges(keys=True, data=True)}
    else:
        def key(g):
            return {(min(u, v), max(u, v)): d for u, v, d in g.edges(data=True)}
    assert key(G) == key(H)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
@pytest.mark.parametrize("multigraph", [True, False])
def test_export_round_trip(tmp_path, suffix, multigraph):
    G = N.cooperation_graph(COOP, GROUPS, countries=REGISTRY, multigraph=multigraph)
    path = N.export_graph(G, tmp_path / f"coop{suffix}")
    H = N.read_graph(path)
    # what export promises: missing values omitted, everything else equal
    expected = export._export_ready(G)
    _same(expected, H)
    assert H.number_of_edges() == G.number_of_edges() and sorted(H) == sorted(G)


def test_export_converts_lists_and_none(tmp_path):
    G = nx.Graph()
    G.add_edge("AAA", "BBB", kinds=["mlat", "mou"], year=None)
    G.add_edge("BBB", "CCC", kinds=[], year=2001)
    G.nodes["AAA"]["tags"] = {"b", "a"}
    H = N.read_graph(N.export_graph(G, tmp_path / "g.graphml"))
    assert H.edges["AAA", "BBB"] == {"kinds": "mlat;mou"}
    assert H.edges["BBB", "CCC"]["year"] == 2001 and H.nodes["AAA"]["tags"] == "a;b"
    with pytest.raises(ValueError, match="graphml or .gexf"):
        N.export_graph(G, tmp_path / "g.json")


def test_cosponsorship_graph():
    sp = pd.DataFrame({
        "rollcall_id": ["R1", "R1", "R1", "R2", "R2", "R3", "R3"],
        "sponsor": ["AAA", "BBB", "G77", "AAA", "BBB", "BBB", "CCC"],
        "sponsor_type": ["state", "state", "group", "state", "state", "state", "state"],
        "role": ["sponsor"] * 7,
    })
    G = N.cosponsorship_graph(sp)
    assert G.edges["AAA", "BBB"]["weight"] == 2 and G.edges["BBB", "CCC"]["weight"] == 1
    assert "G77" not in G and G.nodes["BBB"]["n_texts"] == 3
    assert N.cosponsorship_graph(sp, rollcall_ids=["R3"]).number_of_edges() == 1
    E = N.cosponsorship_graph(sp, group_members={"G77": ["CCC", "DDD"]})
    assert E.edges["AAA", "CCC"]["weight"] == 1 and E.edges["CCC", "DDD"]["weight"] == 1
    assert E.edges["BBB", "CCC"]["weight"] == 2


# ---------------------------------------------------------------- notebook helpers (issue 5)

def test_growth_over_time_bipartite_counts_actors_and_group_nodes():
    clique = N.growth_over_time(COOP, GROUPS, [2012])
    assert clique["group_nodes"].tolist() == [0]
    out = N.growth_over_time(COOP, GROUPS, [2011, 2012], group_mode="bipartite")
    # 2012: actors AAA-FFF (6) and the group node G1; 3 bilateral pairs + 3 member links
    assert out["nodes"].tolist() == [4, 6] and out["group_nodes"].tolist() == [0, 1]
    assert out["edges"].tolist() == [3, 6] and out["ties"].tolist() == [3, 4]


def test_size_table_counts_actors_groups_pairs_and_ties():
    bilateral = COOP[COOP["group_id"].isna()]
    t = N.size_table({
        "bilateral": N.cooperation_graph(bilateral),
        "clique": N.cooperation_graph(COOP, GROUPS),
        "bipartite": N.cooperation_graph(COOP, GROUPS, group_mode="bipartite", multigraph=False),
    }).set_index("graph")
    assert t.index.tolist() == ["bilateral", "clique", "bipartite"]
    # T1 and T4 are two ties of one pair: 4 ties, 3 edges
    assert t.loc["bilateral"].tolist() == [4, 0, 3, 4, 1, 4]
    assert t.loc["clique"].tolist() == [6, 0, 6, 5, 1, 6]
    assert t.loc["bipartite"].tolist() == [6, 1, 6, 5, 1, 6]


def test_ego_ties_lists_bilateral_partners_then_groups():
    t = N.ego_ties(COOP, GROUPS, "BBB", countries=REGISTRY)
    assert t["tie_id"].tolist() == ["T1", "T4", "T2", "T5"]  # AAA dated before undated, then CCC, then G1
    assert t["partner"].tolist() == ["AAA", "AAA", "CCC", "G1"]
    assert t["partner_name"].tolist()[:3] == ["Aland", "Aland", "Cland"]
    assert t.loc[3, "partner_name"] == "Group statement" and t.loc[3, "members"] == 3
    assert t["partner_type"].tolist() == ["actor"] * 3 + ["group"]
    assert t.loc[0, "year"] == 1999 and pd.isna(t.loc[1, "year"]) and t.loc[2, "year"] == 2005
    assert pd.isna(t.loc[1, "date"]) and t.loc[3, "kind"] == "joint_statement"
    assert N.ego_ties(COOP, GROUPS, "DDD")["partner"].tolist() == ["CCC"]
    assert N.ego_ties(COOP, GROUPS, "ZZZ").empty


def test_adjusted_rand_index_by_hand():
    a = dict(zip("uvwxyz", [0, 0, 0, 1, 1, 1], strict=True))
    b = dict(zip("uvwxyz", ["p", "p", "q", "q", "r", "r"], strict=True))
    # pairs within both: 2; within a: 6; within b: 3; n pairs 15 -> expected 1.2, max 4.5
    assert N.adjusted_rand_index(a, b) == pytest.approx((2 - 1.2) / (4.5 - 1.2))
    assert N.adjusted_rand_index(a, {k: f"x{v}" for k, v in a.items()}) == pytest.approx(1.0)
    # keys missing on one side (or labelled NaN) are left out
    assert N.adjusted_rand_index({**a, "extra": 5}, pd.Series({**b, "z": None})) == pytest.approx(
        N.adjusted_rand_index({k: a[k] for k in "uvwxy"}, {k: b[k] for k in "uvwxy"}))
    assert math.isnan(N.adjusted_rand_index({"u": 1}, {"u": 2}))
    assert N.adjusted_rand_index({"u": 1, "v": 1}, {"u": 2, "v": 2}) == 1.0


def test_sponsor_camps():
    sp = pd.DataFrame({
        "rollcall_id": ["R1", "R1", "R2", "R2", "U1", "U1", "U1", "X9"],
        "sponsor": ["RRR", "AAA", "RRR", "G77", "UUU", "AAA", "BBB", "CCC"],
        "sponsor_type": ["state", "state", "state", "group", "state", "state", "state", "state"],
        "role": ["sponsor"] * 8,
    })
    out = N.sponsor_camps(sp, {"R": ["R1", "R2"], "U": ["U1"]})
    assert out["iso3"].tolist() == ["RRR", "BBB", "UUU", "AAA"]  # by camp (R, U, both), then iso3
    assert out["camp"].tolist() == ["R", "U", "U", "both"]
    assert out.set_index("iso3").loc["RRR", ["R", "U", "total"]].tolist() == [2, 0, 2]
    assert out.set_index("iso3").loc["AAA", ["R", "U", "total"]].tolist() == [1, 1, 2]
    with pytest.raises(ValueError, match="R1"):
        N.sponsor_camps(sp, {"R": ["R1"], "U": ["R1"]})
