"""Council of Europe cybercrime treaties (ETS 185, ETS 189, CETS 224): ``coe_cybercrime_treaties/``.

``treaty_status.csv`` (one row per State and treaty, names as printed) and ``invited.csv`` (States
invited to accede to ETS 185). Provenance and quirks: that folder's SOURCES.md and CHECKS.md.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

FOLDER = "coe_cybercrime_treaties"
TREATY_STATUS = f"{FOLDER}/treaty_status.csv"
INVITED = f"{FOLDER}/invited.csv"


def read_treaty_status(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / TREATY_STATUS,
                            ["treaty", "state", "coe_member", "signature", "ratification_or_accession", "accession",
                             "entry_into_force", "status_as_of", "source_url"], label=TREATY_STATUS)


def read_invited(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / INVITED, ["state", "status", "date", "source_url"], label=INVITED)
