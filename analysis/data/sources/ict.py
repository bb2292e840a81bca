"""The curated list of ICT / cyber / cybercrime texts 2020-2025 (unga_ict_votes_2020_2025).

``resolutions.csv``: symbol, kind, title, date, modality, yes, no, abstain, lead_sponsor,
source_url, notes (``scope=core-ICT-security``, ``core-cybercrime``, ``adjacent-...``).
``votes.csv``: symbol, country, vote (Y/N/A), source_url - used as a cross-check of the DGACM lists.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

SOURCE_ID = "unga_ict_votes_2020_2025"
#: Every file of the sources folder the build opens through this reader (votes.csv is a test's cross-check).
SOURCE_FILES = (f"{SOURCE_ID}/resolutions.csv",)


def scope(notes: str) -> str:
    m = re.search(r"scope=([\w-]+)", notes or "")
    return m.group(1) if m else ""


def read_ict_resolutions(folder: Path) -> pd.DataFrame:
    frame = read_csv_checked(Path(folder) / "resolutions.csv",
                             ["symbol", "kind", "title", "date", "modality", "yes", "no", "abstain", "source_url", "notes"],
                             label="unga_ict_votes_2020_2025/resolutions.csv")
    frame["scope"] = frame["notes"].map(scope)
    return frame


def read_ict_votes(folder: Path) -> pd.DataFrame:
    frame = read_csv_checked(Path(folder) / "votes.csv", ["symbol", "country", "vote"],
                             label="unga_ict_votes_2020_2025/votes.csv")
    frame["vote"] = frame["vote"].map({"Y": "yes", "N": "no", "A": "abstain"})
    return frame
