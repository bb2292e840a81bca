"""Tables derived for the analysis issues: BSV reference ideal points, UNGA co-sponsorships,
and the world outlines shipped under ``data/`` (all built by ``python -m analysis build``)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd

from analysis.data import countries
from analysis.data import geo
from analysis.methods import networks
from analysis.methods import reference
from analysis.data.sources import unxml
from analysis.data.sources._common import read_csv_checked


def bsv_reference(sources: Path, registry: pd.DataFrame) -> pd.DataFrame:
    """Published Bailey-Strezhnev-Voeten ideal points with registry codes.

    BSV's ``countryname`` is mapped by name at 1 December of the year (when most GA votes fall):
    "Yugoslavia" is YUG to 1991, SCG 1992-2005 and SRB from 2006; the two Yemens and the USSR
    get their own codes; ``bsv_code`` keeps BSV's published code.
    """
    path = Path(sources) / "bsv_ideal_points" / "ideal_points_july2025.csv.gz"
    raw = read_csv_checked(path, ["ccode", "iso3c", "countryname", "year", "idealpointall", "idealpointfp",
                                  "nvotesall", "nvotesfp"], label="bsv_ideal_points/ideal_points_july2025.csv.gz")
    # 17 rows carry only the legacy session-based estimate, with no country name or code and no
    # all-vote / final-passage estimate: they hold nothing this table uses and are left out (counted).
    legacy_only = (raw["iso3c"] == "") & (raw["countryname"] == "") & (raw["idealpointall"] == "") & (raw["idealpointfp"] == "")
    raw = raw[~legacy_only]
    ref = reference.bsv_reference_table(raw.replace("", None))
    # bsv_reference_table sorts; recover the names through (bsv_code, ccode, year)
    names = raw.assign(year=raw["year"].astype(int), ccode=raw["ccode"].astype(int))[["iso3c", "ccode", "year", "countryname"]]
    ref = ref.merge(
        names.rename(columns={"iso3c": "bsv_code"}), on=["bsv_code", "ccode", "year"], how="left", validate="one_to_one")
    ref["date"] = ref["year"].astype(str) + "-12-01"
    ref["iso3"] = countries.map_names(ref, "countryname", "date", registry, "bsv_ideal_points/ideal_points_july2025.csv.gz")
    cols = ["iso3", "year", "bsv_code", "ccode", "countryname", "ideal_point_all", "ideal_point_fp",
            "n_votes_all", "n_votes_fp", "source"]
    return ref[cols].sort_values(["iso3", "year"], kind="stable").reset_index(drop=True)


def sponsorships(sources: Path, registry: pd.DataFrame, rollcalls: pd.DataFrame) -> pd.DataFrame:
    """One row per sponsor of each DGACM resolution (sessions 74-80, ES-10, ES-11, S-32).

    Session-74 resolutions adopted by recorded vote take the unvotes roll-call id (V...), as in
    ``rollcalls.csv``. Group entries ("on behalf of the Group of 77 and China") are rows of
    sponsor_type ``group``; UN organs submitting a text are ``organ``.
    """
    _rc, _votes, _notes, records = unxml.read_resolutions(Path(sources) / "unxml_ga_resolutions")
    kept = [r for r in records if not r.get("_superseded")]
    by_symbol = rollcalls.drop_duplicates("symbol", keep=False).set_index("symbol")["rollcall_id"]
    known = set(rollcalls["rollcall_id"])
    for rec in kept:
        sym = unxml._symbol(rec)
        rid = unxml.rollcall_id(sym)
        rec["rollcall_id"] = rid if rid in known else by_symbol.get(sym, rid)
        rec["date"] = unxml.parse_date(rec["adoption_date"])
    res = countries.resolver(registry)
    table = networks.sponsorship_table(kept, res.resolve, countries=registry)
    return table.sort_values(["rollcall_id", "role", "sponsor"], kind="stable").reset_index(drop=True)


def world_outlines(sources: Path) -> dict:
    """Natural Earth 1:110m outlines with iso3 fixed by name for France and Norway (rounded to 3 decimals)."""
    path = Path(sources) / "naturalearth" / "naturalearth_lowres.geojson"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return geo.round_coordinates(geo.fix_outline_codes(raw), 3)
