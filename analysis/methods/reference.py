"""Comparing the project's ideal points with a published reference (the BSV table ``bsv_reference``,
built by :mod:`analysis.data.sources.bsv`)."""
from __future__ import annotations

import pandas as pd
from scipy.stats import spearmanr


def compare_ideal_points(ours: pd.DataFrame, reference: pd.DataFrame, column: str = "ideal_point_all",
                         by: str = "year") -> pd.DataFrame:
    """Per-``by`` Spearman rank correlation between our ``ideal_point`` and ``reference[column]``.

    Joined on (iso3, by); reference keys that occur twice (e.g. both Yemens as YAR) and missing
    values are left out. Columns: ``by``, n (countries compared), spearman.
    """
    ref = reference[["iso3", by, column]].dropna()
    ref = ref[~ref.duplicated(["iso3", by], keep=False)]
    both = ours[["iso3", by, "ideal_point"]].dropna().merge(ref, on=["iso3", by], how="inner")
    rows = []
    for key, g in both.groupby(by, sort=True):
        rho = spearmanr(g["ideal_point"], g[column]).statistic if len(g) > 2 else float("nan")
        rows.append({by: key, "n": len(g), "spearman": float(rho)})
    return pd.DataFrame(rows, columns=[by, "n", "spearman"])
