"""Bailey, Strezhnev & Voeten (2017) UNGA ideal points, release of 2025-07-28 (Harvard Dataverse
hdl:1902.1/12379): ``bsv_ideal_points/ideal_points_july2025.csv.gz``, see its SOURCES.md."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

FILE = "bsv_ideal_points/ideal_points_july2025.csv.gz"
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = (FILE,)


def read_ideal_points(sources: Path) -> pd.DataFrame:
    """The raw file as strings."""
    return read_csv_checked(Path(sources) / FILE, ["ccode", "iso3c", "countryname", "year", "idealpointall",
                                                   "idealpointfp", "nvotesall", "nvotesfp"], label=FILE)


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
