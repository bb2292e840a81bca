"""Build the cooperation, cooperation_groups and memberships tables from ``cooperation/`` and the
curated additions; every actor mapped to the registry by name and date."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.paths import CURATION_DIR
from analysis.data import schema
from analysis.data.build.common import check_iso, latest_date, map_names_at_rows, slug
from analysis.data.build.conflicts import Collision
from analysis.data.build.status_dates import snapshot_dates, status_date
from analysis.data.sources import cooperation as coop_source
from analysis.data.sources import curation as curated


def _edges(frame: pd.DataFrame, file: str, registry: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["_row"] = frame.index + 2
    check_iso(frame, ["year"], file, frame["_row"], partial=True)
    bad = ~frame["in_force"].isin(["yes", "no", "unknown"])
    if bad.any():
        raise DataErrors([DataError(file, f"in_force must be yes/no/unknown, got {v!r}", row=int(i) + 2,
                                    column="in_force") for i, v in frame.loc[bad, "in_force"].items()])
    frame["_date"] = latest_date(frame, ["year"])
    frame["a_iso3"] = map_names_at_rows(frame, "state_a", "_date", registry, file)
    has_b = frame["state_b"].str.strip() != ""
    frame["b_iso3"] = ""
    if has_b.any():
        frame.loc[has_b, "b_iso3"] = map_names_at_rows(frame[has_b], "state_b", "_date", registry, file,
                                          rows=frame.loc[has_b, "_row"])
    group_b = (frame["group"] != "") & has_b
    if group_b.any():
        raise DataErrors([DataError(file, "group row with a state_b", row=int(r), column="state_b")
                          for r in frame.loc[group_b, "_row"]])
    frame["_file"] = file
    return frame


def cooperation_tables(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR):
    """``cooperation`` (one row per bilateral tie or per group) and ``cooperation_groups``."""
    src = coop_source.read_edges(sources)
    add = curated.read(curation, "cooperation_additions.csv")
    src["note"] = ""
    frames = [_edges(src, coop_source.EDGES, registry), _edges(add, "curation/cooperation_additions.csv", registry)]
    ties, members, group_ids = [], [], {}
    for frame in frames:
        for r in frame.to_dict("records"):
            date = r["year"]
            year = int(date[:4]) if date else pd.NA
            if r["group"]:
                gid = group_ids.get((r["_file"], r["group"]))
                if gid is None:
                    gid = slug(r["group"])
                    if date and not re.search(r"\b(19|20)\d{2}\b", r["group"]):
                        gid = f"{gid}-{date[:4]}"
                    if gid in group_ids.values():
                        raise DataError(r["_file"], f"group slug {gid!r} used by two groups", row=r["_row"],
                                        column="group")
                    group_ids[(r["_file"], r["group"])] = gid
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
    return (coop[schema.columns("cooperation")].sort_values("tie_id").reset_index(drop=True),
            groups[schema.columns("cooperation_groups")].sort_values(["group_id", "iso3"]).reset_index(drop=True))


def memberships_table(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR,
                      collisions: list | None = None) -> pd.DataFrame:
    """One row per (org, actor); names mapped at the status date (the date the membership is reported).

    Where the organisation's own page lists the member (``curation/membership_org_sources.csv``),
    that page becomes the row's ``source`` (the earlier sources move to ``note``), and its dates
    fill or refine ``joined`` / ``left``; a date that contradicts the earlier one is a collision,
    recorded in ``collisions`` and decided in ``curation/source_conflicts.csv``.
    """
    org_ids = {r.name: r.org for r in curated.read(curation, "organisations.csv").itertuples(index=False)}
    snapshots = snapshot_dates(curation)
    out = []
    for raw, file in ((coop_source.read_memberships(sources), coop_source.MEMBERSHIPS),
                      (curated.read(curation, "membership_additions.csv"), "curation/membership_additions.csv")):
        raw["_row"] = raw.index + 2
        check_iso(raw, ["joined", "left"], file, raw["_row"], partial=True)
        unknown = ~raw["organisation"].isin(list(org_ids))
        if unknown.any():
            raise DataErrors([DataError(file, f"organisation {v!r} is not in curation/organisations.csv", row=int(i) + 2,
                                        column="organisation") for i, v in raw.loc[unknown, "organisation"].items()])
        st = [status_date(s, snapshots=snapshots) for s in raw["status_as_of"]]
        raw["_status"] = [s for s, _ in st]
        raw["_status_note"] = [n for _, n in st]
        raw["iso3"] = map_names_at_rows(raw, "state", "_status", registry, file)
        raw["_file"] = file
        out.append(raw)
    raw = pd.concat(out, ignore_index=True)
    raw["org"] = raw["organisation"].map(org_ids)
    dup = raw.duplicated(["org", "iso3"], keep=False)
    if dup.any():
        raise DataErrors([DataError(r["_file"], f"{r['org']}/{r['iso3']} listed twice ({r['state']!r})",
                                    row=int(r["_row"]), column="state") for r in raw[dup].to_dict("records")])
    table = pd.DataFrame({"org": raw["org"], "org_name": raw["organisation"], "iso3": raw["iso3"],
                          "joined": raw["joined"], "left": raw["left"], "status_as_of": raw["_status"],
                          "source": raw["source_url"], "note": raw["note"], "status_note": raw["_status_note"],
                          "name_in_source": raw["state"]})
    table = _from_organisations(table, curated.read(curation, "membership_org_sources.csv"), registry,
                                collisions if collisions is not None else [])
    return table[schema.columns("memberships")].sort_values(["org", "iso3"]).reset_index(drop=True)


def _consistent(old: str, new: str) -> bool:
    """Two (partial) dates that can describe the same day: equal on the precision both give."""
    n = min(len(old), len(new))
    return old[:n] == new[:n]


def _from_organisations(table: pd.DataFrame, org: pd.DataFrame, registry: pd.DataFrame,
                        collisions: list) -> pd.DataFrame:
    """Lay the organisations' own member lists over ``table`` (see :func:`memberships_table`)."""
    file = "curation/membership_org_sources.csv"
    org = org.copy()
    org["line"] = org.index + 2
    check_iso(org, ["joined", "left"], file, org["line"], partial=True)
    codes = set(registry["iso3"])
    errors = [DataError(file, f"{r.iso3!r} is not a registry code", row=int(r.line), column="iso3")
              for r in org.itertuples() if r.iso3 not in codes]
    index = {(o, i): k for k, (o, i) in enumerate(zip(table["org"], table["iso3"], strict=True))}
    table = table.copy()
    for r in org.itertuples():
        k = index.get((r.org, r.iso3))
        if k is None:
            errors.append(DataError(file, f"{r.org}/{r.iso3} is not a membership row of the sources",
                                    row=int(r.line), column="iso3"))
            continue
        changes = []
        for col in ("joined", "left"):
            old, new = table.at[k, col], getattr(r, col)
            old = "" if pd.isna(old) else old
            if not new or new == old:
                continue
            if old and not _consistent(old, new):
                collisions.append(Collision("memberships", f"{r.org}/{r.iso3}", col, old, table.at[k, "source"],
                                            new, r.source_url, file, int(r.line)))
            if len(new) >= len(old) or not _consistent(old, new):
                changes.append(f"{col} {old or '(empty)'} -> {new}")
                table.at[k, col] = new
        earlier = table.at[k, "source"]
        table.at[k, "source"] = r.source_url
        note = table.at[k, "note"]
        table.at[k, "note"] = " ".join(p for p in [
            "" if pd.isna(note) else note,
            f"Source: the organisation's own page ({file} row {r.line}"
            + (f": {'; '.join(changes)}" if changes else "") + f"); earlier source: {earlier}.",
        ] if p)
    if errors:
        raise DataErrors(errors)
    return table


# Positions and events
