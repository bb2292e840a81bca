"""The treaty layer built from the real sources (analysis.data.build): facts of the seed states,
keys, sources, determinism. Needs the raw sources folder."""
import pandas as pd
import pytest

from analysis.core.paths import default_sources_dir
from analysis.data import rules as treaty_rules
from analysis.data.build import pipeline
from analysis.data.build.registry import registry_table

pytestmark = [pytest.mark.sources, pytest.mark.slow]
SOURCES = default_sources_dir()


@pytest.fixture(scope="module")
def tables():
    return pipeline.treaty_tables(SOURCES, registry_table())


def _one(part, instrument, iso3):
    hit = part[(part["instrument"] == instrument) & (part["iso3"] == iso3)]
    assert len(hit) == 1, (instrument, iso3)
    return hit.iloc[0]


def test_japan_ets185(tables):
    r = _one(tables["participation"], "ETS185", "JPN")
    assert (r["signed"], r["ratified"], r["in_force"]) == ("2001-11-23", "2012-07-03", "2012-11-01")


def test_canada_party_in_2015(tables):
    r = _one(tables["participation"], "ETS185", "CAN")
    assert r["ratified"].startswith("2015") and r["in_force"] == "2015-11-01"


def test_serbia_in_ets185_and_cets224(tables):
    part = tables["participation"]
    ets = _one(part, "ETS185", "SRB")                 # undated in treaty_status.csv, dated by the CoE chart
    assert not ets["party_undated"] and (ets["ratified"], ets["in_force"]) == ("2009-04-14", "2009-08-01")
    assert _one(part, "ETS189", "SRB")["party_undated"]
    assert _one(part, "CETS224", "SRB")["ratified"] == "2023-02-09"


def test_additions_supersede_after_name_mapping(tables):
    part = tables["participation"]
    greece = _one(part, "ETS189", "GRC")            # 'Grèce' in treaty_status.csv, 'Greece' in the additions
    assert (greece["signed"], greece["ratified"]) == ("2003-01-28", "2017-01-25")
    assert _one(part, "ETS185", "SMR")["in_force"] == "2019-07-01"   # a new row from the additions


def test_uncc2024_signatures(tables):
    unc = tables["participation"].query("instrument == 'UNCC2024'")
    hanoi_dated = unc[unc["signed"].isin(["2025-10-25", "2025-10-26"])]
    hanoi_undated = unc[unc["signed_undated"] & unc["verified"]]    # day (25 or 26 Oct) not found
    assert len(hanoi_dated) == 67 and len(hanoi_undated) == 5
    assert len(hanoi_dated) + len(hanoi_undated) == 72              # UNTC: "Signatories 72"
    assert _one(unc, "UNCC2024", "MUS")["signed"] == "2025-11-19"   # later, New York
    assert not _one(unc, "UNCC2024", "CAN")["verified"]              # UNVERIFIED report kept, flagged


def test_quintet_group(tables):
    coop, groups = tables["cooperation"], tables["cooperation_groups"]
    gid = coop.loc[coop["title"].str.contains("Quintet") & (coop["group_id"] != ""), "group_id"]
    assert len(gid) == 1
    members = set(groups.loc[groups["group_id"] == gid.iloc[0], "iso3"])
    assert members == {"CAN", "USA", "AUS", "NZL", "GBR"}
    assert coop.loc[coop["group_id"] == gid.iloc[0], "year"].iloc[0] == 2019


def test_serbia_memoranda(tables):
    coop = tables["cooperation"]
    pair = coop[["a_iso3", "b_iso3"]].apply(frozenset, axis=1)
    mou = coop[coop["kind"] == "mou"]
    assert mou.loc[pair[mou.index] == frozenset({"SRB", "IND"}), "year"].tolist() == [2016]
    assert mou.loc[pair[mou.index] == frozenset({"SRB", "ROU"}), "year"].tolist() == [2017]


def test_keys_unique_and_sorted(tables):
    keys = {"instruments": ["instrument"], "participation": ["instrument", "iso3"],
            "invitations": ["instrument", "iso3"], "cooperation": ["tie_id"],
            "cooperation_groups": ["group_id", "iso3"], "memberships": ["org", "iso3"],
            "positions": ["position_id"], "events": ["event_id"]}
    for name, key in keys.items():
        t = tables[name]
        assert not t.duplicated(key).any(), name
        assert t[key].equals(t.sort_values(key)[key].reset_index(drop=True)), name


def test_every_row_sourced_and_dated(tables):
    part = tables["participation"]
    assert (part["source"] != "").all() and part["status_as_of"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert treaty_rules.check_participation(part, tables["instruments"]) == []
    assert set(part["instrument"]) <= set(tables["instruments"]["instrument"])
    assert set(tables["cooperation_groups"]["group_id"]) == set(tables["cooperation"]["group_id"]) - {""}


def test_instruments_dates_are_iso(tables):
    ins = tables["instruments"].set_index("instrument")
    assert ins.at["UNCC2024", "adopted"] == "2024-12-24"
    assert "79/243" in ins.at["UNCC2024", "notes"]
    assert ins.at["ETS185", "entry_into_force"] == "2004-07-01"
    assert ins.at["ETS189", "opened_for_signature"] == "2003-01-28"


def test_invitations_and_excluded(tables):
    inv = tables["invitations"]
    assert {"KEN", "MWI", "PNG", "MOZ"} <= set(inv["iso3"])
    excl = tables["excluded"]
    assert len(excl) == 7 and excl["reason"].str.startswith("aggregate").all()


def test_deterministic(tables):
    again = pipeline.treaty_tables(SOURCES, registry_table())
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, again[name])
