"""Country profiles: one state's cybercrime record, gathered from every table, as tables and prose.

:func:`country_profile` collects, for one registry code, the sections of a profile:

- **identity**: the registry row, and the historical states whose UN seat it carries forward
  (``lineage``; e.g. Serbia continues Serbia and Montenegro and the SFRY in the vote record);
- **positions**: its strategies, laws, institutions, statements and position papers;
- **treaties**: its status under *every* instrument of ``instruments.csv`` on ``as_of``, with the
  dates of signature, ratification / accession and entry into force;
- **votes**: its vote on every cyber roll call (``rollcalls.ict``), with the date, the tally,
  how its voting bloc voted, and its ideal point that year;
- **ideal_points**: its ideal point per year next to the Bailey-Strezhnev-Voeten reference;
- **cooperation**: its cooperation ties (bilateral and group) by kind, and the ego network;
- **memberships**: the organisations it belongs to.

Every row of every section keeps a ``source`` (URLs from the tables; for votes, the resolution
at undocs.org and the dataset the votes come from). :func:`profile_text` writes the profile as
prose with numbered citations, generated from these tables only (no per-country text).

Rules (documented here once):

- *as_of* (the date treaty statuses are read at) defaults to the latest ``status_as_of`` in
  ``participation.csv``, i.e. the date the sources were read; pass a date to look back.
- *Undated Parties* (a participation row with no date at all) get the status the row's flags
  give (``party_undated`` -> "party", ``signed_undated`` -> "signed") at every date, marked
  ``undated=True`` (see :mod:`analysis.methods.treaties`).
- *Lineage*: votes and ideal points include those cast under a predecessor code whose
  ``lineage`` is this code; ``cast_as`` says which code cast them.
- *Lifetime*: only the roll calls between the first ``start`` and the last ``end`` of the state
  and those predecessors are listed (undated ones only for a state that has not ended), so the
  USSR's profile lists none of the texts adopted after 1991; the identity names the successor
  states and the one that carries the UN seat forward, whose profile has the later record.
- *Blocs*: the project's one definition of a voting bloc, :func:`analysis.methods.blocs.cyber_blocs`
  (the recorded cyber votes of 2018-2023, Lijphart agreement, average linkage, three blocs named
  by their anchors: "Western bloc", "middle bloc", "Russia-aligned bloc"). A state has a bloc if it
  cast at least half of those votes (under its own code); ``bloc_vote`` is the most common vote of
  the bloc's members on a roll call (absences not counted), for every cyber roll call.
- *Ideal points*: :func:`analysis.methods.ideal_points.ideal_points` by calendar year (standard deviations
  across states, USA positive). The BSV reference is shown on its own scale and, to compare
  shapes, standardised the same way (per year across all states in BSV).
- *Tallies*: the official tally where the table has it (UN DGACM counts, session 74 on),
  else the yes-no-abstain counted from the per-country rows (which before 2019 list no absences).
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from analysis.core.vocabulary import TIE_KIND_LABELS as KIND_LABELS
from analysis.core.vocabulary import is_missing as _missing
from analysis.methods import networks as _networks
from analysis.methods.treaties import status_at
from analysis.profiles.context import ProfileContext, profile_context, resolve_iso3
from analysis.profiles.text import POSITION_KINDS, UNDOCS, _text, instrument_short_name


@dataclass(frozen=True)
class CountryProfile:
    """One actor's profile; every table has a ``source`` column (see the module docstring)."""

    iso3: str
    name: str
    as_of: str
    identity: dict
    positions: pd.DataFrame
    treaties: pd.DataFrame
    votes: pd.DataFrame
    ideal_points: pd.DataFrame
    cooperation: pd.DataFrame
    memberships: pd.DataFrame
    ego: nx.Graph

    def sections(self) -> dict[str, pd.DataFrame]:
        """The tabular sections by name."""
        return {"positions": self.positions, "treaties": self.treaties, "votes": self.votes,
                "ideal_points": self.ideal_points, "cooperation": self.cooperation,
                "memberships": self.memberships}


def _identity(countries: pd.DataFrame, iso3: str) -> dict:
    row = countries.loc[countries["iso3"] == iso3].iloc[0]
    keys = ("iso3", "name", "official_name", "type", "region", "subregion", "un_member_year", "start", "end",
            "successors", "lineage", "aliases", "source", "note")
    out = {k: (None if _missing(row.get(k)) else row.get(k)) for k in keys if k in row.index}
    if out.get("un_member_year") is not None:
        out["un_member_year"] = int(out["un_member_year"])
    preds = countries[countries["lineage"].fillna("") == iso3]
    out["predecessors"] = [
        {"iso3": r.iso3, "name": r.name, "start": _text(r.start) or None, "end": _text(r.end) or None}
        for r in preds.sort_values("start", na_position="first").itertuples()
    ]
    # states it succeeded (its code is among their successors), e.g. Serbia and Montenegro for Montenegro
    succeeded = countries[countries["successors"].fillna("").str.split(";").apply(lambda codes: iso3 in codes)]
    out["forerunners"] = [
        {"iso3": r.iso3, "name": r.name, "start": _text(r.start) or None, "end": _text(r.end) or None}
        for r in succeeded.sort_values("start", na_position="first").itertuples()
    ]
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    out["successor_states"] = [{"iso3": c, "name": names.get(c, c)}
                               for c in _text(out.get("successors")).split(";") if c.strip()]
    out["continued_by"] = ({"iso3": out["lineage"], "name": names.get(out["lineage"], out["lineage"])}
                           if out.get("lineage") and out.get("end") else None)
    return out


def acting_as(identity: dict, date) -> dict | None:
    """The state an act dated ``date`` was done by when it predates ``identity``'s own start: the
    forerunner whose window holds the date (a Serbia and Montenegro signature in a Serbia row)."""
    start, day = identity.get("start"), _text(date)
    if not start or not day or day >= start:
        return None
    return next((f for f in identity.get("forerunners", [])
                 if (f["start"] or "") <= day and (not f["end"] or day < f["end"])), None)


def _positions(positions: pd.DataFrame, iso3: str) -> pd.DataFrame:
    cols = ["position_id", "date", "kind", "title", "summary", "confidence", "source", "read_on"]
    p = positions.loc[positions["iso3"] == iso3, [c for c in cols if c in positions.columns]].copy()
    order = {k: i for i, k in enumerate(POSITION_KINDS)}
    p["_k"] = p["kind"].map(order).fillna(len(order))
    p["_d"] = p["date"].fillna("")
    return p.sort_values(["_k", "_d", "position_id"]).drop(columns=["_k", "_d"]).reset_index(drop=True)


def _treaties(data, iso3: str, as_of: str) -> pd.DataFrame:
    part = data.participation
    rows = part[part["iso3"] == iso3]
    instruments = data.instruments.sort_values("instrument")
    status = status_at(rows, as_of, instrument=list(instruments["instrument"]), actors=[iso3])
    extra = [c for c in ("accession", "verified", "confidence", "source", "status_note", "party_undated",
                         "signed_undated", "in_force_computed", "note") if c in rows.columns]
    out = status.merge(rows[["instrument"] + extra], on="instrument", how="left")
    # undated rows: the row's own flags say party / signed (module docstring)
    undated = out["undated"].fillna(False).astype(bool)
    flag_party = out.get("party_undated", pd.Series(False, index=out.index)).fillna(False).astype(bool)
    flag_signed = out.get("signed_undated", pd.Series(False, index=out.index)).fillna(False).astype(bool)
    status_text = out["status"].astype(str)
    status_text[undated & flag_party] = "party"
    status_text[undated & ~flag_party & flag_signed] = "signed"
    out["status"] = pd.Categorical(status_text, categories=["not signed", "signed", "party"], ordered=True)
    out["has_row"] = out["source"].notna()
    for col in ("signed", "ratified", "in_force", "party_since", "status_as_of"):
        if col in out:
            out[col] = out[col].dt.strftime("%Y-%m-%d").where(out[col].notna(), None)
    meta = instruments.set_index("instrument")
    out.insert(1, "short_name", out["instrument"].map(lambda i: instrument_short_name(meta.at[i, "title"])))
    out["instrument_source"] = out["instrument"].map(meta["source"])
    cols = ["instrument", "short_name", "status", "signed", "ratified", "accession", "in_force", "in_force_computed",
            "party_since", "party_basis", "undated", "status_as_of", "verified", "confidence", "has_row", "source",
            "status_note", "instrument_source"]
    return out[[c for c in cols if c in out.columns]].sort_values("instrument").reset_index(drop=True)


def _lineage_codes(countries: pd.DataFrame, iso3: str) -> list[str]:
    preds = countries.loc[countries["lineage"].fillna("") == iso3, "iso3"].tolist()
    return [iso3] + sorted(preds)


def lifetime(countries: pd.DataFrame, codes: list[str]) -> tuple[str | None, str | None]:
    """(first day, last day) as ISO dates on which one of `codes` existed (``countries.start`` /
    ``end``); None on a side that is open (a code without a start, or still existing)."""
    rows = countries[countries["iso3"].isin(codes)]
    starts, ends = [_text(v) for v in rows["start"]], [_text(v) for v in rows["end"]]
    return (min(starts) if starts and all(starts) else None), (max(ends) if ends and all(ends) else None)


def _within(rollcalls: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """The roll calls dated between `start` and `end` (undated ones only when `end` is open)."""
    dates = rollcalls["date"].fillna("").astype(str)
    inside = pd.Series(True, index=rollcalls.index)
    if start:
        inside &= (dates == "") | (dates >= start)
    if end:
        inside &= (dates != "") & (dates <= end)
    return rollcalls[inside]


def _tally(rc, counted: dict) -> tuple[str, str]:
    if not _missing(rc.yes) and not _missing(rc.no) and not _missing(rc.abstain):
        return f"{int(rc.yes)}-{int(rc.no)}-{int(rc.abstain)}", "official"
    if counted:
        return f"{counted.get('yes', 0)}-{counted.get('no', 0)}-{counted.get('abstain', 0)}", "counted"
    return "", ""


def _sponsors(sponsorships: pd.DataFrame, rollcall_id: str) -> pd.DataFrame:
    s = sponsorships[(sponsorships["rollcall_id"] == rollcall_id) & (sponsorships["sponsor_type"] == "state")]
    return s[["sponsor", "role"]]


VOTE_COLUMNS = ["rollcall_id", "date", "year", "session", "symbol", "title", "kind", "modality", "cybercrime", "tally",
                "tally_basis", "vote", "cast_as", "sponsor_role", "n_state_sponsors", "bloc", "bloc_vote",
                "bloc_share", "bloc_voters", "ideal_point", "ideal_rank", "ideal_n_states", "source"]


def _votes(data, iso3: str, context: ProfileContext) -> pd.DataFrame:
    rc = data.rollcalls[data.rollcalls["ict"].fillna(False).astype(bool)].copy()
    rc["_d"] = rc["date"].fillna("9999")
    rc = rc.sort_values(["_d", "symbol"]).drop(columns="_d")
    codes = _lineage_codes(data.countries, iso3)
    rc = _within(rc, *lifetime(data.countries, codes))
    cast = data.votes[data.votes["rollcall_id"].isin(rc["rollcall_id"])]
    cast = cast.assign(vote=cast["vote"].astype(str))
    counted = {r: g["vote"].value_counts().to_dict() for r, g in cast.groupby("rollcall_id")}
    mine = cast[cast["iso3"].isin(codes)].drop_duplicates("rollcall_id").set_index("rollcall_id")
    blocs = context.blocs
    ideal = context.ideal.set_index(["iso3", "year"])
    spons = data.sponsorships if hasattr(data, "sponsorships") else pd.DataFrame(columns=["rollcall_id", "sponsor", "sponsor_type", "role"])
    records = []
    for r in rc.itertuples(index=False):
        tally, basis = _tally(r, counted.get(r.rollcall_id, {}))
        if r.rollcall_id in mine.index:
            vote, cast_as = mine.at[r.rollcall_id, "vote"], mine.at[r.rollcall_id, "iso3"]
        elif r.modality == "without_vote":
            vote, cast_as = "without vote", None
        elif r.rollcall_id not in counted:
            vote, cast_as = "no country votes", None
        else:
            vote, cast_as = "not recorded", None
        year = None if _missing(r.year) else int(r.year)
        who = cast_as or (next((c for c in codes if year is not None and (c, year) in ideal.index), None))
        bloc_name = next((blocs.bloc[c] for c in codes if c in blocs.bloc.index), None)
        bloc_vote, bloc_share, bloc_voters = None, None, None
        if bloc_name is not None and r.rollcall_id in counted:
            members = blocs.bloc.index[blocs.bloc == bloc_name]
            bv = cast[(cast["rollcall_id"] == r.rollcall_id) & cast["iso3"].isin(members) & (cast["vote"] != "absent")]
            if len(bv):
                counts = bv["vote"].value_counts()
                bloc_vote, bloc_voters = str(counts.index[0]), int(len(bv))
                bloc_share = int(counts.iloc[0])
        ip = ideal.loc[(who, year)] if who and year is not None and (who, year) in ideal.index else None
        sp = _sponsors(spons, r.rollcall_id)
        role = sp.loc[sp["sponsor"].isin(codes), "role"]
        dataset = _text(r.source)
        source = " | ".join(filter(None, [UNDOCS + r.symbol if _text(r.symbol).startswith("A/") else "",
                                          context.dataset_urls.get(dataset, dataset)]))
        records.append({
            "rollcall_id": r.rollcall_id, "date": _text(r.date) or None, "year": year,
            "session": None if _missing(r.session) else int(r.session), "symbol": r.symbol, "title": r.title,
            "kind": r.kind, "modality": r.modality, "cybercrime": bool(r.cybercrime) if not _missing(r.cybercrime) else False,
            "tally": tally or None, "tally_basis": basis or None, "vote": vote, "cast_as": cast_as,
            "sponsor_role": role.iloc[0] if len(role) else None,
            "n_state_sponsors": int((sp["role"] == "sponsor").sum()),
            "bloc": bloc_name, "bloc_vote": bloc_vote, "bloc_share": bloc_share,
            "bloc_voters": bloc_voters,
            "ideal_point": None if ip is None else float(ip["ideal_point"]),
            "ideal_rank": None if ip is None else int(ip["rank"]),
            "ideal_n_states": None if ip is None else int(ip["n_states"]),
            "source": source,
        })
    out = pd.DataFrame.from_records(records, columns=VOTE_COLUMNS)
    for col in ("year", "session", "bloc_share", "bloc_voters", "ideal_rank", "ideal_n_states"):
        out[col] = out[col].astype("Int64")
    out["ideal_point"] = out["ideal_point"].astype(float)
    return out


def _ideal_series(data, iso3: str, context: ProfileContext) -> pd.DataFrame:
    codes = _lineage_codes(data.countries, iso3)
    ours = context.ideal[context.ideal["iso3"].isin(codes)].rename(columns={"iso3": "cast_as"})
    ref = context.bsv[context.bsv["iso3"].isin(codes)].rename(columns={"iso3": "cast_as"})
    out = ours.merge(ref, on=["cast_as", "year"], how="outer")
    out = out.sort_values(["year", "cast_as"]).drop_duplicates("year", keep="last").reset_index(drop=True)
    out["source"] = _ideal_sources(out)
    cols = ["year", "cast_as", "ideal_point", "rank", "n_states", "n_votes", "bsv_ideal_point", "bsv_z",
            "bsv_n_votes", "bsv_source", "source"]
    out = out[cols]
    for col in ("rank", "n_states", "n_votes", "bsv_n_votes"):
        out[col] = out[col].astype("Int64")
    return out


def _ideal_sources(frame: pd.DataFrame) -> pd.Series:
    """Per ideal-point row: 'votes: analysis.methods.ideal_points.ideal_points' and the BSV citation where present."""
    ours = np.where(frame["ideal_point"].notna(), "ideal_point: estimated here from votes.csv.gz (analysis.methods.ideal_points.ideal_points)", "")
    ref = frame["bsv_source"].fillna("")
    return pd.Series([" | ".join(p for p in (a, b) if p) for a, b in zip(ours, ref, strict=True)], index=frame.index)


def _cooperation(data, iso3: str) -> pd.DataFrame:
    c = data.cooperation
    names = data.countries.set_index("iso3")["name"]
    types = data.countries.set_index("iso3")["type"]
    bil = c[(c["a_iso3"] == iso3) | (c["b_iso3"] == iso3)].copy()
    bil["partner"] = np.where(bil["a_iso3"] == iso3, bil["b_iso3"], bil["a_iso3"])
    bil["partner_name"] = bil["partner"].map(names)
    bil["partner_type"] = bil["partner"].map(types).fillna("unknown")
    bil["members"] = 2
    g = data.cooperation_groups
    mine = g.loc[g["iso3"] == iso3, "group_id"].unique()
    grp = c[c["group_id"].isin(mine)].copy()
    sizes = g.groupby("group_id")["iso3"].nunique()
    grp["partner"] = grp["group_id"]
    grp["partner_name"] = grp["title"]
    grp["partner_type"] = "group"
    grp["members"] = grp["group_id"].map(sizes)
    out = pd.concat([bil, grp], ignore_index=True)
    order = {k: i for i, k in enumerate(KIND_LABELS)}
    out["_k"] = out["kind"].map(order).fillna(len(order))
    out["_d"] = out["date"].fillna(out["year"].astype("string")).fillna("9999")
    out = out.sort_values(["_k", "_d", "partner", "tie_id"]).reset_index(drop=True)
    cols = ["tie_id", "kind", "partner", "partner_name", "partner_type", "members", "title", "date", "year",
            "in_force", "source"]
    out = out[cols]
    out["members"] = out["members"].astype("Int64")
    return out


def _memberships(memberships: pd.DataFrame, iso3: str) -> pd.DataFrame:
    cols = ["org", "org_name", "joined", "left", "status_as_of", "source"]
    m = memberships.loc[memberships["iso3"] == iso3, cols]
    return m.sort_values("org").reset_index(drop=True)


def _ego(data, iso3: str) -> nx.Graph:
    G = _networks.cooperation_graph(data.cooperation, data.cooperation_groups, countries=data.countries,
                                    multigraph=False, group_mode="bipartite")
    if iso3 not in G:
        H = nx.Graph()
        H.add_node(iso3, node_type="actor")
        return H
    return _networks.ego_network(G, iso3)


def country_profile(data, iso3: str, context: ProfileContext | None = None, as_of=None) -> CountryProfile:
    """The profile of `iso3` from the tables in `data` (as returned by ``analysis.data.io.load_all``).

    `context` (from :func:`profile_context`) shares the costly parts between profiles; computed
    when not given. `as_of`: the date treaty statuses are read at (default: the latest
    ``status_as_of`` of ``participation.csv``). An unknown code raises ValueError naming it and
    suggesting close matches (:func:`resolve_iso3`).
    """
    iso3 = resolve_iso3(data.countries, iso3)
    if context is None:
        context = profile_context(data)
    if as_of is None:
        as_of = str(data.participation["status_as_of"].dropna().max())
    as_of = pd.Timestamp(as_of).strftime("%Y-%m-%d")
    identity = _identity(data.countries, iso3)
    return CountryProfile(
        iso3=iso3, name=identity["name"], as_of=as_of, identity=identity,
        positions=_positions(data.positions, iso3),
        treaties=_treaties(data, iso3, as_of),
        votes=_votes(data, iso3, context),
        ideal_points=_ideal_series(data, iso3, context),
        cooperation=_cooperation(data, iso3),
        memberships=_memberships(data.memberships, iso3),
        ego=_ego(data, iso3),
    )


# Prose
