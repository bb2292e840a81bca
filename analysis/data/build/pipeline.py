"""``python -m analysis build``: derive every tidy table in ``data/`` from the raw sources.

Reads the curated source folders in place (never writes there) and the project's own
``curation/`` files; writes deterministic files (sorted rows, ``\\n`` line ends, gzip with a zero
timestamp), so two builds give byte-identical output. Files are written to a staging folder,
validated there and only then moved in (:mod:`analysis.data.build.publish`): a failed build
leaves the previous ``data/`` byte-identical.
"""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.paths import CURATION_DIR, DATA_DIR
from analysis.data import geo, rules, schema, validate
from analysis.data.build import cooperation, curated, guard, publish, reference, sponsorships, treaties, undl_fold
from analysis.data.build import outlines as outlines_step
from analysis.data.build import votes as build_votes
from analysis.data.build.conflicts import conflicts_table
from analysis.data.build.registry import registry_table

SORT_KEYS = {
    "countries": ["iso3"],
    "rollcalls": ["rollcall_id"],
    "votes": ["rollcall_id", "iso3"],
    "rollcall_notes": ["rollcall_id", "check", "detail"],
    "instruments": ["instrument"],
    "participation": ["instrument", "iso3"],
    "invitations": ["instrument", "iso3"],
    "cooperation": ["tie_id"],
    "cooperation_groups": ["group_id", "iso3"],
    "memberships": ["org", "iso3"],
    "positions": ["position_id"],
    "events": ["event_id"],
    "source_conflicts": ["table", "key", "field"],
    "bsv_reference": ["iso3", "year"],
}


def _rollcall_sort(frame: pd.DataFrame) -> pd.DataFrame:
    """Roll calls in source then numeric order (V before X before I; V by rcid)."""
    key = frame["rollcall_id"].str.extract(r"^([VXI])(.*)$")
    order = key[0].map({"V": 0, "X": 1, "I": 2})
    num = pd.to_numeric(key[1].where(key[0] == "V"), errors="coerce").fillna(0)
    return frame.assign(_o=order, _n=num, _d=frame["date"].fillna("")).sort_values(
        ["_o", "_n", "_d", "rollcall_id"], kind="stable").drop(columns=["_o", "_n", "_d"])


def to_csv_bytes(frame: pd.DataFrame, columns: list[str]) -> bytes:
    """CSV text for ``frame`` restricted to ``columns``: booleans as true/false, NA as empty."""
    out = frame[columns].copy()
    for col in out.columns:
        if out[col].dtype == "boolean" or out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"}).fillna("")
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n", na_rep="")
    return buf.getvalue().encode("utf-8")


def write_table(frame: pd.DataFrame, spec: dict, out_dir: Path) -> Path:
    columns = [fd["name"] for fd in spec["fields"]]
    data = to_csv_bytes(frame, columns)
    path = Path(out_dir) / spec["path"]
    if spec["path"].endswith(".gz"):
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = buf.getvalue()
    path.write_bytes(data)
    return path


def treaty_tables(sources: Path, registry: pd.DataFrame, curation: Path = CURATION_DIR) -> dict[str, pd.DataFrame]:
    """The treaty layer, checked with :mod:`analysis.data.rules`: ``instruments``, ``participation``,
    ``invitations``, ``cooperation``, ``cooperation_groups``, ``memberships``, ``positions``, ``events``
    ``source_conflicts`` and ``excluded`` (source rows that could not become table rows, with the reason)."""
    sources, curation = Path(sources), Path(curation)
    collisions: list = []
    tables = {"instruments": treaties.instruments_table(sources, curation),
              "participation": treaties.participation_table(sources, registry, curation, collisions)}
    tables["invitations"], tables["excluded"] = treaties.invitations_table(sources, registry)
    tables["cooperation"], tables["cooperation_groups"] = cooperation.cooperation_tables(sources, registry, curation)
    tables["memberships"] = cooperation.memberships_table(sources, registry, curation, collisions)
    tables["source_conflicts"] = conflicts_table(curation, collisions)
    errors = (rules.check_participation(tables["participation"], tables["instruments"])
              + rules.check_memberships(tables["memberships"]))
    missing = sorted(set(tables["participation"]["instrument"]) - set(tables["instruments"]["instrument"]))
    if missing:
        errors.append(DataError("participation.csv", f"instruments without an instruments row: {missing}",
                                column="instrument"))
    if errors:
        raise DataErrors(errors)
    tables["positions"] = curated.positions_table(registry, curation)
    tables["events"] = curated.events_table(curation)
    return tables


def build_tables(sources: Path, curation: Path = CURATION_DIR, progress=print,
                 undl: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every tidy table as a DataFrame (nothing written), checked by :mod:`analysis.data.rules`;
    ``undl``: a UN Digital Library voting CSV to fold into the votes (:mod:`.undl_fold`)."""
    sources, curation = Path(sources), Path(curation)
    progress("registry ...")
    registry = registry_table(curation)
    progress("votes (unvotes 1946-2019, DGACM 2019-2026) ...")
    rollcalls, votes, notes = build_votes.vote_tables(sources, registry, curation)
    if undl is not None:
        progress(f"UN Digital Library votes from {Path(undl).name} ...")
        rollcalls, votes = undl_fold.fold_file(undl, rollcalls, votes, registry, progress)
    tables = {"countries": registry, "rollcalls": _rollcall_sort(rollcalls), "votes": votes, "rollcall_notes": notes}
    progress("treaties, cooperation, memberships, positions ...")
    treaty = treaty_tables(sources, registry, curation)
    excluded = treaty.pop("excluded")
    if len(excluded):
        progress(f"  left out (not actors): {len(excluded)} rows: " + "; ".join(sorted(set(excluded['reason'].astype(str))))[:300])
    tables.update(treaty)
    progress("reference ideal points, co-sponsorships ...")
    tables["bsv_reference"] = reference.bsv_reference(sources, registry)
    tables["sponsorships"] = sponsorships.sponsorships(sources, registry, tables["rollcalls"])
    for name, keys in SORT_KEYS.items():
        if name != "rollcalls":
            tables[name] = tables[name].sort_values(keys, kind="stable")
    order = {rid: i for i, rid in enumerate(tables["rollcalls"]["rollcall_id"])}
    tables["votes"] = tables["votes"].assign(_o=tables["votes"]["rollcall_id"].map(order)).sort_values(
        ["_o", "iso3"], kind="stable").drop(columns="_o")
    return tables


def write_all(tables: dict[str, pd.DataFrame], out_dir: Path = DATA_DIR, specs: dict | None = None,
              outlines: dict | None = None) -> list[Path]:
    """Write the tables named in ``specs``, the world ``outlines`` (GeoJSON) if given, and ``datapackage.json``."""
    specs = specs or schema.TABLES
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [write_table(tables[name], spec, out_dir) for name, spec in specs.items()]
    extra = []
    if outlines is not None:
        paths.append(geo.write_outlines(outlines, out_dir / schema.OUTLINES_RESOURCE["path"]))
        extra.append(schema.OUTLINES_RESOURCE)
    descriptor = schema.datapackage(specs, extra)
    path = out_dir / "datapackage.json"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths + [path]


def write_package(tables: dict[str, pd.DataFrame], out_dir: Path = DATA_DIR, outlines: dict | None = None,
                  progress=print, extra: dict[str, bytes] | None = None, specs: dict | None = None) -> list[Path]:
    """Write the package (and the `extra` files, name -> bytes) into a staging folder beside
    `out_dir`, validate it there with :func:`analysis.data.validate.validate`, then move it in
    (:mod:`analysis.data.build.publish`). Any failure leaves `out_dir` as it was (DataErrors when the
    staged tables are invalid)."""
    out_dir = Path(out_dir)
    with publish.staging(out_dir) as staged:
        progress(f"writing {len(schema.TABLES)} tables and the world outlines to a staging folder beside {out_dir} ...")
        write_all(tables, staged, specs, outlines=outlines)
        for name, data in (extra or {}).items():
            (staged / name).write_bytes(data)
        progress("validating the staged tables ...")
        errors = validate.validate(staged)
        if errors:
            raise DataErrors(errors)
        progress(f"moving them into {out_dir} (datapackage.json last) ...")
        return publish.publish(staged, out_dir)


def build(sources: Path, out_dir: Path = DATA_DIR, curation: Path = CURATION_DIR, progress=print,
          undl: Path | None = None, accept_source_changes: bool = False, update_expected_rows: bool = False) -> list[Path]:
    """Derive every table from `sources` and `curation` and write them atomically into `out_dir`,
    one build at a time (a second build fails with SetupError while the first holds the lock).

    Guards (:mod:`analysis.data.build.guard`): the input files must match ``sources_manifest.csv``
    before anything is read, and no table may have fewer rows than ``expected_rows.csv`` says.
    `accept_source_changes` accepts changed inputs and the row counts they give (both files are
    rewritten, every change printed); `update_expected_rows` accepts new row counts only. `undl`
    folds a UN Digital Library voting CSV into the votes (:mod:`analysis.data.build.undl_fold`; the
    file is the user's, outside the manifest); the staged validation checks the rows it adds.
    """
    out_dir = Path(out_dir)
    with publish.build_lock(out_dir):
        progress("checking the input files against the source manifest ...")
        extra = {}
        new_manifest = guard.check_inputs(sources, curation, guard.guard_file(out_dir, guard.MANIFEST),
                                          accept_source_changes, progress)
        if new_manifest is not None:
            extra[guard.MANIFEST] = new_manifest
        tables = build_tables(sources, curation, progress, undl)
        specs = undl_fold.table_specs(tables["rollcalls"], undl) if undl is not None else None
        outlines = outlines_step.world_outlines(Path(sources))
        counts = guard.row_counts(tables, outlines)
        expected_file = guard.guard_file(out_dir, guard.EXPECTED_ROWS)
        errors, changes = guard.compare_counts(guard.read_expected(expected_file), counts)
        if accept_source_changes or update_expected_rows:
            for line in changes or ["row counts unchanged"]:
                progress(f"rows: {line}")
            if changes or not (out_dir / guard.EXPECTED_ROWS).is_file():
                extra[guard.EXPECTED_ROWS] = guard.expected_csv(counts)
        elif errors:
            raise DataErrors(errors)
        else:
            for line in changes:
                progress(f"note: {line} (record it with --update-expected-rows)")
        return write_package(tables, out_dir, outlines, progress, extra, specs)
