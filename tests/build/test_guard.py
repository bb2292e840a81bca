"""Guarded sources: the build reads only inputs recorded in data/sources_manifest.csv, and no table shrinks
below data/expected_rows.csv unnoticed. Sources are copied to tmp_path and broken there (never in place)."""
from __future__ import annotations

import re
import shutil

import pytest

from analysis.cli import main
from analysis.core.errors import DataError, DataErrors, SetupError
from analysis.core.paths import CURATION_DIR, DATA_DIR
from analysis.data import validate
from analysis.data.build import guard, pipeline
from analysis.data.sources import manifest

pytestmark = pytest.mark.sources


@pytest.fixture()
def sources(sources_dir, tmp_path):
    """A private copy of the raw sources."""
    out = tmp_path / "sources"
    shutil.copytree(sources_dir, out)
    return out


def build_errors(sources, out, **flags) -> list[str]:
    with pytest.raises((DataError, DataErrors)) as caught:
        pipeline.build(sources, out, progress=lambda m: None, **flags)
    return [str(e) for e in getattr(caught.value, "errors", [caught.value])]


def test_a_truncated_source_stops_the_build_before_anything_is_read(sources, tmp_path, monkeypatch):
    p = sources / "coe_cybercrime_treaties" / "treaty_status.csv"
    text = p.read_text(encoding="utf-8")
    p.write_text(text[: len(text) * 2 // 3], encoding="utf-8")          # cut mid-row, as in the issue
    monkeypatch.setattr(pipeline, "build_tables", lambda *a, **k: pytest.fail("the build read the sources"))
    errors = build_errors(sources, tmp_path / "data")
    assert errors[0].startswith("coe_cybercrime_treaties/treaty_status.csv: differs from the source manifest: "
                                f"{len(text.encode())} -> ")
    records = re.search(r"bytes, 160 -> (\d+) records, sha256 ", errors[0])
    assert records and int(records.group(1)) < 160 and "--accept-source-changes" in errors[-1]
    assert not (tmp_path / "data").exists()


def test_a_half_deleted_source_stops_the_build(sources, tmp_path, capsys):
    p = sources / "cooperation" / "edges.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    p.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")  # whole rows gone: a valid, shorter CSV
    errors = build_errors(sources, tmp_path / "data")
    assert "cooperation/edges.csv: differs from the source manifest" in errors[0] and "354 -> " in errors[0]
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "data")]) == 1
    assert "cooperation/edges.csv" in capsys.readouterr().err


def test_a_changed_source_a_truncated_gzip_and_a_changed_curation_file(sources, tmp_path):
    p = sources / "cooperation" / "memberships.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("Brunei", "Brunai", 1), encoding="utf-8")
    gz = sources / "unvotes" / "un_votes.csv.gz"
    gz.write_bytes(gz.read_bytes()[: gz.stat().st_size // 2])
    curation = tmp_path / "curation"
    shutil.copytree(CURATION_DIR, curation)
    (curation / "events.csv").write_text("date,end_date,kind,title,summary,source_url,read_on\n", encoding="utf-8")
    errors = build_errors(sources, tmp_path / "data", curation=curation)
    text = "\n".join(errors)
    assert "cooperation/memberships.csv: differs from the source manifest: " in text and "336 -> 336 records" in text
    assert "unvotes/un_votes.csv.gz: differs" in text and "-> unreadable: cannot be read" in text
    assert "curation/events.csv: differs from the source manifest" in text and "13 -> 0 records" in text


def test_a_missing_source_is_an_environment_error(sources, tmp_path, capsys):
    (sources / "cooperation" / "edges.csv").unlink()
    with pytest.raises(SetupError, match="cooperation/edges.csv"):
        pipeline.build(sources, tmp_path / "data", progress=lambda m: None)
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "data")]) == 3
    assert "sources/cooperation/edges.csv" in capsys.readouterr().err


def test_accepting_a_truncated_gzip_is_still_refused(sources, tmp_path):
    gz = sources / "bsv_ideal_points" / "ideal_points_july2025.csv.gz"
    gz.write_bytes(gz.read_bytes()[:1000])
    errors = build_errors(sources, tmp_path / "data", accept_source_changes=True)
    assert errors == [f"{manifest.bsv.FILE}: cannot be read (truncated or not gzip?): Compressed file ended before "
                      "the end-of-stream marker was reached"]


@pytest.fixture()
def small_build(copy, monkeypatch):
    """The build with its slow steps replaced by the tables of the small copy of data/ (fewer votes)."""
    import json

    descriptor = validate.read_descriptor(copy)
    tables = {res["name"]: validate.read_raw(copy, res) for res in descriptor["resources"] if "schema" in res}
    outlines = json.loads((copy / "world_outlines.geojson").read_text(encoding="utf-8"))
    monkeypatch.setattr(pipeline, "build_tables", lambda *a, **k: tables)
    monkeypatch.setattr(pipeline.outlines_step, "world_outlines", lambda *a, **k: outlines)
    return tables


def test_a_table_that_shrinks_stops_the_build(sources_dir, small_build, tmp_path):
    out = tmp_path / "out"
    errors = build_errors(sources_dir, out)
    expected = guard.read_expected(DATA_DIR / guard.EXPECTED_ROWS)
    n = len(small_build["votes"])
    assert [e for e in errors if e.startswith("expected_rows.csv: votes:")] == [
        f"expected_rows.csv: votes: {n} rows, {expected['votes'] - n} fewer than the {expected['votes']} expected: the "
        "build lost rows (a truncated source?); if intended, rerun with --update-expected-rows (a code change) or "
        "--accept-source-changes"]
    assert not out.exists()


def test_update_expected_rows_records_and_prints_the_new_counts(sources_dir, small_build, tmp_path):
    out, printed = tmp_path / "out", []
    pipeline.build(sources_dir, out, progress=printed.append, update_expected_rows=True)
    counts = guard.read_expected(out / guard.EXPECTED_ROWS)
    assert counts["votes"] == len(small_build["votes"]) and counts["countries"] == 261
    assert f"rows: votes: 993457 -> {counts['votes']} rows ({counts['votes'] - 993457:+d})" in printed
    assert not (out / guard.MANIFEST).exists()          # the sources did not change
    assert validate.validate(out) == []


def test_accept_source_changes_rewrites_the_manifest(sources, small_build, tmp_path):
    p = sources / "cooperation" / "edges.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    p.write_text("".join(lines[:100]), encoding="utf-8")
    out, printed = tmp_path / "out", []
    pipeline.build(sources, out, progress=printed.append, accept_source_changes=True)
    assert any(line.startswith("accepted: cooperation/edges.csv: differs from the source manifest") for line in printed)
    assert any(line.startswith("rows: votes: 993457 -> ") for line in printed)
    new = manifest.read(out / guard.MANIFEST)
    assert new.loc[new["path"] == "cooperation/edges.csv", "records"].item() == 99
    # the next build reads the folder's own guard files: nothing differs any more
    pipeline.build(sources, out, progress=printed.append)
