"""Treaty participation: who had signed or was a party to an instrument on a given date.

Status rules (one row of `participation.csv` = one actor under one instrument):

- The *party date* is `ratified` (ratification, acceptance, approval or accession). Where
  `ratified` is unknown but `in_force` (entry into force for that actor) is known, the party date
  is `in_force`: the actor was a party by that day at the latest. The real deposit is earlier
  (for ETS 185 at least three months), so such actors are counted late, never early.
  `party_basis` says which column was used.
- At `date`: status is ``"party"`` if the party date is on or before `date`; else ``"signed"`` if
  `signed` is on or before `date`; else ``"not signed"``. An accession without signature goes
  straight from "not signed" to "party". A state whose signature date is unknown counts as
  "not signed" until its party date.
- A row with no date at all (`signed`, `ratified` and `in_force` all empty) cannot be placed in
  time. Its status is ``"not signed"`` unless `undated` maps its instrument to a status (e.g.
  ``{"ETS185": "party", "UNCC2024": "signed"}``); it then has that status at *every* date.
  Such rows carry ``undated=True``; `counts_over_time` leaves them out of the series and reports
  them in a separate column.
- With ``undated_from_as_of=True`` an undated row takes its `undated` status only from its
  `status_as_of` date on (the source listed it so by then, so it held the status on that day at
  the latest); before that it is "not signed". Like the `in_force` rule, this counts such actors
  late, never early. An undated row without `status_as_of` keeps its status at every date.
- Actors absent from the participation table are "not signed" (pass `actors` to list them).
- Organisations are actors like states (the European Union is ``"EUU"``).
- `in_force_for_actor` is True if the actor is a party and `in_force` is on or before `date`,
  False if `in_force` is later or the actor is not a party, and missing (``pd.NA``) for a
  party whose `in_force` date is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.core.dates import to_datetime
from analysis.core.vocabulary import TREATY_STATUSES, VOTE_VALUES

STATUSES = TREATY_STATUSES

_DATE_COLUMNS = ("signed", "ratified", "in_force")


def _undated_map(undated: str | Mapping[str, str] | None, instruments: pd.Series) -> pd.Series:
    """Status given to undated rows, one value per row."""
    if undated is None:
        return pd.Series("not signed", index=instruments.index)
    if isinstance(undated, str):
        mapped = pd.Series(undated, index=instruments.index)
    else:
        mapped = instruments.map(dict(undated)).fillna("not signed")
    bad = set(mapped) - set(STATUSES)
    if bad:
        raise ValueError(f"undated status must be one of {STATUSES}, got {sorted(bad)}")
    return mapped


def status_at(
    participation: pd.DataFrame,
    date,
    instrument: str | Iterable[str] | None = None,
    undated: str | Mapping[str, str] | None = None,
    actors: Iterable[str] | None = None,
    verified_only: bool = False,
    undated_from_as_of: bool = False,
) -> pd.DataFrame:
    """Status of each actor under each instrument on `date` (rules in the module docstring).

    `instrument` selects one or several instruments (all if None). `undated` gives the status of
    rows with no date at all, as one status or a mapping instrument -> status. `actors` (iso3)
    adds "not signed" rows for actors without a participation row. `verified_only` drops rows
    whose `verified` flag is False. `undated_from_as_of` applies the `undated` status only from
    the row's `status_as_of` date on.

    Returns instrument, iso3, status (ordered categorical), signed, ratified, in_force,
    party_since, party_basis ("ratified", "in_force" or None), undated, in_force_for_actor,
    sorted by instrument and iso3.
    """
    when = pd.Timestamp(date)
    table = participation
    if instrument is not None:
        wanted = [instrument] if isinstance(instrument, str) else list(instrument)
        table = table[table["instrument"].isin(wanted)]
    else:
        wanted = sorted(table["instrument"].unique())
    if verified_only and "verified" in table.columns:
        table = table[table["verified"].fillna(True).astype(bool)]
    table = table.reset_index(drop=True)

    out = table[["instrument", "iso3"]].copy()
    for column in _DATE_COLUMNS:
        out[column] = to_datetime(table[column]) if column in table.columns else pd.NaT
    if "status_as_of" in table.columns:
        out["status_as_of"] = to_datetime(table["status_as_of"])

    if actors is not None:
        actor_list = sorted(set(actors))
        grid = pd.MultiIndex.from_product([wanted, actor_list], names=["instrument", "iso3"])
        missing = grid.difference(pd.MultiIndex.from_frame(out[["instrument", "iso3"]]))
        if len(missing):
            out = pd.concat([out, missing.to_frame(index=False)], ignore_index=True)

    out["party_since"] = out["ratified"].fillna(out["in_force"])
    out["party_basis"] = pd.Series(None, index=out.index, dtype="object")
    out.loc[out["in_force"].notna(), "party_basis"] = "in_force"
    out.loc[out["ratified"].notna(), "party_basis"] = "ratified"

    in_table = out.index < len(table)  # rows added for `actors` are not undated, just absent
    out["undated"] = out[list(_DATE_COLUMNS)].isna().all(axis=1) & in_table

    status = pd.Series("not signed", index=out.index, dtype="object")
    status[out["signed"] <= when] = "signed"
    status[out["party_since"] <= when] = "party"
    if out["undated"].any():
        fill = _undated_map(undated, out["instrument"])
        apply = out["undated"].copy()
        if undated_from_as_of and "status_as_of" in out.columns:
            apply &= ~(out["status_as_of"] > when)  # unknown as-of date: status at every date
        status[apply] = fill[apply]
    out["status"] = pd.Categorical(status, categories=STATUSES, ordered=True)

    force = pd.Series(pd.NA, index=out.index, dtype="boolean")
    is_party = out["status"] == "party"
    force[~is_party] = False
    known = is_party & out["in_force"].notna()
    force[known] = out.loc[known, "in_force"] <= when
    out["in_force_for_actor"] = force

    columns = ["instrument", "iso3", "status", "signed", "ratified", "in_force", "party_since",
               "party_basis", "undated", "in_force_for_actor"]
    if "status_as_of" in out.columns:
        columns.append("status_as_of")
    return out[columns].sort_values(["instrument", "iso3"]).reset_index(drop=True)


def latest_status_date(participation: pd.DataFrame) -> str:
    """The date the participation table describes: its latest ``status_as_of`` (ISO), i.e. the day
    the treaty sources were last read. The "today" of every headline count."""
    return str(participation["status_as_of"].dropna().max())


@dataclass(frozen=True)
class PartyCount:
    """The Parties of an instrument on a date, as :func:`party_count` counts them.

    ``dated``: Parties whose party date (deposit, else entry into force) is on or before ``date``;
    ``undated``: rows the sources name as Parties without any date (``party_undated``), counted from
    their ``status_as_of`` on; ``unverified``: rows left out because their source is weak
    (``verified`` false); ``undated_actors``: who the undated ones are.
    """

    instrument: str
    date: str
    dated: int
    undated: int
    unverified: int
    undated_actors: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.dated + self.undated

    def sentence(self, name: str | None = None) -> str:
        """E.g. '81 Parties to ETS185 on 2026-11-28 (81 dated, 0 without a date)'."""
        text = f"{self.total} Parties to {name or self.instrument} on {self.date} ({self.dated} dated"
        text += f", {self.undated} without a date" + (f": {', '.join(self.undated_actors)}" if self.undated else "")
        return text + (f"; {self.unverified} unverified row(s) left out)" if self.unverified else ")")


def party_count(participation: pd.DataFrame, instrument: str, date) -> PartyCount:
    """How many Parties ``instrument`` had on ``date``: THE count used by every figure, headline,
    profile and the README (verified rows only; undated Parties counted apart, from the date of the
    source that lists them)."""
    rows = participation[participation["instrument"] == instrument]
    unverified = int((~rows["verified"].fillna(True).astype(bool)).sum()) if "verified" in rows else 0
    status = status_at(participation, date, instrument, verified_only=True)
    dated = int(((status["status"] == "party") & ~status["undated"]).sum())
    when = pd.Timestamp(date)
    kept = rows[rows["verified"].fillna(True).astype(bool)] if "verified" in rows else rows
    named = kept[kept["party_undated"].fillna(False).astype(bool)] if "party_undated" in kept else kept.iloc[0:0]
    if "status_as_of" in named:
        named = named[~(to_datetime(named["status_as_of"]) > when)]
    actors = tuple(sorted(named["iso3"]))
    return PartyCount(instrument, str(pd.Timestamp(date).date()), dated, len(actors), unverified, actors)


def status_of(participation: pd.DataFrame, iso3: str, instrument: str, date,
              undated: str | Mapping[str, str] | None = None) -> str:
    """Status ("not signed", "signed" or "party") of one actor under one instrument on `date`."""
    rows = status_at(participation, date, instrument, undated=undated, actors=[iso3])
    return str(rows.loc[rows["iso3"] == iso3, "status"].iloc[0])


def _period_ends(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.PeriodIndex:
    codes = {"year": "Y", "quarter": "Q", "month": "M"}
    if freq not in codes:
        raise ValueError(f"freq must be one of {sorted(codes)}, got {freq!r}")
    return pd.period_range(first, last, freq=codes[freq])


def counts_over_time(
    participation: pd.DataFrame,
    instrument: str,
    freq: str = "year",
    by: str | None = None,
    countries: pd.DataFrame | None = None,
    end=None,
    verified_only: bool = False,
) -> pd.DataFrame:
    """Number of parties and of signatories (signed, not yet party) at the end of each period.

    Periods run from the first dated event to `end` (default: the last dated event). With `by`
    (a column of `countries`, e.g. "region") the counts are per group; actors not in
    `countries` fall in the group "(unmatched)". Rows with no date at all are left out of the
    series and counted, per group, in the column `undated`. `verified_only` drops rows whose
    `verified` flag is False.

    Returns period (pandas Period), end (last day of the period), [by], party, signed, undated;
    with freq="year" also year (int).
    """
    rows = status_at(participation, "1900-01-01", instrument, verified_only=verified_only)
    group_key = by if by is not None else "_all"
    if by is not None:
        if countries is None:
            raise ValueError("`by` needs the `countries` table")
        lookup = countries.drop_duplicates("iso3").set_index("iso3")[by]
        rows[by] = rows["iso3"].map(lookup).fillna("(unmatched)")
    else:
        rows[group_key] = ""
    groups = sorted(rows[group_key].unique())

    dated = rows[~rows["undated"]]
    events = pd.concat([dated["signed"], dated["party_since"]]).dropna()
    if events.empty:
        raise ValueError(f"no dated participation rows for {instrument!r}")
    last = pd.Timestamp(end) if end is not None else events.max()
    periods = _period_ends(events.min(), last, freq)

    undated_n = rows[rows["undated"]].groupby(group_key).size()
    records = []
    for period in periods:
        when = period.end_time.normalize()
        party = (dated["party_since"] <= when)
        signed = (dated["signed"] <= when) & ~party
        for group in groups:
            in_group = dated[group_key] == group
            records.append({"period": period, "end": when, group_key: group,
                            "party": int((party & in_group).sum()),
                            "signed": int((signed & in_group).sum()),
                            "undated": int(undated_n.get(group, 0))})
    out = pd.DataFrame.from_records(records)
    if by is None:
        out = out.drop(columns=group_key)
    if freq == "year":
        out.insert(0, "year", out["period"].dt.year.astype(int))
    return out


def crosstab_status_vote(status: pd.DataFrame, votes: pd.DataFrame,
                         rollcall_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross-tabulate treaty status (one instrument) against the vote in one roll call.

    `status` is a `status_at` result for one instrument; voters without a status row are
    "not signed". Actors that did not vote in the roll call (no vote row) are left out;
    absences are kept as the vote "absent" where the votes table lists them.

    Returns (counts, members): counts has one row per status and one column per vote
    (yes, no, abstain, absent, then any other value), zeros included; members has status, vote,
    iso3, one row per voter, sorted by status, vote and iso3.
    """
    instruments = status["instrument"].unique()
    if len(instruments) > 1:
        raise ValueError(f"status must cover one instrument, got {sorted(instruments)}")
    cast = votes.loc[votes["rollcall_id"] == rollcall_id, ["iso3", "vote"]]
    if cast.empty:
        raise ValueError(f"no votes for roll call {rollcall_id!r}")
    if cast["iso3"].duplicated().any():
        raise ValueError(f"duplicate votes in roll call {rollcall_id!r}")
    lookup = status.set_index("iso3")["status"].astype(str)
    members = cast.assign(status=cast["iso3"].map(lookup).fillna("not signed"))
    vote_order = list(VOTE_VALUES) + sorted(set(members["vote"]) - set(VOTE_VALUES))
    members["status"] = pd.Categorical(members["status"], categories=STATUSES, ordered=True)
    members["vote"] = pd.Categorical(members["vote"], categories=vote_order, ordered=True)
    members = members[["status", "vote", "iso3"]].sort_values(["status", "vote", "iso3"])
    counts = pd.crosstab(members["status"], members["vote"], dropna=False)
    counts = counts.reindex(index=list(STATUSES), columns=vote_order, fill_value=0)
    counts.index.name, counts.columns.name = "status", "vote"
    return counts, members.reset_index(drop=True)


def both_camps(
    participation: pd.DataFrame,
    votes: pd.DataFrame,
    rollcall_id: str,
    date,
    budapest: str = "ETS185",
    un_convention: str = "UNCC2024",
    undated: str | Mapping[str, str] | None = None,
    verified_only: bool = False,
    undated_from_as_of: bool = False,
) -> pd.DataFrame:
    """Actors on both sides of the Budapest / UN-convention divide, on `date`.

    Two groups, in one long table:
    - "party_and_un_signatory": party to `budapest` and signatory (or party) of `un_convention`;
    - "voted_yes_and_party": voted yes in roll call `rollcall_id` (e.g. the one adopting
      A/RES/74/247) and party to `budapest`.
    `undated` is passed to `status_at`; without it, rows with no date count as not signed (for
    the real data ``{"ETS185": "party", "UNCC2024": "signed"}`` is what the sources say).
    `verified_only` and `undated_from_as_of` are passed to `status_at` as well.

    Returns group, iso3, budapest_status, un_status, vote, sorted by group and iso3.
    """
    status = status_at(participation, date, [budapest, un_convention], undated=undated,
                       verified_only=verified_only, undated_from_as_of=undated_from_as_of)
    wide = (status.assign(status=status["status"].astype(str))
            .pivot(index="iso3", columns="instrument", values="status")
            .reindex(columns=[budapest, un_convention]).fillna("not signed"))
    cast = votes.loc[votes["rollcall_id"] == rollcall_id].set_index("iso3")["vote"]
    wide = wide.reindex(wide.index.union(cast.index)).fillna("not signed")
    wide["vote"] = cast.reindex(wide.index)

    party = wide[budapest] == "party"
    un_signed = wide[un_convention].isin(["signed", "party"])
    groups = {"party_and_un_signatory": party & un_signed,
              "voted_yes_and_party": party & (wide["vote"] == "yes")}
    parts = []
    for name, mask in groups.items():
        part = wide[mask].reset_index()
        part.insert(0, "group", name)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True).rename(
        columns={budapest: "budapest_status", un_convention: "un_status"})
    out.columns.name = None
    return out[["group", "iso3", "budapest_status", "un_status", "vote"]].sort_values(
        ["group", "iso3"]).reset_index(drop=True)


def status_summary(
    participation: pd.DataFrame,
    date,
    instruments: str | Iterable[str],
    undated: str | Mapping[str, str] | None = None,
    verified_only: bool = False,
    undated_from_as_of: bool = False,
) -> pd.DataFrame:
    """Headline counts per instrument on `date`, with what is in them and what was left out.

    Options as in `status_at`. Returns one row per instrument (index `instrument`, in the order
    given) with columns: party, signed (signatories not yet party), party_undated and
    signed_undated (undated rows included in party / signed through `undated`), and
    left_out_unverified (rows dropped by `verified_only`; 0 without it).
    """
    wanted = [instruments] if isinstance(instruments, str) else list(instruments)
    status = status_at(participation, date, wanted, undated=undated, verified_only=verified_only,
                       undated_from_as_of=undated_from_as_of)
    records = []
    for name in wanted:
        rows = status[status["instrument"] == name]
        unverified = 0
        if verified_only and "verified" in participation.columns:
            mine = participation[participation["instrument"] == name]
            unverified = int((~mine["verified"].fillna(True).astype(bool)).sum())
        records.append({
            "instrument": name,
            "party": int((rows["status"] == "party").sum()),
            "signed": int((rows["status"] == "signed").sum()),
            "party_undated": int(((rows["status"] == "party") & rows["undated"]).sum()),
            "signed_undated": int(((rows["status"] == "signed") & rows["undated"]).sum()),
            "left_out_unverified": unverified,
        })
    return pd.DataFrame.from_records(records).set_index("instrument")


def unverified_actors(participation: pd.DataFrame, instrument: str) -> list[str]:
    """Sorted iso3 of the rows of `instrument` whose `verified` flag is False."""
    rows = participation[participation["instrument"] == instrument]
    if "verified" not in rows.columns:
        return []
    return sorted(rows.loc[~rows["verified"].fillna(True).astype(bool), "iso3"].astype(str))


def status_changes(participation: pd.DataFrame, instrument: str, start, end,
                   **options) -> pd.DataFrame:
    """Actors whose status under `instrument` differs between `start` and `end`.

    `options` are passed to `status_at` (undated, verified_only, undated_from_as_of). Returns
    iso3, status_start, status_end (ordered categoricals), sorted by status_end, status_start
    and iso3.
    """
    before = status_at(participation, start, instrument, **options).set_index("iso3")["status"]
    after = status_at(participation, end, instrument, **options).set_index("iso3")["status"]
    both = pd.DataFrame({"status_start": before, "status_end": after.reindex(before.index)})
    changed = both[both["status_start"] != both["status_end"]].rename_axis("iso3").reset_index()
    return changed.sort_values(["status_end", "status_start", "iso3"]).reset_index(drop=True)


def cell_members(members: pd.DataFrame, mark: Iterable[str] = (), mark_suffix: str = "*"
                 ) -> pd.DataFrame:
    """The countries in each non-empty cell of a `crosstab_status_vote` members table.

    Returns status, vote, n, countries (sorted iso3 joined by ", "; iso3 in `mark` get
    `mark_suffix`), in the order of the cross-tabulation (status, then vote).
    """
    marked = set(mark)
    records = []
    for (status, vote), cell in members.groupby(["status", "vote"], observed=True, sort=True):
        codes = sorted(cell["iso3"].astype(str))
        records.append({"status": status, "vote": vote, "n": len(codes),
                        "countries": ", ".join(c + mark_suffix if c in marked else c
                                               for c in codes)})
    return pd.DataFrame.from_records(records, columns=["status", "vote", "n", "countries"])
