"""Country profiles: one state's cybercrime record, gathered from every table, as tables and prose.

:func:`country_profile` collects, for one registry code, the sections of a profile:

- **identity**: the registry row, and the historical states whose UN seat it carries forward
  (``lineage``; e.g. Serbia continues Serbia and Montenegro and the SFRY in the vote record);
- **positions**: its strategies, laws, institutions, statements and position papers;
- **treaties**: its status under *every* instrument of ``instruments.csv`` on ``as_of``, with the
  dates of signature, ratification / accession and entry into force;
- **votes**: its vote on every cyber roll call (``rollcalls.ict``), with the date, the tally,
  its voting bloc in that session and how that bloc voted, and its ideal point that year;
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
  ``undated=True`` (see :mod:`analysis.treaties`).
- *Lineage*: votes and ideal points include those cast under a predecessor code whose
  ``lineage`` is this code; ``cast_as`` says which code cast them.
- *Blocs*: per session, the Louvain communities (seed 0) of the graph linking states whose
  Lijphart agreement over all recorded roll calls of that session is at least the median
  (:func:`analysis.blocs.community_blocs`), named after their best-known members
  (:func:`analysis.blocs.name_blocs`). Communities give two large, stable blocs (a Western one and
  the rest) plus a few small ones; average-linkage clustering (:func:`~analysis.blocs.cluster_blocs`)
  was tried and rejected because it spends its clusters on single outliers (the USA, Nauru) and
  leaves one bloc of 180 states.
- *Ideal points*: :func:`analysis.blocs.ideal_points` by calendar year (standard deviations
  across states, USA positive). The BSV reference is shown on its own scale and, to compare
  shapes, standardised the same way (per year across all states in BSV).
- *Tallies*: the official tally where the table has it (UN DGACM counts, session 74 on),
  else the yes-no-abstain counted from the per-country rows (which before 2019 list no absences).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from analysis.core.vocabulary import is_missing as _missing
from analysis.methods import blocs as _blocs
from analysis.methods import networks as _networks
from analysis.methods.treaties import status_at

__all__ = [
    "CountryProfile", "ProfileContext", "Prose", "resolve_iso3", "dataset_urls", "profile_context",
    "country_profile", "profile_text", "profile_prose", "sourced_table", "SourcedTable", "instrument_short_name",
    "KIND_LABELS",
]

#: How a cooperation kind reads in prose (plural noun phrase), in the order the prose lists them.
KIND_LABELS = {
    "mlat": "mutual legal assistance treaties",
    "agreement": "agreements",
    "mou": "memoranda of understanding",
    "dialogue": "dialogues",
    "assistance": "assistance ties",
    "joint_statement": "joint statements",
    "other": "other contacts",
}
#: Position kinds in the order the prose treats them.
POSITION_KINDS = ("strategy", "law", "institution", "statement", "position_paper", "negotiation")
UNDOCS = "https://undocs.org/en/"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------



def _text(value, default: str = "") -> str:
    return default if _missing(value) else str(value)


def _date_words(value) -> str:
    """'2018-07-27' -> '27 July 2018'; '2019-07' -> 'July 2019'; '2011' -> '2011'; '' -> ''."""
    text = _text(value)
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return text
    return text


def _on_date(value) -> str:
    """'on 27 July 2018' / 'in July 2019' / 'in 2011' / '' (no date)."""
    text = _text(value)
    if not text:
        return ""
    return ("on " if text.count("-") == 2 else "in ") + _date_words(text)


def _join(items: list[str], conj: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _times(n: int) -> str:
    return {0: "no times", 1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def _clean_title(title: str) -> str:
    """Drop the catalogue suffix ' : resolution / adopted by the General Assembly'."""
    return re.sub(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly\s*$", "", _text(title))


def _label(name: str, details: str) -> str:
    """'Yugoslavia (SFRY)' + 'YUG, 1945' -> 'Yugoslavia (SFRY; YUG, 1945)'."""
    return f"{name[:-1]}; {details})" if name.endswith(")") else f"{name} ({details})"


def _rc_label(symbol: str) -> str:
    """'A/RES/74/247' -> '74/247' (other symbols unchanged)."""
    return re.sub(r"^A/RES/", "", _text(symbol))


def instrument_short_name(title: str) -> str:
    """A short name from an instrument's title: the part before ';' without parentheses, except
    a parenthesised nickname ending in 'Convention' (e.g. 'Budapest Convention')."""
    head = _text(title).split(";")[0]
    nick = [p for p in re.findall(r"\(([^()]*)\)", head) if re.fullmatch(r"[\w'\- ]+ Convention", p.strip())]
    base = re.sub(r"\s*\([^()]*\)", "", head).strip()
    return f"{base} ({nick[0].strip()})" if nick else base


def _urls(source: str) -> list[str]:
    """Split a source cell (' | ' or ' ; ' separated) into its parts."""
    return [p.strip() for p in re.split(r"\s+[|;]\s+", _text(source)) if p.strip()]


# --------------------------------------------------------------------------------------------
# Country codes
# --------------------------------------------------------------------------------------------

def resolve_iso3(countries: pd.DataFrame, code: str) -> str:
    """The registry code for `code` (case-insensitive), or ValueError naming it with close matches.

    Suggestions come from the codes (spelling distance), ISO alpha-2 codes, names and aliases, e.g.
    ``"SER"`` -> "did you mean SRB (Serbia), SEN (Senegal) ...", ``"Serbia"`` -> "SRB (Serbia)".
    """
    raw = "" if code is None else str(code).strip()
    codes = countries["iso3"].astype(str)
    if raw.upper() in set(codes):
        return raw.upper()
    names = dict(zip(codes, countries["name"].astype(str)))
    exact: list[str] = []
    partial: list[str] = []
    lowered = raw.lower()
    hits: list[str] = []
    if lowered:
        for col in ("name", "official_name", "aliases", "iso2"):
            if col not in countries:
                continue
            for iso, cell in zip(codes, countries[col]):
                values = [v.strip().lower() for v in _text(cell).split(";") if v.strip()]
                if lowered in values:
                    exact.append(iso)
                elif len(lowered) > 3 and any(lowered in v for v in values):
                    partial.append(iso)
        by_name = difflib.get_close_matches(lowered, [n.lower() for n in names.values()], n=3, cutoff=0.75)
        hits = (exact + partial + difflib.get_close_matches(raw.upper(), list(codes), n=5, cutoff=0.6)
                + [iso for iso, n in names.items() if n.lower() in by_name])
    seen: list[str] = []
    for iso in hits:
        if iso not in seen:
            seen.append(iso)
    hint = ("; did you mean " + ", ".join(f"{iso} ({names[iso]})" for iso in seen[:6]) + "?") if seen else ""
    raise ValueError(f"unknown country code {raw!r}: not an iso3 code in the countries registry{hint}")


def dataset_urls(descriptor: Mapping) -> dict[str, str]:
    """Source id -> URL (or citation) from a data package descriptor's ``sources``."""
    out = {}
    for src in descriptor.get("sources", []):
        path = _text(src.get("path"))
        out[src["id"]] = path if path.startswith("http") else _text(src.get("citation"), path)
    return out


# --------------------------------------------------------------------------------------------
# Shared context (computed once for any number of profiles)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProfileContext:
    """What every profile needs and is costly to compute.

    ``ideal``: :func:`analysis.blocs.ideal_points` by year for all states, plus ``rank`` (1 =
    highest) and ``n_states`` per year. ``blocs``: session, iso3, bloc, bloc_name for the
    sessions that hold a cyber roll call. ``bsv``: the BSV reference with ``bsv_z`` (standardised
    per year). ``dataset_urls``: source id -> URL, used to cite votes.
    """

    ideal: pd.DataFrame
    blocs: pd.DataFrame
    bsv: pd.DataFrame
    dataset_urls: dict = field(default_factory=dict)


def session_blocs(votes: pd.DataFrame, rollcalls: pd.DataFrame, sessions: Iterable[int],
                  seed: int = 0) -> pd.DataFrame:
    """Voting blocs per session: session, iso3, bloc (1 = largest), bloc_name, bloc_size.

    Lijphart agreement over the session's recorded roll calls; blocs are the seeded Louvain
    communities of the agreement graph at the median agreement (:func:`analysis.blocs.community_blocs`).
    """
    parts = []
    recorded = rollcalls[rollcalls["modality"] == "recorded"]
    with_votes = set(votes["rollcall_id"].unique())
    for session in sorted({int(s) for s in sessions if not _missing(s)}):
        ids = recorded.loc[(recorded["session"] == session) & recorded["rollcall_id"].isin(with_votes), "rollcall_id"]
        if ids.empty:
            continue
        agreement = _blocs.agreement_matrix(votes, ids, method="lijphart")
        clusters = _blocs.community_blocs(agreement, seed=seed)
        names = _blocs.name_blocs(clusters)
        sizes = clusters.value_counts()
        parts.append(pd.DataFrame({"session": session, "iso3": clusters.index, "bloc": clusters.to_numpy(),
                                   "bloc_name": clusters.map(names).to_numpy(),
                                   "bloc_size": clusters.map(sizes).to_numpy()}))
    if not parts:
        return pd.DataFrame(columns=["session", "iso3", "bloc", "bloc_name", "bloc_size"])
    return pd.concat(parts, ignore_index=True)


def _standardised_bsv(bsv: pd.DataFrame) -> pd.DataFrame:
    out = bsv[["iso3", "year", "ideal_point_all", "n_votes_all", "source"]].copy()
    out["year"] = out["year"].astype(int)
    grouped = out.groupby("year")["ideal_point_all"]
    out["bsv_z"] = (out["ideal_point_all"] - grouped.transform("mean")) / grouped.transform("std", ddof=0)
    out = out[~out.duplicated(["iso3", "year"], keep=False)]  # e.g. both Yemens published as YAR
    return out.rename(columns={"ideal_point_all": "bsv_ideal_point", "n_votes_all": "bsv_n_votes",
                               "source": "bsv_source"}).reset_index(drop=True)


def profile_context(data, dataset_urls: Mapping[str, str] | None = None, ideal: pd.DataFrame | None = None) -> ProfileContext:
    """Ideal points (all years), session blocs (sessions with a cyber roll call) and the BSV reference.

    `ideal` reuses an ideal-point table computed before (columns iso3, year, ideal_point, n_votes).
    About 10 s on the full vote record, most of it the ideal points.
    """
    if ideal is None:
        ideal = _blocs.ideal_points(data.votes, data.rollcalls, by="year")
    ideal = ideal.copy()
    ideal["year"] = ideal["year"].astype(int)
    ideal["rank"] = _blocs.rank_by_group(ideal, ascending=False).astype(int)   # ties by iso3
    ideal["n_states"] = ideal.groupby("year")["iso3"].transform("size").astype(int)
    cyber = data.rollcalls[data.rollcalls["ict"].fillna(False).astype(bool)]
    groups = session_blocs(data.votes, data.rollcalls, cyber["session"].dropna().unique())
    return ProfileContext(ideal=ideal, blocs=groups, bsv=_standardised_bsv(data.bsv_reference),
                          dataset_urls=dict(dataset_urls or {}))


# --------------------------------------------------------------------------------------------
# The profile
# --------------------------------------------------------------------------------------------

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
    return out


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
                         "signed_undated", "note") if c in rows.columns]
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
    cols = ["instrument", "short_name", "status", "signed", "ratified", "accession", "in_force", "party_since", "party_basis",
            "undated", "status_as_of", "verified", "confidence", "has_row", "source", "status_note", "instrument_source"]
    return out[[c for c in cols if c in out.columns]].sort_values("instrument").reset_index(drop=True)


def _lineage_codes(countries: pd.DataFrame, iso3: str) -> list[str]:
    preds = countries.loc[countries["lineage"].fillna("") == iso3, "iso3"].tolist()
    return [iso3] + sorted(preds)


def _tally(rc, counted: dict) -> tuple[str, str]:
    if not _missing(rc.yes) and not _missing(rc.no) and not _missing(rc.abstain):
        return f"{int(rc.yes)}-{int(rc.no)}-{int(rc.abstain)}", "official"
    if counted:
        return f"{counted.get('yes', 0)}-{counted.get('no', 0)}-{counted.get('abstain', 0)}", "counted"
    return "", ""


def _sponsors(sponsorships: pd.DataFrame, rollcall_id: str) -> pd.DataFrame:
    s = sponsorships[(sponsorships["rollcall_id"] == rollcall_id) & (sponsorships["sponsor_type"] == "state")]
    return s[["sponsor", "role"]]


def _votes(data, iso3: str, context: ProfileContext) -> pd.DataFrame:
    rc = data.rollcalls[data.rollcalls["ict"].fillna(False).astype(bool)].copy()
    rc["_d"] = rc["date"].fillna("9999")
    rc = rc.sort_values(["_d", "symbol"]).drop(columns="_d")
    codes = _lineage_codes(data.countries, iso3)
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
        bloc = blocs[(blocs["session"] == r.session) & (blocs["iso3"] == who)] if who and not _missing(r.session) else blocs.iloc[0:0]
        bloc_id = int(bloc["bloc"].iloc[0]) if len(bloc) else None
        bloc_name = bloc["bloc_name"].iloc[0] if len(bloc) else None
        bloc_vote, bloc_share, bloc_voters = None, None, None
        if bloc_id is not None and r.rollcall_id in counted:
            members = blocs.loc[(blocs["session"] == r.session) & (blocs["bloc"] == bloc_id), "iso3"]
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
            "bloc": bloc_id, "bloc_name": bloc_name, "bloc_vote": bloc_vote, "bloc_share": bloc_share,
            "bloc_voters": bloc_voters,
            "ideal_point": None if ip is None else float(ip["ideal_point"]),
            "ideal_rank": None if ip is None else int(ip["rank"]),
            "ideal_n_states": None if ip is None else int(ip["n_states"]),
            "source": source,
        })
    out = pd.DataFrame.from_records(records)
    for col in ("year", "session", "bloc", "bloc_share", "bloc_voters", "ideal_rank", "ideal_n_states"):
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
    """Per ideal-point row: 'votes: analysis.blocs.ideal_points' and the BSV citation where present."""
    ours = np.where(frame["ideal_point"].notna(), "ideal_point: estimated here from votes.csv.gz (analysis.blocs.ideal_points)", "")
    ref = frame["bsv_source"].fillna("")
    return pd.Series([" | ".join(p for p in (a, b) if p) for a, b in zip(ours, ref)], index=frame.index)


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
    """The profile of `iso3` from the tables in `data` (as returned by ``analysis.io.load_all``).

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


# --------------------------------------------------------------------------------------------
# Prose
# --------------------------------------------------------------------------------------------

class _Citations:
    """Numbered references in order of first use; one number per distinct source cell."""

    def __init__(self):
        self.sources: list[str] = []

    def cite(self, source) -> str:
        text = _text(source)
        if not text:
            return "[no source]"
        if text not in self.sources:
            self.sources.append(text)
        return f"[{self.sources.index(text) + 1}]"


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _identity_paragraph(p: CountryProfile, refs: _Citations) -> str:
    i = p.identity
    kind = {"member_state": "a UN member state", "observer_state": "a UN observer state",
            "historical_state": "a historical state", "territory": "a territory",
            "organisation": "an organisation"}.get(_text(i.get("type")), "an actor")
    where = _join([_text(i.get("subregion")), _text(i.get("region"))], "in") if i.get("subregion") else _text(i.get("region"))
    where = f"{_text(i.get('subregion'))} ({_text(i.get('region'))})" if i.get("subregion") and i.get("region") else where
    official = _text(i.get("official_name"))
    name = p.name + (f" ({official}, {p.iso3})" if official and official != p.name else f" ({p.iso3})")
    s = f"{name} is {kind}" + (f" in {where}" if where else "")
    if i.get("un_member_year"):
        s += f", a member of the United Nations since {i['un_member_year']}"
    s += f" {refs.cite(i.get('source'))}."
    preds = i.get("predecessors") or []
    if preds:
        parts = [_label(d["name"], f"{d['iso3']}, {(d['start'] or '?')[:4]}–{(d['end'] or '?')[:4]}") for d in preds]
        s += (f" In the UN vote record it carries forward the seat of {_join(parts)}; votes and ideal points "
              f"below include theirs, marked with the code that cast them.")
    return s


_POSITION_VERBS = {"strategy": "adopted the", "law": "enacted the", "institution": "set up the"}


def _positions_paragraph(p: CountryProfile, refs: _Citations, kinds: tuple[str, ...]) -> str:
    rows = p.positions[p.positions["kind"].isin(kinds)]
    if rows.empty:
        return ""
    rows = rows.assign(_d=rows["date"].fillna("")).sort_values(["_d", "position_id"])
    out = []
    for r in rows.itertuples(index=False):
        when = _on_date(r.date)
        if r.kind in _POSITION_VERBS:
            lead = f"{_capital(when)}, {p.name}" if when else p.name
            head = f"{lead} {_POSITION_VERBS[r.kind]} “{r.title}” {refs.cite(r.source)}."
        else:  # statements, position papers, negotiation: the title says what it is
            head = f"{_capital(when) + ': ' if when else ''}“{r.title}” {refs.cite(r.source)}."
        out.append(f"{head} {_sentence(_text(r.summary))}".strip())
    return " ".join(out)


def _treaty_sentence(p: CountryProfile, r, refs: _Citations) -> str:
    name = "the " + _label(r.short_name, r.instrument)
    caveat = ""
    if (not _missing(r.verified) and not bool(r.verified)) or _text(r.confidence) == "low":
        caveat = " The record is unverified" + (f" (confidence: {r.confidence})" if _text(r.confidence) else "") + "."
    cite = refs.cite(r.source)
    if r.status == "party":
        if r.undated:
            as_of = f" as of {_date_words(r.status_as_of)}" if _text(r.status_as_of) else ""
            return (f"{p.name} is listed as a Party to {name}{as_of}; the sources give no date of signature "
                    f"or ratification {cite}.{caveat}")
        how = "acceded to" if r.accession is True else ("ratified" if r.party_basis == "ratified" else "became a Party to")
        signed = f"signed {name} {_on_date(r.signed)} and " if _text(r.signed) else ""
        verb = f"{signed}{how} {'it' if signed else name} {_on_date(r.party_since)}"
        if r.party_basis == "in_force":
            verb = f"{signed}became a Party to {'it' if signed else name} by {_date_words(r.party_since)} (entry into force; the deposit date is not in the sources)"
        force = f", in force for {p.name} from {_date_words(r.in_force)}" if _text(r.in_force) and r.party_basis != "in_force" else ""
        return f"{p.name} {verb}{force} {cite}.{caveat}"
    if r.status == "signed":
        if r.undated:
            as_of = f" (status as of {_date_words(r.status_as_of)})" if _text(r.status_as_of) else ""
            return f"{p.name} is reported to have signed {name}, date not in the sources{as_of} {cite}.{caveat}"
        return f"{p.name} signed {name} {_on_date(r.signed)} and had not ratified it by {_date_words(p.as_of)} {cite}.{caveat}"
    return f"{p.name} is recorded without signature of {name} {cite}.{caveat}"


def _treaties_paragraph(p: CountryProfile, refs: _Citations) -> str:
    t = p.treaties
    rows = t[t["has_row"]]
    out = [_treaty_sentence(p, r, refs) for r in rows.itertuples(index=False)]
    none = t[~t["has_row"]]["instrument"].tolist()
    if none:
        out.append(f"No signature or ratification is recorded for {p.name} under the other instruments in the data "
                   f"({', '.join(none)}) as of {_date_words(p.as_of)}.")
    return " ".join(out)


def _state_names(codes: list[str], names: Mapping[str, str]) -> list[str]:
    return [names.get(c, c) for c in codes]


def _votes_paragraph(p: CountryProfile, refs: _Citations, names: Mapping[str, str] | None = None,
                     sponsors: Mapping[str, list[str]] | None = None) -> str:
    v = p.votes
    names = names or {}
    rec = v[v["vote"].isin(["yes", "no", "abstain", "absent"])]
    out = []
    if rec.empty:
        out.append(f"{p.name} has no recorded vote on the cyber roll calls in the data.")
    else:
        counts = rec["vote"].value_counts()
        n = {k: int(counts.get(k, 0)) for k in ("yes", "no", "abstain", "absent")}
        done = [f"voted yes {_times(n['yes'])}" if n["yes"] else "",
                (f"no {_times(n['no'])}" if n["yes"] else f"voted no {_times(n['no'])}") if n["no"] else "",
                f"abstained {_times(n['abstain'])}" if n["abstain"] else "",
                f"was absent {_times(n['absent'])}" if n["absent"] else ""]
        never = [f"voted {k}" for k in ("yes", "no") if not n[k]] + (["abstained"] if not n["abstain"] else [])
        years = f"{rec['year'].min()}–{rec['year'].max()}"
        out.append(f"On the {len(rec)} recorded UN General Assembly votes on cyber texts ({years}) in the data, "
                   f"{p.name} {_join(done)}" + (f"; it never {_join(never, 'or')}." if never else "."))
    for r in rec[rec["cybercrime"]].itertuples(index=False):
        who = p.name if r.cast_as in (None, p.iso3) else f"{p.name} (as {r.cast_as})"
        spons = (sponsors or {}).get(r.rollcall_id, [])
        sp = ""
        if spons:
            shown = _state_names(spons[:2], names)
            rest = len(spons) - len(shown)
            sp = f", tabled by {_join(shown + ([f'{rest} other states'] if rest else []))}"
        tally = f"adopted {r.tally}" + (" (official tally)" if r.tally_basis == "official" else " (yes-no-abstain counted from the country votes)") if r.tally else ""
        verb = {"yes": "voted yes", "no": "voted no", "abstain": "abstained", "absent": "was absent"}[r.vote]
        s = (f"On resolution {_rc_label(r.symbol)} (“{_clean_title(r.title)}”, {_date_words(r.date)}; {tally}{sp}), "
             f"{who} {verb} {refs.cite(r.source)}")
        if r.bloc_name and r.bloc_vote:
            how = (f"all {r.bloc_voters} voting members voted {r.bloc_vote}" if r.bloc_share == r.bloc_voters
                   else f"{r.bloc_share} of its {r.bloc_voters} voting members voted {r.bloc_vote}")
            s += f"; in its voting bloc of session {r.session} ({r.bloc_name}) {how}"
        if not pd.isna(r.ideal_point):
            s += (f", and its ideal point that year was {r.ideal_point:+.2f} (rank {r.ideal_rank} of "
                  f"{r.ideal_n_states}, 1 = closest to the United States)")
        out.append(s + ".")
    others = rec[~rec["cybercrime"]]
    if len(others):
        items = [f"{_rc_label(r.symbol)} {r.vote}{'' if r.cast_as in (None, p.iso3) else ' (as ' + r.cast_as + ')'} "
                 f"{refs.cite(r.source)}" for r in others.itertuples(index=False)]
        out.append(f"Its votes on the other ICT-security texts: {'; '.join(items)}.")
    wv = v[v["vote"] == "without vote"]
    if len(wv):
        items = [f"{_rc_label(r.symbol)}{' (' + _date_words(r.date) + ')' if _text(r.date) else ''} {refs.cite(r.source)}"
                 for r in wv.itertuples(index=False)]
        out.append(f"Adopted without a vote, so with no country-level record: {'; '.join(items)}.")
    both = p.ideal_points.dropna(subset=["ideal_point", "bsv_ideal_point"])
    if len(both):
        r = both.iloc[-1]
        first = both.iloc[0]
        out.append(
            f"Over all roll calls of {int(r['year'])}, the latest year both estimates cover, its ideal point was "
            f"{r['ideal_point']:+.2f} standard deviations from the mean of {int(r['n_states'])} states (rank "
            f"{int(r['rank'])}, 1 = closest to the United States; estimated here from the vote record); the "
            f"Bailey-Strezhnev-Voeten reference puts it at {r['bsv_ideal_point']:+.2f} on its own scale "
            f"({r['bsv_z']:+.2f} standardised) {refs.cite(r['bsv_source'])}. The two series correlate at "
            f"{both['ideal_point'].corr(both['bsv_z']):.2f} over {len(both)} years ({int(first['year'])}–{int(r['year'])}).")
    return " ".join(out)


def _cooperation_paragraph(p: CountryProfile, refs: _Citations) -> str:
    c = p.cooperation
    if c.empty:
        return f"The cooperation tables hold no tie for {p.name}."
    out = []
    bil = c[c["partner_type"] != "group"]
    for kind, label in list(KIND_LABELS.items()) + [(k, k.replace("_", " ")) for k in sorted(set(bil["kind"]) - set(KIND_LABELS))]:
        rows = bil[bil["kind"] == kind]
        if rows.empty:
            continue
        items = []
        for r in rows.itertuples(index=False):
            when = _date_words(r.date) or (str(r.year) if not _missing(r.year) else "undated")
            items.append(f"{_text(r.partner_name, r.partner)} ({when}) {refs.cite(r.source)}")
        out.append(f"{_capital(label)} with {_join(items)}")
    text = ""
    if out:
        text = f"Bilateral cooperation ties of {p.name} in the data: " + "; ".join(out) + "."
    grp = c[c["partner_type"] == "group"]
    if len(grp):
        items = [f"“{r.title}” ({_date_words(r.date) or _text(r.year, 'undated')}; {r.members} members) {refs.cite(r.source)}"
                 for r in grp.itertuples(index=False)]
        text += f" Group ties: {'; '.join(items)}."
    return text.strip()


def _memberships_paragraph(p: CountryProfile, refs: _Citations) -> str:
    m = p.memberships
    if m.empty:
        return f"The membership table lists no organisation for {p.name}."
    items = []
    for r in m.itertuples(index=False):
        dates = _join([f"since {_date_words(r.joined)}" if _text(r.joined) else "",
                       f"until {_date_words(r.left)}" if _text(r.left) else ""], "and")
        items.append(f"{r.org_name}{' (' + dates + ')' if dates else ''} {refs.cite(r.source)}")
    current = m["left"].isna().all()
    return f"{p.name} {'is' if current else 'is or was'} a member of {_join(items)}."


def _sponsor_lists(data, profile: CountryProfile) -> dict[str, list[str]]:
    """Roll call -> state sponsors (role 'sponsor'), best-known first (blocs.PREFERRED_NAMES)."""
    if not hasattr(data, "sponsorships"):
        return {}
    s = data.sponsorships
    s = s[s["rollcall_id"].isin(profile.votes["rollcall_id"]) & (s["sponsor_type"] == "state") & (s["role"] == "sponsor")]
    rank = {c: i for i, c in enumerate(_blocs.PREFERRED_NAMES)}
    return {r: sorted(g["sponsor"], key=lambda c: (rank.get(c, len(rank)), c)) for r, g in s.groupby("rollcall_id")}


SECTIONS = (
    ("identity", "Identity"),
    ("strategies", "Strategies, laws and institutions"),
    ("statements", "Statements and position papers"),
    ("treaties", "Treaties"),
    ("votes", "Votes at the UN General Assembly"),
    ("cooperation", "Cooperation"),
    ("memberships", "Memberships"),
)


def _paragraphs(profile: CountryProfile, refs: _Citations, names=None, sponsors=None) -> list[tuple[str, str]]:
    texts = {
        "identity": _identity_paragraph(profile, refs),
        "strategies": _positions_paragraph(profile, refs, ("strategy", "law", "institution")),
        "statements": _positions_paragraph(profile, refs, ("statement", "position_paper", "negotiation")),
        "treaties": _treaties_paragraph(profile, refs),
        "votes": _votes_paragraph(profile, refs, names, sponsors),
        "cooperation": _cooperation_paragraph(profile, refs),
        "memberships": _memberships_paragraph(profile, refs),
    }
    return [(title, texts[key]) for key, title in SECTIONS if texts[key]]


def profile_text(profile: CountryProfile, data=None, markdown: bool = False) -> str:
    """The profile as prose: one paragraph per section, numbered citations, then the sources.

    `data` (optional, the same tables) adds registry names of sponsors ("tabled by Russia, China
    and 25 other states"); without it the sponsor clause is left out. `markdown=True` gives bold
    section leads and clickable source links; the words are the same.
    """
    names = dict(zip(data.countries["iso3"], data.countries["name"])) if data is not None else None
    sponsors = _sponsor_lists(data, profile) if data is not None else None
    refs = _Citations()
    paras = _paragraphs(profile, refs, names, sponsors)
    lines = []
    if markdown:
        lines.append(f"## {profile.name} ({profile.iso3})\n")
        lines += [f"**{title}.** {text}\n" for title, text in paras]
        lines.append("**Sources.**\n")
        for k, src in enumerate(refs.sources, 1):
            parts = [f"<{u}>" if u.startswith("http") and " " not in u else u for u in _urls(src)]
            lines.append(f"{k}. " + " · ".join(parts))
        return "\n".join(lines) + "\n"
    lines.append(f"{profile.name} ({profile.iso3})\n")
    lines += [f"{title}. {text}\n" for title, text in paras]
    lines.append("Sources")
    lines += [f"[{k}] {src}" for k, src in enumerate(refs.sources, 1)]
    return "\n".join(lines) + "\n"


class Prose:
    """A text that Jupyter shows as Markdown, and whose plain-text form (what nbval compares) is the
    plain prose."""

    def __init__(self, plain: str, markdown: str):
        self.plain, self.markdown = plain, markdown

    def __repr__(self) -> str:
        return self.plain

    def _repr_markdown_(self) -> str:
        return self.markdown


def profile_prose(profile: CountryProfile, data=None) -> Prose:
    """:func:`profile_text` in both forms, for display in a notebook."""
    return Prose(profile_text(profile, data), profile_text(profile, data, markdown=True))


class SourcedTable:
    """A table that Jupyter shows as HTML with every URL of its source columns as a link, and
    whose plain-text form (what nbval compares) is the full ``to_string`` of the frame."""

    def __init__(self, frame: pd.DataFrame, link_columns: Iterable[str] = ("source",)):
        self.frame = frame.reset_index(drop=True)
        self.link_columns = [c for c in link_columns if c in self.frame.columns]

    def _cells(self) -> pd.DataFrame:
        """Every cell as display text; missing values as empty strings."""
        return self.frame.astype(object).apply(lambda col: col.map(lambda v: "" if _missing(v) else str(v)))

    def __repr__(self) -> str:
        return self._cells().to_string()

    def _repr_html_(self) -> str:
        import html

        def links(value: str) -> str:
            parts = []
            for part in _urls(value):
                if re.fullmatch(r"https?://\S+", part):
                    parts.append(f'<a href="{html.escape(part, quote=True)}">{html.escape(part)}</a>')
                else:
                    parts.append(html.escape(part))
            return "<br>".join(parts)

        cells = self._cells()
        for col in cells.columns:
            cells[col] = cells[col].map(links if col in self.link_columns else html.escape)
        table = cells.to_html(escape=False, index=False, classes="sourced", border=0)
        style = ("<style>table.sourced td, table.sourced th { text-align: left; vertical-align: top; }"
                 " table.sourced td { max-width: 36em; }</style>")
        return style + table


def sourced_table(frame: pd.DataFrame, link_columns: Iterable[str] = ("source",)) -> SourcedTable:
    """`frame` for display with clickable sources (see :class:`SourcedTable`)."""
    return SourcedTable(frame, link_columns)
