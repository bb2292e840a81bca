"""Networks of cooperation, treaty co-participation, co-membership and UNGA co-sponsorship.

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

import ast
import datetime
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.core.vocabulary import is_missing as _is_missing
from analysis.core.errors import DataError, DataErrors, UnmappedCountryError

__all__ = [
    "cooperation_graph", "coparticipation_graph", "membership_graph", "combine_layers",
    "parse_sponsor_field", "classify_sponsor", "known_sponsor_corrections", "sponsorship_table",
    "rollcall_id_from_symbol", "cosponsorship_graph", "centrality_table", "communities", "brokers",
    "attribute_assortativity", "ego_network", "export_graph", "read_graph", "growth_over_time",
    "group_node_ids", "size_table", "ego_ties", "adjusted_rand_index", "sponsor_camps",
]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------



def _period(value) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(first day, last day) of a full or partial date; None when missing; ValueError if bad."""
    if _is_missing(value):
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "toordinal"):
        day = pd.Timestamp(value).normalize()
        return day, day
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        value = f"{int(value):04d}"
    text = str(value).strip()
    match = _DATE_RE.match(text[:10] if len(text) > 10 and text[10] in " T" else text)
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = match.groups()
    if day:
        ts = pd.Timestamp(int(year), int(month), int(day))
        return ts, ts
    if month:
        start = pd.Timestamp(int(year), int(month), 1)
        return start, start + pd.offsets.MonthEnd(0)
    return pd.Timestamp(int(year), 1, 1), pd.Timestamp(int(year), 12, 31)


def _cutoff(as_of) -> pd.Timestamp | None:
    """Last day covered by ``as_of`` (None stays None)."""
    bounds = _period(as_of)
    return None if bounds is None else bounds[1]


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


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------

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

    Status follows :func:`analysis.treaties.status_at` (party date = ratified, else in_force).
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


# --------------------------------------------------------------------------------------------
# UNGA sponsorship (UN machine-readable resolutions)
# --------------------------------------------------------------------------------------------

# Group ids for "X (on behalf of the States Members of the United Nations that are members of
# <group>)". Searched in order on the lower-cased text after "on behalf of"; first match wins.
_GROUP_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"group of 77", "G77", "group"),
    (r"non-aligned", "NAM", "group"),
    (r"group of african states", "AFRICAN_GROUP", "group"),
    (r"group of latin american and caribbean states", "GRULAC", "group"),
    (r"group of asia-pacific states|asia-pacific group", "ASIA_PACIFIC_GROUP", "group"),
    (r"group of eastern european states", "EEG", "group"),
    (r"group of western european and other states", "WEOG", "group"),
    (r"european union", "EU_MS", "group"),
    (r"organi[sz]ation of islamic cooperation", "OIC", "group"),
    (r"league of arab states|arab group", "LAS", "group"),
    (r"economic community of central african states", "ECCAS", "group"),
    (r"economic community of west african states", "ECOWAS", "group"),
    (r"southern african development community", "SADC", "group"),
    (r"south-?east asian? nations.*bangkok treaty|south-?east asia nuclear-weapon-free zone", "ASEAN_SEANWFZ", "group"),
    (r"association of south-?east asian nations", "ASEAN", "group"),
    (r"caribbean community", "CARICOM", "group"),
    (r"pacific islands forum", "PIF", "group"),
    (r"alliance of small island states", "AOSIS", "group"),
    (r"least developed countries", "LDC", "group"),
    (r"landlocked developing countries", "LLDC", "group"),
    (r"commonwealth of independent states", "CIS", "group"),
    (r"nordic countries", "NORDIC", "group"),
    (r"standing advisory committee on security questions in central africa", "UNSAC", "group"),
    (r"bureau of the disarmament commission", "UNDC_BUREAU", "organ"),
    (r"working group of the whole on international cooperation in the peaceful uses of outer space",
     "COPUOS_WG", "organ"),
    (r"\bbureau\b", "COMMITTEE_BUREAU", "organ"),
)

# Entries naming a UN organ or officer rather than states (whole entry, lower case, in order).
_ORGAN_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"president of the general assembly", "PGA"),
    (r"special committee on the situation with regard to the implementation of the declaration", "C24"),
    (r"submitted by the committee on information", "COMMITTEE_ON_INFORMATION"),
    (r"report of the credentials committee", "CREDENTIALS_COMMITTEE"),
    (r"revitalization of the work of the general assembly", "GA_REVITALIZATION_WG"),
    (r"in its capacity as chair of the committee on the peaceful uses of outer space", "COPUOS_CHAIR"),
    (r"^(?:was )?submitted by the vice-chair", "COMMITTEE_VICE_CHAIR"),
    (r"^(?:was )?submitted by the rapporteur", "COMMITTEE_RAPPORTEUR"),
    (r"^(?:was )?submitted by the chair", "COMMITTEE_CHAIR"),
)

# Editorial text that is not a sponsor (footnotes, continuation lines of officers' names).
_NOTE_PATTERN = re.compile(
    r"amendment was rejected|^annex\b|^subsequently\b|on the basis of informal consultations", re.I)

# Entries kept whole by the splitter (officer sentences contain commas and "and").
_NOSPLIT_PATTERN = re.compile(
    r"submitted by|introduced in the committee|the representative of|on the basis of|"
    r"amendment was rejected|^annex\b", re.I)

# Words that continue a country name after " and " (so the split is undone).
_AND_CONTINUATIONS = re.compile(
    r"^(barbuda|herzegovina|nevis|the grenadines|principe|príncipe|tobago|northern ireland|caicos|"
    r"futuna|miquelon|mcdonald|jan mayen|china\b)", re.I)

_BEHALF = re.compile(r"\b(?:on|of) behalf of\b|\bin its capacity\b", re.I)


def known_sponsor_corrections() -> dict[str, list[str]]:
    """Source errors in the UNxml sponsor lists (sessions 74-80): entry -> names it stands for.

    Keys are entries after :func:`parse_sponsor_field` (upper-cased); ``[]`` drops the entry.
    Typos: GE RMANY, IR ELAND, CZECHI A, MAURITANI A, MALTAS (A/RES/77/236), NAMBIA, "FEDERATES".
    Split names: SOLOMON + ISLANDS (A/RES/78/133); PRINCIPE beside SAO TOME AND PRINCIPE
    (A/RES/74/118); NORTHERN IRELAND beside UNITED KINGDOM (A/RES/77/12); "THE OF KOREA"
    (A/RES/78/208); LAO PEOPLE'S DEMOCRATIC (A/RES/76/269). Glued names: ANGOLA BAHAMAS
    (A/RES/79/168), COMOROS CONGO (A/RES/80/248), UNITED KINGDOMAND URUGUAY, THEREPUBLIC OF KOREA,
    THEUNITED REPUBLIC OF TANZANIA.
    """
    return {
        "GE RMANY": ["GERMANY"], "IR ELAND": ["IRELAND"], "CZECHI A": ["CZECHIA"],
        "MAURITANI A": ["MAURITANIA"], "MALTAS": ["MALTA"], "NAMBIA": ["NAMIBIA"],
        "MICRONESIA (FEDERATES STATES OF)": ["MICRONESIA (FEDERATED STATES OF)"],
        "SOLOMON": ["SOLOMON ISLANDS"], "ISLANDS": [], "PRINCIPE": [], "NORTHERN IRELAND": [],
        "THE OF KOREA": ["REPUBLIC OF KOREA"],
        "LAO PEOPLE'S DEMOCRATIC": ["LAO PEOPLE'S DEMOCRATIC REPUBLIC"],
        "ANGOLA BAHAMAS": ["ANGOLA", "BAHAMAS"], "COMOROS CONGO": ["COMOROS", "CONGO"],
        "UNITED KINGDOMAND URUGUAY": ["UNITED KINGDOM", "URUGUAY"],
        "THEREPUBLIC OF KOREA": ["REPUBLIC OF KOREA"],
        "THEUNITED REPUBLIC OF TANZANIA": ["UNITED REPUBLIC OF TANZANIA"],
    }


def _clean_entry(text: str) -> str:
    """Collapse whitespace (incl. U+00A0), drop empty "( )", trailing commas/semicolons."""
    text = re.sub(r"\s+", " ", str(text).replace("\u00a0", " ")).strip()
    text = re.sub(r"\(\s*\)", "", text).strip()
    return text.rstrip(",;").strip()


def _depth_mask(text: str) -> str:
    """Same length as text; characters inside parentheses replaced by '_' (for top-level regex)."""
    depth, out = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
            out.append("_")
        elif ch == ")":
            depth = max(depth - 1, 0)
            out.append("_")
        else:
            out.append("_" if depth else ch)
    return "".join(out)


def _split_at(text: str, pattern: str) -> list[str]:
    """Split text at top-level (outside parentheses) matches of pattern."""
    mask = _depth_mask(text)
    pieces, start = [], 0
    for m in re.finditer(pattern, mask, flags=re.I):
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _split_and(text: str) -> list[str]:
    """Split "A and B" at top level, keeping names such as "Trinidad and Tobago" and the
    "on behalf of ..." tail (which may contain "and") attached to its state."""
    m = _BEHALF.search(_depth_mask(text))
    head, tail = (text[:m.start()], text[m.start():]) if m else (text, "")
    mask = _depth_mask(head)
    parts, seps, start = [], [], 0
    for m in re.finditer(r"\s+and\s+", mask, flags=re.I):
        parts.append(head[start:m.start()])
        seps.append(head[m.start():m.end()])
        start = m.end()
    parts.append(head[start:])
    merged: list[str] = [parts[0].strip()]
    for sep, part in zip(seps, parts[1:]):
        if _AND_CONTINUATIONS.match(part.strip()):  # "Trinidad and Tobago": undo the split
            merged[-1] = f"{merged[-1]}{sep}{part.strip()}"
        else:
            merged.append(part.strip())
    if tail:
        merged[-1] = f"{merged[-1]} {tail}".strip() if merged[-1] else tail
    return [p.strip().rstrip(",").strip() for p in merged if p.strip()]


def parse_sponsor_field(value) -> list[str]:
    """Split a raw ``sponsors`` / ``additional_sponsors`` value into one entry per sponsor.

    Accepts a list of strings (the UNxml form), one string, a string holding a Python/JSON list
    (a list that went through CSV), or None/NaN. Each element may itself be a prose list
    ("Albania, Austria, ... Nigeria (on behalf of ...) and Uruguay" in sessions 78-80) or carry
    glued names ("CHILE,DOMINICAN REPUBLIC", "BARBADOS. DOMINICAN REPUBLIC", "UNITED STATES AND
    VIET NAM"). Splits at top-level commas, semicolons, ". " and " and ", never inside
    parentheses, never inside compound names (Trinidad and Tobago, ... Great Britain and
    Northern Ireland) and never in a group tail ("Cuba, on behalf of ... Group of 77 and China"
    stays one entry). Officer / organ sentences ("submitted by the Vice-Chair of the Committee,
    X (Y) and ...") stay whole. Whitespace (incl. U+00A0) is collapsed; empty entries dropped.
    """
    if value is None or (not isinstance(value, (str, list, tuple)) and _is_missing(value)):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            try:
                value = json.loads(stripped)
            except ValueError:
                value = ast.literal_eval(stripped)
        else:
            value = [value]
    out: list[str] = []
    for item in value:
        if _is_missing(item):
            continue
        text = _clean_entry(item)
        if not text:
            continue
        if _NOSPLIT_PATTERN.search(text):
            out.append(text)
            continue
        pieces = _split_at(text, r"\s*[,;]\s*")
        merged: list[str] = []
        for piece in pieces:  # "CUBA, ON BEHALF OF ..." -> one entry
            if merged and re.match(r"(?:on|of) behalf of\b|in its capacity\b", piece, re.I):
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        for piece in merged:
            for sub in _split_at(piece, r"(?<=[A-Za-z]{3})\.\s+(?=[A-Z])"):
                out.extend(_clean_entry(p) for p in _split_and(sub))
    return [p for p in out if p]


def _state_part(entry: str) -> str:
    """The state named before "(on behalf of", ", on behalf of" or "(in its capacity"."""
    m = _BEHALF.search(_depth_mask(entry))
    if m:
        head = entry[:m.start()]
    else:
        m = re.search(r"\((?:on|of) behalf of|\(in its capacity", entry, re.I)
        head = entry[:m.start()] if m else entry
    return _lookup_name(head.rstrip(" ,("))


def _lookup_name(text: str) -> str:
    """Name handed to ``to_iso3``: whitespace collapsed, curly quotes straight, no leading 'the'."""
    text = _clean_entry(text).replace("\u2019", "'").replace("\u2018", "'").rstrip(".").strip()
    text = re.sub(r"\s*\(the\)$", "", text, flags=re.I)  # "BAHAMAS (THE)"
    return re.sub(r"^the\s+", "", text, flags=re.I)


def classify_sponsor(entry: str) -> dict:
    """What one parsed sponsor entry is: ``{"kind", "id", "name", "via"}``.

    kind ``"name"``: a state or organisation to resolve (``name`` = text for ``to_iso3``);
    ``"group"`` / ``"organ"``: ``id`` is a stable group or organ id (G77, NAM, AFRICAN_GROUP,
    OIC, ..., PGA, C24, COMMITTEE_CHAIR, ...) and ``via`` the name of the state that tabled it,
    if any; ``"note"``: editorial text, not a sponsor; ``"unknown_group"``: an "on behalf of"
    entry whose group is not recognised.
    """
    text = _clean_entry(entry)
    low = text.lower()
    for pattern, ident in _ORGAN_PATTERNS:
        if re.search(pattern, low):
            via = _state_part(text) if ident == "COPUOS_CHAIR" else None
            return {"kind": "organ", "id": ident, "name": None, "via": via}
    if _NOTE_PATTERN.search(low):
        return {"kind": "note", "id": None, "name": None, "via": None}
    rep = re.search(r"representative of (.+?),?\s*\(?\s*on behalf of", text, re.I)
    if _BEHALF.search(low) or re.search(r"\((?:on|of) behalf of", low):
        m = re.search(r"(?:on|of) behalf of(.*)$", low)
        tail = m.group(1) if m else low
        via = _lookup_name(rep.group(1)) if rep else (_state_part(text) or None)
        for pattern, ident, kind in _GROUP_PATTERNS:
            if re.search(pattern, tail):
                return {"kind": kind, "id": ident, "name": None, "via": via}
        return {"kind": "unknown_group", "id": None, "name": text, "via": via}
    return {"kind": "name", "id": None, "name": _lookup_name(text), "via": None}


def rollcall_id_from_symbol(symbol: str) -> str:
    """Fallback rollcall id for a resolution symbol: "A/RES/75/240" -> "X75-240",
    "A/RES/75/254 A-C" -> "X75-254A-C", "A/RES/ES-11/1" -> "XES-11-1"."""
    core = re.sub(r"^A/RES/", "", str(symbol).strip())
    return "X" + re.sub(r"\s+", "", core.replace("/", "-"))


def _iso_day(value) -> str | None:
    """"2019-12-27 00:00:00" / "31 December 2020" (U+00A0 allowed) -> "YYYY-MM-DD"; else None."""
    if _is_missing(value):
        return None
    text = re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


_SPONSOR_COLUMNS = ["rollcall_id", "symbol", "sponsor", "sponsor_type", "role", "raw_name", "via"]


def sponsorship_table(
    resolutions,
    to_iso3: Callable[[str, str | None], str],
    *,
    countries: pd.DataFrame | None = None,
    corrections: Mapping[str, list[str]] | None = None,
    keep_notes: bool = False,
) -> pd.DataFrame:
    """Tidy sponsorship rows from UNxml resolution records (list of dicts or DataFrame).

    Each record needs ``symbol`` and ``sponsors`` / ``additional_sponsors``; ``rollcall_id``
    is used if present, else :func:`rollcall_id_from_symbol`; the date handed to
    ``to_iso3(name, date)`` is ``date`` or ``adoption_date`` as "YYYY-MM-DD" (None if unknown).
    Entries are split by :func:`parse_sponsor_field`, fixed by `corrections` (None = the
    :func:`known_sponsor_corrections`; ``{}`` = none) and classified by :func:`classify_sponsor`.

    Returns rollcall_id, symbol, sponsor (iso3, or group/organ id), sponsor_type ("state",
    "organisation" if the registry `countries` says so, "group", "organ"; "note" only with
    `keep_notes`), role ("sponsor" / "additional_sponsor"), raw_name (the entry as parsed),
    via (iso3 of the state tabling for a group or organ, else None). "Cuba (on behalf of ... the
    Group of 77 and China)" is one row G77 via CUB; Cuba itself is not added as a sponsor.
    A (rollcall_id, sponsor) pair is kept once (first seen: sponsors before additional).
    Names that ``to_iso3`` rejects (raises or returns empty) and unrecognised groups raise
    UnmappedCountryError listing every such entry with its symbols.
    """
    records = resolutions.to_dict("records") if isinstance(resolutions, pd.DataFrame) else list(resolutions)
    fixes = known_sponsor_corrections() if corrections is None else dict(corrections)
    fixes = {_clean_entry(k).upper(): list(v) for k, v in fixes.items()}
    kinds = {}
    if countries is not None:
        kinds = dict(zip(countries["iso3"].astype(str), countries["type"].astype(str)))

    cache: dict[tuple, str | None] = {}

    def resolve(name: str, day: str | None) -> str | None:
        if (name, day) not in cache:
            try:
                code = to_iso3(name, day)
            except (KeyError, LookupError, ValueError):
                code = None
            cache[(name, day)] = None if _is_missing(code) else str(code)
        return cache[(name, day)]

    parsed: dict[str, list[str]] = {}  # per-call caches: the same entries recur thousands of times
    classified: dict[str, dict] = {}

    def entries(value) -> list[str]:
        if not isinstance(value, (list, tuple)):
            return parse_sponsor_field(value)
        out = []
        for item in value:
            key = str(item) if not _is_missing(item) else ""
            if key not in parsed:
                parsed[key] = parse_sponsor_field([item]) if key else []
            out.extend(parsed[key])
        return out

    rows, unknown = [], {}
    for rec in records:
        symbol = rec.get("symbol")
        rid = rec.get("rollcall_id") if not _is_missing(rec.get("rollcall_id")) else rollcall_id_from_symbol(symbol)
        day = _iso_day(rec.get("date")) or _iso_day(rec.get("adoption_date"))
        for field, role in (("sponsors", "sponsor"), ("additional_sponsors", "additional_sponsor")):
            for entry in entries(rec.get(field)):
                for fixed in fixes.get(entry.upper(), [entry]):
                    if fixed not in classified:
                        classified[fixed] = classify_sponsor(fixed)
                    info = classified[fixed]
                    via = None
                    if info["via"]:
                        via = resolve(info["via"], day)
                        if via is None:
                            unknown.setdefault(f"{info['via']!r} (tabling for {fixed!r})", []).append(symbol)
                    if info["kind"] == "note":
                        if keep_notes:
                            rows.append((rid, symbol, None, "note", role, entry, None))
                        continue
                    if info["kind"] == "unknown_group":
                        unknown.setdefault(f"group in {fixed!r}", []).append(symbol)
                        continue
                    if info["kind"] in ("group", "organ"):
                        rows.append((rid, symbol, info["id"], info["kind"], role, entry, via))
                        continue
                    code = resolve(info["name"], day)
                    if code is None:
                        unknown.setdefault(repr(info["name"]), []).append(symbol)
                        continue
                    kind = "organisation" if kinds.get(code) == "organisation" else "state"
                    rows.append((rid, symbol, code, kind, role, entry, None))
    if unknown:
        listing = "; ".join(f"{name} in {', '.join(sorted(set(map(str, syms)))[:5])}"
                            + (" ..." if len(set(syms)) > 5 else "") for name, syms in sorted(unknown.items()))
        raise UnmappedCountryError("sponsors", f"{len(unknown)} sponsor name(s) not mapped: {listing}")
    table = pd.DataFrame(rows, columns=_SPONSOR_COLUMNS)
    named = table["sponsor"].notna()
    dupes = named & table.duplicated(["rollcall_id", "sponsor"], keep="first")
    return table[~dupes].reset_index(drop=True)


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
    types = dict(zip(first["sponsor"].astype(str), first["sponsor_type"].astype(str)))
    for i, code in enumerate(actor_index):
        G.add_node(code, n_texts=int(diag[i]), sponsor_type=str(types.get(code, "state")))
    for i, j, w in sorted(zip(C.row, C.col, C.data)):
        if i < j:
            G.add_edge(actor_index[i], actor_index[j], weight=int(w))
    G.graph.update(layer="cosponsorship", n_texts=len(text_index))
    return G


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------

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
        out.update(zip(comp, vec.tolist()))
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


def ego_network(G: nx.Graph, iso3: str, radius: int = 1) -> nx.Graph:
    """Subgraph of nodes within `radius` hops of `iso3` (a copy, attributes kept)."""
    if iso3 not in G:
        raise KeyError(f"{iso3!r} is not a node of the graph")
    return nx.ego_graph(G, iso3, radius=radius, undirected=True)


# --------------------------------------------------------------------------------------------
# Export / read (the only I/O in this module)
# --------------------------------------------------------------------------------------------

def _export_value(value):
    """Scalar acceptable to GraphML/GEXF, or None for missing (then omitted)."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(map(str, value)) if isinstance(value, (set, frozenset)) else [str(v) for v in value]
        return ";".join(items)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    if _is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        return value
    return str(value)


def _export_ready(G: nx.Graph) -> nx.Graph:
    """Copy of G whose attributes GraphML and GEXF can write: lists -> ";"-joined strings,
    dicts -> JSON, missing -> omitted, and any attribute with mixed types -> strings."""
    H = G.copy()
    elements = ([H.graph], [d for _, d in H.nodes(data=True)],
                [d for *_, d in (H.edges(keys=True, data=True) if H.is_multigraph() else H.edges(data=True))])
    for dicts in elements:
        for d in dicts:
            for k in list(d):
                v = _export_value(d[k])
                if v is None:
                    del d[k]
                else:
                    d[k] = v
        kinds: dict[str, set] = {}
        for d in dicts:
            for k, v in d.items():
                kinds.setdefault(k, set()).add(float if isinstance(v, float) else type(v))
        mixed = {k for k, t in kinds.items() if len(t - {int, float}) and len(t) > 1}
        widen = {k for k, t in kinds.items() if t == {int, float}}
        for d in dicts:
            for k in mixed & set(d):
                d[k] = str(d[k])
            for k in widen & set(d):
                d[k] = float(d[k])
    return H


def export_graph(G: nx.Graph, path) -> Path:
    """Write G as GraphML (``.graphml``) or GEXF (``.gexf``) after :func:`_export_ready`
    conversion (missing values omitted, lists ";"-joined). Returns the path."""
    path = Path(path)
    H = _export_ready(G)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        H.graph["networkx_multigraph"] = H.is_multigraph()
        nx.write_graphml(H, path)
    elif suffix == ".gexf":  # without the writer's "lastmodifieddate", so output is reproducible
        text = "\n".join(nx.generate_gexf(H))
        text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
        path.write_text("<?xml version='1.0' encoding='utf-8'?>\n" + text + "\n", encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {path.suffix!r}: use .graphml or .gexf")
    return path


def read_graph(path, multigraph: bool | None = None) -> nx.Graph:
    """Read a graph written by :func:`export_graph` (format by suffix); node ids as strings.

    `multigraph` None = as written (GraphML records it; GEXF: multigraph iff parallel edges).
    Reader artefacts are removed: GEXF ``label`` equal to the node id, edge ``id`` equal to the
    key, and the GraphML ``networkx_multigraph`` flag.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        G = nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True)
        flag = G.graph.pop("networkx_multigraph", None)
        if flag is None:  # not written by export_graph: multigraph iff parallel edges
            flag = any(G.number_of_edges(u, v) > 1 for u, v in set(G.edges()))
        want = flag if multigraph is None else multigraph
    elif suffix == ".gexf":
        G = nx.read_gexf(path, node_type=str)
        want = G.is_multigraph() if multigraph is None else multigraph
        for n, d in G.nodes(data=True):
            if d.get("label") == n:
                del d["label"]
        for key in ("mode",):
            G.graph.pop(key, None)
    else:
        raise ValueError(f"unknown graph format {path.suffix!r}: use .graphml or .gexf")
    if suffix == ".gexf" or not G.is_multigraph():  # GEXF ids are a running number
        for *_, d in G.edges(data=True):
            d.pop("id", None)
    else:
        for _, _, k, d in G.edges(keys=True, data=True):
            if str(d.get("id")) == str(k):
                del d["id"]
    if want and not G.is_multigraph():
        G = nx.MultiGraph(G)
    elif want is False and G.is_multigraph():
        G = nx.Graph(G)
    return G


# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Summaries used by the notebooks (additive helpers)
# --------------------------------------------------------------------------------------------

def group_node_ids(G: nx.Graph) -> list:
    """Sorted ids of the group nodes of a ``group_mode="bipartite"`` graph (``node_type="group"``)."""
    return sorted((n for n, d in G.nodes(data=True) if d.get("node_type") == "group"), key=str)


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
    names = {} if countries is None else dict(zip(countries["iso3"].astype(str), countries["name"].astype(str)))
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
    pairs = lambda x: x * (x - 1) / 2.0  # noqa: E731
    index = float(pairs(table.to_numpy()).sum())
    rows = float(pairs(table.sum(axis=1).to_numpy()).sum())
    cols = float(pairs(table.sum(axis=0).to_numpy()).sum())
    expected = rows * cols / pairs(n)
    maximum = (rows + cols) / 2.0
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


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
