"""Published reference estimates to validate the project's own ones against.

Bailey, Strezhnev & Voeten (2017) UNGA ideal points, release of 2025-07-28 (Harvard Dataverse
hdl:1902.1/12379; raw file ``ideal_points_july2025.csv.gz``, see its SOURCES.md).
"""
from __future__ import annotations

import pandas as pd
from scipy.stats import spearmanr

BSV_SOURCE = "Bailey, Strezhnev & Voeten UNGA ideal points, release 2025-07-28 (hdl:1902.1/12379)"


def bsv_reference_table(raw: pd.DataFrame, source: str = BSV_SOURCE) -> pd.DataFrame:
    """Tidy BSV reference: one row per country and calendar year.

    Columns: iso3 (BSV's ``iso3c`` as published; the lineage codes are NOT remapped, e.g. Serbia
    is YUG for every year and both Yemens are YAR before 1990), bsv_code (the same published
    code, kept when iso3 is remapped), ccode (Correlates of War code, which does tell the two
    Yemens apart), year, ideal_point_all (all votes incl. amendments and paragraphs),
    ideal_point_fp (final-passage votes only), n_votes_all, n_votes_fp, source. Ideal points are
    posterior means on BSV's scale (higher = closer to the US-led liberal order).
    """
    out = pd.DataFrame({
        "iso3": raw["iso3c"].astype(object),
        "bsv_code": raw["iso3c"].astype(object),
        "ccode": pd.to_numeric(raw["ccode"]).astype("Int64"),
        "year": pd.to_numeric(raw["year"]).astype("Int64"),
        "ideal_point_all": pd.to_numeric(raw["idealpointall"]).astype(float),
        "ideal_point_fp": pd.to_numeric(raw["idealpointfp"]).astype(float),
        "n_votes_all": pd.to_numeric(raw["nvotesall"]).astype("Int64"),
        "n_votes_fp": pd.to_numeric(raw["nvotesfp"]).astype("Int64"),
        "source": source,
    })
    return out.sort_values(["year", "iso3", "ccode"], kind="stable").reset_index(drop=True)


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
