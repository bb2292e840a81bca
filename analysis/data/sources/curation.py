"""The project's own curated files (``curation/*.csv``): each applied by the build on top of the
raw sources, each row citing its URL and read date. One place lists every file and the columns
the build needs from it."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.sources.common import read_csv_checked

#: File name -> the columns the build reads (a file may carry more, e.g. a ``note``).
FILES = {
    "registry_entities.csv": ["code", "name", "official_name", "type", "code_type", "end", "aliases", "successors",
                              "lineage", "source", "note"],
    "country_aliases.csv": ["iso3", "alias", "source", "note"],
    "historical_states.csv": ["code", "event", "date", "related_code", "source_url"],
    "ict_rollcalls_1946_2019.csv": ["rollcall_id", "symbol", "ict", "cybercrime", "scope", "source"],
    "un_amendments_75_282.csv": ["symbol", "draft", "date", "modality", "yes", "no", "abstain", "outcome",
                                 "per_country_list_available", "source_url", "source_quote", "read_on", "confidence",
                                 "note"],
    "official_tallies.csv": ["rollcall_id", "symbol", "yes", "no", "abstain", "source_url"],
    "coe_instruments.csv": ["instrument", "title", "adopted", "opened_for_signature", "entry_into_force", "fifth_deposit",
                            "depositary", "source", "notes"],
    "coe_treaty_status_additions.csv": ["treaty", "state", "signature", "ratification_or_accession", "accession",
                                        "entry_into_force", "status_as_of", "confidence", "source_url", "read_on",
                                        "note"],
    "coe_treaty_gap_search.csv": ["treaty", "state", "iso3", "signed", "ratified_or_acceded", "accession", "in_force",
                                  "source_url", "source_quote", "read_on", "confidence", "note"],
    "coe_chart_ets185.csv": ["treaty", "state", "coe_member", "signed", "ratified_or_acceded", "accession", "in_force",
                             "status_as_of", "chart_row", "source_url", "read_on", "confidence", "note"],
    "source_conflicts.csv": ["table", "key", "field", "kind", "value_taken", "source_taken", "value_set_aside",
                             "source_set_aside", "rule", "note"],
    "membership_org_sources.csv": ["org", "iso3", "state_as_printed", "joined", "left", "source_url", "source_quote",
                                   "read_on", "confidence", "note"],
    "coe_source_dates.csv": ["url_fragment", "status_as_of", "reason", "confidence", "confidence_reason"],
    "coe_confidence.csv": ["instrument", "iso3", "confidence", "reason"],
    "status_snapshots.csv": ["status_text", "status_as_of", "reason"],
    "organisations.csv": ["org", "name"],
    "cooperation_additions.csv": ["state_a", "state_b", "kind", "title", "year", "in_force", "group", "source_url",
                                  "read_on", "note"],
    "membership_additions.csv": ["organisation", "state", "joined", "left", "source_url", "status_as_of", "note"],
    "positions.csv": ["iso3", "date", "kind", "title", "summary", "source_url", "read_on", "confidence"],
    "events.csv": ["date", "end_date", "kind", "title", "summary", "source_url", "read_on"],
}


def read(curation: Path, name: str) -> pd.DataFrame:
    """``curation/<name>`` as strings, checked for the columns of :data:`FILES`."""
    return read_csv_checked(Path(curation) / name, FILES[name], label=f"curation/{name}")
