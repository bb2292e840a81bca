"""Other cybercrime instruments (UN Convention 2024, Malabo, Arab 2010, CIS, SCO, CSTO):
``other_cybercrime_instruments/``. Provenance and quirks: that folder's SOURCES.md and CHECKS.md."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

FOLDER = "other_cybercrime_instruments"
INSTRUMENTS = f"{FOLDER}/instruments.csv"
STATUS = f"{FOLDER}/instrument_status.csv"
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = (INSTRUMENTS, STATUS)


def read_instruments(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / INSTRUMENTS,
                            ["instrument", "full_title", "adopted", "opened_for_signature", "entry_into_force",
                             "depositary", "source_url"], label=INSTRUMENTS)


def read_instrument_status(sources: Path) -> pd.DataFrame:
    return read_csv_checked(Path(sources) / STATUS,
                            ["instrument", "state", "signature", "ratification", "deposit_or_other", "status_as_of",
                             "source_url"], label=STATUS)
