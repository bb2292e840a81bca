"""Voeten's roll-call history 1946-2019 as shipped in the R package unvotes 0.3.0.

Files: ``un_votes.csv.gz`` (rcid, country, country_code, vote), ``un_roll_calls.csv.gz``
(rcid, session, importantvote, date, unres, amend, para, short, descr). Absences were removed
upstream: only yes / no / abstain occur. Country identity is by name and date (see
:mod:`analysis.data.countries`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError
from analysis.core.vocabulary import CAST_VOTES
from analysis.data.sources.common import normalise_symbol, read_csv_checked

SOURCE_ID = "unvotes"
#: Every file of the sources folder this reader opens (the source manifest lists them).
SOURCE_FILES = ("unvotes/un_roll_calls.csv.gz", "unvotes/un_votes.csv.gz")
VOTE_VALUES = set(CAST_VOTES)   # Voeten's record holds no absences


def rollcall_id(rcid: str | int) -> str:
    """Project id of a Voeten roll call: 'V' + rcid (e.g. V9087 is A/RES/74/247)."""
    return f"V{int(rcid)}"


def _kind(row) -> str:
    if row.amend == "1":
        return "amendment"
    if row.para == "1":
        return "paragraph"
    return "resolution" if row.unres else "other"


def read_rollcalls(folder: Path) -> pd.DataFrame:
    """Roll calls with project ids, normalised symbols and a kind; tallies unknown (NA)."""
    path = Path(folder) / "un_roll_calls.csv.gz"
    raw = read_csv_checked(path, ["rcid", "session", "date", "unres", "amend", "para", "short", "descr"],
                           label="unvotes/un_roll_calls.csv.gz")
    title = raw["short"].where(raw["short"].str.strip() != "", raw["descr"].str.slice(0, 200))
    out = pd.DataFrame({
        "rollcall_id": raw["rcid"].map(rollcall_id),
        "session": raw["session"].astype(int),
        "date": raw["date"],
        "symbol": raw["unres"].map(normalise_symbol),
        "source_symbol": raw["unres"],
        "title": title.str.strip(),
        "kind": [_kind(r) for r in raw.itertuples(index=False)],
        "modality": "recorded",
        "important": raw["importantvote"].map({"1": True, "0": False}).astype("boolean"),
        "source": SOURCE_ID,
    })
    return out


def read_votes(folder: Path) -> pd.DataFrame:
    """Votes as printed: rcid -> rollcall_id, country name/code kept for mapping."""
    path = Path(folder) / "un_votes.csv.gz"
    raw = read_csv_checked(path, ["rcid", "country", "country_code", "vote"], label="unvotes/un_votes.csv.gz")
    bad = ~raw["vote"].isin(VOTE_VALUES)
    if bad.any():
        i = int(bad.idxmax())
        raise DataError("unvotes/un_votes.csv.gz", f"vote {raw.at[i, 'vote']!r} not in {sorted(VOTE_VALUES)}",
                        row=i + 2, column="vote")
    return pd.DataFrame({"rollcall_id": raw["rcid"].map(rollcall_id), "country": raw["country"],
                         "country_code": raw["country_code"], "vote": raw["vote"]})
