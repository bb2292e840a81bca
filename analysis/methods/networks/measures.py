"""Measures of a network: centrality, communities, brokers between blocs, assortativity, and the
summary tables the notebooks print. A graph (or tables) in, a frame, a series or a number out."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from analysis.core.vocabulary import is_missing as _is_missing
from analysis.methods.networks.graphs import _as_list, _edge_attrs, _simple, group_node_ids


def _components_by_size(G: nx.Graph) -> list[list]:
    """Connected components, largest first (ties: smallest first node), nodes sorted."""
    comps = [sorted(c, key=str) for c in nx.connected_components(G)]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def _eigenvector(H: nx.Graph) -> dict:
    """Leading eigenvector per connected component, unit norm within the component, scaled by
    sqrt(component size / n) so the whole vector has unit norm; isolates get 0."""
    n = H.number_of_nodes()
    out = {}
    for comp in _components_by_size(H):
        if len(comp) == 1:
            out[comp[0]] = 0.0
            continue
        A = nx.to_numpy_array(H, nodelist=comp, weight="weight")
        _, vecs = np.linalg.eigh(A)
        vec = np.abs(vecs[:, -1])
        vec = vec / np.linalg.norm(vec) * math.sqrt(len(comp) / n)
        out.update(zip(comp, vec.tolist(), strict=True))
    return out


def centrality_table(G: nx.Graph, weight: str | None = "weight", *, weighted_betweenness: bool = False) -> pd.DataFrame:
    """Per node: degree (distinct neighbours), weighted_degree (sum of `weight`, parallel edges
    summed, 1 when absent), betweenness (normalised; hop counts unless `weighted_betweenness`,
    which uses distance = 1 / weight), eigenvector (weighted; per component, see below) and
    component (0 = largest).

    Eigenvector centrality is undefined across components, so it is computed per component and
    scaled by sqrt(component share of nodes): deterministic, equal to networkx's for a connected
    graph, isolates 0. Sorted by iso3.
    """
    H = _simple(G, weight)
    if weighted_betweenness:
        for _, _, d in H.edges(data=True):
            d["distance"] = 1.0 / d["weight"] if d["weight"] else math.inf
    between = nx.betweenness_centrality(H, normalized=True, weight="distance" if weighted_betweenness else None)
    eig = _eigenvector(H)
    comp_of = {n: i for i, comp in enumerate(_components_by_size(H)) for n in comp}
    rows = [{
        "iso3": n,
        "degree": H.degree(n),
        "weighted_degree": float(H.degree(n, weight="weight")),
        "betweenness": float(between[n]),
        "eigenvector": float(eig[n]),
        "component": comp_of[n],
    } for n in H.nodes]
    cols = ["iso3", "degree", "weighted_degree", "betweenness", "eigenvector", "component"]
    return pd.DataFrame(rows, columns=cols).sort_values("iso3", key=lambda s: s.astype(str)).reset_index(drop=True)


def communities(G: nx.Graph, seed: int = 0, resolution: float = 1.0, weight: str | None = "weight") -> pd.Series:
    """Louvain communities (networkx), deterministic: the graph is rebuilt in sorted order
    before the seeded run. Returns a Series iso3 -> community id, 0 = largest community
    (ties: the one with the alphabetically first member), sorted by id then iso3."""
    H = _simple(G, weight)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted((sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0])))
    data = {n: i for i, comp in enumerate(ordered) for n in comp}
    out = pd.Series(data, name="community", dtype="int64")
    out.index.name = "iso3"
    return out


def brokers(G: nx.Graph, blocs, weight: str | None = None) -> pd.DataFrame:
    """Nodes that link voting blocs: broker_score = other_bloc_share x betweenness.

    `blocs` maps iso3 -> bloc label (dict or Series). other_bloc_share = share of a node's
    neighbours (by edge `weight` if given) that are in a different bloc, among neighbours with a
    known bloc. Betweenness is normalised, on hop counts, over the whole graph. Only nodes with a
    bloc are returned, sorted by broker_score (desc) then iso3.
    """
    bloc = {k: v for k, v in dict(blocs).items() if not _is_missing(v)}
    H = _simple(G, weight)
    between = nx.betweenness_centrality(H, normalized=True)
    rows = []
    for n in H.nodes:
        if n not in bloc:
            continue
        total = other = 0.0
        known = 0
        for nbr, d in H[n].items():
            if nbr not in bloc:
                continue
            w = d["weight"] if weight else 1.0
            known += 1
            total += w
            other += w if bloc[nbr] != bloc[n] else 0.0
        share = other / total if total else 0.0
        rows.append({"iso3": n, "bloc": bloc[n], "neighbours": known, "other_bloc_share": share,
                     "betweenness": float(between[n]), "broker_score": share * float(between[n])})
    cols = ["iso3", "bloc", "neighbours", "other_bloc_share", "betweenness", "broker_score"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["broker_score", "iso3"], ascending=[False, True]).reset_index(drop=True)


def attribute_assortativity(G: nx.Graph, attr_map, numeric: bool | None = None) -> float:
    """Assortativity of a node attribute (e.g. vote on A/RES/74/247, Budapest status).

    `attr_map` maps iso3 -> value; nodes without a value are left out (with their edges).
    Categorical (networkx attribute_assortativity_coefficient) unless the values are numbers
    (`numeric` None = auto; booleans count as categories). Unweighted; parallel edges collapse.
    NaN if fewer than two distinct values or no edges remain.
    """
    values = {k: v for k, v in dict(attr_map).items() if not _is_missing(v)}
    H = _simple(G, None).subgraph([n for n in G.nodes if n in values]).copy()
    if H.number_of_edges() == 0 or len({values[n] for n in H.nodes}) < 2:
        return float("nan")
    if numeric is None:
        numeric = all(isinstance(values[n], (int, float, np.integer, np.floating))
                      and not isinstance(values[n], (bool, np.bool_)) for n in H.nodes)
    nx.set_node_attributes(H, {n: values[n] for n in H.nodes}, "_value")
    with np.errstate(divide="ignore", invalid="ignore"):
        if numeric:
            return float(nx.numeric_assortativity_coefficient(H, "_value"))
        return float(nx.attribute_assortativity_coefficient(H, "_value"))


def adjusted_rand_index(a, b) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985) of two labellings, iso3 -> label (dict or
    Series), over the keys labelled in both (missing labels left out).

    1 = the same partition, about 0 = no more agreement than chance, negative = less. When both
    partitions are trivial (one cluster each, or all singletons) the index is 1 (as in
    scikit-learn). NaN if fewer than two shared keys.
    """
    a = {k: v for k, v in dict(a).items() if not _is_missing(v)}
    b = {k: v for k, v in dict(b).items() if not _is_missing(v)}
    keys = sorted(set(a) & set(b), key=str)
    n = len(keys)
    if n < 2:
        return float("nan")
    table = pd.crosstab(pd.Series([a[k] for k in keys]).astype(str), pd.Series([b[k] for k in keys]).astype(str))
    pairs = lambda x: x * (x - 1) / 2.0
    index = float(pairs(table.to_numpy()).sum())
    rows = float(pairs(table.sum(axis=1).to_numpy()).sum())
    cols = float(pairs(table.sum(axis=0).to_numpy()).sum())
    expected = rows * cols / pairs(n)
    maximum = (rows + cols) / 2.0
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def size_table(graphs: Mapping[str, nx.Graph]) -> pd.DataFrame:
    """One row per named graph: actors, group_nodes, edges (distinct pairs; parallel edges of a
    multigraph count once), ties (distinct ``tie_id`` values on edges, or from ``tie_ids``),
    components and largest (actors in the largest component). In input order."""
    rows = []
    for name, G in graphs.items():
        groups = set(group_node_ids(G))
        H = _simple(G, None)
        ties: set = set()
        edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
        for *_, d in edges:
            if d.get("tie_id"):
                ties.add(d["tie_id"])
            elif d.get("tie_ids"):
                ties.update(str(d["tie_ids"]).split(";"))
        comps = _components_by_size(H) if H.number_of_nodes() else []
        rows.append({"graph": name, "actors": H.number_of_nodes() - len(groups), "group_nodes": len(groups),
                     "edges": H.number_of_edges(), "ties": len(ties), "components": len(comps),
                     "largest": len([n for n in comps[0] if n not in groups]) if comps else 0})
    cols = ["graph", "actors", "group_nodes", "edges", "ties", "components", "largest"]
    return pd.DataFrame(rows, columns=cols)


def ego_ties(cooperation: pd.DataFrame, groups: pd.DataFrame | None, iso3: str,
             countries: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every tie of `iso3`: one row per bilateral tie (partner = the other actor) and one per
    group tie it belongs to (partner = the group id, ``members`` = group size).

    Columns: partner, partner_name (registry name, or the tie title for a group), partner_type
    ("actor" / "group"), members (1 for a bilateral tie), kind, date, year, in_force, tie_id.
    Sorted by partner_type (actors first), partner, then date (undated last) and tie_id.
    """
    names = {} if countries is None else dict(zip(countries["iso3"].astype(str), countries["name"].astype(str), strict=True))
    sizes, mine = {}, set()
    if groups is not None:
        sizes = groups.groupby("group_id")["iso3"].nunique().to_dict()
        mine = set(groups.loc[groups["iso3"] == iso3, "group_id"].astype(str))
    rows = []
    for row in cooperation.itertuples(index=False):
        a = None if _is_missing(row.a_iso3) else str(row.a_iso3)
        b = None if _is_missing(row.b_iso3) else str(row.b_iso3)
        g = None if _is_missing(row.group_id) else str(row.group_id)
        attrs = _edge_attrs(row)
        if g is None and iso3 in (a, b):
            partner = b if a == iso3 else a
            rows.append({"partner": partner, "partner_name": names.get(partner, partner), "partner_type": "actor",
                         "members": 1, **{k: attrs[k] for k in ("kind", "date", "year", "in_force", "tie_id")}})
        elif g is not None and g in mine:
            rows.append({"partner": g, "partner_name": attrs["title"] or g, "partner_type": "group",
                         "members": int(sizes.get(g, 0)),
                         **{k: attrs[k] for k in ("kind", "date", "year", "in_force", "tie_id")}})
    cols = ["partner", "partner_name", "partner_type", "members", "kind", "date", "year", "in_force", "tie_id"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out
    out["_undated"] = out["date"].isna()
    out = out.sort_values(["partner_type", "partner", "_undated", "date", "tie_id"], na_position="last")
    out = out.drop(columns="_undated").reset_index(drop=True)
    out["year"] = out["year"].astype("Int64")
    return out


def sponsor_camps(sponsorships: pd.DataFrame, camps: Mapping[str, Iterable[str]], *,
                  sponsor_types: str | Iterable[str] = ("state",), both: str = "both") -> pd.DataFrame:
    """Which camp's texts each sponsor (co-)sponsored.

    `camps` maps a camp name to its texts (rollcall_ids), e.g. {"Russia-led": [...], "US/EU-led":
    [...]}; a text may not be in two camps. Returns one row per sponsor of any of these texts:
    iso3, one column per camp (number of that camp's texts sponsored, sponsors and additional
    sponsors alike), total, and ``camp`` = the camp name if only one camp, else `both`. Sorted by
    camp (in `camps` order, `both` last) then iso3.
    """
    lists = {name: list(ids) for name, ids in camps.items()}
    seen: dict[str, str] = {}
    for name, ids in lists.items():
        for rid in ids:
            if rid in seen:
                raise ValueError(f"text {rid!r} is in camps {seen[rid]!r} and {name!r}")
            seen[rid] = name
    table = sponsorships[sponsorships["rollcall_id"].isin(list(seen))
                         & sponsorships["sponsor_type"].isin(_as_list(sponsor_types))]
    table = table.dropna(subset=["sponsor"]).drop_duplicates(["rollcall_id", "sponsor"])
    camp = table["rollcall_id"].map(seen)
    counts = pd.crosstab(table["sponsor"].astype(str), camp).reindex(columns=list(lists), fill_value=0)
    counts.columns.name = None
    counts.index.name = "iso3"
    out = counts.reset_index()
    out["total"] = counts.sum(axis=1).to_numpy()
    active = counts.to_numpy() > 0
    labels = [list(lists)[row.argmax()] if row.sum() == 1 else both for row in active]
    out["camp"] = labels
    order = {name: i for i, name in enumerate(list(lists) + [both])}
    out = out.sort_values(["camp", "iso3"], key=lambda s: s.map(order) if s.name == "camp" else s)
    return out.reset_index(drop=True)
