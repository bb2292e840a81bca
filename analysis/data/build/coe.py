"""Participation in the Council of Europe treaties (ETS 185, ETS 189, CETS 224), source over source.

The rows start from ``coe_cybercrime_treaties/treaty_status.csv``. Later sources are laid over it,
cell by cell, in this order (a later one wins):

1. ``curation/coe_treaty_status_additions.csv`` (the project's first curation pass);
2. ``coe_cybercrime_treaties/gap_fill_2026-12.csv`` (official and secondary finds; some entries
   into force *computed* from the deposit, flagged);
3. ``curation/coe_treaty_gap_search.csv`` (further finds);
4. ``curation/coe_chart_ets185.csv`` (the Treaty Office chart of ETS 185, status 25/04/2026: the
   depositary's own record, so it has the last word on ETS 185).

A value that fills an empty cell or repeats the same value is taken with a note. Two different
values for one cell are a conflict: the later value is taken only if ``curation/source_conflicts.csv``
records the decision (:mod:`analysis.data.build.conflicts`), else the build stops. A computed entry
into force never replaces a sourced one; ``in_force_computed`` says which rows carry a computed date.
A row's ``confidence`` is that of the source of its deposit date (else its entry into force, else
its signature): official = high, secondary = medium.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.paths import CURATION_DIR
from analysis.data.build.common import as_bool, check_iso, latest_date, map_names_at_rows, no_duplicates
from analysis.data.build.conflicts import Collision
from analysis.data.build.status_dates import snapshot_dates, status_date
from analysis.data.sources import coe
from analysis.data.sources import curation as curated

_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
#: How the curated files' confidence words map to the table's levels.
_LEVEL = {"official": "high", "secondary": "medium", "crosscheck-only": "low", "high": "high", "medium": "medium",
          "low": "low", "": ""}
_CELLS = ("signed", "ratified", "in_force")


def _coe_status(row: dict, source_dates: pd.DataFrame, snapshots: dict) -> tuple[str, str]:
    if row["status_as_of"]:
        return status_date(row["status_as_of"], snapshots=snapshots)
    hits = [(r.status_as_of, r.reason) for r in source_dates.itertuples(index=False) if r.url_fragment in row["source"]]
    if hits:
        date, why = max(hits)
        return status_date("", fallback_date=date, fallback_rule=f"status_as_of = {date}: {why}", snapshots=snapshots)
    return status_date("", [row["signed"], row["ratified"], row["in_force"]], snapshots=snapshots)


def _overlays(sources: Path, curation: Path) -> list[tuple[str, pd.DataFrame]]:
    """The overlay files in order, as frames with the common columns treaty, state, signed, ratified,
    accession, in_force, in_force_computed, status_as_of, source_url, confidence, note."""
    add = curated.read(curation, "coe_treaty_status_additions.csv").rename(columns={
        "signature": "signed", "ratification_or_accession": "ratified", "entry_into_force": "in_force"})
    gap = coe.read_gap_fill(sources).rename(columns={"country_name": "state", "ratified_or_acceded": "ratified"})
    search = curated.read(curation, "coe_treaty_gap_search.csv").rename(columns={"ratified_or_acceded": "ratified"})
    chart = curated.read(curation, "coe_chart_ets185.csv").rename(columns={"ratified_or_acceded": "ratified"})
    out = []
    for label, frame in (("curation/coe_treaty_status_additions.csv", add), (coe.GAP_FILL, gap),
                         ("curation/coe_treaty_gap_search.csv", search), ("curation/coe_chart_ets185.csv", chart)):
        frame = frame.copy()
        for col in ("in_force_computed", "status_as_of", "note"):
            if col not in frame:
                frame[col] = ""
        out.append((label, frame))
    return out


def _prepare(frame: pd.DataFrame, file: str, registry: pd.DataFrame, dates: list[str],
             map_dates: list[str] | None = None) -> pd.DataFrame:
    """Rows numbered as in the file, ``dates`` checked as ISO, names mapped to codes at the row's latest
    date among ``map_dates`` (default ``dates``)."""
    frame = frame.copy()
    frame["_row"] = frame.index + 2
    check_iso(frame, dates, file, frame["_row"])
    frame["_date"] = latest_date(frame, map_dates or dates)
    frame["iso3"] = map_names_at_rows(frame, "state", "_date", registry, file, rows=frame["_row"])
    no_duplicates(frame, ["treaty", "iso3"], file, "state")
    return frame


def _base_rows(base: pd.DataFrame) -> dict[tuple, dict]:
    rows = {}
    for r in base.to_dict("records"):
        where = f"{coe.TREATY_STATUS} row {r['_row']}"
        rows[(r["treaty"], r["iso3"])] = {
            "instrument": r["treaty"], "iso3": r["iso3"], "signed": r["signature"],
            "ratified": r["ratification_or_accession"], "accession": as_bool(r["accession"]),
            "in_force": r["entry_into_force"], "status_as_of": r["status_as_of"], "source": r["source_url"],
            "name_in_source": r["state"], "note": "", "in_force_computed": False,
            "_from": {c: where for c in _CELLS}, "_level": {c: None for c in _CELLS}, "_changes": [],
        }
    return rows


def _lay_over(rows: dict[tuple, dict], frame: pd.DataFrame, file: str, collisions: list[Collision]) -> None:
    """Lay one overlay file over ``rows`` (see the module doc); collisions are collected, not resolved."""
    for a in frame.to_dict("records"):
        key, where = (a["treaty"], a["iso3"]), f"{file} row {a['_row']}"
        level = _LEVEL[a["confidence"]]
        computed = as_bool(a["in_force_computed"])
        if key not in rows:
            rows[key] = {
                "instrument": a["treaty"], "iso3": a["iso3"], "signed": a["signed"], "ratified": a["ratified"],
                "accession": as_bool(a["accession"]), "in_force": a["in_force"], "status_as_of": a["status_as_of"],
                "source": a["source_url"], "name_in_source": a["state"], "in_force_computed": computed and bool(a["in_force"]),
                "note": "", "_from": {c: where for c in _CELLS}, "_level": {c: level for c in _CELLS},
                "_changes": [f"added by {where}" + (f" ({a['note']})" if a["note"] else "")],
            }
            continue
        row, changes = rows[key], []
        for col in _CELLS:
            new, old = a[col], row[col]
            new_computed = computed and col == "in_force"
            if not new or new == old:
                if new and new_computed is False and row["in_force_computed"] and col == "in_force":
                    row["in_force_computed"] = False          # a sourced value confirms a computed one
                    row["_from"][col], row["_level"][col] = where, level
                elif new and _CONFIDENCE_RANK.get(level, -1) > _CONFIDENCE_RANK.get(row["_level"][col] or "", -1):
                    row["_from"][col], row["_level"][col] = where, level   # confirmed by a stronger source
                continue
            if old and new_computed and not row["in_force_computed"]:
                # a computed date never replaces a sourced one: the sourced value is kept
                collisions.append(Collision("participation", f"{key[0]}/{key[1]}", col, new, where,
                                            old, row["_from"][col], file, a["_row"]))
                continue
            if old:
                collisions.append(Collision("participation", f"{key[0]}/{key[1]}", col, old, row["_from"][col],
                                            new, where, file, a["_row"]))
            changes.append(f"{col} {old or '(empty)'} -> {new}" + (" (computed)" if new_computed else ""))
            row[col], row["_from"][col], row["_level"][col] = new, where, level
            if col == "in_force":
                row["in_force_computed"] = new_computed
        if as_bool(a["accession"]) and not row["accession"]:
            changes.append("accession -> True")
            row["accession"] = True
        if a["status_as_of"]:
            row["status_as_of"] = a["status_as_of"]
        if a["source_url"] not in row["source"]:
            row["source"] = f"{row['source']} ; {a['source_url']}" if row["source"] else a["source_url"]
        if a["state"] not in row["name_in_source"].split(" | "):
            row["name_in_source"] = f"{row['name_in_source']} | {a['state']}"
        row["_changes"].append(f"{where}: " + ("; ".join(changes) if changes else "confirms")
                               + (f" ({a['note']})" if a["note"] else ""))


def coe_participation(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR,
                      collisions: list[Collision] | None = None) -> pd.DataFrame:
    """ETS 185 / ETS 189 / CETS 224 rows, the overlays applied in order (module doc).

    ``collisions`` (a list) receives every pair of differing values met; the caller checks them
    against the recorded conflicts.
    """
    collisions = [] if collisions is None else collisions
    base = coe.read_treaty_status(sources)
    cells = ["signature", "ratification_or_accession", "entry_into_force"]
    base = _prepare(base, coe.TREATY_STATUS, registry, cells, cells + ["status_as_of"])
    rows = _base_rows(base)
    for file, frame in _overlays(sources, curation):
        dates = ["signed", "ratified", "in_force"] + (["status_as_of"] if frame["status_as_of"].ne("").any() else [])
        _lay_over(rows, _prepare(frame, file, registry, dates), file, collisions)

    confidence = {(r.instrument, r.iso3): (r.confidence, r.reason)
                  for r in curated.read(curation, "coe_confidence.csv").itertuples(index=False)}
    source_dates = curated.read(curation, "coe_source_dates.csv")
    rated = source_dates[source_dates["confidence"] != ""]
    snapshots = snapshot_dates(curation)
    out = []
    for key, row in rows.items():
        decisive = next((c for c in ("ratified", "in_force", "signed") if row[c]), None)
        conf = row["_level"][decisive] if decisive else next((v for v in row["_level"].values() if v), None)
        why = (f"{decisive} from {row['_from'][decisive]}" if decisive else f"the row from {row['_from']['ratified']}") if conf else ""
        if conf is None:                                   # the value still comes from treaty_status.csv
            conf, why = confidence.get(key, ("", ""))
            if not conf:
                for r in rated.itertuples(index=False):
                    if r.url_fragment in row["source"]:
                        conf, why = r.confidence, r.confidence_reason
                        break
        row["confidence"] = conf or ""
        notes = row.pop("_changes")
        if why:
            notes.append(f"confidence: {why}")
        row["note"] = ". ".join(notes)
        row["status_as_of"], row["status_note"] = _coe_status(row, source_dates, snapshots)
        row["verified"] = row["confidence"] != "low"
        row["party_undated"] = not any(row[c] for c in _CELLS)
        row["signed_undated"] = False
        row["deposited"] = ""
        row.pop("_from"), row.pop("_level")
        out.append(row)
    return pd.DataFrame(out)
