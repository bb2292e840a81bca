"""Graphs of cooperation, treaty co-participation, co-membership and UNGA co-sponsorship.

Builders take the tidy tables of ``docs/data-contract.md`` and return networkx graphs whose
nodes are registry codes (``iso3``); measures take a graph and return a DataFrame, a Series or a
number. Nothing here reads files except :func:`export_graph` / :func:`read_graph`.

Conventions shared by the builders:

- **Partial dates.** ``YYYY`` and ``YYYY-MM`` stand for their *last* day when compared with
  ``as_of`` (a tie dated 2019 is in the network from 2019-12-31), so a tie is counted only once
  it had certainly happened. ``as_of`` itself may be partial: ``"2019"`` = 2019-12-31.
- **Undated rows** (no date and no year) cannot be placed in time. ``include_undated=True``
  (default of the builders) keeps them at every ``as_of``; :func:`growth_over_time` drops them
  by default so that they do not inflate the early years.
- **Group ties** (a row of ``cooperation.csv`` with ``group_id``) link every pair of the group's
  members (``group_mode="clique"``), or every member to one node named by the group id
  (``group_mode="bipartite"``; group nodes carry ``node_type="group"``, ``bipartite=1``).
  Cliques make large statements dominate edge counts: a 50-member statement is 1,225 edges.
- **Multigraph or not.** ``multigraph=True`` keeps one edge per tie (key = ``tie_id``);
  ``False`` aggregates the ties of a pair into one edge with ``weight`` = number of ties and
  ``;``-joined ``tie_ids`` / ``kinds`` (see :func:`cooperation_graph`).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.core.dates import date_bounds as _period
from analysis.core.dates import last_day as _cutoff
from analysis.core.errors import DataError, DataErrors
from analysis.core.vocabulary import is_missing as _is_missing


def _as_list(value) -> list | None:
    """None -> None; a string -> [string]; any other iterable -> list."""
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _registry(countries) -> tuple[set | None, pd.DataFrame | None]:
    """(set of valid codes, registry frame or None) from a registry DataFrame or code iterable."""
    if countries is None:
        return None, None
    if isinstance(countries, pd.DataFrame):
        return set(countries["iso3"].dropna().astype(str)), countries
    return {str(c) for c in countries}, None


def _check_codes(frame: pd.DataFrame, columns: Iterable[str], codes: set | None, table: str,
                 key: str | None) -> None:
    """Raise DataErrors listing every code in ``columns`` that is not in ``codes``."""
    if codes is None:
        return
    errors = []
    for column in columns:
        if column not in frame.columns:
            continue
        for pos, (label, value) in enumerate(frame[column].items()):
            if _is_missing(value) or str(value) in codes:
                continue
            ident = f" ({key}={frame.at[label, key]!r})" if key and key in frame.columns else ""
            errors.append(DataError(table, f"code {value!r}{ident} is not in the countries registry",
                                    row=pos + 2, column=column))
    if errors:
        raise DataErrors(errors)


def _node_attributes(G: nx.Graph, registry: pd.DataFrame | None) -> None:
    """Copy name, type, region and subregion from the registry onto the nodes present in G."""
    if registry is None:
        return
    cols = [c for c in ("name", "type", "region", "subregion") if c in registry.columns]
    info = registry.drop_duplicates("iso3").set_index("iso3")[cols]
    for node in G.nodes:
        if node in info.index:
            for col in cols:
                value = info.at[node, col]
                if not _is_missing(value):
                    G.nodes[node][col] = value


def _simple(G: nx.Graph, weight: str | None = "weight") -> nx.Graph:
    """Undirected simple Graph with sorted nodes/edges; parallel-edge weights are summed.

    Edges without the weight attribute count 1. The result stores the summed value under
    ``"weight"``; node attributes are kept. Sorting makes seeded algorithms independent of the
    order in which the input was built.
    """
    H = nx.Graph()
    H.add_nodes_from(sorted((n, dict(d)) for n, d in G.nodes(data=True)))
    totals: dict[tuple, float] = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        w = d.get(weight, 1) if weight else 1
        totals[pair] = totals.get(pair, 0) + (1 if _is_missing(w) else w)
    for (u, v) in sorted(totals, key=lambda p: (str(p[0]), str(p[1]))):
        H.add_edge(u, v, weight=totals[(u, v)])
    return H


# Builders


_TIE_COLUMNS = ("tie_id", "a_iso3", "b_iso3", "group_id", "kind", "title", "date", "year",
                "in_force", "source")


def _tie_dates(ties: pd.DataFrame) -> list:
    """Per row the (first, last) day of ``date``, falling back to ``year``; DataError if bad."""
    out, errors = [], []
    for pos, row in enumerate(ties.itertuples(index=False)):
        raw = getattr(row, "date", None)
        column = "date"
        if _is_missing(raw):
            raw, column = getattr(row, "year", None), "year"
        try:
            out.append(_period(raw))
        except ValueError as exc:
            errors.append(DataError("cooperation", f"{exc} (tie_id={row.tie_id!r})", row=pos + 2, column=column))
            out.append(None)
    if errors:
        raise DataErrors(errors)
    return out


def _edge_attrs(row) -> dict:
    """Edge attributes of one tie (missing -> None; year as int)."""
    attrs = {}
    for col in ("tie_id", "kind", "title", "date", "in_force", "source", "group_id"):
        value = getattr(row, col, None)
        attrs[col] = None if _is_missing(value) else str(value)
    year = getattr(row, "year", None)
    if _is_missing(year) and attrs["date"]:
        year = attrs["date"][:4]
    attrs["year"] = None if _is_missing(year) else int(float(year))
    return attrs


def _aggregate(edges: list[tuple[str, str, dict]]) -> nx.Graph:
    """One edge per pair: weight, tie_ids, kinds, first year/date, in_force, titles, sources."""
    pairs: dict[tuple, list[dict]] = {}
    for u, v, d in edges:
        pair = (u, v) if u <= v else (v, u)
        pairs.setdefault(pair, []).append(d)
    G = nx.Graph()
    for (u, v), ds in sorted(pairs.items()):
        years = [d["year"] for d in ds if d["year"] is not None]
        dates = sorted(d["date"] for d in ds if d["date"])
        forces = {d["in_force"] for d in ds}
        G.add_edge(
            u, v,
            weight=len(ds),
            tie_ids=";".join(d["tie_id"] for d in ds),
            kinds=";".join(sorted({d["kind"] for d in ds if d["kind"]})),
            year=min(years) if years else None,
            date=dates[0] if dates else None,
            in_force="yes" if "yes" in forces else ("unknown" if "unknown" in forces or None in forces else "no"),
            title=" | ".join(d["title"] or "" for d in ds),
            source=" | ".join(sorted({d["source"] for d in ds if d["source"]})),
            group_ids=";".join(sorted({d["group_id"] for d in ds if d["group_id"]})) or None,
        )
    return G


def cooperation_graph(
    cooperation: pd.DataFrame,
    groups: pd.DataFrame | None = None,
    kinds: str | Iterable[str] | None = None,
    as_of=None,
    countries=None,
    *,
    include_undated: bool = True,
    multigraph: bool = True,
    group_mode: str = "clique",
) -> nx.Graph:
    """Cooperation ties (``cooperation.csv`` + ``cooperation_groups.csv``) as a graph.

    `kinds` keeps those tie kinds; `as_of` keeps ties dated on or before it (partial dates count
    as their last day; undated ties kept iff `include_undated`). `countries` (registry frame or
    iterable of codes) validates every code — an unknown one raises a DataError naming the row,
    tie_id/group_id, column and code — and, if a frame, adds node name/type/region.

    `multigraph=True`: MultiGraph, one edge per tie keyed by tie_id, attributes tie_id, kind,
    title, date, year, in_force, source, group_id. `multigraph=False`: Graph, one edge per pair
    with weight (ties), tie_ids, kinds, year (earliest), date (earliest), in_force ("yes" if any
    tie is), title and source (" | "-joined), group_ids. Group ties: see module docstring.
    """
    if group_mode not in ("clique", "bipartite"):
        raise ValueError(f"group_mode must be 'clique' or 'bipartite', not {group_mode!r}")
    missing = [c for c in ("tie_id", "a_iso3", "b_iso3", "group_id", "kind") if c not in cooperation.columns]
    if missing:
        raise ValueError(f"cooperation table lacks columns {missing}")
    ties = cooperation.reset_index(drop=True)
    codes, registry = _registry(countries)
    _check_codes(ties, ["a_iso3", "b_iso3"], codes, "cooperation", "tie_id")
    if groups is not None:
        groups = groups.reset_index(drop=True)
        _check_codes(groups, ["iso3"], codes, "cooperation_groups", "group_id")

    errors = [DataError("cooperation", f"tie_id {t!r} is not unique", row=pos + 2, column="tie_id")
              for pos, t in enumerate(ties["tie_id"]) if ties["tie_id"].duplicated(keep="first").iloc[pos]]
    for pos, row in enumerate(ties.itertuples(index=False)):
        a, b, g = (not _is_missing(row.a_iso3)), (not _is_missing(row.b_iso3)), (not _is_missing(row.group_id))
        if g and (a or b):
            errors.append(DataError("cooperation", f"tie_id={row.tie_id!r} has both a group_id and a_iso3/b_iso3",
                                    row=pos + 2, column="group_id"))
        elif not g and not (a and b):
            errors.append(DataError("cooperation", f"tie_id={row.tie_id!r} needs both a_iso3 and b_iso3 or a group_id",
                                    row=pos + 2, column="b_iso3" if a else "a_iso3"))
        elif not g and row.a_iso3 == row.b_iso3:
            errors.append(DataError("cooperation", f"tie_id={row.tie_id!r} links {row.a_iso3!r} to itself",
                                    row=pos + 2, column="b_iso3"))
        elif g and (groups is None or not (groups["group_id"] == row.group_id).any()):
            errors.append(DataError("cooperation", f"tie_id={row.tie_id!r}: group {row.group_id!r} has no members"
                                    + (" (no groups table given)" if groups is None else ""),
                                    row=pos + 2, column="group_id"))
    if errors:
        raise DataErrors(errors)

    keep = pd.Series(True, index=ties.index)
    wanted = _as_list(kinds)
    if wanted is not None:
        keep &= ties["kind"].isin(wanted)
    cutoff = _cutoff(as_of)
    if cutoff is not None:
        periods = _tie_dates(ties)
        keep &= pd.Series([(p is None and include_undated) or (p is not None and p[1] <= cutoff)
                           for p in periods], index=ties.index)
    ties = ties[keep]

    members = ({} if groups is None else
               {g: sorted(set(m["iso3"].dropna().astype(str))) for g, m in groups.groupby("group_id", sort=True)})
    edges: list[tuple[str, str, dict]] = []
    nodes: set[str] = set()
    group_nodes: dict[str, dict] = {}
    for row in ties.itertuples(index=False):
        attrs = _edge_attrs(row)
        if attrs["group_id"] is None:
            edges.append((str(row.a_iso3), str(row.b_iso3), attrs))
            continue
        people = members[attrs["group_id"]]
        nodes.update(people)
        if group_mode == "clique":
            edges.extend((u, v, dict(attrs)) for u, v in itertools.combinations(people, 2))
        else:
            group_nodes[attrs["group_id"]] = {"node_type": "group", "bipartite": 1, "title": attrs["title"]}
            edges.extend((m, attrs["group_id"], dict(attrs)) for m in people)

    actors = sorted((nodes | {n for u, v, _ in edges for n in (u, v)}) - set(group_nodes))
    if multigraph:
        G = nx.MultiGraph()
        G.add_nodes_from(actors)
        for u, v, d in sorted(edges, key=lambda e: (min(e[0], e[1]), max(e[0], e[1]), e[2]["tie_id"] or "")):
            G.add_edge(u, v, key=d["tie_id"], **d)
    else:
        G = nx.Graph()
        G.add_nodes_from(actors)
        G.update(_aggregate(edges))
    for node, attrs in sorted(group_nodes.items()):
        G.add_node(node, **attrs)
    if group_mode == "bipartite":
        for node in G.nodes:
            G.nodes[node].setdefault("node_type", "actor")
            G.nodes[node].setdefault("bipartite", 0)
    _node_attributes(G, registry)
    G.graph.update(layer="cooperation", as_of=None if cutoff is None else cutoff.date().isoformat(),
                   group_mode=group_mode, include_undated=include_undated)
    return G


def coparticipation_graph(
    participation: pd.DataFrame,
    instrument: str | Iterable[str],
    as_of=None,
    status: str = "party",
    countries=None,
    *,
    undated: str | Mapping[str, str] | None = None,
) -> nx.Graph:
    """Clique among the actors with `status` under `instrument` on `as_of`.

    Status follows :func:`analysis.methods.treaties.status_at` (party date = ratified, else in_force).
    ``status="party"``: parties; ``"signatory"``: actors that had signed *or* become party (an
    accession without signature counts). `as_of` None = everything recorded (no date cut).
    `undated` is passed to ``status_at``. Several instruments: edge weight = number shared,
    ``instruments`` = ``;``-joined. Every qualifying actor is a node, even if alone.
    """
    from analysis.methods.treaties import status_at  # local import: treaties is a sibling analysis module

    if status not in ("party", "signatory"):
        raise ValueError(f"status must be 'party' or 'signatory', not {status!r}")
    wanted = _as_list(instrument)
    codes, registry = _registry(countries)
    table = participation[participation["instrument"].isin(wanted)].reset_index(drop=True)
    _check_codes(table, ["iso3"], codes, "participation", "instrument")
    cutoff = _cutoff(as_of)
    at = status_at(table, cutoff if cutoff is not None else pd.Timestamp("2200-01-01"), wanted, undated=undated)
    ok = {"party": ["party"], "signatory": ["signed", "party"]}[status]
    at = at[at["status"].astype(str).isin(ok)]

    G = nx.Graph()
    G.add_nodes_from(sorted(at["iso3"].astype(str).unique()))
    shared: dict[tuple, list] = {}
    for inst, rows in at.groupby("instrument", sort=True):
        for u, v in itertools.combinations(sorted(rows["iso3"].astype(str).unique()), 2):
            shared.setdefault((u, v), []).append(str(inst))
    for (u, v), insts in sorted(shared.items()):
        G.add_edge(u, v, weight=len(insts), instruments=";".join(insts))
    _node_attributes(G, registry)
    G.graph.update(layer="coparticipation", instruments=";".join(wanted), status=status,
                   as_of=None if cutoff is None else cutoff.date().isoformat())
    return G


def membership_graph(
    memberships: pd.DataFrame,
    orgs: str | Iterable[str] | None = None,
    as_of=None,
    countries=None,
    *,
    include_undated: bool = True,
) -> nx.Graph:
    """Co-membership layer: an edge for every pair of actors sharing an organisation.

    Membership on `as_of`: ``joined`` on or before it (partial = last day; empty kept iff
    `include_undated`) and ``left`` empty or after it (partial ``left`` = its *first* day, so a
    state that left in "2020" is out from 2020-01-01). `as_of` None = current members (empty
    ``left``). Edge weight = number of shared organisations, ``orgs`` = ``;``-joined.
    """
    table = memberships.reset_index(drop=True)
    codes, registry = _registry(countries)
    _check_codes(table, ["iso3"], codes, "memberships", "org")
    wanted = _as_list(orgs)
    if wanted is not None:
        table = table[table["org"].isin(wanted)]
    cutoff = _cutoff(as_of)
    keep = []
    for pos, row in enumerate(table.itertuples(index=False)):
        try:
            joined, left = _period(getattr(row, "joined", None)), _period(getattr(row, "left", None))
        except ValueError as exc:
            raise DataError("memberships", f"{exc} (org={row.org!r}, iso3={row.iso3!r})", row=pos + 2) from None
        if cutoff is None:
            keep.append(left is None)
        else:
            ok_join = (joined is None and include_undated) or (joined is not None and joined[1] <= cutoff)
            keep.append(ok_join and (left is None or left[0] > cutoff))
    table = table[keep]

    G = nx.Graph()
    G.add_nodes_from(sorted(table["iso3"].astype(str).unique()))
    shared: dict[tuple, list] = {}
    for org, rows in table.groupby("org", sort=True):
        for u, v in itertools.combinations(sorted(rows["iso3"].astype(str).unique()), 2):
            shared.setdefault((u, v), []).append(str(org))
    for (u, v), names in sorted(shared.items()):
        G.add_edge(u, v, weight=len(names), orgs=";".join(names))
    _node_attributes(G, registry)
    G.graph.update(layer="membership", as_of=None if cutoff is None else cutoff.date().isoformat())
    return G


def combine_layers(layers: Mapping[str, nx.Graph], weights: Mapping[str, float] | None = None,
                   *, weight: str = "weight", binary: bool = False) -> nx.Graph:
    """Weighted Graph over the union of the layers' nodes and edges.

    Each layer's strength of a pair is the sum of its edges' `weight` (1 if absent; parallel
    edges add up), or 1 if `binary`. The combined edge has one attribute per layer
    (``layer_<name>`` = that strength, 0 if absent), ``layers`` (``;``-joined names with an edge)
    and ``weight`` = sum over layers of ``weights[name]`` (default 1) x strength. Node attributes
    are merged (later layers win).
    """
    weights = dict(weights or {})
    unknown = set(weights) - set(layers)
    if unknown:
        raise ValueError(f"weights given for unknown layers {sorted(unknown)}; layers are {sorted(layers)}")
    out = nx.Graph()
    strengths: dict[tuple, dict[str, float]] = {}
    for name, G in layers.items():
        for node, data in G.nodes(data=True):
            out.add_node(node, **data)
        H = _simple(G, weight)
        for u, v, d in H.edges(data=True):
            pair = (u, v) if str(u) <= str(v) else (v, u)
            strengths.setdefault(pair, {})[name] = 1 if binary else d["weight"]
    for (u, v), per in sorted(strengths.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        attrs = {f"layer_{name}": per.get(name, 0) for name in layers}
        attrs["layers"] = ";".join(n for n in layers if n in per)
        attrs["weight"] = float(sum(weights.get(n, 1.0) * s for n, s in per.items()))
        out.add_edge(u, v, **attrs)
    out.graph.update(layer="combined", layers=";".join(layers),
                     layer_weights=";".join(f"{n}={weights.get(n, 1.0)}" for n in layers))
    return out


# UNGA sponsorship (UN machine-readable resolutions)


def cosponsorship_graph(
    sponsorships: pd.DataFrame,
    rollcall_ids: Iterable[str] | None = None,
    *,
    sponsor_types: str | Iterable[str] = ("state",),
    roles: str | Iterable[str] | None = None,
    group_members: Mapping[str, Iterable[str]] | None = None,
) -> nx.Graph:
    """Co-sponsorship Graph: weight = number of texts two sponsors sponsored together.

    `rollcall_ids` restricts the texts; `sponsor_types` (default states only) and `roles` (None =
    sponsors and additional sponsors) select rows. `group_members` ({group id: iso3 codes})
    replaces each group row by its members (as states) before counting. Node attribute
    ``n_texts`` = texts sponsored; isolated sponsors are kept.
    """
    table = sponsorships
    if rollcall_ids is not None:
        table = table[table["rollcall_id"].isin(list(rollcall_ids))]
    if roles is not None:
        table = table[table["role"].isin(_as_list(roles))]
    if group_members:
        is_group = table["sponsor_type"].eq("group") & table["sponsor"].isin(list(group_members))
        expanded = [
            {"rollcall_id": r.rollcall_id, "sponsor": str(m), "sponsor_type": "state"}
            for r in table[is_group].itertuples(index=False) for m in group_members[r.sponsor]
        ]
        table = pd.concat([table[~is_group], pd.DataFrame(expanded, columns=["rollcall_id", "sponsor", "sponsor_type"])],
                          ignore_index=True)
    table = table[table["sponsor_type"].isin(_as_list(sponsor_types))]
    table = table.dropna(subset=["sponsor"]).drop_duplicates(["rollcall_id", "sponsor"])

    G = nx.Graph()
    if table.empty:
        return G
    texts, text_index = pd.factorize(table["rollcall_id"], sort=True)
    actors, actor_index = pd.factorize(table["sponsor"].astype(str), sort=True)
    B = sparse.csr_matrix((np.ones(len(table)), (texts, actors)), shape=(len(text_index), len(actor_index)))
    C = (B.T @ B).tocoo()
    diag = np.asarray(B.sum(axis=0)).ravel()
    first = table.drop_duplicates("sponsor")
    types = dict(zip(first["sponsor"].astype(str), first["sponsor_type"].astype(str), strict=True))
    for i, code in enumerate(actor_index):
        G.add_node(code, n_texts=int(diag[i]), sponsor_type=str(types.get(code, "state")))
    for i, j, w in sorted(zip(C.row, C.col, C.data, strict=True)):
        if i < j:
            G.add_edge(actor_index[i], actor_index[j], weight=int(w))
    G.graph.update(layer="cosponsorship", n_texts=len(text_index))
    return G


# Measures


def ego_network(G: nx.Graph, iso3: str, radius: int = 1) -> nx.Graph:
    """Subgraph of nodes within `radius` hops of `iso3` (a copy, attributes kept)."""
    if iso3 not in G:
        raise KeyError(f"{iso3!r} is not a node of the graph")
    return nx.ego_graph(G, iso3, radius=radius, undirected=True)


# Export / read (the only I/O in this module)


def growth_over_time(cooperation: pd.DataFrame, groups: pd.DataFrame | None, years: Iterable[int],
                     *, include_undated: bool = False, **kwargs) -> pd.DataFrame:
    """Size of the cooperation network as it stood at the end of each year.

    Builds :func:`cooperation_graph` (aggregated, ``as_of=YYYY-12-31``) per year; other keyword
    arguments (kinds, countries, group_mode) are passed on. Undated ties are left out unless
    `include_undated` (they would appear in every year). Returns year, nodes (actors with at
    least one tie; group nodes of ``group_mode="bipartite"`` are not actors), edges (distinct
    pairs, actor-group links included), ties (tie rows counted), density (of the whole graph)
    and group_nodes (0 unless bipartite).
    """
    kwargs.pop("multigraph", None)
    kwargs.pop("as_of", None)
    rows = []
    for year in years:
        G = cooperation_graph(cooperation, groups, as_of=f"{int(year):04d}-12-31",
                              include_undated=include_undated, multigraph=False, **kwargs)
        ties = {t for _, _, d in G.edges(data=True) for t in d["tie_ids"].split(";")}
        n_groups = len(group_node_ids(G))
        rows.append({"year": int(year), "nodes": G.number_of_nodes() - n_groups, "edges": G.number_of_edges(),
                     "ties": len(ties), "density": nx.density(G) if G.number_of_nodes() > 1 else 0.0,
                     "group_nodes": n_groups})
    return pd.DataFrame(rows, columns=["year", "nodes", "edges", "ties", "density", "group_nodes"])


# Summaries used by the notebooks (additive helpers)


def group_node_ids(G: nx.Graph) -> list:
    """Sorted ids of the group nodes of a ``group_mode="bipartite"`` graph (``node_type="group"``)."""
    return sorted((n for n, d in G.nodes(data=True) if d.get("node_type") == "group"), key=str)
