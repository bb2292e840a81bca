"""Build ``countries.csv``: the actor registry from country_converter plus the curated entities,
aliases and the dated events of historical states (``curation/``)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.paths import CURATION_DIR
from analysis.data import countries
from analysis.data.sources import curation as curated


def registry_table(curation: Path = CURATION_DIR) -> pd.DataFrame:
    """``data/countries.csv`` from country_converter plus the curated entities, aliases and dates."""
    return countries.build_registry(curated.read(curation, "registry_entities.csv"),
                                    curated.read(curation, "country_aliases.csv"),
                                    curated.read(curation, "historical_states.csv"))
