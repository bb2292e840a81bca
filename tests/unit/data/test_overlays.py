"""Laying one source over another (analysis.data.build.coe) and deciding conflicts (analysis.data.build.conflicts)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.core.errors import DataErrors
from analysis.data.build import coe, conflicts


def _base(**cells):
    row = {"instrument": "ETS185", "iso3": "AAA", "signed": "", "ratified": "", "accession": False, "in_force": "",
           "status_as_of": "", "source": "base-url", "name_in_source": "Aland", "note": "", "in_force_computed": False,
           "_from": {c: "base row 2" for c in ("signed", "ratified", "in_force")},
           "_level": {c: None for c in ("signed", "ratified", "in_force")}, "_changes": []}
    row.update(cells)
    return {("ETS185", "AAA"): row}


def _overlay(**cells):
    row = {"treaty": "ETS185", "iso3": "AAA", "state": "Aland", "signed": "", "ratified": "", "accession": "",
           "in_force": "", "in_force_computed": "", "status_as_of": "", "source_url": "over-url",
           "confidence": "official", "note": "", "_row": 5}
    row.update(cells)
    return pd.DataFrame([row])


def test_filling_and_confirming_are_not_conflicts():
    rows, met = _base(ratified="2010-01-05"), []
    coe._lay_over(rows, _overlay(ratified="2010-01-05", in_force="2010-05-01"), "over.csv", met)
    row = rows[("ETS185", "AAA")]
    assert met == [] and row["in_force"] == "2010-05-01" and row["_level"]["ratified"] == "high"
    assert "over-url" in row["source"] and "in_force (empty) -> 2010-05-01" in row["_changes"][-1]


def test_two_values_are_a_collision_and_the_later_source_is_taken():
    rows, met = _base(ratified="2010-01-05"), []
    coe._lay_over(rows, _overlay(ratified="2010-01-06"), "over.csv", met)
    assert rows[("ETS185", "AAA")]["ratified"] == "2010-01-06"
    assert [(c.key, c.field, c.old, c.new, c.file, c.row) for c in met] == \
        [("ETS185/AAA", "ratified", "2010-01-05", "2010-01-06", "over.csv", 5)]


def test_a_computed_date_never_replaces_a_sourced_one():
    rows, met = _base(ratified="2010-01-05", in_force="2010-06-01"), []
    coe._lay_over(rows, _overlay(in_force="2010-05-01", in_force_computed="true"), "over.csv", met)
    row = rows[("ETS185", "AAA")]
    assert row["in_force"] == "2010-06-01" and not row["in_force_computed"]
    assert [(c.old, c.new) for c in met] == [("2010-05-01", "2010-06-01")]   # the sourced value is the one taken
    rows = _base(ratified="2010-01-05")
    coe._lay_over(rows, _overlay(in_force="2010-05-01", in_force_computed="true"), "over.csv", [])
    assert rows[("ETS185", "AAA")]["in_force_computed"] is True
    coe._lay_over(rows, _overlay(in_force="2010-05-01"), "chart.csv", [])     # a source confirms the computed date
    assert rows[("ETS185", "AAA")]["in_force_computed"] is False


def _recorded(tmp_path, *rows):
    cols = ["table", "key", "field", "kind", "value_taken", "source_taken", "value_set_aside", "source_set_aside",
            "rule", "note"]
    pd.DataFrame(list(rows), columns=cols).to_csv(tmp_path / "source_conflicts.csv", index=False)
    return tmp_path


COLLISION = conflicts.Collision("participation", "ETS185/AAA", "ratified", "2010-01-05", "base row 2", "2010-01-06",
                                "over.csv row 5", "over.csv", 5)


def test_an_unrecorded_collision_stops_the_build(tmp_path):
    folder = _recorded(tmp_path)
    with pytest.raises(DataErrors) as info:
        conflicts.conflicts_table(folder, [COLLISION])
    e = info.value.errors[0]
    assert (e.file, e.row, e.column) == ("over.csv", 5, "ratified") and "source_conflicts.csv" in e.message


def test_a_recorded_collision_becomes_a_row(tmp_path):
    folder = _recorded(tmp_path, ("participation", "ETS185/AAA", "ratified", "overlay", "2010-01-06", "over",
                                  "2010-01-05", "base", "official over secondary", ""),
                       ("participation", "ETS185/BBB", "ratified", "documented", "2011-01-01", "x", "2011-01-02", "y",
                        "chart", ""))
    table = conflicts.conflicts_table(folder, [COLLISION])
    assert table["arises_in_build"].tolist() == [True, False]


def test_an_overlay_conflict_the_build_no_longer_meets_is_stale(tmp_path):
    folder = _recorded(tmp_path, ("participation", "ETS185/AAA", "ratified", "overlay", "2010-01-06", "over",
                                  "2010-01-05", "base", "official over secondary", ""))
    with pytest.raises(DataErrors, match="does not meet"):
        conflicts.conflicts_table(folder, [])
