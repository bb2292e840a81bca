"""Atomic, exclusive builds: the package is staged beside data/, validated there, then moved in; a failure
at any point (a write, a move, the validation, a second build) leaves the folder byte-identical."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.cli import main
from analysis.core.errors import DataErrors, SetupError
from analysis.core.paths import ROOT
from analysis.data import validate
from analysis.data.build import pipeline, publish


def snapshot(folder):
    """Every file of `folder` and of its parent (where staging folders and the lock live), with its bytes."""
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    beside = sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name and not p.name.endswith(".lock"))
    return files, beside


def read_package(folder):
    """The tables of a data folder as the strings a build would write, and the outlines."""
    descriptor = validate.read_descriptor(folder)
    tables = {res["name"]: validate.read_raw(folder, res) for res in descriptor["resources"]
              if res.get("profile") == "tabular-data-resource"}
    return tables, json.loads((folder / "world_outlines.geojson").read_text(encoding="utf-8"))


def test_writing_the_same_tables_is_byte_identical(copy):
    before = snapshot(copy)
    tables, outlines = read_package(copy)
    paths = pipeline.write_package(tables, copy, outlines, progress=lambda m: None)
    assert paths[-1].name == "datapackage.json"     # moved in last
    assert snapshot(copy) == before


def test_a_write_failure_on_the_third_file_leaves_data_unchanged(copy, monkeypatch):
    before = snapshot(copy)
    tables, outlines = read_package(copy)
    tables["positions"] = tables["positions"].iloc[:3]          # what would have been written differs
    real, written = pipeline.write_table, []

    def failing(frame, spec, out_dir):
        written.append(spec["path"])
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real(frame, spec, out_dir)

    monkeypatch.setattr(pipeline, "write_table", failing)
    with pytest.raises(OSError, match="No space left"):
        pipeline.write_package(tables, copy, outlines, progress=lambda m: None)
    assert len(written) == 3 and snapshot(copy) == before      # and no staging folder left beside it


def test_a_failure_while_moving_in_puts_every_file_back(copy, monkeypatch):
    before = snapshot(copy)
    tables, outlines = read_package(copy)
    tables["positions"] = tables["positions"].iloc[:3]
    real, moved = publish.os.replace, []

    def failing(src, dst):
        moved.append(dst)
        if len(moved) == 5:
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(publish.os, "replace", failing)
    with pytest.raises(OSError, match="Input/output"):
        pipeline.write_package(tables, copy, outlines, progress=lambda m: None)
    monkeypatch.setattr(publish.os, "replace", real)
    assert snapshot(copy) == before


def test_invalid_staged_tables_are_never_moved_in(copy):
    before = snapshot(copy)
    tables, outlines = read_package(copy)
    tables["participation"] = tables["participation"].iloc[:0]   # a header-only table
    with pytest.raises(DataErrors, match="participation.csv, row 2: no rows"):
        pipeline.write_package(tables, copy, outlines, progress=lambda m: None)
    assert snapshot(copy) == before


def test_a_disk_full_in_another_process_leaves_data_unchanged(copy):
    """As in the issue: a file-size limit (`ulimit -f`) makes a write fail part-way."""
    before = snapshot(copy)
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from analysis.data import validate\n"
        "from analysis.data.build import pipeline\n"
        "folder = Path(sys.argv[1])\n"
        "d = validate.read_descriptor(folder)\n"
        "tables = {r['name']: validate.read_raw(folder, r) for r in d['resources'] if 'schema' in r}\n"
        "tables['positions'] = tables['positions'].iloc[:3]\n"
        "outlines = json.loads((folder / 'world_outlines.geojson').read_text())\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (500_000, 500_000))\n"
        "pipeline.write_package(tables, folder, outlines, progress=lambda m: None)\n")
    run = subprocess.run([sys.executable, "-c", script, str(copy)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0 and "File too large" in run.stderr, run.stderr[-2000:]
    assert snapshot(copy) == before


def test_a_second_build_fails_clearly_while_the_first_holds_the_lock(copy, tmp_path, capsys):
    before = snapshot(copy)
    with publish.build_lock(copy):
        with pytest.raises(SetupError, match=r"another build is writing to .* \(pid \d+"):
            pipeline.build(tmp_path / "sources-not-read", copy, progress=lambda m: None)
        assert main(["build", "--sources", str(tmp_path), "--out", str(copy)]) == 3
        assert "another build is writing" in capsys.readouterr().err
    assert snapshot(copy) == before
    with publish.build_lock(copy):   # released: it can be taken again
        pass
