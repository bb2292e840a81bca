"""Voting blocs: clusters and communities of an agreement matrix, their names and how they relate.

Input is an :class:`~analysis.methods.agreement.Agreement` (or a square country x country frame).
Deterministic and independent of row order. Pure: frames in, frames out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from analysis.methods.agreement import Agreement

PREFERRED_NAMES = ("USA", "RUS", "CHN", "IND", "BRA", "DEU", "FRA", "GBR", "JPN", "ZAF", "EGY")


# --------------------------------------------------------------------------- encoding


def _square(agreement) -> pd.DataFrame:
    """The square agreement frame, rows and columns in sorted iso3 order (order-independent)."""
    frame = agreement.agreement if isinstance(agreement, Agreement) else agreement
    names = sorted(frame.index)
    return frame.loc[names, names]


def _relabel(groups: Iterable[Iterable[str]]) -> pd.Series:
    """iso3 -> bloc id 1..k, ids by bloc size (largest first), ties by first member."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    pairs = [(iso, k) for k, g in enumerate(ordered, start=1) for iso in g]
    out = pd.Series(dict(pairs), name="bloc", dtype=int)
    out.index.name = "iso3"
    return out.sort_index()


@dataclass(frozen=True)
class BlocClustering:
    """Hierarchical clustering of an agreement matrix.

    ``blocs``: iso3 -> bloc id (1 = largest bloc). ``linkage``: scipy linkage matrix whose leaves
    are ``labels`` (sorted iso3), ready for ``scipy.cluster.hierarchy.dendrogram``.
    """

    blocs: pd.Series
    linkage: np.ndarray
    labels: pd.Index


def cluster_blocs(agreement, n_blocs: int = 4, method: str = "average") -> BlocClustering:
    """Blocs by hierarchical clustering on distance = 1 - agreement.

    ``agreement``: an :class:`Agreement` or a square country x country frame. Pairs without an
    agreement value (no shared votes) get distance 1. Deterministic and independent of the row
    order of the input (countries are sorted first). ``method``: scipy linkage method
    ("average", "complete", "single", "weighted").

    Fewer than ``n_blocs`` blocs come back when the top merges are tied, typically at distance 1
    because some countries share no roll calls: restrict to countries that voted in enough of
    the roll calls (or pass ``min_shared`` to :func:`agreement_matrix`) first.
    """
    frame = _square(agreement)
    dist = 1.0 - frame.to_numpy(dtype=float)
    dist = np.nan_to_num(dist, nan=1.0)
    dist = np.clip((dist + dist.T) / 2, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    labels = pd.Index(frame.index, name="iso3")
    if len(labels) < 2:
        return BlocClustering(pd.Series(1, index=labels, name="bloc"), np.empty((0, 4)), labels)
    Z = linkage(squareform(dist, checks=False), method=method)
    ids = fcluster(Z, t=n_blocs, criterion="maxclust")
    groups = pd.Series(labels.to_numpy()).groupby(ids).agg(list)
    return BlocClustering(_relabel(groups), Z, labels)


def community_blocs(agreement, threshold: float | None = None, seed: int = 0,
                    resolution: float = 1.0) -> pd.Series:
    """Blocs as Louvain communities of the agreement graph: iso3 -> bloc id (1 = largest).

    Countries are linked when their agreement is at least ``threshold`` (default: the median
    agreement over all pairs), with the agreement as edge weight. Seeded, and independent of the
    input row order (nodes and edges are added in sorted order). Countries with no edge form
    their own bloc.
    """
    frame = _square(agreement)
    values = frame.to_numpy(dtype=float)
    names = frame.index.to_numpy()
    a, b = np.triu_indices(len(names), k=1)
    w = values[a, b]
    if threshold is None:
        threshold = float(np.nanmedian(w)) if np.isfinite(w).any() else 0.0
    keep = np.isfinite(w) & (w >= threshold)
    G = nx.Graph()
    G.add_nodes_from(names)
    G.add_weighted_edges_from(zip(names[a[keep]], names[b[keep]], w[keep], strict=True))
    parts = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
    return _relabel(parts)


def name_blocs(blocs: pd.Series, preferred: Iterable[str] = PREFERRED_NAMES,
               order: Iterable[str] | None = None, max_names: int = 3) -> pd.Series:
    """Bloc id -> a readable name from its best-known members, e.g. "USA / GBR / FRA".

    Members are taken first in ``preferred`` order, then in ``order`` (e.g. iso3 by population),
    then alphabetically, up to ``max_names``; a bloc with more members gets " +k" appended.
    """
    rank = {iso: k for k, iso in enumerate(list(preferred) + list(order or []))}
    names = {}
    for bloc, members in blocs.groupby(blocs, sort=True):
        ordered = sorted(members.index, key=lambda iso: (rank.get(iso, len(rank)), iso))
        label = " / ".join(ordered[:max_names])
        extra = len(ordered) - max_names
        names[bloc] = label + (f" +{extra}" if extra > 0 else "")
    return pd.Series(names, name="bloc_name", dtype=object).rename_axis("bloc")


# --------------------------------------------------------------------------- the named blocs

#: The one definition of "voting bloc" used in every notebook, figure and profile (see :func:`cyber_blocs`).
BLOC_NAMES = {"USA": "Western bloc", "RUS": "Russia-aligned bloc"}
MIDDLE_BLOC = "middle bloc"
CYBER_BLOC_YEARS = (2018, 2023)


def anchored_labels(bloc_ids: pd.Series, anchors: dict[str, str] | None = None, other: str | None = None) -> pd.Series:
    """iso3 -> a bloc label named by the anchor state it contains (default: the names of
    :func:`cyber_blocs`: the US's bloc "Western bloc", Russia's "Russia-aligned bloc", any other
    "middle bloc"), so that a name does not depend on cluster numbering."""
    anchors = dict(BLOC_NAMES) if anchors is None else anchors
    other = MIDDLE_BLOC if other is None else other
    names = {bloc_ids[iso]: label for iso, label in anchors.items() if iso in bloc_ids.index}
    return bloc_ids.map(lambda b: names.get(b, other)).rename("bloc_label")


def agreement_between_blocs(agreement, blocs: pd.Series) -> pd.DataFrame:
    """Bloc x bloc mean pairwise agreement (diagonal: within the bloc, pairs of distinct states).

    ``agreement``: an :class:`Agreement` or a square frame; ``blocs``: iso3 -> bloc id. Countries
    without a bloc are ignored; NaN pairs are skipped. Index and columns: the bloc ids, sorted.
    """
    frame = _square(agreement)
    names = [iso for iso in frame.index if iso in blocs.index]
    values = frame.loc[names, names].to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    labels = blocs.reindex(names).to_numpy()
    ids = sorted(pd.unique(labels))
    out = pd.DataFrame(np.nan, index=pd.Index(ids, name="bloc"), columns=pd.Index(ids, name="bloc"))
    for a in ids:
        for b in ids:
            block = values[np.ix_(labels == a, labels == b)]
            if np.isfinite(block).any():
                out.loc[a, b] = float(np.nanmean(block))
    return out


@dataclass(frozen=True)
class CyberBlocs:
    """The named voting blocs: ``bloc`` (iso3 -> bloc name), the ``clustering`` behind it, the
    ``agreement`` it clusters, the roll calls used and the vote threshold."""

    bloc: pd.Series
    clustering: BlocClustering
    agreement: Agreement
    rollcall_ids: list
    min_votes: int

    def members(self, name: str) -> list[str]:
        return sorted(self.bloc.index[self.bloc == name])


def cyber_blocs(votes: pd.DataFrame, rollcalls: pd.DataFrame, years: tuple[int, int] = CYBER_BLOC_YEARS,
                min_share: float = 0.5) -> CyberBlocs:
    """THE voting blocs: how states lined up on the UN's recorded cyber votes.

    Method: the recorded roll calls on ICT security and cybercrime (``rollcalls.ict``, modality
    recorded) of ``years`` (2018-2023: the twelve texts from 73/27 to 78/237); every state that cast
    a yes, no or abstention in at least ``min_share`` of them (so that every pair shares votes);
    Lijphart agreement (same vote 1, yes or no against an abstention 0.5, yes against no 0; absences
    never count); average-linkage clustering on 1 - agreement into three blocs. The blocs are named by
    the state they contain, so a name never depends on cluster numbering: the bloc of the United
    States is the "Western bloc", that of Russia the "Russia-aligned bloc", the third the "middle
    bloc". Raises ValueError if the anchors fall in one bloc or fewer than three blocs come back.
    """
    from analysis.methods.agreement import agreement_matrix

    first, last = years
    rc = rollcalls[rollcalls["ict"].fillna(False).astype(bool) & (rollcalls["modality"] == "recorded")
                   & rollcalls["year"].between(first, last)]
    ids = sorted(set(rc["rollcall_id"]) & set(votes["rollcall_id"]))
    cast = votes[votes["rollcall_id"].isin(ids) & votes["vote"].astype(str).isin(["yes", "no", "abstain"])]
    counted = cast.groupby("iso3").size()
    min_votes = int(np.ceil(min_share * len(ids)))
    agreement = agreement_matrix(cast[cast["iso3"].isin(counted.index[counted >= min_votes])], ids, method="lijphart")
    clustering = cluster_blocs(agreement, n_blocs=3)
    ids_of = {anchor: clustering.blocs.get(anchor) for anchor in BLOC_NAMES}
    if None in ids_of.values() or len(set(ids_of.values())) < 2 or clustering.blocs.nunique() != 3:
        raise ValueError(f"the cyber votes of {first}-{last} do not give three blocs with the anchors apart: {ids_of}")
    bloc = anchored_labels(clustering.blocs).rename("bloc")
    return CyberBlocs(bloc, clustering, agreement, ids, min_votes)
