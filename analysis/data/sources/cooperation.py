"""Cooperation ties and memberships: ``cooperation/edges.csv`` (bilateral and group ties) and
``cooperation/memberships.csv``. Provenance and quirks: that folder's SOURCES.md and CHECKS.md."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

FOLDER = "cooperation"
EDGES = f"{FOLDER}/edges.csv"
MEMBERSHIPS = f"{FOLDER}/memberships.csv"
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = (EDGES, MEMBERSHIPS)
EDGE_COLUMNS = ["state_a", "state_b", "kind", "title", "year", "in_force", "group", "source_url"]
MEMBERSHIP_COLUMNS = ["organisation", "state", "joined", "left", "source_url", "status_as_of", "note"]


def read_edges(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / EDGES, EDGE_COLUMNS, label=EDGES)


def read_memberships(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / MEMBERSHIPS, MEMBERSHIP_COLUMNS, label=MEMBERSHIPS)
