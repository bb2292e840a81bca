"""What is in the data: coverage tables for the data tour (no I/O; tables in, tables out)."""
from __future__ import annotations

import pandas as pd


def coverage_by_session(rollcalls: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Per regular session: roll calls by modality, recorded roll calls with per-country votes,
    voting states, vote rows, and ICT / cybercrime texts."""
    rc = rollcalls[rollcalls["special_session"].isna() | (rollcalls["special_session"] == "")]
    with_votes = set(votes["rollcall_id"].unique())
    voters = votes.merge(rc[["rollcall_id", "session"]], on="rollcall_id")
    voters = voters[voters["vote"] != "absent"]
    out = pd.DataFrame({
        "recorded": rc[rc["modality"] == "recorded"].groupby("session").size(),
        "without_vote": rc[rc["modality"] == "without_vote"].groupby("session").size(),
        "with_country_votes": rc[rc["rollcall_id"].isin(with_votes)].groupby("session").size(),
        "voting_states": voters.groupby("session")["iso3"].nunique(),
        "votes": voters.groupby("session").size(),
        "ict": rc[rc["ict"]].groupby("session").size(),
        "cybercrime": rc[rc["cybercrime"]].groupby("session").size(),
    }).fillna(0).astype(int)
    out.index.name = "session"
    return out


def cyber_rollcalls(rollcalls: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """The ICT/cyber texts with date, modality, official tally and the tally counted in votes."""
    rc = rollcalls[rollcalls["ict"]].copy()
    counted = (votes[votes["rollcall_id"].isin(rc["rollcall_id"])]
               .groupby(["rollcall_id", "vote"], observed=True).size().unstack(fill_value=0))
    rc["counted"] = [
        f"{counted.at[r, 'yes']}-{counted.at[r, 'no']}-{counted.at[r, 'abstain']}" if r in counted.index else ""
        for r in rc["rollcall_id"]
    ]
    rc["official"] = [f"{y}-{n}-{a}" if pd.notna(y) else "" for y, n, a in zip(rc["yes"], rc["no"], rc["abstain"], strict=True)]
    cols = ["date", "symbol", "kind", "modality", "cybercrime", "official", "counted", "title"]
    return rc.sort_values(["date", "symbol"], na_position="last")[cols].reset_index(drop=True)


def votes_of(votes: pd.DataFrame, rollcalls: pd.DataFrame, iso3: list[str], rollcall_ids: list[str]) -> pd.DataFrame:
    """A country x roll-call table of votes (symbols as columns, in the given order)."""
    sub = votes[votes["iso3"].isin(iso3) & votes["rollcall_id"].isin(rollcall_ids)]
    table = sub.pivot(index="iso3", columns="rollcall_id", values="vote").reindex(index=iso3, columns=rollcall_ids)
    symbols = rollcalls.set_index("rollcall_id")["symbol"]
    table.columns = [symbols[c] for c in table.columns]
    return table.astype(object).fillna("(not recorded)")


def record_end(rollcalls: pd.DataFrame) -> pd.Timestamp:
    """The date of the last roll call in the record: the vote data say nothing after it."""
    return pd.to_datetime(rollcalls["date"].dropna(), format="ISO8601").max()


def partial_years(rollcalls: pd.DataFrame) -> list[int]:
    """Calendar years the record covers only in part: the year of :func:`record_end`, unless the
    record reaches its 31 December. A figure marks these years as partial (an ideal point or a
    count of such a year rests on the roll calls up to that date only)."""
    end = record_end(rollcalls)
    return [] if (end.month, end.day) == (12, 31) else [int(end.year)]


def partial_sessions(rollcalls: pd.DataFrame) -> list[int]:
    """Regular sessions the record covers only in part: the last one (a session runs until the
    next opens in September, so it is complete only once the next has a roll call)."""
    regular = rollcalls[rollcalls["special_session"].isna() | (rollcalls["special_session"] == "")]
    return [int(regular["session"].max())] if len(regular) else []
