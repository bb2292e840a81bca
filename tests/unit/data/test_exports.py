"""The agreement-scores schema documents every column; the writers are deterministic and say what they wrote."""
from __future__ import annotations

import gzip
import hashlib
import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.data.exports import (
    DECIMALS,
    agreement_columns,
    agreement_fields,
    agreement_resource,
    sidecar_path,
    write_agreement_scores,
)

FRAME = pd.DataFrame({
    "iso3_a": ["AAA", "AAA", "BBB"], "iso3_b": ["BBB", "CCC", "CCC"], "year": [2000, 2000, 2001],
    "agree": [2 / 3, 0.5, 1.0], "agree_lijphart": [5 / 6, 0.75, 1.0], "n_shared": [3, 2, 1],
    "ideal_a": [1.23456789, -0.0000001, np.nan], "ideal_b": [-0.5, 0.25, 0.1],
    "ideal_distance": [1.73456789, 0.2500001, np.nan], "subset": "all",
})


@pytest.mark.parametrize("by", ["year", "session"])
def test_every_column_is_documented(by):
    fields = agreement_fields(by)
    assert [f["name"] for f in fields] == agreement_columns(by)
    assert agreement_columns(by)[2] == by
    for f in fields:
        assert f["type"] in ("string", "integer", "number") and len(f["description"]) > 30, f["name"]
    described = {f["name"]: f["description"] for f in fields}
    assert "standard deviations" in described["ideal_a"] and "whatever the subset" in described["ideal_a"]
    assert f"{DECIMALS} decimal places" in described["agree"]
    resource = agreement_resource(by, "ict", "x.csv.gz", "csv")
    assert resource["compression"] == "gz" and resource["schema"]["primaryKey"] == ["iso3_a", "iso3_b", by, "subset"]
    assert "Voeten" in resource["citation"] and "DGACM" in resource["citation"]
    assert {s["id"] for s in resource["sources"]} >= {"unvotes", "unxml"}
    assert any("lineage" in n for n in resource["notes"]) and any("SUN-RUS" in n for n in resource["notes"])
    with pytest.raises(ValueError):
        agreement_fields("month")


def test_sidecar_names():
    assert sidecar_path("d/a.csv.gz").as_posix() == "d/a.resource.json"
    assert sidecar_path("a.csv").name == sidecar_path("a.parquet").name == "a.resource.json"


def test_csv_is_plain_rounded_and_deterministic(tmp_path):
    paths = write_agreement_scores(FRAME, tmp_path / "a.csv", "year", "all")
    text = paths[0].read_text(encoding="utf-8")
    assert text.splitlines() == [
        "iso3_a,iso3_b,year,agree,agree_lijphart,n_shared,ideal_a,ideal_b,ideal_distance,subset",
        "AAA,BBB,2000,0.666667,0.833333,3,1.234568,-0.5,1.734568,all",
        "AAA,CCC,2000,0.5,0.75,2,0,0.25,0.25,all",            # -1e-7 rounds to 0, not "-0"
        "BBB,CCC,2001,1,1,1,,0.1,,all",                       # no ideal point: empty
    ]
    first = paths[0].read_bytes()
    write_agreement_scores(FRAME, tmp_path / "a.csv", "year", "all")
    assert paths[0].read_bytes() == first
    back = pd.read_csv(paths[0])
    assert list(back.columns) == agreement_columns("year") and back["ideal_a"].isna().tolist() == [False, False, True]


def test_gzip_and_parquet_are_deterministic_and_the_descriptor_describes_the_file(tmp_path):
    for name, fmt in (("a.csv.gz", "csv"), ("b.parquet", "parquet")):
        data, side = write_agreement_scores(FRAME, tmp_path / name, "year", "all", fmt)
        first = data.read_bytes()
        write_agreement_scores(FRAME.copy(), tmp_path / name, "year", "all", fmt)
        assert data.read_bytes() == first, name
        resource = json.loads(side.read_text(encoding="utf-8"))
        assert resource["path"] == name and resource["format"] == fmt and resource["bytes"] == len(first)
        assert resource["hash"] == "sha256:" + hashlib.sha256(first).hexdigest()
        assert [f["name"] for f in resource["schema"]["fields"]] == agreement_columns("year")
    assert gzip.decompress((tmp_path / "a.csv.gz").read_bytes()).startswith(b"iso3_a,iso3_b,year,")
    table = pq.read_table(tmp_path / "b.parquet").to_pandas()
    assert list(table.columns) == agreement_columns("year")
    assert table["agree"].tolist() == [0.666667, 0.5, 1.0] and np.isnan(table["ideal_a"].iloc[2])
