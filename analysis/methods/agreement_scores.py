"""Agreement scores: one row per pair of states per year (or session), like Voeten's AgreementScores.

One pass over the grouped vote matrix (:func:`~analysis.methods.agreement.grouped_vote_matrix`):
each period's block of roll calls gives every pair's identical votes, half agreements and shared
roll calls at once, by the one-hot matrix products of :func:`~analysis.methods.agreement.agreement_counts`
(the definitions of :func:`~analysis.methods.agreement.agreement_matrix`); no merge per pair. The
ideal points are an input, computed once (they take longer than everything else here). Pure:
frames in, frame out; :mod:`analysis.data.exports` writes the result and documents its columns.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from analysis.data.countries import Resolver
from analysis.data.exports import PERIODS, SUBSETS, agreement_columns
from analysis.methods.agreement import agreement_counts, grouped_vote_matrix
from analysis.methods.voting import MISSING

_OPEN_START, _OPEN_END = np.datetime64("0001-01-01"), np.datetime64("9999-12-31")
#: The registry maps a vote dated up to this many days before a state's start to that state
#: (approximate dates of early roll calls: Zanzibar's votes of 1963-12-03, a week before its start).
START_TOLERANCE = np.timedelta64(Resolver.start_tolerance_days, "D")


def subset_rollcalls(rollcalls: pd.DataFrame, subset: str = "all") -> pd.DataFrame:
    """The roll calls of ``subset``: all, ict (``rollcalls.ict``) or cybercrime (``rollcalls.cybercrime``)."""
    if subset not in SUBSETS:
        raise ValueError(f"subset must be one of {SUBSETS}, not {subset!r}")
    if subset == "all":
        return rollcalls
    return rollcalls[rollcalls[subset].fillna(False).astype(bool)]


def _dates(values) -> np.ndarray:
    """ISO date strings (or missing) -> datetime64[D] (NaT where missing)."""
    return pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d").to_numpy().astype("datetime64[D]")


def period_bounds(rollcalls: pd.DataFrame, by: str = "year") -> dict:
    """``{period: (first day, day after the last)}`` of every year or session in ``rollcalls``.

    A year is its calendar year; a session runs from the date of its first roll call to the day
    after its last (dates of every roll call of the session, whatever the subset). A session
    without dates is open on both sides.
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    keys = rollcalls[by].dropna().astype(int).unique()
    if by == "year":
        return {k: (np.datetime64(f"{k:04d}-01-01"), np.datetime64(f"{k + 1:04d}-01-01")) for k in keys}
    rc = rollcalls[rollcalls[by].notna()]
    dates = pd.Series(_dates(rc["date"]), index=rc.index).groupby(rc[by].astype(int).to_numpy())
    first, last = dates.min(), dates.max()
    out = {}
    for k in keys:
        lo, hi = first.get(k, pd.NaT), last.get(k, pd.NaT)
        out[k] = (_OPEN_START if pd.isna(lo) else np.datetime64(lo, "D"),
                  _OPEN_END if pd.isna(hi) else np.datetime64(hi, "D") + 1)
    return out


def registry_windows(countries: pd.DataFrame, codes) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of each code's registry window (``countries.csv`` start, exclusive end), datetime64[D].

    An empty start or end leaves that side open. Raises ``ValueError`` for a code not in the registry.
    """
    reg = countries.drop_duplicates("iso3").set_index("iso3")
    codes = list(codes)
    unknown = sorted(set(codes) - set(reg.index))
    if unknown:
        raise ValueError(f"codes not in the registry: {unknown}")
    start = _dates(reg["start"].reindex(codes).to_numpy())
    end = _dates(reg["end"].reindex(codes).to_numpy())
    return np.where(np.isnat(start), _OPEN_START, start), np.where(np.isnat(end), _OPEN_END, end)


def agreement_scores(votes: pd.DataFrame, rollcalls: pd.DataFrame, countries: pd.DataFrame, by: str = "year",
                     subset: str = "all", ideal: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per unordered pair of states per ``by`` period (year or session) over ``subset``'s roll calls.

    Columns (:func:`analysis.data.exports.agreement_columns`, where each is documented): iso3_a,
    iso3_b (iso3_a < iso3_b), ``by``, agree (share of the shared roll calls with the same vote),
    agree_lijphart (same vote 1, yes or no vs abstain 0.5, yes vs no 0), n_shared (roll calls in
    which both cast yes, no or abstain; absences never count), ideal_a, ideal_b (the states' ideal
    points in that period, in standard deviations; NaN where none), ideal_distance = |ideal_a -
    ideal_b|, and subset. Rows sorted by ``by``, iso3_a, iso3_b.

    A pair appears in a period only if (1) both states cast a vote in at least one shared roll
    call of the subset there, (2) each state's registry window (``countries`` start, exclusive
    end) overlaps the period, its start moved back by the registry's tolerance for approximate
    dates (:data:`START_TOLERANCE`, the rule by which the votes were coded), and (3) the two
    windows overlap: never a state with its predecessor or successor (SUN-RUS, YUG-SCG, SCG-SRB),
    never a state in a period in which it did not exist. Codes stay as the votes record them
    (date-valid, as in Voeten's table). Pairs sharing roll calls but failing (2) or (3), a coding
    error, are left out and listed in ``result.attrs["outside_window"]`` as (period, iso3_a,
    iso3_b). Periods without a roll call of the subset have no rows.

    ``ideal``: the output of :func:`analysis.methods.ideal_points.ideal_points` with the same
    ``by`` (columns iso3, ``by``, ideal_point); by default computed here from all of ``votes`` and
    ``rollcalls``, whatever the subset (pass it in to compute it once for several tables).
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    if ideal is None:
        from analysis.methods.ideal_points import ideal_points

        ideal = ideal_points(votes, rollcalls, by=by)
    missing = {"iso3", by, "ideal_point"} - set(ideal.columns)
    if missing:
        raise ValueError(f"ideal lacks columns {sorted(missing)} (pass ideal_points(..., by={by!r}))")
    bounds = period_bounds(rollcalls, by)
    known = ideal[by].notna().to_numpy()      # plain arrays: pandas would deep-copy ideal.attrs at every step
    lookup = dict(zip(zip(ideal[by].to_numpy()[known].astype(int), ideal["iso3"].to_numpy()[known], strict=True),
                      ideal["ideal_point"].to_numpy(dtype=float, na_value=np.nan)[known], strict=True))
    matrix, slices = grouped_vote_matrix(votes, subset_rollcalls(rollcalls, subset), by)
    codes, names = matrix.to_numpy(), matrix.index.to_numpy()
    start, end = registry_windows(countries, names)

    parts, outside = [], []
    with threadpool_limits(limits=1):      # small matrices: BLAS threads would only contend
        for key, cols in slices:
            rows = np.flatnonzero((codes[:, cols] != MISSING).any(axis=1))
            if len(rows) < 2:
                continue
            same, half, shared = agreement_counts(codes[rows, cols], lijphart=True)
            i, j = np.triu_indices(len(rows), k=1)
            n = shared[i, j]
            lo_p, hi_p = bounds[int(key)]
            in_period = (start[rows] - START_TOLERANCE < hi_p) & (end[rows] > lo_p)
            a, b = rows[i], rows[j]
            exists = in_period[i] & in_period[j] & (np.maximum(start[a], start[b]) < np.minimum(end[a], end[b]))
            bad = (n > 0) & ~exists
            outside.extend((int(key), names[x], names[y]) for x, y in zip(a[bad], b[bad], strict=True))
            keep = (n > 0) & exists
            i, j, n = i[keep], j[keep], n[keep]
            ip = np.array([lookup.get((int(key), c), np.nan) for c in names[rows]], dtype=float)
            parts.append((int(key), rows[i], rows[j], same[i, j].astype(np.float64) / n,
                          (same[i, j] + 0.5 * half[i, j]).astype(np.float64) / n, n, ip[i], ip[j]))
    columns = agreement_columns(by)
    if not parts:
        out = pd.DataFrame({c: pd.Series(dtype=float if c.startswith(("agree", "ideal")) else
                                         (np.int64 if c in (by, "n_shared") else object)) for c in columns})
    else:
        key = np.concatenate([np.full(len(p[1]), p[0], dtype=np.int64) for p in parts])
        a, b, agree, lij, n, ia, ib = (np.concatenate([p[k] for p in parts]) for k in range(1, 8))
        parts.clear()                      # the pieces, before the frame is built (peak memory)
        # copy=False: the columns are fresh arrays, so pandas need not copy them into blocks
        out = pd.DataFrame({"iso3_a": names[a], "iso3_b": names[b], by: key, "agree": agree, "agree_lijphart": lij,
                            "n_shared": n.astype(np.int64, copy=False), "ideal_a": ia, "ideal_b": ib,
                            "ideal_distance": np.abs(ia - ib), "subset": np.full(len(key), subset, dtype=object)},
                           columns=columns, copy=False)
    out.attrs["outside_window"] = outside
    return out


def pair_series(scores: pd.DataFrame, pairs, value: str = "agree", lineage: dict | None = None) -> pd.DataFrame:
    """A few pairs' agreement over the periods of an :func:`agreement_scores` table, for plotting.

    ``pairs``: (x, y) codes; each series is labelled "x-y" in the order given. ``lineage`` (e.g.
    :func:`analysis.data.countries.lineage_code`) first maps every code onto the seat it continues,
    so that SRB-RUS follows YUG-SUN to 1991, SCG-RUS 1992-2006 and SRB-RUS after. Where a period
    then holds two rows of one pair (2006: SCG-RUS to June, SRB-RUS after), they are pooled by
    n_shared, which gives the share over all their shared roll calls. ``value``: agree or
    agree_lijphart. Columns: pair, the period, ``value``, n_shared; pairs in the order given, then
    by period. A pair with no row gives no rows.
    """
    if value not in ("agree", "agree_lijphart"):
        raise ValueError(f"value must be 'agree' or 'agree_lijphart', not {value!r}")
    by = next(c for c in PERIODS if c in scores.columns)
    code = (lambda c: lineage.get(c, c)) if lineage else (lambda c: c)
    a, b = scores["iso3_a"].map(code).to_numpy(), scores["iso3_b"].map(code).to_numpy()
    lo, hi = np.where(a < b, a, b), np.where(a < b, b, a)
    frames = []
    for x, y in pairs:
        first, second = sorted((code(x), code(y)))
        rows = scores.loc[(lo == first) & (hi == second), [by, value, "n_shared"]]
        pooled = (rows.assign(same=rows[value] * rows["n_shared"]).groupby(by, sort=True)[["same", "n_shared"]].sum())
        frames.append(pd.DataFrame({"pair": f"{x}-{y}", by: pooled.index.to_numpy(),
                                    value: (pooled["same"] / pooled["n_shared"]).to_numpy(),
                                    "n_shared": pooled["n_shared"].to_numpy()}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["pair", by, value, "n_shared"])
