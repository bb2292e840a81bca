"""The source manifest: every input file the build reads, with its size, SHA-256 and row count.

The files are those the readers declare: each raw-source reader's ``SOURCE_FILES`` (paths under
the sources folder) and every curation file of :data:`analysis.data.sources.curation.FILES`
(under ``curation/``), so a new input is one line in its reader. The committed manifest,
``data/sources_manifest.csv`` (columns :data:`COLUMNS`), is compared with the files before the
build reads anything (:func:`differences`); a file that changed, was truncated or is new stops the
build until the change is accepted.

``records`` counts what a file holds: CSV rows after the header (gzip or not), JSON lines
(one resolution per line), GeoJSON features.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import zlib
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, SetupError
from analysis.data.sources import bsv, coe, cooperation, curation, ict, instruments, naturalearth, unvotes, unxml

#: Readers of the sources folder, each declaring ``SOURCE_FILES``.
READERS = (unvotes, unxml, ict, bsv, coe, instruments, cooperation, naturalearth)
COLUMNS = ["root", "path", "bytes", "sha256", "records"]
ROOTS = ("sources", "curation")


def input_files() -> list[tuple[str, str]]:
    """(root, path) of every file the build reads: root ``sources`` or ``curation``, sorted."""
    files = {("sources", path) for reader in READERS for path in reader.SOURCE_FILES}
    files |= {("curation", name) for name in curation.FILES}
    return sorted(files)


def count_records(path: Path, label: str) -> int:
    """Rows, JSON lines or features in the file (DataError naming it if it cannot be read)."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8")
        if name.endswith(".geojson"):
            return len(json.loads(text)["features"])
        if name.endswith(".json"):
            return sum(1 for line in text.splitlines() if line.strip())
        return max(sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1, 0)
    except (EOFError, OSError, zlib.error) as exc:
        raise DataError(label, f"cannot be read (truncated or not gzip?): {exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise DataError(label, f"not a GeoJSON FeatureCollection (truncated?): {exc}") from exc
    except csv.Error as exc:
        raise DataError(label, f"cannot be parsed as CSV: {exc}") from exc


def _folder(root: str, sources: Path, curation_dir: Path) -> Path:
    return Path(sources) if root == "sources" else Path(curation_dir)


def digest(path: Path) -> str:
    """SHA-256 of a file, hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def missing_files(sources: Path, curation_dir: Path) -> list[str]:
    """The input files that do not exist, as ``root/path``."""
    return [f"{root}/{path}" for root, path in input_files()
            if not (_folder(root, sources, curation_dir) / path).is_file()]


def current(sources: Path, curation_dir: Path) -> pd.DataFrame:
    """The manifest of the files as they are now (SetupError if one is missing; DataError if one
    cannot be read to count its records)."""
    missing = missing_files(sources, curation_dir)
    if missing:
        raise SetupError(f"input file(s) not found: {', '.join(missing)} (sources folder {sources})")
    rows = []
    for root, path in input_files():
        full = _folder(root, sources, curation_dir) / path
        label = path if root == "sources" else f"curation/{path}"
        rows.append({"root": root, "path": path, "bytes": full.stat().st_size, "sha256": digest(full),
                     "records": count_records(full, label)})
    return pd.DataFrame(rows, columns=COLUMNS)


def read(path: Path) -> pd.DataFrame:
    """A manifest file (DataError naming it if malformed; an empty manifest if there is none)."""
    path = Path(path)
    if not path.is_file():
        return pd.DataFrame(columns=COLUMNS)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(path.name, f"not a readable manifest: {exc}") from exc
    if list(frame.columns) != COLUMNS or not frame["bytes"].str.isdigit().all() \
            or not frame["records"].str.isdigit().all() or not frame["root"].isin(ROOTS).all():
        raise DataError(path.name, f"not a manifest: columns must be {COLUMNS}, bytes and records integers")
    return frame.astype({"bytes": int, "records": int})


def to_csv(frame: pd.DataFrame) -> bytes:
    """The manifest as CSV bytes (sorted by root and path, ``\\n`` line ends)."""
    return frame.sort_values(["root", "path"])[COLUMNS].to_csv(index=False, lineterminator="\n").encode("utf-8")


def differences(expected: pd.DataFrame, sources: Path, curation_dir: Path) -> list[tuple[str, str]]:
    """How the input files differ from the manifest `expected`: (file, what differs) for each file
    that changed (size, records, digest), is not in the manifest, or is listed but no longer read."""
    missing = missing_files(sources, curation_dir)
    if missing:
        raise SetupError(f"input file(s) not found: {', '.join(missing)} (sources folder {sources})")
    known = {(r.root, r.path): r for r in expected.itertuples(index=False)}
    out = []
    for root, path in input_files():
        full = _folder(root, sources, curation_dir) / path
        label = path if root == "sources" else f"curation/{path}"
        entry = known.pop((root, path), None)
        size = full.stat().st_size
        if entry is not None and entry.bytes == size and entry.sha256 == digest(full):
            continue
        try:
            records = str(count_records(full, label))
        except DataError as exc:
            records = f"unreadable: {exc.message}"
        if entry is None:
            out.append((label, f"not in the source manifest (a new input file?): {size} bytes, records {records}"))
        else:
            out.append((label, f"differs from the source manifest: {entry.bytes} -> {size} bytes, {entry.records} -> "
                               f"{records} records, sha256 {entry.sha256[:12]}... -> {digest(full)[:12]}..."))
    out += [(path if root == "sources" else f"curation/{path}", "in the source manifest but no longer read by the build")
            for root, path in sorted(known)]
    return out
