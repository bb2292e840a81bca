"""Voting blocs in the UN General Assembly: agreement, ideal points, clusters, switches.

Input is the tidy ``votes`` table (``rollcall_id``, ``iso3``, ``vote`` in yes / no / abstain /
absent) and, where a grouping or an order is needed, the ``rollcalls`` table (``rollcall_id``,
``session``, ``year``, ...). Absences (an ``absent`` row, or no row at all) are never counted as
disagreement: they are left out of every pair, roll call and country they touch.

Everything here is pure: frames in, frames (or small frozen records of frames) out.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Iterable, Iterator

import networkx as nx
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from threadpoolctl import threadpool_limits

from analysis.methods import irt

#: Integer codes of :func:`vote_matrix` (int8). Ordered so that no < abstain < yes.
YES, ABSTAIN, NO = 1, 0, -1
#: Code for an absence, or for a country with no row in that roll call.
MISSING = -128
VOTE_CODES = {"yes": YES, "abstain": ABSTAIN, "no": NO, "absent": MISSING}

PREFERRED_NAMES = ("USA", "RUS", "CHN", "IND", "BRA", "DEU", "FRA", "GBR", "JPN", "ZAF", "EGY")


# --------------------------------------------------------------------------- encoding

def vote_matrix(votes: pd.DataFrame, rollcalls: pd.DataFrame | Iterable[str] | None = None) -> pd.DataFrame:
    """Country x roll-call matrix of vote codes (int8).

    Cells are ``YES`` = 1, ``ABSTAIN`` = 0, ``NO`` = -1 and ``MISSING`` = -128 (absent, or no row).
    Rows are the countries with a row in the kept votes (sorted iso3). Columns follow ``rollcalls`` (a frame with
    ``rollcall_id``, or a list of ids) in the given order, and votes on other roll calls are
    dropped; without it, every roll call in ``votes``, sorted by id. ``df.to_numpy()`` is the
    dense array (no copy). Raises ``ValueError`` on an unknown vote value or a duplicated
    (rollcall_id, iso3) pair.
    """
    # factorize (hashing) each column once, then look up only the distinct values
    rc_code, rc_uniq = pd.factorize(votes["rollcall_id"])
    if rollcalls is None:
        cols = pd.Index(np.sort(np.asarray(rc_uniq, dtype=object)), name="rollcall_id")
    else:
        ids = rollcalls["rollcall_id"] if isinstance(rollcalls, pd.DataFrame) else pd.Series(list(rollcalls), dtype=object)
        cols = pd.Index(pd.unique(ids), name="rollcall_id")
    iso_code, iso_uniq = pd.factorize(votes["iso3"])
    if (rc_code < 0).any() or (iso_code < 0).any():
        raise ValueError("votes has rows without rollcall_id or iso3")
    j = cols.get_indexer(rc_uniq)[rc_code] if len(rc_code) else np.empty(0, dtype=np.intp)
    keep = j >= 0
    vote_code, vote_uniq = pd.factorize(votes["vote"])
    if not keep.all():
        j, iso_code, vote_code = j[keep], iso_code[keep], vote_code[keep]
    present = np.zeros(len(iso_uniq), dtype=bool)
    present[iso_code] = True
    rows = pd.Index(np.sort(np.asarray(iso_uniq, dtype=object)[present]), name="iso3")
    i = rows.get_indexer(iso_uniq)[iso_code] if len(iso_code) else np.empty(0, dtype=np.intp)
    value = np.array([VOTE_CODES.get(str(u), 127) for u in vote_uniq], dtype=np.int8)
    used = np.zeros(len(vote_uniq), dtype=bool)
    used[vote_code[vote_code >= 0]] = True
    if (vote_code < 0).any() or (used & (value == 127)).any():
        bad = sorted({str(u) for u, k in zip(vote_uniq, used & (value == 127)) if k})
        raise ValueError(f"unknown vote values {bad + ['<missing>'] * bool((vote_code < 0).any())}; "
                         f"expected {list(VOTE_CODES)}")
    flat = i.astype(np.int64) * len(cols) + j
    if len(flat) and np.bincount(flat, minlength=len(rows) * len(cols)).max() > 1:
        raise ValueError("votes has duplicated (rollcall_id, iso3) pairs")
    codes = np.full((len(rows), len(cols)), MISSING, dtype=np.int8)
    codes.ravel()[flat] = value[vote_code]
    return pd.DataFrame(codes, index=rows, columns=cols)


# --------------------------------------------------------------------------- agreement

@dataclass(frozen=True)
class Agreement:
    """Pairwise agreement between countries over a set of roll calls.

    ``agreement``: country x country (index iso3_a, columns iso3_b, sorted), share of shared roll calls on which the two agree (float in
    [0, 1]; NaN where they share fewer than ``min_shared``, or none). ``shared``: country x
    country, number of roll calls in which both cast yes / no / abstain (int; the diagonal is each
    country's number of votes). ``method``: "identical" or "lijphart".
    """

    agreement: pd.DataFrame
    shared: pd.DataFrame
    method: str

    def to_long(self) -> pd.DataFrame:
        """One row per unordered pair (iso3_a < iso3_b): agreement, shared."""
        names = self.agreement.index.to_numpy()
        a, b = np.triu_indices(len(names), k=1)
        return pd.DataFrame({
            "iso3_a": names[a], "iso3_b": names[b],
            "agreement": self.agreement.to_numpy()[a, b], "shared": self.shared.to_numpy()[a, b],
        })


def _agreement_arrays(codes: np.ndarray, method: str, min_shared: int) -> tuple[np.ndarray, np.ndarray]:
    """(agreement float64, shared int64) from an int8 code matrix, via one-hot matrix products."""
    if method not in ("identical", "lijphart"):
        raise ValueError(f"method must be 'identical' or 'lijphart', not {method!r}")
    # float32 is exact for counts below 2**24 (and for the halves of Lijphart's index).
    Y = (codes == YES).astype(np.float32)
    N = (codes == NO).astype(np.float32)
    A = (codes == ABSTAIN).astype(np.float32)
    one_hot = np.concatenate([Y, N, A], axis=1)
    same = one_hot @ one_hot.T
    present = Y + N + A
    shared = present @ present.T
    if method == "lijphart":  # yes/no vs abstain = half an agreement
        half = (Y + N) @ A.T
        same += 0.5 * (half + half.T)
    shared = np.rint(shared).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        agree = same.astype(np.float64) / shared
    agree[(shared == 0) | (shared < min_shared)] = np.nan
    return agree, shared


def _agreement_from_matrix(matrix: pd.DataFrame, method: str, min_shared: int) -> Agreement:
    agree, shared = _agreement_arrays(matrix.to_numpy(), method, min_shared)
    rows, cols = matrix.index.rename("iso3_a"), matrix.index.rename("iso3_b")
    return Agreement(pd.DataFrame(agree, index=rows, columns=cols),
                     pd.DataFrame(shared, index=rows, columns=cols), method)


def agreement_matrix(votes: pd.DataFrame, rollcall_ids: Iterable[str] | None = None,
                     method: str = "identical", min_shared: int = 0) -> Agreement:
    """Country x country vote agreement over ``rollcall_ids`` (default: all roll calls in ``votes``).

    ``method="identical"``: share of shared roll calls with the same vote (yes, no or abstain).
    ``method="lijphart"``: Lijphart's index: same vote = 1, yes or no vs abstain = 0.5, yes vs
    no = 0 (equal to the S-score used by Bailey, Strezhnev & Voeten). Only roll calls in which both
    countries voted count; absences are excluded, not disagreement. Pairs with fewer than
    ``min_shared`` shared roll calls get NaN. Rows: countries with a row in the selected votes.
    """
    ids = None if rollcall_ids is None else list(rollcall_ids)
    if ids is not None:
        votes = votes[votes["rollcall_id"].isin(ids)]
    return _agreement_from_matrix(vote_matrix(votes, ids), method, min_shared)


def _grouped_matrix(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str) -> tuple[pd.DataFrame, list]:
    """Vote matrix with roll calls ordered by ``rollcalls[by]`` then id (whatever the input order), and [(group, column slice)]."""
    rc = rollcalls.loc[rollcalls[by].notna(), ["rollcall_id", by]].sort_values([by, "rollcall_id"], kind="stable")
    matrix = vote_matrix(votes, rc)
    keys = rc.drop_duplicates("rollcall_id")[by].to_numpy()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.array([], int)
    ends = np.r_[starts[1:], len(keys)]
    return matrix, [(keys[s], slice(s, e)) for s, e in zip(starts, ends)]


def agreement_by_group(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "session",
                       method: str = "identical", min_shared: int = 0) -> Iterator[tuple[object, Agreement]]:
    """Yield ``(group, Agreement)`` per value of ``rollcalls[by]`` (e.g. each session), in order.

    Votes are encoded once; each group is a column slice of that matrix. A group's matrix has the
    countries that cast at least one yes / no / abstain in it. Roll calls with a missing ``by``
    are skipped. Same definitions as :func:`agreement_matrix`.
    """
    matrix, slices = _grouped_matrix(votes, rollcalls, by)
    codes = matrix.to_numpy()
    for key, cols in slices:
        block = codes[:, cols]
        voted = (block != MISSING).any(axis=1)
        sub = pd.DataFrame(block[voted], index=matrix.index[voted])
        yield key, _agreement_from_matrix(sub, method, min_shared)


# --------------------------------------------------------------------------- ideal points

def _standardise(x: np.ndarray, names: pd.Index, previous: pd.Series | None) -> np.ndarray:
    """Mean 0, sd 1; USA positive (else: positively correlated with the previous group)."""
    x = (x - x.mean()) / (x.std() if x.std() > 0 else 1.0)
    if "USA" in names:
        sign = np.sign(x[names.get_loc("USA")]) or 1.0
    elif previous is not None:
        common = names.intersection(previous.index)
        r = np.corrcoef(x[names.get_indexer(common)], previous[common])[0, 1] if len(common) > 2 else 1.0
        sign = -1.0 if r < 0 else 1.0
    else:
        sign = 1.0
    return sign * x


def ideal_points(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "year",
                 smooth: float | None = 0.3, min_votes: int = 1, gtol: float = irt.GTOL) -> pd.DataFrame:
    """One-dimensional ideal point per country per ``by`` group (calendar year by default).

    Method (per group, e.g. per year): a one-dimensional ordered-logit item-response model
    (no < abstain < yes; each roll call has its own discrimination and two cut points), fitted
    as a MAP estimate by damped Newton steps (:mod:`analysis.irt`) from a principal-component
    start, to convergence: the largest gradient component of the log posterior at most ``gtol``.
    Absences are missing, not votes. Roll calls with a single observed outcome are dropped. With
    ``smooth`` (a float, tau) a second pass refits each group with the prior x_it ~ N(mean of the
    country's first-pass positions in the adjacent groups, tau**2), which borrows strength from
    neighbouring years for countries with few or ambiguous votes (in the spirit of the dynamic
    model of Bailey, Strezhnev & Voeten 2017; ``None`` = independent groups with x_it ~ N(0, 1)).

    Returns iso3, ``by``, ideal_point, n_votes, sorted by ``by`` then iso3. ideal_point is in
    standard deviations of that group's distribution (mean 0, sd 1 across countries), signed so
    that the USA is positive (in a group without the USA: the sign that correlates positively
    with the previous group), so ranks and gaps compare across years but the common drift of all
    states does not. n_votes is the number of yes / no / abstain votes the country cast in the
    group; countries with fewer than ``min_votes`` are left out, and groups with fewer than 3
    countries or no contested roll call are skipped.

    The estimate does not depend on the order of the input rows (roll calls are ordered by group
    then id, countries by iso3). ``result.attrs["convergence"]`` records every fit: a dict of
    lists ``{by, pass, steps, converged, max_gradient}`` (``pd.DataFrame(...)`` makes it a table);
    a :class:`RuntimeWarning` names any group whose fit did not converge. Rank agreement with the
    published BSV ideal points is measured in ``benchmarks/bench_agreement.py``.
    """
    matrix, slices = _grouped_matrix(votes, rollcalls, by)
    codes = matrix.to_numpy()
    groups = []
    for key, cols in slices:
        block = codes[:, cols]
        obs = block != MISSING
        n_votes = obs.sum(1)
        rows = n_votes >= max(min_votes, 1)
        block, obs = block[rows], obs[rows]
        varied = np.where(obs, block, -2).max(0) > np.where(obs, block, 2).min(0)
        if rows.sum() < 3 or varied.sum() < 1:
            continue
        X = np.where(obs, block, np.nan)[:, varied].astype(np.float64)
        groups.append((key, matrix.index[rows], X, n_votes[rows]))

    log = {by: [], "pass": [], "steps": [], "converged": [], "max_gradient": []}

    def record(key, fit, which):
        for name, value in zip(log, (key, which, fit.iterations, fit.converged, fit.max_gradient)):
            log[name].append(value)

    first, fits, previous = [], [], None
    with threadpool_limits(limits=1):      # small matrices: BLAS threads would only contend
        for key, names, X, _ in groups:
            n = len(names)
            fit = irt.fit_ordered_logit(X, np.zeros(n), np.ones(n), irt.default_start(X), gtol=gtol)
            record(key, fit, "first")
            x = _standardise(fit.params[:n], names, previous)
            previous = pd.Series(x, index=names)
            first.append(previous)
            fits.append(fit)

        results = []
        for g, (key, names, X, n_votes) in enumerate(groups):
            x = first[g].to_numpy()
            if smooth is not None:
                neighbours = [first[k] for k in (g - 1, g + 1) if 0 <= k < len(groups)]
                mu = pd.concat(neighbours, axis=1).reindex(names).mean(axis=1) if neighbours else pd.Series(np.nan, index=names)
                prec = np.where(mu.notna(), 1.0 / smooth ** 2, 1.0)
                start = irt.rescaled_start(fits[g].params, len(names), x)
                fit = irt.fit_ordered_logit(X, mu.fillna(0.0).to_numpy(), prec, start, gtol=gtol, damping=1e-2)
                record(key, fit, "smoothed")
                x = _standardise(fit.params[:len(names)], names, first[g - 1] if g else None)
            results.append(pd.DataFrame({"iso3": names.to_numpy(), by: key, "ideal_point": x, "n_votes": n_votes}))
    failed = sorted({k for k, ok in zip(log[by], log["converged"]) if not ok})
    if failed:
        warnings.warn(f"ideal_points: the fit did not converge (gradient above {gtol:g}) for {by} "
                      f"{', '.join(map(str, failed))}", RuntimeWarning, stacklevel=2)
    if not results:
        out = pd.DataFrame({"iso3": pd.Series(dtype=object), by: pd.Series(dtype=object),
                            "ideal_point": pd.Series(dtype=float), "n_votes": pd.Series(dtype=int)})
    else:
        out = pd.concat(results, ignore_index=True).sort_values([by, "iso3"], kind="stable").reset_index(drop=True)
    out.attrs["convergence"] = log
    return out


# --------------------------------------------------------------------------- blocs

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
    G.add_weighted_edges_from(zip(names[a[keep]], names[b[keep]], w[keep]))
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


# --------------------------------------------------------------------------- switches

def switches(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Countries recorded in both roll calls ``a`` and ``b`` whose vote differs.

    Columns iso3, vote_a, vote_b (vote values as in ``votes``, ``absent`` included); sorted by
    iso3. A country with a row in only one of the two roll calls is not listed.
    """
    va = votes.loc[votes["rollcall_id"] == a, ["iso3", "vote"]].astype({"vote": object})
    vb = votes.loc[votes["rollcall_id"] == b, ["iso3", "vote"]].astype({"vote": object})
    both = va.merge(vb, on="iso3", suffixes=("_a", "_b"), validate="one_to_one")
    out = both[both["vote_a"] != both["vote_b"]]
    return out.sort_values("iso3").reset_index(drop=True)


# --------------------------------------------------------------------------- cyber roll calls

#: Order in which vote values are listed in tables and legends; "not recorded" = no row at all.
VOTE_ORDER = ("yes", "abstain", "no", "absent", "not recorded")
NOT_RECORDED = "not recorded"


def short_symbol(symbol: str) -> str:
    """``"A/RES/73/187"`` -> ``"73/187"``; any other symbol (``"A/75/L.55"``) unchanged."""
    s = str(symbol)
    return s[len("A/RES/"):] if s.startswith("A/RES/") else s


def _labels(rollcalls: pd.DataFrame, rollcall_ids: list[str]) -> list[str]:
    """Short symbols of ``rollcall_ids`` (the id itself where the symbol is missing or repeated)."""
    symbols = rollcalls.drop_duplicates("rollcall_id").set_index("rollcall_id")["symbol"]
    labels = [short_symbol(symbols[r]) if r in symbols.index and pd.notna(symbols[r]) else r
              for r in rollcall_ids]
    counts = pd.Series(labels).value_counts()
    return [lab if counts[lab] == 1 else r for lab, r in zip(labels, rollcall_ids)]


def vote_grid(votes: pd.DataFrame, rollcalls: pd.DataFrame, rollcall_ids: Iterable[str],
              countries: Iterable[str] | None = None, missing: str = NOT_RECORDED) -> pd.DataFrame:
    """Country x roll call table of vote values, for reading votes country by country.

    Cells are the vote as recorded (yes / no / abstain / absent) and ``missing`` where the
    country has no row in that roll call (before 2019 absences were removed upstream, so there
    "not recorded" usually means absent or not yet a member). Columns: the short symbols
    (``"73/187"``) of ``rollcall_ids`` in that order (the id where a symbol is missing or
    repeated). Rows: ``countries`` in the given order (default: every country with a row in any
    of the roll calls, sorted), index named iso3.
    """
    ids = list(dict.fromkeys(rollcall_ids))
    sub = votes.loc[votes["rollcall_id"].isin(ids), ["rollcall_id", "iso3", "vote"]]
    if sub.duplicated(["rollcall_id", "iso3"]).any():
        raise ValueError("votes has duplicated (rollcall_id, iso3) pairs")
    table = sub.astype({"vote": object}).pivot(index="iso3", columns="rollcall_id", values="vote")
    rows = sorted(table.index) if countries is None else list(countries)
    table = table.reindex(index=rows, columns=ids).astype(object)
    table = table.where(table.notna(), missing)
    table.columns = pd.Index(_labels(rollcalls, ids), name="rollcall")
    table.index.name = "iso3"
    return table


def rollcall_summary(votes: pd.DataFrame, rollcalls: pd.DataFrame, rollcall_ids: Iterable[str],
                     sponsorships: pd.DataFrame | None = None,
                     anchors: Iterable[str] = ("RUS", "USA")) -> pd.DataFrame:
    """One row per roll call: label, date, counted and official tallies, the anchors' votes and leads.

    Columns: rollcall_id, label (short symbol), date, title (without the " : resolution / adopted
    by ..." suffix of the older records; "" where unknown), counted ("yes-no-abstain" counted from
    ``votes``), official (the published tally, "" where the data has none), absent (absent rows;
    <NA> where the source lists no absences), ``vote_<ANCHOR>`` per anchor ("not recorded" where no
    row), and with ``sponsorships``: ``led_by`` = the anchors among the draft's sponsors
    (role "sponsor"), "/"-joined; "" if none of them; <NA> where the table has no sponsor for the
    roll call (sessions it does not cover).
    """
    ids = list(dict.fromkeys(rollcall_ids))
    anchors = list(anchors)
    rc = rollcalls.drop_duplicates("rollcall_id").set_index("rollcall_id").reindex(ids)
    sub = votes[votes["rollcall_id"].isin(ids)]
    counts = (sub.groupby(["rollcall_id", sub["vote"].astype(object)]).size()
              .unstack(fill_value=0).reindex(index=ids, columns=list(VOTE_CODES), fill_value=0))
    out = pd.DataFrame({
        "rollcall_id": ids,
        "label": _labels(rollcalls, ids),
        "date": rc["date"].to_numpy(),
        "title": [str(t).split(" : ")[0] if pd.notna(t) else "" for t in rc["title"]] if "title" in rc else "",
        "counted": [f"{y}-{n}-{a}" for y, n, a in zip(counts["yes"], counts["no"], counts["abstain"])],
        "official": [f"{y}-{n}-{a}" if pd.notna(y) and pd.notna(n) and pd.notna(a) else ""
                     for y, n, a in zip(rc["yes"], rc["no"], rc["abstain"])],
        "absent": pd.array([k if k > 0 else pd.NA for k in counts["absent"]], dtype="Int64"),
    })
    grid = vote_grid(votes, rollcalls, ids, anchors)
    for iso in anchors:
        out[f"vote_{iso}"] = grid.loc[iso].to_numpy()
    if sponsorships is not None:
        sp = sponsorships[sponsorships["rollcall_id"].isin(ids)]
        covered = set(sp["rollcall_id"])
        leads = sp[(sp["role"] == "sponsor") & sp["sponsor"].isin(anchors)]
        by_rc = leads.groupby("rollcall_id")["sponsor"].agg(lambda s: "/".join(a for a in anchors if a in set(s)))
        out["led_by"] = pd.array([by_rc.get(r, "") if r in covered else pd.NA for r in ids], dtype=object)
    return out


def vote_shifts(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Countries that voted (yes / no / abstain) in both ``a`` and ``b`` and changed their vote.

    Unlike :func:`switches`, absences and missing rows are not counted as a change. Columns
    iso3, vote_a, vote_b, shift = code(b) - code(a) with yes = 1, abstain = 0, no = -1 (so +2 is
    no -> yes, -1 is yes -> abstain); sorted by iso3.
    """
    out = switches(votes, a, b)
    cast = out["vote_a"].isin(["yes", "no", "abstain"]) & out["vote_b"].isin(["yes", "no", "abstain"])
    out = out[cast].reset_index(drop=True)
    shift = out["vote_b"].map(VOTE_CODES) - out["vote_a"].map(VOTE_CODES)
    return out.assign(shift=shift.astype(int))


def vote_transitions(votes: pd.DataFrame, a: str, b: str, missing: str = NOT_RECORDED) -> pd.DataFrame:
    """Cross-table of the vote in roll call ``a`` (rows) against the vote in ``b`` (columns).

    Over every country with a row in either roll call; no row = ``missing``. Rows and columns
    follow :data:`VOTE_ORDER` (only the values that occur). Index named ``a``, columns ``b``.
    """
    ids = [a, b]
    sub = votes.loc[votes["rollcall_id"].isin(ids), ["rollcall_id", "iso3", "vote"]].astype({"vote": object})
    wide = sub.pivot(index="iso3", columns="rollcall_id", values="vote").reindex(columns=ids)
    wide = wide.where(wide.notna(), missing)
    order = list(VOTE_ORDER) if missing == NOT_RECORDED else list(VOTE_ORDER[:-1]) + [missing]
    rows = [v for v in order if (wide[a] == v).any()]
    cols = [v for v in order if (wide[b] == v).any()]
    table = pd.crosstab(wide[a], wide[b]).reindex(index=rows, columns=cols, fill_value=0)
    table.index.name, table.columns.name = a, b
    return table


def vote_shift_summary(votes: pd.DataFrame, pairs: Iterable[tuple[str, str]],
                       rollcalls: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per (a, b) pair of roll calls: how many states voted in both and how many changed.

    Columns: from, to (short symbols with ``rollcalls``, else ids), compared (states with yes /
    no / abstain in both), switched, toward_yes (shift > 0), toward_no (shift < 0), and
    yes_to_no, no_to_yes (the full reversals).
    """
    rows = []
    for a, b in pairs:
        va = votes.loc[votes["rollcall_id"] == a, ["iso3", "vote"]]
        vb = votes.loc[votes["rollcall_id"] == b, ["iso3", "vote"]]
        cast = ["yes", "no", "abstain"]
        compared = len(set(va.loc[va["vote"].isin(cast), "iso3"]) & set(vb.loc[vb["vote"].isin(cast), "iso3"]))
        s = vote_shifts(votes, a, b)
        la, lb = (_labels(rollcalls, [a, b]) if rollcalls is not None else [a, b])
        rows.append({"from": la, "to": lb, "compared": compared, "switched": len(s),
                     "toward_yes": int((s["shift"] > 0).sum()), "toward_no": int((s["shift"] < 0).sum()),
                     "yes_to_no": int((s["shift"] == -2).sum()), "no_to_yes": int((s["shift"] == 2).sum())})
    return pd.DataFrame(rows, columns=["from", "to", "compared", "switched", "toward_yes", "toward_no",
                                       "yes_to_no", "no_to_yes"])


def ict_vs_general_pairs(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "session",
                         method: str = "lijphart", general: str = "non_ict",
                         min_shared: int = 10) -> pd.DataFrame:
    """Pairwise agreement on ICT roll calls and on the general roll calls of the same group.

    For each value of ``rollcalls[by]`` (a session by default) holding at least one ICT roll call
    (``rollcalls["ict"]``) with country votes, and for every pair of countries that cast a vote in
    at least one of its ICT roll calls and share at least ``min_shared`` general roll calls:
    agreement over the group's ICT roll calls and over its general roll calls (``general=
    "non_ict"``: the other roll calls, so the two measures share no votes; ``"all"``: every roll
    call of the group, ICT included). Agreement as in :func:`agreement_matrix` (``method``);
    absences never count. Columns: ``by``, iso3_a, iso3_b (a < b), ict_agreement,
    general_agreement, ict_shared, general_shared.
    """
    if general not in ("non_ict", "all"):
        raise ValueError(f"general must be 'non_ict' or 'all', not {general!r}")
    matrix, slices = _grouped_matrix(votes, rollcalls, by)
    codes = matrix.to_numpy()
    ict = (rollcalls.drop_duplicates("rollcall_id").set_index("rollcall_id")["ict"]
           .reindex(matrix.columns).fillna(False).to_numpy(dtype=bool))
    has_votes = (codes != MISSING).any(axis=0)
    frames = []
    for key, cols in slices:
        idx = np.arange(codes.shape[1])[cols]
        ict_cols = idx[ict[idx] & has_votes[idx]]
        gen_cols = idx[(~ict[idx] if general == "non_ict" else np.ones(len(idx), bool)) & has_votes[idx]]
        if len(ict_cols) == 0 or len(gen_cols) == 0:
            continue
        rows = (codes[:, ict_cols] != MISSING).any(axis=1)
        names = matrix.index.to_numpy()[rows]
        a_ict, s_ict = _agreement_arrays(codes[np.ix_(rows, ict_cols)], method, 1)
        a_gen, s_gen = _agreement_arrays(codes[np.ix_(rows, gen_cols)], method, max(min_shared, 1))
        i, j = np.triu_indices(len(names), k=1)
        keep = np.isfinite(a_ict[i, j]) & np.isfinite(a_gen[i, j])
        i, j = i[keep], j[keep]
        frames.append(pd.DataFrame({by: key, "iso3_a": names[i], "iso3_b": names[j],
                                    "ict_agreement": a_ict[i, j], "general_agreement": a_gen[i, j],
                                    "ict_shared": s_ict[i, j], "general_shared": s_gen[i, j]}))
    cols = [by, "iso3_a", "iso3_b", "ict_agreement", "general_agreement", "ict_shared", "general_shared"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def ict_vs_general_agreement(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "session",
                             method: str = "lijphart", general: str = "non_ict",
                             min_shared: int = 10) -> pd.DataFrame:
    """Do ICT votes follow general UN alignment? One row per group (session) with ICT roll calls.

    From :func:`ict_vs_general_pairs`: ``by``, ict_rollcalls and general_rollcalls (roll calls
    with country votes), countries, pairs, mean_ict and mean_general (mean pairwise agreement),
    and correlation: Pearson correlation, over pairs, of ICT agreement with general agreement
    (NaN when either is constant, e.g. a near-unanimous ICT vote, or fewer than 3 pairs).
    """
    pairs = ict_vs_general_pairs(votes, rollcalls, by=by, method=method, general=general, min_shared=min_shared)
    rc = rollcalls.drop_duplicates("rollcall_id")
    cast = votes.loc[votes["vote"].astype(object) != "absent", "rollcall_id"].unique()
    rc = rc[rc["rollcall_id"].isin(cast) & rc[by].notna()]
    is_ict = rc["ict"].fillna(False).astype(bool)
    n_ict = rc[is_ict].groupby(by).size()
    n_gen = (rc[~is_ict] if general == "non_ict" else rc).groupby(by).size()
    rows = []
    for key, g in pairs.groupby(by, sort=True):
        x, y = g["ict_agreement"].to_numpy(), g["general_agreement"].to_numpy()
        rows.append({by: key, "ict_rollcalls": int(n_ict.get(key, 0)), "general_rollcalls": int(n_gen.get(key, 0)),
                     "countries": len(set(g["iso3_a"]) | set(g["iso3_b"])), "pairs": len(g),
                     "mean_ict": float(x.mean()), "mean_general": float(y.mean()), "correlation": _pearson(x, y)})
    return pd.DataFrame(rows, columns=[by, "ict_rollcalls", "general_rollcalls", "countries", "pairs",
                                       "mean_ict", "mean_general", "correlation"])


def percentile_by_group(frame: pd.DataFrame, value: str = "ideal_point", by: str = "year") -> pd.Series:
    """Each row's percentile rank of ``value`` within its ``by`` group (0-100, 100 = highest).

    (rank - 1) / (n - 1) * 100 with average ranks for ties; 50 for a group of one. Lets two
    scales (ours, standardised per year; BSV's) be read side by side.
    """
    values = pd.to_numeric(frame[value]).astype(float)
    groups = frame[by]
    rank = values.groupby(groups).rank(method="average")
    n = values.groupby(groups).transform("count").astype(float)
    out = np.where(n > 1, (rank - 1) / (n - 1).where(n > 1) * 100, 50.0)
    return pd.Series(np.where(values.notna(), out, np.nan), index=frame.index, name="percentile")


def rank_by_group(frame: pd.DataFrame, value: str = "ideal_point", by: str | None = "year",
                  ascending: bool = True, key: str = "iso3") -> pd.Series:
    """Rank 1..n of ``value`` within each ``by`` group (the whole frame when ``by`` is None).

    Ties, exact or not, never depend on the row order or the machine: rows are sorted by
    (``by``, ``value``, ``key``) with a stable sort, so equal values are ranked by iso3. Missing
    values get no rank (<NA>). Returns an Int64 series aligned with ``frame``.
    """
    cols = ([by] if by else []) + [value, key]
    order = frame[cols].sort_values(cols, ascending=([True] if by else []) + [ascending, True], kind="stable",
                                    na_position="last")
    valid = order[value].notna()
    ranks = order[valid].groupby(order.loc[valid, by] if by else np.zeros(int(valid.sum()))).cumcount() + 1
    return ranks.reindex(frame.index).astype("Int64").rename("rank")


def anchored_labels(bloc_ids: pd.Series, anchors: dict[str, str] | None = None, other: str = "middle") -> pd.Series:
    """iso3 -> a bloc label named by the anchor state it contains (default: the US's bloc "West",
    Russia's "core", any other "middle"), so that a name does not depend on bloc numbering."""
    anchors = {"USA": "West", "RUS": "core"} if anchors is None else anchors
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
