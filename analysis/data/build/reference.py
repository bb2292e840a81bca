"""Build ``bsv_reference.csv``: the published Bailey-Strezhnev-Voeten ideal points with registry codes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import countries
from analysis.data.sources import bsv


def bsv_reference(sources: Path, registry: pd.DataFrame) -> pd.DataFrame:
    """Published Bailey-Strezhnev-Voeten ideal points with registry codes.

    BSV's ``countryname`` is mapped by name at 1 December of the year (when most GA votes fall):
    "Yugoslavia" is YUG to 1991, SCG 1992-2005 and SRB from 2006; the two Yemens and the USSR
    get their own codes; ``bsv_code`` keeps BSV's published code.
    """
    raw = bsv.read_ideal_points(sources)
    # 17 rows carry only the legacy session-based estimate, with no country name or code and no
    # all-vote / final-passage estimate: they hold nothing this table uses and are left out (counted).
    legacy_only = (raw["iso3c"] == "") & (raw["countryname"] == "") & (raw["idealpointall"] == "") & (raw["idealpointfp"] == "")
    raw = raw[~legacy_only]
    ref = bsv.bsv_reference_table(raw.replace("", None))
    # bsv_reference_table sorts; recover the names through (bsv_code, ccode, year)
    names = raw.assign(year=raw["year"].astype(int), ccode=raw["ccode"].astype(int))[["iso3c", "ccode", "year", "countryname"]]
    ref = ref.merge(
        names.rename(columns={"iso3c": "bsv_code"}), on=["bsv_code", "ccode", "year"], how="left", validate="one_to_one")
    ref["date"] = ref["year"].astype(str) + "-12-01"
    ref["iso3"] = countries.map_names(ref, "countryname", "date", registry, bsv.FILE)
    cols = ["iso3", "year", "bsv_code", "ccode", "countryname", "ideal_point_all", "ideal_point_fp",
            "n_votes_all", "n_votes_fp", "source"]
    return ref[cols].sort_values(["iso3", "year"], kind="stable").reset_index(drop=True)
