"""Build the country registry and the UN General Assembly vote tables from the raw sources.

Session 74 is in both vote sources: the tidy tables take its recorded votes from unvotes (which
also has the amendment and paragraph votes) and its texts adopted without a vote from the DGACM
extract; :func:`session74_overlap` compares the two country by country (used by the tests).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.paths import CURATION_DIR
from analysis.core.vocabulary import rollcall_id_of_symbol
from analysis.data import countries, schema
from analysis.data.sources import curation as curated
from analysis.data.sources import ict, unvotes, unxml

VOTE_COLUMNS = schema.columns("votes")


def _map(frame: pd.DataFrame, name_col: str, date_col: str, registry: pd.DataFrame, file: str) -> pd.Series:
    """Map names to codes; errors name the file and the source row (``line`` column if present)."""
    try:
        return countries.map_names(frame, name_col, date_col, registry, file)
    except DataErrors as exc:
        if "line" not in frame:
            raise
        fixed = []
        for e in exc.errors:
            pos = e.row - 2
            fixed.append(DataError(file, e.message + f" (resolution {frame['rollcall_id'].iloc[pos]})",
                                   row=int(frame["line"].iloc[pos]), column=name_col))
        raise DataErrors(fixed) from None


def unvotes_tables(folder: Path, registry: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Roll calls and votes 1946-2019 from unvotes, every country mapped by name and date."""
    rc = unvotes.read_rollcalls(folder)
    raw = unvotes.read_votes(folder)
    raw = raw.merge(rc[["rollcall_id", "date"]], on="rollcall_id", how="left", validate="many_to_one")
    if raw["date"].isna().any():
        i = int(raw["date"].isna().idxmax())
        raise DataError("unvotes/un_votes.csv.gz", f"rcid {raw.at[i, 'rollcall_id']} has no roll call",
                        row=i + 2, column="rcid")
    pairs = raw[["country", "date"]].drop_duplicates().reset_index(drop=True)
    pairs["iso3"] = countries.map_names(pairs, "country", "date", registry, "unvotes/un_votes.csv.gz")
    votes = raw.merge(pairs, on=["country", "date"], how="left")[VOTE_COLUMNS]
    return rc, votes


def unxml_tables(folder: Path, registry: pd.DataFrame):
    """Roll calls, votes (with ``absent`` for members on none of the lists) and notes, 2019-2025."""
    rc, raw, notes, records = unxml.read_resolutions(folder)
    raw = raw.reset_index(drop=True)
    raw["iso3"] = _map(raw, "country", "date", registry, "unxml_ga_resolutions")
    dup = raw.duplicated(["rollcall_id", "iso3"], keep=False)
    if dup.any():
        rows = raw[dup]
        raise DataErrors([DataError(r.file, f"{r.rollcall_id}: {r.country!r} maps to {r.iso3}, listed twice",
                                    row=int(r.line), column="MS_*") for r in rows.itertuples()])
    _check_superseded(records, raw, registry)
    members = registry[registry["type"] == "member_state"]
    absent = []
    with_lists = set(raw["rollcall_id"])
    for r in rc[rc["rollcall_id"].isin(with_lists)].itertuples(index=False):
        valid = members[(members["start"].isna() | (members["start"] <= r.date)) &
                        (members["end"].isna() | (members["end"] > r.date))]["iso3"]
        listed = set(raw.loc[raw["rollcall_id"] == r.rollcall_id, "iso3"])
        absent.extend({"rollcall_id": r.rollcall_id, "iso3": c, "vote": "absent"} for c in valid if c not in listed)
    votes = pd.concat([raw[VOTE_COLUMNS], pd.DataFrame(absent, columns=VOTE_COLUMNS)], ignore_index=True)
    return rc, votes, notes, records


def _check_superseded(records: list[dict], mapped: pd.DataFrame, registry: pd.DataFrame) -> None:
    """A dropped duplicate record must name the same countries, vote by vote, as the kept one."""
    res = countries.resolver(registry)
    for rec in records:
        if not rec.get("_superseded"):
            continue
        symbol = unxml._symbol(rec)
        rid = rollcall_id_of_symbol(symbol)
        date = unxml.parse_date(rec["adoption_date"])
        kept = mapped[mapped["rollcall_id"] == rid]
        for list_key, _count, vote in unxml.GROUPS:
            theirs = {res.resolve(n, date) for n in rec.get(list_key) or []}
            ours = set(kept.loc[kept["vote"] == vote, "iso3"])
            if theirs != ours:
                raise DataError(f"unxml_ga_resolutions/{rec['_file']}.json",
                                f"{symbol}: duplicate records disagree on {list_key}: {sorted(theirs ^ ours)}",
                                row=rec["_line"], column=list_key)


def ict_flags(rollcalls: pd.DataFrame, ict_source: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """Topic flags from the explicit lists: curated 1946-2019 roll calls and the 2020-2025 source.

    ``ict`` = a core ICT-security or cybercrime text; ``cybercrime`` = the crime track;
    ``ict_scope`` keeps the scope tag (adjacent ICT-for-development texts have ``ict`` False).
    """
    old = curated.read(curation, "ict_rollcalls_1946_2019.csv")
    out = rollcalls.copy()
    out["ict"], out["cybercrime"], out["ict_scope"] = False, False, ""
    for i, row in enumerate(old.itertuples(index=False), start=2):
        hit = out["rollcall_id"] == row.rollcall_id
        if hit.sum() != 1 or out.loc[hit, "symbol"].iloc[0] != row.symbol:
            raise DataError("curation/ict_rollcalls_1946_2019.csv",
                            f"{row.rollcall_id} is not the roll call of {row.symbol}", row=i, column="rollcall_id")
        out.loc[hit, ["ict", "cybercrime", "ict_scope"]] = [row.ict == "true", row.cybercrime == "true", row.scope]
    for row in ict_source.itertuples(index=False):
        hit = (out["symbol"] == row.symbol) & (out["source"] == unxml.SOURCE_ID)
        if not hit.any():
            continue  # texts outside the DGACM extract are added by ict_only_rollcalls
        out.loc[hit, ["ict", "cybercrime", "ict_scope"]] = [
            row.scope.startswith("core"), row.scope == "core-cybercrime", row.scope]
    return out


def ict_only_rollcalls(ict_source: pd.DataFrame, known_symbols: set[str]) -> pd.DataFrame:
    """Rows of the ICT list that are not adopted resolutions in the DGACM extract (decisions,
    amendments): roll-call rows without per-country votes, ids 'I75-L55' style."""
    rows = []
    for row in ict_source.itertuples(index=False):
        if row.symbol in known_symbols:
            continue
        symbol = row.symbol.split(" (")[0]
        if symbol.startswith("decision "):
            session, number = symbol.split(" ")[1].split("/")
            rid = f"I{session}-D{number}"
        else:
            parts = symbol.split("/")  # A/75/L.55
            session, number = parts[1], parts[2].replace(".", "")
            rid = f"I{session}-{number}"
        modality = {"without vote": "without_vote", "recorded vote": "recorded"}.get(row.modality, "unknown")
        rows.append({
            "rollcall_id": rid, "session": int(session), "special_session": "", "date": row.date or None,
            "symbol": symbol, "title": row.title, "kind": row.kind, "modality": modality,
            "yes": None, "no": None, "abstain": None, "ict": row.scope.startswith("core"),
            "cybercrime": row.scope == "core-cybercrime", "ict_scope": row.scope, "important": pd.NA,
            "committee": "", "meeting_record": "", "tally_source": "", "source": ict.SOURCE_ID,
        })
    return pd.DataFrame(rows)


def apply_official_tallies(rollcalls: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """Official tallies for earlier roll calls, from ``curation/official_tallies.csv`` (each row sourced)."""
    cur = curated.read(curation, "official_tallies.csv")
    out = rollcalls.copy()
    for i, row in enumerate(cur.itertuples(index=False), start=2):
        hit = out["rollcall_id"] == row.rollcall_id
        if hit.sum() != 1 or out.loc[hit, "symbol"].iloc[0] != row.symbol:
            raise DataError("curation/official_tallies.csv", f"{row.rollcall_id} is not the roll call of {row.symbol}",
                            row=i, column="rollcall_id")
        out.loc[hit, ["yes", "no", "abstain"]] = [int(row.yes), int(row.no), int(row.abstain)]
        out.loc[hit, "tally_source"] = "curated: " + row.source_url
    return out


def session74_overlap(unv_votes: pd.DataFrame, unv_rc: pd.DataFrame, x_votes: pd.DataFrame,
                      x_rc: pd.DataFrame) -> pd.DataFrame:
    """Country-by-country comparison of the session-74 roll calls present in both sources.

    One row per (symbol, iso3) where either source has a yes/no/abstain vote, with both votes
    (``absent`` in unvotes means no row there, since unvotes dropped absences).
    """
    a = unv_rc[(unv_rc["session"] == 74)][["rollcall_id", "symbol"]]
    b = x_rc[(x_rc["session"] == 74) & (x_rc["modality"] == "recorded")][["rollcall_id", "symbol"]]
    shared = sorted(set(a["symbol"]) & set(b["symbol"]))
    va = unv_votes.merge(a[a["symbol"].isin(shared)], on="rollcall_id")[["symbol", "iso3", "vote"]]
    vb = x_votes.merge(b[b["symbol"].isin(shared)], on="rollcall_id")[["symbol", "iso3", "vote"]]
    vb = vb[vb["vote"] != "absent"]
    out = va.merge(vb, on=["symbol", "iso3"], how="outer", suffixes=("_unvotes", "_unxml"))
    return out.fillna({"vote_unvotes": "absent", "vote_unxml": "absent"}).sort_values(["symbol", "iso3"])


def vote_tables(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR):
    """(rollcalls, votes, notes) for 1946-2025, ready to write."""
    unv_rc, unv_votes = unvotes_tables(Path(sources) / "unvotes", registry)
    x_rc, x_votes, notes, _records = unxml_tables(Path(sources) / "unxml_ga_resolutions", registry)
    ict_source = ict.read_ict_resolutions(Path(sources) / "unga_ict_votes_2020_2025")

    # Session 74: recorded votes from unvotes; official tallies from the DGACM counts.
    x74 = x_rc[(x_rc["session"] == 74) & (x_rc["special_session"] == "")]
    tallies = x74[x74["modality"] == "recorded"].set_index("symbol")[["yes", "no", "abstain"]]
    unv_rc = unv_rc.copy()
    for col in ("yes", "no", "abstain"):
        unv_rc[col] = pd.array([pd.NA] * len(unv_rc), dtype="Int64")
    unv_rc["tally_source"] = ""
    single = unv_rc[unv_rc["session"] == 74].groupby("symbol")["rollcall_id"].transform("size") == 1
    for idx in single[single].index:
        sym = unv_rc.at[idx, "symbol"]
        if sym in tallies.index:
            unv_rc.loc[idx, ["yes", "no", "abstain"]] = tallies.loc[sym].tolist()
            unv_rc.at[idx, "tally_source"] = "unxml (DGACM counts)"
    unv_rc = apply_official_tallies(unv_rc, curation)
    unv_rc["special_session"] = ""
    unv_rc["committee"], unv_rc["meeting_record"] = "", ""

    keep_x = ~((x_rc["session"] == 74) & (x_rc["special_session"] == "") & (x_rc["modality"] == "recorded"))
    x_rc = x_rc[keep_x].copy()
    x_rc["tally_source"] = x_rc["modality"].map({"recorded": "unxml (DGACM counts)"}).fillna("")
    x_rc["important"] = pd.NA
    x_votes = x_votes[x_votes["rollcall_id"].isin(set(x_rc["rollcall_id"]))]
    notes = notes[notes["rollcall_id"].isin(set(x_rc["rollcall_id"]))]

    parts = [unv_rc.drop(columns=["source_symbol"]), x_rc.drop(columns=["_line", "_file"])]
    rc = pd.concat([p.astype(object) for p in parts], ignore_index=True)
    rc = ict_flags(rc, ict_source, curation)
    extra = ict_only_rollcalls(ict_source, set(rc.loc[rc["source"] == unxml.SOURCE_ID, "symbol"]))
    rc = pd.concat([rc, extra.astype(object)], ignore_index=True)
    for col in ("session", "yes", "no", "abstain"):
        rc[col] = pd.array(rc[col].tolist(), dtype="Int64")
    for col in ("ict", "cybercrime", "important"):
        rc[col] = pd.array(rc[col].tolist(), dtype="boolean")
    rc["year"] = rc["date"].str.slice(0, 4).astype("Int64")
    rc = rc[schema.columns("rollcalls")]
    votes = pd.concat([unv_votes, x_votes], ignore_index=True)
    notes = pd.concat([notes, amendment_notes(rc, curation)], ignore_index=True)
    return rc, votes, notes.reset_index(drop=True)


def amendment_notes(rollcalls: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """What the sources say of how the amendments to 75/282 were decided (``curation/un_amendments_75_282.csv``):
    one ``modality_unknown`` note per amendment whose modality no source settles, saying what is known."""
    file = "curation/un_amendments_75_282.csv"
    cur = curated.read(curation, "un_amendments_75_282.csv")
    rows, errors = [], []
    for i, r in enumerate(cur.itertuples(index=False), start=2):
        hit = rollcalls[rollcalls["symbol"] == r.symbol]
        if len(hit) != 1:
            errors.append(DataError(file, f"{r.symbol} is not one roll call of rollcalls", row=i, column="symbol"))
            continue
        if r.modality != hit["modality"].iloc[0]:
            errors.append(DataError(file, f"{r.symbol}: modality {r.modality!r} here but "
                                          f"{hit['modality'].iloc[0]!r} in the roll calls", row=i, column="modality"))
        if r.modality == "unknown":
            rows.append({"rollcall_id": hit["rollcall_id"].iloc[0], "symbol": r.symbol, "check": "modality_unknown",
                         "detail": f"{r.source_quote.strip()} (press release {r.source_url.split(' ; ')[0]}); "
                                   f"per-country list available: {r.per_country_list_available}",
                         "action": f"listed with modality unknown and no country votes ({file} row {i})"})
    if errors:
        raise DataErrors(errors)
    return pd.DataFrame(rows, columns=schema.columns("rollcall_notes"))
