"""Ideal points: one position per country per year (or session) on the main axis of UN voting.

The model and its fitter are in :mod:`analysis.methods.irt`; this module groups the votes, runs
the fits (with a smoothing pass across neighbouring years), standardises and signs the result,
and ranks and compares positions. Pure: frames in, frames out.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from analysis.methods import irt
from analysis.methods.agreement import grouped_vote_matrix
from analysis.methods.voting import MISSING


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
    as a MAP estimate by damped Newton steps (:mod:`analysis.methods.irt`) from a principal-component
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
    matrix, slices = grouped_vote_matrix(votes, rollcalls, by)
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
        for name, value in zip(log, (key, which, fit.iterations, fit.converged, fit.max_gradient), strict=True):
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
    failed = sorted({k for k, ok in zip(log[by], log["converged"], strict=True) if not ok})
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
