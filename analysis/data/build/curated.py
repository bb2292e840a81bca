"""Build the positions and events tables from the project's curated files."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.paths import CURATION_DIR
from analysis.data import countries, schema
from analysis.data.build.common import check_iso
from analysis.data.sources import curation as curated


def positions_table(registry: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    file = "curation/positions.csv"
    raw = curated.read(curation, "positions.csv")
    check_iso(raw, ["date"], file, raw.index + 2, partial=True)
    check_iso(raw, ["read_on"], file, raw.index + 2)
    # The rows carry registry codes already. A code is checked at the row's date; a code that
    # exists but whose registry window does not contain the date (SRB in 2005, when Serbia was a
    # republic of Serbia and Montenegro) is kept as written and the mismatch is said in `note`.
    res = countries.resolver(registry)
    notes, errors = [], []
    for i, r in raw.iterrows():
        code, date = r["iso3"], r["date"]
        if code not in res.codes:
            errors.append(DataError(file, f"{code!r} is not a registry code", row=int(i) + 2, column="iso3"))
            notes.append("")
            continue
        try:
            got = res.resolve(code, date or None)
        except DataError:
            start, end = res.windows.get(code, ("", ""))
            notes.append(f"date {date} is outside {code}'s registry window [{start or '-'}, {end or '-'}): "
                         f"kept as curated")
            continue
        if got != code:
            errors.append(DataError(file, f"code {code!r} resolves to {got!r} at {date}", row=int(i) + 2,
                                    column="iso3"))
        notes.append("")
    if errors:
        raise DataErrors(errors)
    raw["note"] = notes
    out = raw.rename(columns={"source_url": "source"})
    out.insert(0, "position_id", [f"P{i:03d}" for i in range(1, len(out) + 1)])
    return out[schema.columns("positions")]


def events_table(curation: Path = CURATION_DIR) -> pd.DataFrame:
    file = "curation/events.csv"
    raw = curated.read(curation, "events.csv")
    check_iso(raw, ["date", "end_date"], file, raw.index + 2, partial=True)
    out = raw.rename(columns={"source_url": "source"})
    out.insert(0, "event_id", [f"E{i:03d}" for i in range(1, len(out) + 1)])
    return out[schema.columns("events")]


# Everything
