"""The guard files next to the data change in the same commit as the data: expected_rows.csv holds the
committed tables' row counts, sources_manifest.csv lists exactly the files the build reads, and the
curation files are the ones it recorded."""
from __future__ import annotations

import json

from analysis.core.paths import CURATION_DIR, DATA_DIR
from analysis.data.build import guard
from analysis.data.sources import manifest


def test_expected_rows_are_the_committed_row_counts(data):
    expected = guard.read_expected(DATA_DIR / guard.EXPECTED_ROWS)
    outlines = json.loads((DATA_DIR / "world_outlines.geojson").read_text(encoding="utf-8"))
    assert expected == guard.row_counts(vars(data), outlines), \
        "data/ changed without data/expected_rows.csv: rebuild with --update-expected-rows"


def test_the_manifest_lists_every_input_file_once():
    recorded = manifest.read(DATA_DIR / guard.MANIFEST)
    assert list(zip(recorded["root"], recorded["path"], strict=True)) == manifest.input_files()
    assert (DATA_DIR / guard.MANIFEST).read_bytes() == manifest.to_csv(recorded)


def test_the_curation_files_are_the_recorded_ones():
    recorded = manifest.read(DATA_DIR / guard.MANIFEST)
    changed = [r.path for r in recorded[recorded["root"] == "curation"].itertuples()
               if manifest.digest(CURATION_DIR / r.path) != r.sha256]
    assert changed == [], "curation files edited: rebuild with `cybercrime build --accept-source-changes`"
