"""Guards of the build: it reads the inputs recorded in the source manifest, and no table shrinks
unnoticed. Both guard files sit next to the data and change in the same commit as the data:

- ``sources_manifest.csv`` (:mod:`analysis.data.sources.manifest`): every raw-source and curation
  file the build reads, with size, SHA-256 and records. Checked before anything is read; a
  changed, truncated or new file stops the build (:class:`DataErrors` naming each file and what
  differs) unless the change is accepted, which rewrites the manifest.
- ``expected_rows.csv`` (columns ``table``, ``rows``): the rows of every table of the package
  (features for the outlines), as PUDL keeps them. A table with fewer rows than expected, a new
  table or a missing one stops the build; a table that grew is reported. Accepting source
  changes or updating the expected rows rewrites the file and prints every change.

A build into another folder reads the guard files of that folder if it has them, else those of
``data/``, and writes accepted ones into that folder.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.core.paths import DATA_DIR
from analysis.data import schema
from analysis.data.sources import manifest

MANIFEST = "sources_manifest.csv"
EXPECTED_ROWS = "expected_rows.csv"
ACCEPT_HINT = ("restore the file(s), or if the change is intended rerun `cybercrime build --accept-source-changes` "
               "(rewrites sources_manifest.csv and expected_rows.csv, printing each table's row-count change)")


def guard_file(out_dir: Path, name: str) -> Path:
    """``out_dir/name`` if the output folder has it, else the project's ``data/name``."""
    own = Path(out_dir) / name
    return own if own.is_file() else DATA_DIR / name


def check_inputs(sources: Path, curation: Path, manifest_file: Path, accept: bool = False,
                 progress=print) -> bytes | None:
    """Compare the input files with `manifest_file` before anything is read. Unchanged: None.
    Changed and not `accept`: DataErrors naming each file. Changed and `accept`: each change is
    printed and the new manifest (CSV bytes) returned, to be written with the data."""
    diffs = manifest.differences(manifest.read(manifest_file), sources, curation)
    if not diffs:
        return None
    if not accept:
        raise DataErrors([DataError(label, what) for label, what in diffs] + [DataError(MANIFEST, ACCEPT_HINT)])
    for label, what in diffs:
        progress(f"accepted: {label}: {what}")
    return manifest.to_csv(manifest.current(sources, curation))


def row_counts(tables: dict[str, pd.DataFrame], outlines: dict | None = None) -> dict[str, int]:
    """Rows of every table of the package (and features of the outlines), by name."""
    counts = {name: len(tables[name]) for name in schema.TABLES}
    if outlines is not None:
        counts[schema.OUTLINES_RESOURCE["name"]] = len(outlines["features"])
    return counts


def read_expected(path: Path) -> dict[str, int]:
    """``expected_rows.csv`` as {table: rows} ({} if there is none; DataError if malformed)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(EXPECTED_ROWS, f"not readable: {exc}") from exc
    if list(frame.columns) != ["table", "rows"] or not frame["rows"].str.isdigit().all():
        raise DataError(EXPECTED_ROWS, "columns must be table, rows (an integer)")
    return dict(zip(frame["table"], frame["rows"].astype(int), strict=True))


def expected_csv(counts: dict[str, int]) -> bytes:
    """Row counts as ``expected_rows.csv`` bytes (sorted by table)."""
    lines = ["table,rows"] + [f"{name},{counts[name]}" for name in sorted(counts)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def compare_counts(expected: dict[str, int], counts: dict[str, int]) -> tuple[list[DataError], list[str]]:
    """(errors, changes): an error for a table that shrank, is new or is gone; a line per change."""
    errors, changes = [], []
    for name in sorted(set(expected) | set(counts)):
        old, new = expected.get(name), counts.get(name)
        if old == new:
            continue
        if old is None:
            changes.append(f"{name}: new table, {new} rows")
            errors.append(DataError(EXPECTED_ROWS, f"{name}: no expected row count (a new table?); "
                                                   "record it with `cybercrime build --update-expected-rows`"))
        elif new is None:
            changes.append(f"{name}: {old} rows -> no such table")
            errors.append(DataError(EXPECTED_ROWS, f"{name}: {old} rows expected but the build made no such table"))
        else:
            changes.append(f"{name}: {old} -> {new} rows ({new - old:+d})")
            if new < old:
                errors.append(DataError(EXPECTED_ROWS, f"{name}: {new} rows, {old - new} fewer than the {old} expected: "
                                        "the build lost rows (a truncated source?); if intended, rerun with "
                                        "--update-expected-rows (a code change) or --accept-source-changes"))
    return errors, changes
