"""Council of Europe cybercrime treaties (ETS 185, ETS 189, CETS 224): ``coe_cybercrime_treaties/``.

``treaty_status.csv`` (one row per State and treaty, names as printed), ``invited.csv`` (States
invited to accede to ETS 185) and ``gap_fill_2026-12.csv`` (dates found in a later pass, each row with
a verbatim quote, a confidence and ``in_force_computed``; see section F of SOURCES.md). Provenance and quirks: that folder's SOURCES.md and CHECKS.md.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

FOLDER = "coe_cybercrime_treaties"
TREATY_STATUS = f"{FOLDER}/treaty_status.csv"
INVITED = f"{FOLDER}/invited.csv"
GAP_FILL = f"{FOLDER}/gap_fill_2026-12.csv"
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = (TREATY_STATUS, INVITED, GAP_FILL)


def read_treaty_status(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / TREATY_STATUS,
                            ["treaty", "state", "coe_member", "signature", "ratification_or_accession", "accession",
                             "entry_into_force", "status_as_of", "source_url"], label=TREATY_STATUS)


def read_invited(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / INVITED, ["state", "status", "date", "source_url"], label=INVITED)


def read_gap_fill(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / GAP_FILL,
                            ["treaty", "country_name", "iso3", "signed", "ratified_or_acceded", "accession", "in_force",
                             "in_force_computed", "source_url", "source_quote", "read_date", "confidence"],
                            label=GAP_FILL)
