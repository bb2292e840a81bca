"""Check the tidy tables against ``data/datapackage.json`` and the domain rules.

Schema checks (per field): required, type (integer, boolean, date), enum, pattern, minimum,
maximum, unique; primary keys unique; foreign keys resolve (every ``iso3`` is in the registry).
Domain rules: per-country vote counts equal the official tallies wherever both are known (except
roll calls whose mismatch is recorded in ``rollcall_notes.csv``), dates between 1945 and the
build, and the treaty rules of :mod:`analysis.data.rules` where those tables exist.
Every problem is a :class:`~analysis.core.errors.DataError` naming file, row and column.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.vocabulary import CAST_VOTES

TRUE, FALSE = {"true", "True", "1"}, {"false", "False", "0"}
MAX_DATE = __import__("datetime").date.today().isoformat()  # no date after the day of validation


def read_descriptor(data_dir: Path) -> dict:
    path = Path(data_dir) / "datapackage.json"
    if not path.exists():
        raise DataError(str(path), "no datapackage.json: run `python -m analysis build` first")
    return json.loads(path.read_text(encoding="utf-8"))


def resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in datapackage.json")


def read_raw(data_dir: Path, res: dict) -> pd.DataFrame:
    """Read a table as strings, failing clearly on a missing file, bad encoding or bad header."""
    path = Path(data_dir) / res["path"]
    label = res["path"]
    if not path.exists():
        raise DataError(label, "file not found")
    try:
        opener = gzip.open if label.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", newline="") as fh:
            frame = pd.read_csv(fh, dtype=str, keep_default_na=False)
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except (pd.errors.ParserError, EOFError, OSError) as exc:
        raise DataError(label, f"cannot be parsed as CSV: {exc}") from exc
    return frame


def _first_rows(mask: pd.Series, limit: int = 5) -> list[int]:
    return [int(i) + 2 for i in mask[mask].index[:limit]]


def check_schema(frame: pd.DataFrame, res: dict) -> list[DataError]:
    """Field-level and key checks for one table read as strings."""
    label, schema = res["path"], res["schema"]
    errors: list[DataError] = []
    names = [fd["name"] for fd in schema["fields"]]
    missing = [n for n in names if n not in frame.columns]
    extra = [c for c in frame.columns if c not in names]
    if missing:
        errors.append(DataError(label, f"missing column(s) {missing}", row=1, column=missing[0]))
    if extra:
        errors.append(DataError(label, f"unexpected column(s) {extra} not in datapackage.json", row=1, column=extra[0]))
    if missing:
        return errors

    def report(mask: pd.Series, column: str, what: str) -> None:
        for row in _first_rows(mask):
            errors.append(DataError(label, f"{what}: {frame.at[row - 2, column]!r}", row=row, column=column))
        n = int(mask.sum())
        if n > 5:
            errors.append(DataError(label, f"... {n - 5} more rows with the same problem", column=column))

    for fd in schema["fields"]:
        col, typ, c = fd["name"], fd["type"], fd.get("constraints", {})
        s = frame[col]
        empty = s == ""
        if c.get("required"):
            report(empty, col, "required value is empty")
        present = s[~empty]
        if typ == "integer":
            bad = ~present.str.fullmatch(r"-?\d+")
            report(bad.reindex(s.index, fill_value=False), col, "not an integer")
            nums = pd.to_numeric(present[~bad], errors="coerce")
            if "minimum" in c:
                report((nums < c["minimum"]).reindex(s.index, fill_value=False), col, f"below minimum {c['minimum']}")
            if "maximum" in c:
                report((nums > c["maximum"]).reindex(s.index, fill_value=False), col, f"above maximum {c['maximum']}")
        elif typ == "boolean":
            report((~present.isin(TRUE | FALSE)).reindex(s.index, fill_value=False), col, "not a boolean (true/false)")
        elif typ == "date":
            bad = ~present.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
            parsed = pd.to_datetime(present.where(~bad), format="%Y-%m-%d", errors="coerce")
            bad = bad | parsed.isna()
            report(bad.reindex(s.index, fill_value=False), col, "not a valid ISO date (YYYY-MM-DD)")
            report(((present < "1945-01-01") | (present > MAX_DATE)).reindex(s.index, fill_value=False) & ~bad.reindex(s.index, fill_value=False),
                   col, f"date outside 1945-01-01 .. {MAX_DATE}")
        if "enum" in c:
            report((~present.isin(c["enum"])).reindex(s.index, fill_value=False), col, f"not one of {c['enum']}")
        if "pattern" in c:
            report((~present.str.fullmatch(c["pattern"])).reindex(s.index, fill_value=False), col,
                   f"does not match pattern {c['pattern']}")
        if c.get("unique"):
            report(present.duplicated(keep="first").reindex(s.index, fill_value=False), col, "duplicate value")
    pk = schema.get("primaryKey")
    if pk:
        dup = frame.duplicated(pk, keep="first")
        for row in _first_rows(dup):
            key = ", ".join(f"{k}={frame.at[row - 2, k]!r}" for k in pk)
            errors.append(DataError(label, f"duplicate primary key ({key})", row=row, column=pk[0]))
    return errors


def check_foreign_keys(frames: dict, descriptor: dict) -> list[DataError]:
    errors = []
    for res in descriptor["resources"]:
        frame = frames.get(res["name"])
        if frame is None:
            continue
        for fk in res.get("schema", {}).get("foreignKeys", []):
            ref = frames.get(fk["reference"]["resource"])
            if ref is None:
                continue
            col, ref_col = fk["fields"], fk["reference"]["fields"]
            known = set(ref[ref_col])
            values = frame[col]
            bad = (values != "") & ~values.isin(known)
            for row in _first_rows(bad):
                errors.append(DataError(res["path"], f"{values.iat[row - 2]!r} is not in "
                                        f"{fk['reference']['resource']}.{ref_col}", row=row, column=col))
            if bad.sum() > 5:
                errors.append(DataError(res["path"], f"... {int(bad.sum()) - 5} more unknown values", column=col))
    return errors


def check_tallies(rollcalls: pd.DataFrame, votes: pd.DataFrame, notes: pd.DataFrame | None) -> list[DataError]:
    """Per-country counts equal the official tallies where both are known (documented exceptions aside)."""
    errors = []
    excused = set()
    if notes is not None and len(notes):
        excused = set(notes.loc[notes["check"].isin(["tally_mismatch", "no_country_lists"]), "rollcall_id"])
    counted = votes[votes["vote"].isin(CAST_VOTES)].groupby(["rollcall_id", "vote"]).size().unstack(fill_value=0)
    for vote in CAST_VOTES:
        if vote not in counted:
            counted[vote] = 0
    rc = rollcalls.reset_index(drop=True)
    for col in ("yes", "no", "abstain"):
        known = rc[col] != ""
        ids = rc.loc[known, "rollcall_id"]
        official = rc.loc[known, col].astype(int)
        have = counted[col].reindex(ids.values).fillna(0).astype(int).values
        has_votes = ids.isin(counted.index).values
        for i, o, h, hv in zip(ids.index, official.values, have, has_votes, strict=True):
            rid = rc.at[i, "rollcall_id"]
            if hv and o != h and rid not in excused:
                errors.append(DataError("rollcalls.csv", f"{rid} ({rc.at[i, 'symbol']}): official {col} tally {o} but "
                                        f"votes.csv.gz has {h} '{col}' rows", row=i + 2, column=col))
            if not hv and o > 0 and rid not in excused and rc.at[i, "modality"] == "recorded":
                errors.append(DataError("rollcalls.csv", f"{rid}: official tallies but no votes and no note explaining why",
                                        row=i + 2, column=col))
    return errors


def check_votes_rollcalls(rollcalls: pd.DataFrame, votes: pd.DataFrame) -> list[DataError]:
    errors = []
    not_recorded = set(rollcalls.loc[rollcalls["modality"] != "recorded", "rollcall_id"])
    bad = votes["rollcall_id"].isin(not_recorded)
    for row in _first_rows(bad):
        errors.append(DataError("votes.csv.gz", f"roll call {votes.at[row - 2, 'rollcall_id']} was not a recorded vote",
                                row=row, column="rollcall_id"))
    return errors


def validate(data_dir: Path, tables: list[str] | None = None) -> list[DataError]:
    """All problems in the tables of ``data_dir`` (empty list = valid)."""
    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    errors: list[DataError] = []
    frames: dict[str, pd.DataFrame] = {}
    for res in descriptor["resources"]:
        if res.get("profile") != "tabular-data-resource":
            if not (data_dir / res["path"]).exists():
                errors.append(DataError(res["path"], "file not found"))
            continue
        if tables and res["name"] not in tables and res["name"] != "countries":
            continue
        try:
            frame = read_raw(data_dir, res)
        except DataError as exc:
            errors.append(exc)
            continue
        errors.extend(check_schema(frame, res))
        frames[res["name"]] = frame
    errors.extend(check_foreign_keys(frames, descriptor))
    tally_cols = {"rollcall_id", "symbol", "modality", "yes", "no", "abstain"}
    if {"rollcalls", "votes"} <= set(frames) and tally_cols <= set(frames["rollcalls"].columns) \
            and {"rollcall_id", "vote"} <= set(frames["votes"].columns):
        try:
            errors.extend(check_tallies(frames["rollcalls"], frames["votes"], frames.get("rollcall_notes")))
            errors.extend(check_votes_rollcalls(frames["rollcalls"], frames["votes"]))
        except (KeyError, ValueError) as exc:
            errors.append(DataError("rollcalls.csv", f"cannot check tallies: {exc}"))
    errors.extend(_treaty_checks(frames))
    errors.extend(_sponsor_checks(frames))
    return errors


def _treaty_checks(frames: dict) -> list[DataError]:
    try:
        from analysis.data import rules
    except ImportError:
        return []
    out = []
    if "participation" in frames and "instruments" in frames:
        out.extend(rules.check_participation(frames["participation"], frames["instruments"]))
    if "memberships" in frames:
        out.extend(rules.check_memberships(frames["memberships"]))
    if "source_conflicts" in frames:
        out.extend(rules.check_conflicts(frames["source_conflicts"], frames))
    return out


def _sponsor_checks(frames: dict) -> list[DataError]:
    """A sponsor typed state or organisation must be a registry actor."""
    if "sponsorships" not in frames or "countries" not in frames:
        return []
    sp = frames["sponsorships"]
    if not {"sponsor", "sponsor_type"} <= set(sp.columns):
        return []
    bad = sp["sponsor_type"].isin(["state", "organisation"]) & ~sp["sponsor"].isin(set(frames["countries"]["iso3"]))
    return [DataError("sponsorships.csv", f"{sp.at[r - 2, 'sponsor']!r} is typed {sp.at[r - 2, 'sponsor_type']} but is "
                      "not in countries.iso3", row=r, column="sponsor") for r in _first_rows(bad)]


def validate_or_raise(data_dir: Path, tables: list[str] | None = None) -> None:
    errors = validate(data_dir, tables)
    if errors:
        raise DataErrors(errors)
