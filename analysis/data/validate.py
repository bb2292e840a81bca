"""Check the tidy tables against ``data/datapackage.json`` and the domain rules.

Schema checks (per field): required, type (integer, boolean, date), enum, pattern, minimum,
maximum, unique; primary keys unique; foreign keys resolve (every ``iso3`` is in the registry).
Domain rules: per-country vote counts equal the official tallies wherever both are known (except
roll calls whose mismatch is recorded in ``rollcall_notes.csv``), dates between 1945 and the
build, the treaty rules of :mod:`analysis.data.rules`, and the cross-table and content rules of
:mod:`analysis.data.checks` (no empty table, keys, treaty dates in order, real partial dates,
votes within a state's lifetime, URLs, no markup, no control characters, the GeoJSON).
Every problem is a :class:`~analysis.core.errors.DataError` naming file, row and column; a file
that cannot be read at all (missing, empty, truncated, not UTF-8) is one such error, never a
traceback. A missing data folder is a :class:`~analysis.core.errors.SetupError`.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from pathlib import Path, PurePosixPath

import pandas as pd

from analysis.core.errors import DataError, DataErrors, SetupError
from analysis.core.vocabulary import CAST_VOTES
from analysis.data import checks

TRUE, FALSE = {"true", "True", "1"}, {"false", "False", "0"}
MAX_DATE = __import__("datetime").date.today().isoformat()  # no date after the day of validation
DESCRIPTOR = "datapackage.json"


def _descriptor_problems(descriptor) -> list[DataError]:
    """What makes a descriptor unusable: no resources, a resource without name, path or schema."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list) \
            or not descriptor["resources"]:
        return [DataError(DESCRIPTOR, "no list of 'resources': not a data package descriptor")]
    out = []
    for k, res in enumerate(descriptor["resources"], 1):
        name = res.get("name") if isinstance(res, dict) else None
        where = f"resource {k} ({name!r})"
        if not isinstance(name, str) or not isinstance(res.get("path"), str):
            out.append(DataError(DESCRIPTOR, f"{where} has no 'name' or 'path'"))
            continue
        path = PurePosixPath(res["path"])
        if path.is_absolute() or ".." in path.parts:
            out.append(DataError(DESCRIPTOR, f"{where}: path {res['path']!r} is outside the data folder"))
        if res.get("profile") != "tabular-data-resource":
            continue
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields or not all(
                isinstance(fd, dict) and isinstance(fd.get("name"), str) and isinstance(fd.get("type"), str)
                for fd in fields):
            out.append(DataError(DESCRIPTOR, f"{where} has no 'schema' with a list of fields (name, type)"))
            continue
        names = {fd["name"] for fd in fields}
        for fd in fields:
            c = fd.get("constraints", {})
            if not isinstance(c, dict) or not isinstance(c.get("enum", []), list) or not _compiles(c.get("pattern")) \
                    or not all(isinstance(c.get(k, 0), (int, float)) for k in ("minimum", "maximum")):
                out.append(DataError(DESCRIPTOR, f"{where}, field {fd['name']!r}: malformed constraints {c!r}"))
        if not isinstance(schema.get("foreignKeys", []), list) or not isinstance(schema.get("primaryKey", []), list):
            out.append(DataError(DESCRIPTOR, f"{where}: primaryKey and foreignKeys must be lists"))
            continue
        for fk in schema.get("foreignKeys", []):
            ref = fk.get("reference", {}) if isinstance(fk, dict) else {}
            if not isinstance(fk, dict) or fk.get("fields") not in names or not isinstance(ref, dict) \
                    or not isinstance(ref.get("resource"), str) or not isinstance(ref.get("fields"), str):
                out.append(DataError(DESCRIPTOR, f"{where}: malformed foreign key {fk!r}"))
        if not set(schema.get("primaryKey") or []) <= names:
            out.append(DataError(DESCRIPTOR, f"{where}: primary key {schema.get('primaryKey')} names unknown fields"))
    return out


def _compiles(pattern) -> bool:
    if pattern is None:
        return True
    try:
        re.compile(pattern)
    except (re.error, TypeError):
        return False
    return True


def read_descriptor(data_dir: Path) -> dict:
    """``data_dir/datapackage.json``, checked to be a usable descriptor (DataError / DataErrors if not)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise SetupError(f"data folder {data_dir} not found (pass --data-dir DIR, or run `cybercrime build`)")
    path = data_dir / DESCRIPTOR
    if not path.exists():
        raise DataError(DESCRIPTOR, "no datapackage.json: run `cybercrime build` first")
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError(DESCRIPTOR, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise DataError(DESCRIPTOR, f"not valid JSON ({exc.msg}, column {exc.colno}): truncated? "
                                    "rebuild it with `cybercrime build`", row=exc.lineno) from exc
    problems = _descriptor_problems(descriptor)
    if problems:
        raise DataErrors(problems)
    return descriptor


def resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise DataError(DESCRIPTOR, f"no resource {name!r}")


def read_text(data_dir: Path, res: dict) -> str:
    """The text of a table's file (gunzipped where it ends in .gz), failing clearly on a missing,
    empty, truncated or non-UTF-8 file."""
    path = Path(data_dir) / res["path"]
    label = res["path"]
    if not path.is_file():
        raise DataError(label, "file not found")
    if path.stat().st_size == 0:
        raise DataError(label, "empty file (0 bytes): no header and no rows")
    try:
        raw = path.read_bytes()
        if label.endswith(".gz"):
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except (EOFError, OSError, zlib.error) as exc:
        raise DataError(label, f"cannot be decompressed (truncated or not gzip): {exc}") from exc


def parse_csv(text: str, label: str) -> pd.DataFrame:
    """CSV text as a frame of strings ('' = empty). A file that does not end with a line break was
    cut off (the parser would keep a half row, filling the missing fields with ''): an error."""
    if text and not text.endswith("\n"):
        tail = text.rsplit("\n", 1)
        header = next(csv.reader([text.split("\n", 1)[0]]), [])
        cells = next(csv.reader([tail[-1]]), [])
        row = text.count("\n") + 1
        what = (f"the last row has {len(cells)} of {len(header)} fields: cut off (truncated file?)"
                if len(cells) < len(header) else "no line break at the end of the file (truncated?)")
        raise DataError(label, what, row=row, column=header[len(cells) - 1] if 0 < len(cells) <= len(header) else None)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError as exc:
        raise DataError(label, "no header: the file holds only blank lines", row=1) from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(label, f"cannot be parsed as CSV: {exc}") from exc


def read_raw(data_dir: Path, res: dict) -> pd.DataFrame:
    """Read a table as strings, failing clearly on a missing, empty or truncated file, bad encoding or bad header."""
    return parse_csv(read_text(data_dir, res), res["path"])


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
    """Every foreign key declared in the descriptor resolves (tables read in ``frames`` only)."""
    errors = []
    for res in descriptor["resources"]:
        frame = frames.get(res["name"])
        if frame is None:
            continue
        for fk in res.get("schema", {}).get("foreignKeys", []):
            ref = frames.get(fk["reference"]["resource"])
            if ref is None or fk["reference"]["fields"] not in ref:
                continue
            errors += checks.foreign_key_errors(frame, res["path"], fk["fields"], ref, fk["reference"]["resource"],
                                                fk["reference"]["fields"])
    return errors


def needed_tables(descriptor: dict, names: list[str]) -> set[str]:
    """`names`, the registry, and every table they refer to by a key (transitively): what a loader
    of `names` must read for the cross-table checks its docstring promises."""
    refs: dict[str, set[str]] = {}
    for res in descriptor["resources"]:
        refs[res["name"]] = {fk["reference"]["resource"] for fk in res.get("schema", {}).get("foreignKeys", [])}
    for table, _col, ref, _ref_col in checks.EXTRA_FOREIGN_KEYS:
        refs.setdefault(table, set()).add(ref)
    need, todo = set(), list(names) + ["countries"]
    while todo:
        name = todo.pop()
        if name not in need:
            need.add(name)
            todo.extend(refs.get(name, ()))
    return need


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
    """All problems in the tables of ``data_dir`` (empty list = valid).

    `tables`: check only these (plus the tables they refer to, see :func:`needed_tables`).
    """
    data_dir = Path(data_dir)
    try:
        descriptor = read_descriptor(data_dir)
    except DataErrors as exc:
        return exc.errors
    except DataError as exc:
        return [exc]
    wanted = needed_tables(descriptor, tables) if tables else None
    errors: list[DataError] = []
    frames: dict[str, pd.DataFrame] = {}
    for res in descriptor["resources"]:
        if wanted is not None and res["name"] not in wanted:
            continue
        if res.get("profile") != "tabular-data-resource":
            continue
        try:
            text = read_text(data_dir, res)
            errors.extend(checks.control_characters(text, res["path"], res["schema"].get("primaryKey")))
            frame = parse_csv(text, res["path"])
        except DataError as exc:
            errors.append(exc)
            continue
        problems = check_schema(frame, res)
        errors.extend(problems)
        lines = text.count("\n") + (not text.endswith("\n"))
        errors.extend(checks.newlines_in_fields(frame, res["path"], lines))
        if not any(e.message.startswith("missing column") for e in problems):
            frames[res["name"]] = frame   # cross-table checks only on tables with every column
    errors.extend(check_foreign_keys(frames, descriptor))
    if {"rollcalls", "votes"} <= set(frames):
        try:
            errors.extend(check_tallies(frames["rollcalls"], frames["votes"], frames.get("rollcall_notes")))
            errors.extend(check_votes_rollcalls(frames["rollcalls"], frames["votes"]))
        except (KeyError, ValueError) as exc:
            errors.append(DataError("rollcalls.csv", f"cannot check tallies: {exc}"))
    errors.extend(_treaty_checks(frames))
    errors.extend(_sponsor_checks(frames))
    errors.extend(checks.check_not_empty(frames, descriptor))
    errors.extend(checks.check_extra_foreign_keys(frames))
    errors.extend(checks.check_treaty_order(frames))
    errors.extend(checks.check_partial_dates(frames, descriptor))
    errors.extend(checks.check_rollcall_year(frames))
    errors.extend(checks.check_vote_window(frames))
    errors.extend(checks.check_urls(frames))
    errors.extend(checks.check_markup(frames, descriptor))
    for res in descriptor["resources"]:
        if res.get("profile") == "tabular-data-resource" or (wanted is not None and res["name"] not in wanted):
            continue
        if res.get("format") == "geojson":
            errors.extend(checks.check_outlines(data_dir / res["path"], frames.get("countries"), res["path"]))
        elif not (data_dir / res["path"]).exists():
            errors.append(DataError(res["path"], "file not found"))
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
