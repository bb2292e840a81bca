"""Pairwise vote agreement: identical-vote share and Lijphart's index, per group of roll calls.

Absences (an ``absent`` row, or no row at all) are never counted as disagreement: they are left
out of every pair, roll call and country they touch. Pure: frames in, frames out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from analysis.methods.voting import ABSTAIN, MISSING, NO, YES, vote_matrix


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


def agreement_counts(codes: np.ndarray, lijphart: bool = False) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Pairwise counts from an int8 code matrix (countries x roll calls), by one-hot matrix products.

    Returns ``(same, half, shared)``, each country x country: ``same`` = roll calls where both cast
    the same vote (float32); ``half`` = roll calls where one voted yes or no and the other abstained
    (float32, symmetric; None unless ``lijphart``); ``shared`` = roll calls where both cast yes, no
    or abstain (int64). Absences (``MISSING``) count nowhere. float32 is exact for counts below 2**24.
    """
    Y = (codes == YES).astype(np.float32)
    N = (codes == NO).astype(np.float32)
    A = (codes == ABSTAIN).astype(np.float32)
    one_hot = np.concatenate([Y, N, A], axis=1)
    same = one_hot @ one_hot.T
    present = Y + N + A
    shared = np.rint(present @ present.T).astype(np.int64)
    half = None
    if lijphart:
        half = (Y + N) @ A.T
        half = half + half.T
    return same, half, shared


def _agreement_arrays(codes: np.ndarray, method: str, min_shared: int) -> tuple[np.ndarray, np.ndarray]:
    """(agreement float64, shared int64) from an int8 code matrix, via one-hot matrix products."""
    if method not in ("identical", "lijphart"):
        raise ValueError(f"method must be 'identical' or 'lijphart', not {method!r}")
    same, half, shared = agreement_counts(codes, lijphart=method == "lijphart")
    if half is not None:  # yes/no vs abstain = half an agreement
        same += 0.5 * half
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


def grouped_vote_matrix(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str) -> tuple[pd.DataFrame, list]:
    """Vote matrix with roll calls ordered by ``rollcalls[by]`` then id (whatever the input order), and [(group, column slice)]."""
    rc = rollcalls.loc[rollcalls[by].notna(), ["rollcall_id", by]].sort_values([by, "rollcall_id"], kind="stable")
    matrix = vote_matrix(votes, rc)
    keys = rc.drop_duplicates("rollcall_id")[by].to_numpy()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.array([], int)
    ends = np.r_[starts[1:], len(keys)]
    return matrix, [(keys[s], slice(s, e)) for s, e in zip(starts, ends, strict=True)]


def agreement_by_group(votes: pd.DataFrame, rollcalls: pd.DataFrame, by: str = "session",
                       method: str = "identical", min_shared: int = 0) -> Iterator[tuple[object, Agreement]]:
    """Yield ``(group, Agreement)`` per value of ``rollcalls[by]`` (e.g. each session), in order.

    Votes are encoded once; each group is a column slice of that matrix. A group's matrix has the
    countries that cast at least one yes / no / abstain in it. Roll calls with a missing ``by``
    are skipped. Same definitions as :func:`agreement_matrix`.
    """
    matrix, slices = grouped_vote_matrix(votes, rollcalls, by)
    codes = matrix.to_numpy()
    for key, cols in slices:
        block = codes[:, cols]
        voted = (block != MISSING).any(axis=1)
        sub = pd.DataFrame(block[voted], index=matrix.index[voted])
        yield key, _agreement_from_matrix(sub, method, min_shared)


# --------------------------------------------------------------------------- ideal points


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
    matrix, slices = grouped_vote_matrix(votes, rollcalls, by)
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
