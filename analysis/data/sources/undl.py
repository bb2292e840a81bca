"""Loader for the UN Digital Library "General Assembly Voting Data" CSV (record 4060887).

The official download has one row per Member State per resolution, with columns including
``undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft, committee_report,
meeting, title, agenda_title, subjects, total_yes, total_no, total_abstentions,
total_non_voting, total_ms, undl_link`` (older releases name the totals ``yes, no, abstentions,
non-voting, total-voting`` and add ``modality``). ``ms_vote`` is Y, N, A, or empty / NV for a
Member State that did not vote. Use it to add sessions after the project's sources end::

    rollcalls, votes = read_undl_csv("2025_UNGA_voting.csv", registry)

Rows are mapped to the registry by ``ms_name`` (with ``ms_code`` as ISO3 check) and date.
Both frames carry ``line``, the CSV row (the header is row 1) of the roll call's first row or of the
vote, so that later checks (:mod:`analysis.data.build.undl_fold`) can name the row they are about;
``votes`` also keeps ``ms_name`` as printed. ``rollcalls.attrs["tally_columns"]`` names the columns
the tallies were read from. ``session`` is the one in a regular resolution's symbol, else (emergency
and special sessions) the regular session in course at the date. With ``from_session``, rows of earlier sessions (dated before 1 September
of the session's year) are dropped before anything but their date is checked;
``rollcalls.attrs["before"]`` counts their roll calls.
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


def read_undl_csv(path: Path | str, registry: pd.DataFrame,
                  from_session: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rollcalls, votes) in the project's tidy schema from a UN Digital Library voting CSV.

    Raises :class:`DataError` naming file, row and column for a missing column, an unknown vote
    code, an empty ``undl_id``, rows of one ``undl_id`` that name different resolutions or dates, an
    unmappable state, a state listed twice on one resolution, or a resolution whose counted votes
    disagree with its own totals.
    """
    label = Path(path).name
    raw = read_csv_checked(Path(path), ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "resolution", "title"],
                           label=label)
    errors = []
    for column in ("undl_id", "ms_code", "ms_vote"):
        raw[column] = raw[column].str.strip()
    dates = pd.to_datetime(raw["date"], errors="coerce")
    for i in raw.index[dates.isna()][:20]:
        errors.append(DataError(label, f"unreadable date {raw.at[i, 'date']!r}", row=i + 2, column="date"))
    for i in raw.index[raw["undl_id"] == ""][:20]:
        errors.append(DataError(label, "empty undl_id", row=i + 2, column="undl_id"))
    if errors:
        raise DataErrors(errors)
    raw["date"] = dates.dt.strftime("%Y-%m-%d")
    raw["line"] = raw.index + 2
    before = raw["date"] < f"{from_session + 1945}-09-01" if from_session is not None else raw["date"].isna()
    skipped = raw.loc[before, "undl_id"].nunique()
    raw = raw[~before]
    codes = raw["ms_vote"].str.upper()
    bad = ~codes.isin(VOTE_CODES)
    for i in raw.index[bad][:20]:
        errors.append(DataError(label, f"vote code {raw.at[i, 'ms_vote']!r} not one of Y, N, A, NV or empty",
                                row=i + 2, column="ms_vote"))
    for column in ("resolution", "date"):
        first_value = raw.groupby("undl_id")[column].transform("first")
        for i in raw.index[raw[column] != first_value][:20]:
            errors.append(DataError(label, f"undl_id {raw.at[i, 'undl_id']}: {column} {raw.at[i, column]!r} but "
                                    f"{first_value[i]!r} on its first row", row=i + 2, column=column))
    if errors:
        raise DataErrors(errors)
    try:
        raw["iso3"] = countries.map_names(raw, "ms_name", "date", registry, label)
    except DataErrors as exc:  # map_names counts rows from the first one it sees: give the CSV's rows
        lines = raw["line"].to_numpy()
        raise DataErrors([type(e)(label, e.message, row=int(lines[e.row - 2]), column=e.column)
                          for e in exc.errors]) from None
    iso = raw["ms_code"].str.upper()
    clash = (iso != "") & (iso.str.len() == 3) & (iso != raw["iso3"])
    if clash.any():
        raise DataErrors([DataError(label, f"ms_code {raw.at[i, 'ms_code']!r} but ms_name {raw.at[i, 'ms_name']!r} maps "
                                    f"to {raw.at[i, 'iso3']}", row=i + 2, column="ms_code") for i in raw.index[clash][:20]])
    raw["rollcall_id"] = "U" + raw["undl_id"]
    raw["vote"] = codes.map(VOTE_CODES)
    dup = raw.duplicated(["rollcall_id", "iso3"], keep="first")
    if dup.any():
        raise DataErrors([DataError(label, f"{raw.at[i, 'ms_name']} listed twice for {raw.at[i, 'resolution']}",
                                    row=i + 2, column="ms_name") for i in raw.index[dup][:20]])
    first = raw.drop_duplicates("rollcall_id")
    symbols = first["resolution"].map(normalise_symbol)
    regular = pd.to_numeric(symbols.str.extract(r"^A/RES/(\d+)/", expand=False))  # as DGACM: the symbol's session
    rc = pd.DataFrame({
        "rollcall_id": first["rollcall_id"], "date": first["date"],
        "session": regular.fillna(first["date"].map(session_from_date)).astype("Int64"),
        "symbol": symbols, "title": first["title"],
        "kind": "resolution", "modality": "recorded", "source": SOURCE_ID,
        "meeting_record": first["meeting"].str.strip() if "meeting" in first else "", "line": first["line"],
    })
    rc.attrs["tally_columns"], rc.attrs["before"] = {}, skipped
    counted = raw.groupby(["rollcall_id", "vote"]).size().unstack(fill_value=0)
    for vote, names in TOTALS.items():
        col = next((c for c in names if c in raw.columns), None)
        rc[vote] = pd.to_numeric(first[col], errors="coerce").astype("Int64").values if col else pd.NA
        if col:
            rc.attrs["tally_columns"][vote] = col
            have = counted.get(vote, pd.Series(0, index=counted.index)).reindex(rc["rollcall_id"]).fillna(0).values
            for (i, official), h in zip(rc[vote].items(), have, strict=True):
                if pd.notna(official) and official != h:
                    errors.append(DataError(label, f"{rc.at[i, 'symbol']}: total {vote} {official} but {h} state rows",
                                            row=i + 2, column=col))
    if errors:
        raise DataErrors(errors)
    return rc.reset_index(drop=True), raw[["rollcall_id", "iso3", "vote", "ms_name", "line"]].reset_index(drop=True)
