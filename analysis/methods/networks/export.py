"""Network files for other tools: GraphML and GEXF (Gephi, Cytoscape, igraph), written
deterministically, and read back. The only file I/O of the networks package."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import numpy as np

from analysis.core.vocabulary import is_missing as _is_missing


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


# Time
