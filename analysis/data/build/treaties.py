"""Build the treaty, cooperation, membership, position and event tables from the raw sources.

Inputs (read in place, never modified):

- ``sources/coe_cybercrime_treaties/``: ``treaty_status.csv`` (ETS 185, ETS 189, CETS 224 by state)
  and ``invited.csv`` (States invited to accede to ETS 185);
- ``sources/other_cybercrime_instruments/``: ``instruments.csv`` and ``instrument_status.csv``
  (UN Convention 2024, Malabo, Arab 2010, CIS, SCO, CSTO);
- ``sources/cooperation/``: ``edges.csv`` (bilateral and group ties) and ``memberships.csv``;
- the project's curated files in ``curation/``: ``coe_instruments.csv`` (the three CoE treaties,
  facts taken only from the CoE SOURCES.md/CHECKS.md), ``coe_treaty_status_additions.csv`` (rows
  that supersede ``treaty_status.csv`` cell by cell), ``positions.csv``, ``events.csv``,
  ``cooperation_additions.csv`` and ``membership_additions.csv``.

Every actor name goes through the country registry by name *and* date
(:func:`analysis.countries.map_names`); an unmapped name raises
:class:`~analysis.errors.DataErrors` naming file, row and column. Rows that cannot become table
rows (aggregate counts in ``invited.csv``) are listed in the ``excluded`` table, never dropped
silently.

``status_as_of`` (participation, memberships) must be an ISO date, but several sources give prose
("UNTC snapshot, undated (page shows Signatories 72)"). The rule, in this order, with the prose
and the rule used always kept in ``status_note``:

1. a documented status date for a named snapshot (:data:`SNAPSHOT_DATES`, each with its reason);
2. the latest full ISO date printed in the prose ("AU status list dated 2026-02-02, ...");
3. a leading partial date ("2025-10 (statement)", "2021-03 (UNIDIR 'Last Updated')"): the last
   day of that month or year, the latest day the source can describe, capped at the read date;
4. CoE rows whose cell is empty: the documented date of the snapshot the row cites
   (:data:`COE_SOURCE_DATES`, e.g. 2024-06-20 for the Dutch list C1, which shows the accessions
   of 20 June 2024), else the latest dated event in the row (any row without a status date);
5. otherwise :data:`SOURCES_READ_ON`, the date the sources were read.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data import countries
from analysis.core.errors import DataError, DataErrors
from analysis.core.paths import CURATION_DIR
from analysis.data.sources._common import read_csv_checked

#: The shared source folders carry no read date of their own. 2026-11-28 is the read date of
#: the project's curation pass over the same material (``read_on`` in curation/*.csv) and the
#: date the source folders were delivered; it is the fallback ``status_as_of``.
SOURCES_READ_ON = "2026-11-28"

#: Status dates for snapshots whose prose carries no date, with the documented reason.
SNAPSHOT_DATES = {
    "UNTC snapshot, undated (page shows Signatories 72)": (
        "2025-10-26",
        "other_cybercrime_instruments/SOURCES.md A1: the page counts the 72 Hanoi signatories of "
        "25-26 Oct 2025 and no later signature, so it describes the status at the close of the "
        "Hanoi ceremony (2025-10-26)"),
}

#: Status dates of CoE sources that describe a State's status but whose rows have an empty
#: ``status_as_of`` cell, as documented in coe_cybercrime_treaties/SOURCES.md: (URL fragment,
#: date, reason). A row citing several of them takes the latest. Sources that support only a
#: side fact of a row (C4's list of non-member recipients, used for ``coe_member``) are not here.
COE_SOURCE_DATES = (
    ("inview.nl/document/ida9135c0f2679103f04a4f8f7d99c2d8c", "2024-06-20",
     "the Dutch list C1 shows the accessions of 20 June 2024 (SOURCES.md C1)"),
    ("verdragenbank.overheid.nl/en/Treaty/Details/013833_p", "2026-02-05",
     "the newer CETS 224 snapshot's latest entry is Hungary's ratification of 2026-02-05 (SOURCES.md S20)"),
    ("verdragen.nl/en/Treaty/Details/013833_p", "2025-11-14",
     "the older CETS 224 snapshot's latest entry is the signature of 2025-11-14 (SOURCES.md S21)"),
    ("trb-2007-10", "2006-10-12", "the 2007 Dutch Treaty Series' latest event is of 2006-10-12 (SOURCES.md S4)"),
    ("doczz.fr/doc/5534207", "2011-06-01", "the CoE notification of 1 June 2011 lists Contracting States and "
                                           "signatories (SOURCES.md C3)"),
    ("informatica-juridica.com", "2012-08-24", "the Costa Rican bill of 24 Aug 2012 lists the Parties (SOURCES.md C41)"),
    ("cybercrimelaw.net/coe.html", "2015-09-30", "the list is 'as of September 2015' (SOURCES.md S25)"),
)

#: Confidence of CoE rows as stated in coe_cybercrime_treaties/CHECKS.md (completion pass §6)
#: and SOURCES.md. treaty_status.csv has no confidence column; rows not named here stay empty
#: (not assessed by the source) unless they rest on C1, which CHECKS §6 rates high.
COE_CONFIDENCE = {
    ("ETS185", "PER"): ("low", "CHECKS §6: a lawyer's radio interview (C22)"),
    ("ETS185", "ECU"): ("low", "CHECKS §6: Party status read from a change-log entry (S12)"),
    ("ETS185", "PAN"): ("low", "CHECKS §6: name lists only"),
    ("ETS185", "PRY"): ("low", "CHECKS §6: name lists only"),
    ("ETS185", "SEN"): ("low", "CHECKS §6: name lists only"),
    ("ETS185", "MDA"): ("medium", "CHECKS §6: Octopus-derived deposit date (C20)"),
    ("ETS185", "MNE"): ("medium", "CHECKS §6: Octopus-derived deposit date (C21)"),
    ("ETS185", "LKA"): ("medium", "CHECKS §6: national sources quoting the CoE notification (C6)"),
    ("ETS185", "SLE"): ("medium", "CHECKS §6: news (C18)"),
    ("ETS185", "PRT"): ("medium", "CHECKS §6: EIF from a blog (C13)"),
    ("ETS185", "ESP"): ("medium", "CHECKS §6: EIF from a university project page (C15)"),
    ("ETS185", "STP"): ("medium", "SOURCES.md S16: a single blog post, medium confidence"),
    ("ETS185", "CAN"): ("medium", "SOURCES.md S7 / CHECKS §4: 'ratified' is the government "
                                  "announcement date, not a CoE deposit date"),
    ("ETS189", "SWE"): ("medium", "CHECKS §6: CoE news item, not a chart (C17)"),
    ("ETS189", "FIN"): ("medium", "CHECKS §6: CoE news item, not a chart (C26)"),
    ("ETS189", "MLT"): ("medium", "SOURCES.md S16: a single blog post, medium confidence"),
    **{("ETS185", c): ("high", "CHECKS §6: CoE notification, declarations page or official gazette")
       for c in ("AUS", "GBR", "TUR", "CHE", "TON", "SVK", "CHL", "POL", "MLT", "NLD", "UKR")},
    **{("ETS189", c): ("high", "CHECKS §6: official gazette / treaty series") for c in ("SVK", "POL")},
}

#: memberships.csv organisation name -> short id.
ORG_IDS = {
    "European Union": "EU", "NATO": "NATO", "Council of Europe": "COE", "African Union": "AU",
    "League of Arab States": "LAS", "ASEAN": "ASEAN", "BRICS": "BRICS",
    "Shanghai Cooperation Organisation": "SCO", "Collective Security Treaty Organization": "CSTO",
    "Commonwealth of Independent States": "CIS", "Organization of American States": "OAS",
    "G7": "G7", "Five Eyes": "FIVE_EYES", "Quintet of Attorneys General": "QUINTET",
    "Counter Ransomware Initiative": "CRI", "INTERPOL": "INTERPOL",
}

INSTRUMENT_COLUMNS = ["instrument", "title", "adopted", "opened_for_signature", "entry_into_force",
                      "depositary", "source", "notes"]
PARTICIPATION_COLUMNS = ["instrument", "iso3", "signed", "ratified", "accession", "in_force", "status_as_of",
                         "verified", "confidence", "source", "status_note", "party_undated", "signed_undated",
                         "deposited", "name_in_source", "note"]
INVITATION_COLUMNS = ["instrument", "iso3", "date", "status", "source", "name_in_source"]
COOPERATION_COLUMNS = ["tie_id", "a_iso3", "b_iso3", "group_id", "kind", "title", "date", "year", "in_force",
                       "source", "note"]
GROUP_COLUMNS = ["group_id", "iso3", "source", "name_in_source"]
MEMBERSHIP_COLUMNS = ["org", "org_name", "iso3", "joined", "left", "status_as_of", "source", "note",
                      "status_note", "name_in_source"]
POSITION_COLUMNS = ["position_id", "iso3", "date", "kind", "title", "summary", "source", "read_on", "confidence",
                    "note"]
EVENT_COLUMNS = ["event_id", "date", "end_date", "kind", "title", "summary", "source", "read_on"]
EXCLUDED_COLUMNS = ["file", "row", "reason"]

_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LEADING_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?!\d))?(?!\d)")
_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def leading_date(text: str) -> tuple[str, str]:
    """('2024-12-24', 'GA resolution 79/243 ...') from '2024-12-24 (GA resolution 79/243 ...)'.

    Only a full ISO date at the very start counts; otherwise the date is empty and all the text
    is returned as the note.
    """
    text = (text or "").strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})\b\s*(.*)$", text, flags=re.S)
    if not m:
        return "", text
    rest = m.group(2).strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    return m.group(1), rest


def _period_end(year: str, month: str | None) -> str:
    if month:
        return (pd.Timestamp(f"{year}-{month}-01") + pd.offsets.MonthEnd(0)).date().isoformat()
    return f"{year}-12-31"


def status_date(prose: str, row_dates: list[str] = (), fallback_rule: str | None = None,
                fallback_date: str | None = None, read_on: str = SOURCES_READ_ON) -> tuple[str, str]:
    """An ISO ``status_as_of`` and a ``status_note`` from a source's status cell (rules in the module doc)."""
    prose = (prose or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", prose):
        return prose, ""
    if prose in SNAPSHOT_DATES:
        date, why = SNAPSHOT_DATES[prose]
        return date, f"source: '{prose}'; status_as_of = {date} because {why}"
    full = sorted(d for d in _ISO.findall(prose) if d <= read_on)
    if full:
        return full[-1], f"source: '{prose}'; status_as_of = the latest ISO date printed there"
    m = _LEADING_PARTIAL.match(prose)
    if m:
        end = min(_period_end(m.group(1), m.group(2)), read_on)
        return end, (f"source: '{prose}'; only a partial date is given, status_as_of = the last day of "
                     f"that period (capped at the read date {read_on})")
    if fallback_date:
        return fallback_date, (f"source: '{prose}'; " if prose else "source gives no status date; ") + fallback_rule
    dated = sorted(d for d in row_dates if d)
    if dated:
        return dated[-1], ((f"source: '{prose}'; " if prose else "source gives no status date; ")
                           + "status_as_of = the latest dated event in the row")
    return read_on, ((f"source: '{prose}'; " if prose else "source gives no status date; ")
                     + f"status truly unknown: status_as_of = {read_on}, the date the sources were read")


def _slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", countries.normalise_name(text))).strip("-")


def _map(frame: pd.DataFrame, name_col: str, date_col: str | None, registry: pd.DataFrame, file: str,
         rows: pd.Series | None = None) -> pd.Series:
    """Registry codes for ``frame[name_col]``; errors carry the file's own row numbers (``rows``)."""
    try:
        return countries.map_names(frame.reset_index(drop=True), name_col, date_col, registry, file).set_axis(
            frame.index)
    except DataErrors as exc:
        if rows is None:
            raise
        fixed = [DataError(e.file, e.message, row=int(rows.iloc[e.row - 2]), column=e.column) for e in exc.errors]
        raise DataErrors(fixed) from None


def _latest_date(frame: pd.DataFrame, cols: list[str]) -> pd.Series:
    """The latest (partial) ISO date among ``cols`` of each row: the date used to map its name.

    A participation row describes the actor as it stands at its latest date: Montenegro's row
    carries a 2005 signature made before its independence, but the row is Montenegro's.
    """
    out = pd.Series("", index=frame.index, dtype=object)
    for col in cols:
        vals = frame[col].fillna("").astype(str).str.extract(r"^(\d{4}(?:-\d{2}){0,2})")[0].fillna("")
        out = vals.where(vals > out, out)
    return out


def _as_bool(value: str) -> bool:
    return str(value).strip().lower() in ("yes", "true", "1")


def _check_iso(frame: pd.DataFrame, cols: list[str], file: str, rows: pd.Series, partial: bool = False) -> None:
    pattern = r"\d{4}(-\d{2}(-\d{2})?)?" if partial else r"\d{4}-\d{2}-\d{2}"
    errors = []
    for col in cols:
        for i, v in frame[col].items():
            if isinstance(v, str) and v and not re.fullmatch(pattern, v):
                errors.append(DataError(file, f"not an ISO date: {v!r}", row=int(rows[i]), column=col))
    if errors:
        raise DataErrors(errors)


# --------------------------------------------------------------------------------------------
# Instruments
# --------------------------------------------------------------------------------------------

def instruments_table(sources: Path, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """One row per instrument: the curated CoE rows plus other_cybercrime_instruments/instruments.csv.

    The adoption, opening and entry-into-force fields of the source hold prose after the date;
    the leading ISO date goes to the column and the prose to ``notes`` (as is the depositary
    text, of which ``depositary`` keeps only the body's name).
    """
    coe = read_csv_checked(curation / "coe_instruments.csv", INSTRUMENT_COLUMNS, label="curation/coe_instruments.csv")
    raw = read_csv_checked(sources / "other_cybercrime_instruments" / "instruments.csv",
                           ["instrument", "full_title", "adopted", "opened_for_signature", "entry_into_force",
                            "depositary", "source_url"], label="other_cybercrime_instruments/instruments.csv")
    rows = []
    for r in raw.itertuples(index=False):
        notes = []
        dates = {}
        for col in ("adopted", "opened_for_signature", "entry_into_force"):
            date, rest = leading_date(getattr(r, col))
            dates[col] = date
            if rest:
                notes.append(f"{col}: {rest}")
        dep = r.depositary.strip()
        body = re.split(r";", dep, maxsplit=1)[0].strip()
        body = re.sub(r"\s*\(.*\)\s*$", "", body).strip()
        if body.lower().startswith(("not found", "not applicable")):
            body = ""
        if dep:
            notes.append(f"depositary: {dep}")
        rows.append({"instrument": r.instrument, "title": r.full_title, **dates, "depositary": body,
                     "source": r.source_url, "notes": " | ".join(notes)})
    out = pd.concat([coe, pd.DataFrame(rows, columns=INSTRUMENT_COLUMNS)], ignore_index=True)
    dup = out["instrument"].duplicated(keep=False)
    if dup.any():
        raise DataError("instruments", f"instrument listed twice: {sorted(set(out.loc[dup, 'instrument']))}",
                        column="instrument")
    return out[INSTRUMENT_COLUMNS].sort_values("instrument", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Participation: Council of Europe treaties
# --------------------------------------------------------------------------------------------

def _coe_status(row: dict) -> tuple[str, str]:
    if row["status_as_of"]:
        return status_date(row["status_as_of"])
    hits = [(date, why) for frag, date, why in COE_SOURCE_DATES if frag in row["source"]]
    if hits:
        date, why = max(hits)
        return status_date("", fallback_date=date, fallback_rule=f"status_as_of = {date}: {why}")
    return status_date("", [row["signed"], row["ratified"], row["in_force"]])


def coe_participation(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """ETS 185 / ETS 189 / CETS 224 rows: treaty_status.csv superseded cell by cell by the additions."""
    file = "coe_cybercrime_treaties/treaty_status.csv"
    cols = ["treaty", "state", "coe_member", "signature", "ratification_or_accession", "accession",
            "entry_into_force", "status_as_of", "source_url"]
    base = read_csv_checked(sources / "coe_cybercrime_treaties" / "treaty_status.csv", cols, label=file)
    base["_row"] = base.index + 2
    _check_iso(base, ["signature", "ratification_or_accession", "entry_into_force"], file, base["_row"])
    base["_date"] = _latest_date(base, ["signature", "ratification_or_accession", "entry_into_force", "status_as_of"])
    base["iso3"] = _map(base, "state", "_date", registry, file)

    add_file = "curation/coe_treaty_status_additions.csv"
    add = read_csv_checked(curation / "coe_treaty_status_additions.csv",
                           ["treaty", "state", "signature", "ratification_or_accession", "accession",
                            "entry_into_force", "status_as_of", "confidence", "source_url", "read_on", "note"],
                           label=add_file)
    add["_row"] = add.index + 2
    _check_iso(add, ["signature", "ratification_or_accession", "entry_into_force", "status_as_of"], add_file,
               add["_row"])
    add["_date"] = _latest_date(add, ["signature", "ratification_or_accession", "entry_into_force", "status_as_of"])
    add["iso3"] = _map(add, "state", "_date", registry, add_file)

    _no_duplicates(base, ["treaty", "iso3"], file, "state")
    _no_duplicates(add, ["treaty", "iso3"], add_file, "state")

    rows: dict[tuple, dict] = {}
    for r in base.to_dict("records"):
        rows[(r["treaty"], r["iso3"])] = {
            "instrument": r["treaty"], "iso3": r["iso3"], "signed": r["signature"],
            "ratified": r["ratification_or_accession"], "accession": _as_bool(r["accession"]),
            "in_force": r["entry_into_force"], "status_as_of": r["status_as_of"], "source": r["source_url"],
            "name_in_source": r["state"], "confidence": "", "note": "", "_raw_status": r["status_as_of"],
        }
    field = {"signature": "signed", "ratification_or_accession": "ratified", "entry_into_force": "in_force",
             "status_as_of": "status_as_of"}
    for a in add.to_dict("records"):
        key = (a["treaty"], a["iso3"])
        where = f"{add_file} row {a['_row']}"
        if key in rows:
            row = rows[key]
            changed = []
            for src_col, col in field.items():
                if a[src_col] and a[src_col] != row[col]:
                    changed.append(f"{col} {row[col] or '(empty)'} -> {a[src_col]}")
                    row[col] = a[src_col]
                elif a[src_col]:
                    changed.append(f"{col} {a[src_col]} confirmed")
            if a["accession"] and _as_bool(a["accession"]) != row["accession"]:
                changed.append(f"accession -> {_as_bool(a['accession'])}")
                row["accession"] = _as_bool(a["accession"])
            row["source"] = f"{row['source']} ; {a['source_url']}" if row["source"] else a["source_url"]
            if a["state"] != row["name_in_source"]:
                row["name_in_source"] = f"{row['name_in_source']} | {a['state']}"
            row["note"] = f"superseded by {where}: {'; '.join(changed)}. {a['note']}"
            row["_add_conf"] = a["confidence"]
        else:
            rows[key] = {
                "instrument": a["treaty"], "iso3": a["iso3"], "signed": a["signature"],
                "ratified": a["ratification_or_accession"], "accession": _as_bool(a["accession"]),
                "in_force": a["entry_into_force"], "status_as_of": a["status_as_of"], "source": a["source_url"],
                "name_in_source": a["state"], "confidence": a["confidence"], "note": f"added by {where}. {a['note']}",
            }
    out = []
    for key, row in rows.items():
        conf, why = COE_CONFIDENCE.get(key, ("", ""))
        if not conf and COE_SOURCE_DATES[0][0] in row["source"]:
            conf, why = "high", "CHECKS §6: the Dutch-database list C1 (cross-checked against 18 rows)"
        if row.get("_add_conf"):
            # the row combines a source row and a curated addition: keep the weaker of the two
            if conf:
                conf = min(conf, row["_add_conf"], key=_CONFIDENCE_RANK.get)
            else:
                conf = row["_add_conf"]
        elif row["confidence"]:
            conf = row["confidence"]
        row["confidence"] = conf
        if why:
            row["note"] = (row["note"] + " " if row["note"] else "") + f"confidence: {why}."
        row["status_as_of"], row["status_note"] = _coe_status(row)
        row["verified"] = conf != "low"
        dated = any(row[c] for c in ("signed", "ratified", "in_force"))
        row["party_undated"] = not dated
        row["signed_undated"] = False
        row["deposited"] = ""
        out.append(row)
    return pd.DataFrame(out)


def _no_duplicates(frame: pd.DataFrame, key: list[str], file: str, column: str) -> None:
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        raise DataErrors([DataError(file, f"{'/'.join(str(r[k]) for k in key)} listed twice (merge explicitly)",
                                    row=int(r["_row"]), column=column) for r in frame[dup].to_dict("records")])


def invitations_table(sources: Path, registry: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ETS 185 invitations (invited.csv); aggregate-count rows go to ``excluded``."""
    file = "coe_cybercrime_treaties/invited.csv"
    raw = read_csv_checked(sources / "coe_cybercrime_treaties" / "invited.csv",
                           ["state", "status", "date", "source_url"], label=file)
    raw["_row"] = raw.index + 2
    agg = raw["state"].str.startswith("[aggregate]")
    excluded = pd.DataFrame({"file": file, "row": raw.loc[agg, "_row"],
                             "reason": "aggregate count, not a State: " + raw.loc[agg, "status"]
                             + " (" + raw.loc[agg, "date"] + ")"})
    inv = raw[~agg].copy()
    _check_iso(inv, ["date"], file, inv["_row"], partial=True)
    inv["_date"] = _latest_date(inv, ["date"])
    inv["iso3"] = _map(inv, "state", "_date", registry, file, rows=inv["_row"])
    _no_duplicates(inv.assign(instrument="ETS185"), ["instrument", "iso3"], file, "state")
    out = pd.DataFrame({"instrument": "ETS185", "iso3": inv["iso3"], "date": inv["date"], "status": inv["status"],
                        "source": inv["source_url"], "name_in_source": inv["state"]})
    return out, excluded


# --------------------------------------------------------------------------------------------
# Participation: other instruments
# --------------------------------------------------------------------------------------------

#: Phrases of instrument_status.csv ``deposit_or_other`` by which a source names a Party (or a
#: signatory) without giving a date. Domestic steps ("State Duma ratified", "President signed
#: ratification law", "approved ... by decree") and "described as participant" set neither flag.
PARTY_PHRASES = ("listed among the 10 states that had ratified", "listed as ratifying state",
                 "listed as party", "listed as state for which the agreement had entered into force",
                 "instrument of accession deposited", "status in force")
SIGNATORY_PHRASES = ("signed at hanoi", "signatories at hanoi", "signatory named in source",
                     "signatory as a gcc member", "signed but not ratified", "reports canada signed",
                     "named as a signatory")


def other_participation(sources: Path, registry: pd.DataFrame) -> pd.DataFrame:
    """UNCC2024, MALABO2014, ARAB2010, CIS, SCO, CSTO rows from instrument_status.csv.

    ``ratified`` keeps the source's ratification date; where the source gives only the deposit
    of the instrument (Mauritania, Malabo) that date is used and said in ``note``. ``deposited``
    keeps deposit dates printed in ``deposit_or_other``. ``verified`` is False for rows the
    source marks UNVERIFIED, LOW CONFIDENCE, conflicting, or whose date or name is derived
    rather than read; ``party_undated`` / ``signed_undated`` record a Party / signatory named
    without any date.
    """
    file = "other_cybercrime_instruments/instrument_status.csv"
    raw = read_csv_checked(sources / "other_cybercrime_instruments" / "instrument_status.csv",
                           ["instrument", "state", "signature", "ratification", "deposit_or_other", "status_as_of",
                            "source_url"], label=file)
    raw["_row"] = raw.index + 2
    _check_iso(raw, ["signature", "ratification"], file, raw["_row"])
    raw["_date"] = _latest_date(raw, ["signature", "ratification"])
    raw["iso3"] = _map(raw, "state", "_date", registry, file)
    _no_duplicates(raw, ["instrument", "iso3"], file, "state")
    out = []
    for r in raw.to_dict("records"):
        text = r["deposit_or_other"]
        low = text.lower()
        deposited = ""
        m = re.search(r"deposited (\d{4}-\d{2}-\d{2})", text)
        if m:
            deposited = m.group(1)
        ratified, note = r["ratification"], ""
        if not ratified and deposited:
            ratified = deposited
            note = "ratified = date the instrument was deposited (the ratification date itself is not given). "
        if text.startswith("UNVERIFIED") or text.startswith("LOW CONFIDENCE"):
            confidence, verified = "low", False
        elif "conflicting sources" in low:
            confidence, verified = "low", False
        elif "date derived" in low or "name not spelled out in the source" in low:
            confidence, verified = "medium", False
        elif "transcribed by a third party" in r["status_as_of"]:
            confidence, verified = "medium", True
        else:
            confidence, verified = "", True
        status, status_note = status_date(r["status_as_of"], [r["signature"], ratified])
        dated = bool(r["signature"] or ratified)
        named_party = any(p in low for p in PARTY_PHRASES)
        named_signatory = any(p in low for p in SIGNATORY_PHRASES)
        out.append({
            "instrument": r["instrument"], "iso3": r["iso3"], "signed": r["signature"], "ratified": ratified,
            "accession": "instrument of accession" in low, "in_force": "", "status_as_of": status,
            "verified": verified, "confidence": confidence, "status_note": status_note,
            # a row without a URL cites the source file itself, so that the gap is visible
            "source": r["source_url"] or f"{file}, row {r['_row']} (no URL given: {text[:80]})",
            "party_undated": (not dated) and named_party,
            "signed_undated": (not dated) and named_signatory and not named_party,
            "deposited": deposited, "name_in_source": r["state"], "note": note + text,
        })
    return pd.DataFrame(out)


# --------------------------------------------------------------------------------------------
# Cooperation and memberships
# --------------------------------------------------------------------------------------------

def _edges(frame: pd.DataFrame, file: str, registry: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["_row"] = frame.index + 2
    _check_iso(frame, ["year"], file, frame["_row"], partial=True)
    bad = ~frame["in_force"].isin(["yes", "no", "unknown"])
    if bad.any():
        raise DataErrors([DataError(file, f"in_force must be yes/no/unknown, got {v!r}", row=int(i) + 2,
                                    column="in_force") for i, v in frame.loc[bad, "in_force"].items()])
    frame["_date"] = _latest_date(frame, ["year"])
    frame["a_iso3"] = _map(frame, "state_a", "_date", registry, file)
    has_b = frame["state_b"].str.strip() != ""
    frame["b_iso3"] = ""
    if has_b.any():
        frame.loc[has_b, "b_iso3"] = _map(frame[has_b], "state_b", "_date", registry, file,
                                          rows=frame.loc[has_b, "_row"])
    group_b = (frame["group"] != "") & has_b
    if group_b.any():
        raise DataErrors([DataError(file, "group row with a state_b", row=int(r), column="state_b")
                          for r in frame.loc[group_b, "_row"]])
    frame["_file"] = file
    return frame


def cooperation_tables(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR):
    """``cooperation`` (one row per bilateral tie or per group) and ``cooperation_groups``."""
    cols = ["state_a", "state_b", "kind", "title", "year", "in_force", "group", "source_url"]
    src = read_csv_checked(sources / "cooperation" / "edges.csv", cols, label="cooperation/edges.csv")
    add = read_csv_checked(curation / "cooperation_additions.csv", cols + ["read_on", "note"],
                           label="curation/cooperation_additions.csv")
    src["note"] = ""
    frames = [_edges(src, "cooperation/edges.csv", registry), _edges(add, "curation/cooperation_additions.csv", registry)]
    ties, members, group_ids = [], [], {}
    for frame in frames:
        for r in frame.to_dict("records"):
            date = r["year"]
            year = int(date[:4]) if date else pd.NA
            if r["group"]:
                gid = group_ids.get((r["_file"], r["group"]))
                if gid is None:
                    slug = _slug(r["group"])
                    if date and not re.search(r"\b(19|20)\d{2}\b", r["group"]):
                        slug = f"{slug}-{date[:4]}"
                    if slug in group_ids.values():
                        raise DataError(r["_file"], f"group slug {slug!r} used by two groups", row=r["_row"],
                                        column="group")
                    gid = group_ids[(r["_file"], r["group"])] = slug
                    ties.append({"a_iso3": "", "b_iso3": "", "group_id": gid, "kind": r["kind"], "title": r["title"],
                                 "date": date, "year": year, "in_force": r["in_force"], "source": r["source_url"],
                                 "note": r["note"], "_first": r})
                else:
                    first = next(t for t in ties if t["group_id"] == gid)["_first"]
                    diff = [c for c in ("kind", "title", "year", "in_force") if r[c] != first[c]]
                    if diff:
                        raise DataError(r["_file"], f"group {r['group']!r}: {diff} differ from row {first['_row']}",
                                        row=r["_row"], column=diff[0])
                members.append({"group_id": gid, "iso3": r["a_iso3"], "source": r["source_url"],
                                "name_in_source": r["state_a"], "_row": r["_row"], "_file": r["_file"]})
            else:
                ties.append({"a_iso3": r["a_iso3"], "b_iso3": r["b_iso3"], "group_id": "", "kind": r["kind"],
                             "title": r["title"], "date": date, "year": year, "in_force": r["in_force"],
                             "source": r["source_url"], "note": r["note"], "_first": r})
    coop = pd.DataFrame(ties)
    coop.insert(0, "tie_id", [f"T{i:04d}" for i in range(1, len(coop) + 1)])
    coop["year"] = coop["year"].astype("Int64")
    groups = pd.DataFrame(members)
    dup = groups.duplicated(["group_id", "iso3"], keep=False)
    if dup.any():
        raise DataErrors([DataError(r["_file"], f"{r['iso3']} listed twice in group {r['group_id']}",
                                    row=int(r["_row"]), column="state_a") for r in groups[dup].to_dict("records")])
    return (coop[COOPERATION_COLUMNS].sort_values("tie_id").reset_index(drop=True),
            groups[GROUP_COLUMNS].sort_values(["group_id", "iso3"]).reset_index(drop=True))


def memberships_table(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """One row per (org, actor); names mapped at the status date (the date the membership is reported)."""
    cols = ["organisation", "state", "joined", "left", "source_url", "status_as_of", "note"]
    out = []
    for path, file in ((sources / "cooperation" / "memberships.csv", "cooperation/memberships.csv"),
                       (curation / "membership_additions.csv", "curation/membership_additions.csv")):
        raw = read_csv_checked(path, cols, label=file)
        raw["_row"] = raw.index + 2
        _check_iso(raw, ["joined", "left"], file, raw["_row"], partial=True)
        unknown = ~raw["organisation"].isin(list(ORG_IDS))
        if unknown.any():
            raise DataErrors([DataError(file, f"organisation {v!r} has no short id in ORG_IDS", row=int(i) + 2,
                                        column="organisation") for i, v in raw.loc[unknown, "organisation"].items()])
        st = [status_date(s) for s in raw["status_as_of"]]
        raw["_status"] = [s for s, _ in st]
        raw["_status_note"] = [n for _, n in st]
        raw["iso3"] = _map(raw, "state", "_status", registry, file)
        raw["_file"] = file
        out.append(raw)
    raw = pd.concat(out, ignore_index=True)
    raw["org"] = raw["organisation"].map(ORG_IDS)
    dup = raw.duplicated(["org", "iso3"], keep=False)
    if dup.any():
        raise DataErrors([DataError(r["_file"], f"{r['org']}/{r['iso3']} listed twice ({r['state']!r})",
                                    row=int(r["_row"]), column="state") for r in raw[dup].to_dict("records")])
    table = pd.DataFrame({"org": raw["org"], "org_name": raw["organisation"], "iso3": raw["iso3"],
                          "joined": raw["joined"], "left": raw["left"], "status_as_of": raw["_status"],
                          "source": raw["source_url"], "note": raw["note"], "status_note": raw["_status_note"],
                          "name_in_source": raw["state"]})
    return table[MEMBERSHIP_COLUMNS].sort_values(["org", "iso3"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Positions and events
# --------------------------------------------------------------------------------------------

def positions_table(registry: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    file = "curation/positions.csv"
    raw = read_csv_checked(curation / "positions.csv",
                           ["iso3", "date", "kind", "title", "summary", "source_url", "read_on", "confidence"],
                           label=file)
    _check_iso(raw, ["date"], file, raw.index + 2, partial=True)
    _check_iso(raw, ["read_on"], file, raw.index + 2)
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
    return out[POSITION_COLUMNS]


def events_table(curation: Path = CURATION_DIR) -> pd.DataFrame:
    file = "curation/events.csv"
    raw = read_csv_checked(curation / "events.csv",
                           ["date", "end_date", "kind", "title", "summary", "source_url", "read_on"], label=file)
    _check_iso(raw, ["date", "end_date"], file, raw.index + 2, partial=True)
    out = raw.rename(columns={"source_url": "source"})
    out.insert(0, "event_id", [f"E{i:03d}" for i in range(1, len(out) + 1)])
    return out[EVENT_COLUMNS]


# --------------------------------------------------------------------------------------------
# Everything
# --------------------------------------------------------------------------------------------

def treaty_tables(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR) -> dict[str, pd.DataFrame]:
    """All tidy tables of the treaty layer, checked with :mod:`analysis.treaty_rules`.

    Returns ``instruments``, ``participation``, ``invitations``, ``cooperation``,
    ``cooperation_groups``, ``memberships``, ``positions``, ``events`` and ``excluded``
    (source rows that could not become table rows, with the reason).
    """
    from analysis.data import rules as treaty_rules

    sources, curation = Path(sources), Path(curation)
    instruments = instruments_table(sources, curation)
    part = pd.concat([coe_participation(sources, registry, curation), other_participation(sources, registry)],
                     ignore_index=True)
    dup = part.duplicated(["instrument", "iso3"], keep=False)
    if dup.any():
        raise DataError("participation", f"duplicate (instrument, iso3): "
                        f"{sorted(map(tuple, part.loc[dup, ['instrument', 'iso3']].values.tolist()))}")
    for col in ("accession", "verified", "party_undated", "signed_undated"):
        part[col] = part[col].astype(bool)
    part = part[PARTICIPATION_COLUMNS].sort_values(["instrument", "iso3"]).reset_index(drop=True)
    invitations, excluded = invitations_table(sources, registry)
    invitations = invitations[INVITATION_COLUMNS].sort_values(["instrument", "iso3"]).reset_index(drop=True)
    cooperation, groups = cooperation_tables(sources, registry, curation)
    memberships = memberships_table(sources, registry, curation)
    errors = treaty_rules.check_participation(part, instruments) + treaty_rules.check_memberships(memberships)
    missing = sorted(set(part["instrument"]) - set(instruments["instrument"]))
    if missing:
        errors.append(DataError("participation.csv", f"instruments without an instruments row: {missing}",
                                column="instrument"))
    if errors:
        raise DataErrors(errors)
    return {
        "instruments": instruments,
        "participation": part,
        "invitations": invitations,
        "cooperation": cooperation,
        "cooperation_groups": groups,
        "memberships": memberships,
        "positions": positions_table(registry, curation),
        "events": events_table(curation),
        "excluded": excluded[EXCLUDED_COLUMNS].sort_values(["file", "row"]).reset_index(drop=True),
    }
