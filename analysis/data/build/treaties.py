"""Build the instrument, participation and invitation tables from the raw sources.

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
(:func:`analysis.data.countries.map_names`); an unmapped name raises
:class:`~analysis.core.errors.DataErrors` naming file, row and column. Rows that cannot become table
rows (aggregate counts in ``invited.csv``) are listed in the ``excluded`` table, never dropped
silently.

Status dates follow :mod:`analysis.data.build.status_dates`.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError
from analysis.core.paths import CURATION_DIR
from analysis.data import schema
from analysis.data.build.coe import coe_participation
from analysis.data.build.common import check_iso, latest_date, map_names_at_rows, no_duplicates
from analysis.data.build.status_dates import leading_date, snapshot_dates, status_date
from analysis.data.sources import coe, instruments
from analysis.data.sources import curation as curated

_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


def instruments_table(sources: Path, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """One row per instrument: the curated CoE rows plus other_cybercrime_instruments/instruments.csv.

    The adoption, opening and entry-into-force fields of the source hold prose after the date;
    the leading ISO date goes to the column and the prose to ``notes`` (as is the depositary
    text, of which ``depositary`` keeps only the body's name).
    """
    columns = schema.columns("instruments")
    coe = curated.read(curation, "coe_instruments.csv")[columns]
    raw = instruments.read_instruments(sources)
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
    out = pd.concat([coe, pd.DataFrame(rows, columns=columns)], ignore_index=True)
    dup = out["instrument"].duplicated(keep=False)
    if dup.any():
        raise DataError("instruments", f"instrument listed twice: {sorted(set(out.loc[dup, 'instrument']))}",
                        column="instrument")
    return out[columns].sort_values("instrument", kind="stable").reset_index(drop=True)


def invitations_table(sources: Path, registry: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ETS 185 invitations (invited.csv); aggregate-count rows go to ``excluded``."""
    file = coe.INVITED
    raw = coe.read_invited(sources)
    raw["_row"] = raw.index + 2
    agg = raw["state"].str.startswith("[aggregate]")
    excluded = pd.DataFrame({"file": file, "row": raw.loc[agg, "_row"],
                             "reason": "aggregate count, not a State: " + raw.loc[agg, "status"]
                             + " (" + raw.loc[agg, "date"] + ")"})
    inv = raw[~agg].copy()
    check_iso(inv, ["date"], file, inv["_row"], partial=True)
    inv["_date"] = latest_date(inv, ["date"])
    inv["iso3"] = map_names_at_rows(inv, "state", "_date", registry, file, rows=inv["_row"])
    no_duplicates(inv.assign(instrument="ETS185"), ["instrument", "iso3"], file, "state")
    out = pd.DataFrame({"instrument": "ETS185", "iso3": inv["iso3"], "date": inv["date"], "status": inv["status"],
                        "source": inv["source_url"], "name_in_source": inv["state"]})
    out = out[schema.columns("invitations")].sort_values(["instrument", "iso3"]).reset_index(drop=True)
    excluded = excluded.sort_values(["file", "row"]).reset_index(drop=True)
    return out, excluded


# Participation: other instruments


#: Phrases of instrument_status.csv ``deposit_or_other`` by which a source names a Party (or a
#: signatory) without giving a date. Domestic steps ("State Duma ratified", "President signed
#: ratification law", "approved ... by decree") and "described as participant" set neither flag.
PARTY_PHRASES = ("listed among the 10 states that had ratified", "listed as ratifying state",
                 "listed as party", "listed as state for which the agreement had entered into force",
                 "instrument of accession deposited", "status in force")
SIGNATORY_PHRASES = ("signed at hanoi", "signatories at hanoi", "signatory named in source",
                     "signatory as a gcc member", "signed but not ratified", "reports canada signed",
                     "named as a signatory")


def other_participation(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR) -> pd.DataFrame:
    """UNCC2024, MALABO2014, ARAB2010, CIS, SCO, CSTO rows from instrument_status.csv.

    ``ratified`` keeps the source's ratification date; where the source gives only the deposit
    of the instrument (Mauritania, Malabo) that date is used and said in ``note``. ``deposited``
    keeps deposit dates printed in ``deposit_or_other``. ``verified`` is False for rows the
    source marks UNVERIFIED, LOW CONFIDENCE, conflicting, or whose date or name is derived
    rather than read; ``party_undated`` / ``signed_undated`` record a Party / signatory named
    without any date.
    """
    file = instruments.STATUS
    raw = instruments.read_instrument_status(sources)
    snapshots = snapshot_dates(curation)
    raw["_row"] = raw.index + 2
    check_iso(raw, ["signature", "ratification"], file, raw["_row"])
    raw["_date"] = latest_date(raw, ["signature", "ratification"])
    raw["iso3"] = map_names_at_rows(raw, "state", "_date", registry, file)
    no_duplicates(raw, ["instrument", "iso3"], file, "state")
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
        status, status_note = status_date(r["status_as_of"], [r["signature"], ratified], snapshots=snapshots)
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
            "deposited": deposited, "name_in_source": r["state"], "note": note + text, "in_force_computed": False,
        })
    return pd.DataFrame(out)


# Cooperation and memberships


def participation_table(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR,
                        collisions: list | None = None) -> pd.DataFrame:
    """One row per actor and instrument: the CoE treaties (:mod:`analysis.data.build.coe`, whose
    source collisions go to ``collisions``) and the other instruments together."""
    part = pd.concat([coe_participation(sources, registry, curation, collisions),
                      other_participation(sources, registry, curation)], ignore_index=True)
    dup = part.duplicated(["instrument", "iso3"], keep=False)
    if dup.any():
        raise DataError("participation", f"duplicate (instrument, iso3): "
                        f"{sorted(map(tuple, part.loc[dup, ['instrument', 'iso3']].values.tolist()))}")
    for col in ("accession", "verified", "party_undated", "signed_undated", "in_force_computed"):
        part[col] = part[col].astype(bool)
    return part[schema.columns("participation")].sort_values(["instrument", "iso3"]).reset_index(drop=True)
