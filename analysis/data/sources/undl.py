"""Loader for the UN Digital Library "General Assembly Voting Data" CSV (record 4060887).

The official download has one row per Member State per resolution, with columns including
``undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft, committee_report,
meeting, title, agenda_title, subjects, total_yes, total_no, total_abstentions,
total_non_voting, total_ms, undl_link`` (older releases name the totals ``yes, no, abstentions,
non-voting, total-voting`` and add ``modality``). ``ms_vote`` is Y, N, A, or empty / NV for a
Member State that did not vote. Use it to add sessions after the project's sources end::

    rollcalls, votes = read_undl_csv("2025_UNGA_voting.csv", registry)

Rows are mapped to the registry by ``ms_name`` (with ``ms_code`` as ISO3 check) and date.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.data import countries
from analysis.data.sources.common import normalise_symbol, read_csv_checked, session_from_date

SOURCE_ID = "undl"
VOTE_CODES = {"Y": "yes", "N": "no", "A": "abstain", "NV": "absent", "X": "absent", "": "absent"}
TOTALS = {"yes": ("total_yes", "yes"), "no": ("total_no", "no"), "abstain": ("total_abstentions", "abstentions")}


def read_undl_csv(path: Path | str, registry: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rollcalls, votes) in the project's tidy schema from a UN Digital Library voting CSV.

    Raises :class:`DataError` naming file, row and column for a missing column, an unknown vote
    code, an unmappable state, a state listed twice on one resolution, or a resolution whose
    counted votes disagree with its own totals.
    """
    label = Path(path).name
    raw = read_csv_checked(Path(path), ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "resolution", "title"],
                           label=label)
    errors = []
    bad = ~raw["ms_vote"].str.strip().str.upper().isin(VOTE_CODES)
    for i in raw.index[bad][:20]:
        errors.append(DataError(label, f"vote code {raw.at[i, 'ms_vote']!r} not one of Y, N, A, NV or empty",
                                row=i + 2, column="ms_vote"))
    dates = pd.to_datetime(raw["date"], errors="coerce")
    for i in raw.index[dates.isna()][:20]:
        errors.append(DataError(label, f"unreadable date {raw.at[i, 'date']!r}", row=i + 2, column="date"))
    if errors:
        raise DataErrors(errors)
    raw["date"] = dates.dt.strftime("%Y-%m-%d")
    raw["iso3"] = countries.map_names(raw, "ms_name", "date", registry, label)
    codes = raw["ms_code"].str.strip().str.upper()
    clash = (codes != "") & (codes.str.len() == 3) & (codes != raw["iso3"])
    if clash.any():
        raise DataErrors([DataError(label, f"ms_code {raw.at[i, 'ms_code']!r} but ms_name {raw.at[i, 'ms_name']!r} maps "
                                    f"to {raw.at[i, 'iso3']}", row=i + 2, column="ms_code") for i in raw.index[clash][:20]])
    raw["rollcall_id"] = "U" + raw["undl_id"].str.strip()
    raw["vote"] = raw["ms_vote"].str.strip().str.upper().map(VOTE_CODES)
    dup = raw.duplicated(["rollcall_id", "iso3"], keep="first")
    if dup.any():
        raise DataErrors([DataError(label, f"{raw.at[i, 'ms_name']} listed twice for {raw.at[i, 'resolution']}",
                                    row=i + 2, column="ms_name") for i in raw.index[dup][:20]])
    first = raw.drop_duplicates("rollcall_id")
    rc = pd.DataFrame({
        "rollcall_id": first["rollcall_id"], "date": first["date"],
        "session": first["date"].map(session_from_date).astype("Int64"),
        "symbol": first["resolution"].map(normalise_symbol), "title": first["title"],
        "kind": "resolution", "modality": "recorded", "source": SOURCE_ID,
    })
    counted = raw.groupby(["rollcall_id", "vote"]).size().unstack(fill_value=0)
    for vote, names in TOTALS.items():
        col = next((c for c in names if c in raw.columns), None)
        rc[vote] = pd.to_numeric(first[col], errors="coerce").astype("Int64").values if col else pd.NA
        if col:
            have = counted.get(vote, pd.Series(0, index=counted.index)).reindex(rc["rollcall_id"]).fillna(0).values
            for (i, official), h in zip(rc[vote].items(), have, strict=True):
                if pd.notna(official) and official != h:
                    errors.append(DataError(label, f"{rc.at[i, 'symbol']}: total {vote} {official} but {h} state rows",
                                            row=i + 2, column=col))
    if errors:
        raise DataErrors(errors)
    return rc.reset_index(drop=True), raw[["rollcall_id", "iso3", "vote"]].reset_index(drop=True)
