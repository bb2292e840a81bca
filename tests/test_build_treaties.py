"""Tests of analysis.build_treaties (real data) and analysis.treaty_rules (hand-made rows)."""

import pandas as pd
import pytest

from analysis.core.paths import CURATION_DIR
from analysis.data import rules as treaty_rules
from analysis.data.build import pipeline, status_dates
from analysis.data.build.registry import registry_table
from analysis.core.paths import default_sources_dir

SOURCES = default_sources_dir()
needs_sources = pytest.mark.skipif(
    not (SOURCES / "coe_cybercrime_treaties").exists(),
    reason=f"curated raw sources not found at {SOURCES} (set CYBERCRIME_SOURCES to the shared/sources folder)")


# --------------------------------------------------------------------------------------------
# Unit tests: treaty_rules on tiny hand-made tables
# --------------------------------------------------------------------------------------------

INSTRUMENTS = pd.DataFrame({"instrument": ["ETS185", "UNCC2024"], "entry_into_force": ["2004-07-01", ""]})


def _part(*rows):
    cols = ["instrument", "iso3", "signed", "ratified", "in_force", "status_as_of", "source"]
    return pd.DataFrame(list(rows), columns=cols)


GOOD = ("ETS185", "JPN", "2001-11-23", "2012-07-03", "2012-11-01", "2012-07-06", "S5")


def test_good_rows_pass():
    assert treaty_rules.check_participation(_part(GOOD), INSTRUMENTS) == []


def test_ratification_before_signature():
    errors = treaty_rules.check_participation(
        _part(GOOD, ("UNCC2024", "AAA", "2025-10-25", "2025-10-01", "", "2025-11-19", "x")), INSTRUMENTS)
    assert len(errors) == 1
    e = errors[0]
    assert (e.file, e.row, e.column) == ("participation.csv", 3, "ratified")
    assert "before signed" in e.message


def test_wrong_ets185_entry_into_force():
    errors = treaty_rules.check_participation(
        _part(("ETS185", "JPN", "2001-11-23", "2012-07-03", "2012-10-01", "2012-07-06", "S5")), INSTRUMENTS)
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column) == (2, "in_force")
    assert "2012-11-01" in errors[0].message


@pytest.mark.parametrize("deposit, expected", [
    ("2012-07-03", "2012-11-01"),   # Japan
    ("2006-09-29", "2007-01-01"),   # United States: across a year end
    ("2016-11-16", "2017-03-01"),   # Andorra
    ("2012-10-01", "2013-02-01"),   # deposit on the 1st: expiry on the 1st, EIF the month after
    ("2002-06-20", "2004-07-01"),   # before the Convention's own entry into force
    ("2004-03-18", "2004-07-01"),   # Lithuania: both readings give 1 July 2004
])
def test_ets185_formula(deposit, expected):
    assert treaty_rules.ets185_entry_into_force(deposit) == expected


def test_pre_2004_exception_accepted_and_enforced():
    albania = ("ETS185", "ALB", "2001-11-23", "2002-06-20", "2004-07-01", "2015-12-03", "S1")
    assert treaty_rules.check_participation(_part(albania), INSTRUMENTS) == []
    # the per-State formula (2002-10-01) is wrong for a State that deposited before July 2004
    formula = ("ETS185", "ALB", "2001-11-23", "2002-06-20", "2002-10-01", "2015-12-03", "S1")
    errors = treaty_rules.check_participation(_part(formula), INSTRUMENTS)
    assert len(errors) == 1 and errors[0].column == "in_force" and "2004-07-01" in errors[0].message


def test_duplicate_instrument_iso3():
    errors = treaty_rules.check_participation(_part(GOOD, GOOD), INSTRUMENTS)
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column) == (3, "iso3")
    assert "duplicate" in errors[0].message and "row 2" in errors[0].message


def test_missing_source_and_status_as_of():
    errors = treaty_rules.check_participation(
        _part(("UNCC2024", "AAA", "2025-10-25", "", "", "", "")), INSTRUMENTS)
    assert {(e.row, e.column) for e in errors} == {(2, "source"), (2, "status_as_of")}


def test_check_memberships_left_before_joined():
    m = pd.DataFrame({"org": ["EU", "COE", "OAS"], "iso3": ["GBR", "RUS", "NIC"],
                      "joined": ["1973", "1996", "2023"], "left": ["2020", "2022", "2019-05"]})
    errors = treaty_rules.check_memberships(m)
    assert len(errors) == 1
    assert (errors[0].file, errors[0].row, errors[0].column) == ("memberships.csv", 4, "left")


def test_status_date_rules():
    sd = status_dates.status_date
    assert sd("2015-12-03")[0] == "2015-12-03"
    assert sd("AU status list dated 2026-02-02, as transcribed")[0] == "2026-02-02"
    assert sd("2021-03 (UNIDIR 'Last Updated')")[0] == "2021-03-31"
    snapshots = status_dates.snapshot_dates(CURATION_DIR)
    assert sd("UNTC snapshot, undated (page shows Signatories 72)", snapshots=snapshots)[0] == "2025-10-26"
    assert sd("UNTC snapshot, undated (page shows Signatories 72)")[0] == status_dates.SOURCES_READ_ON
    date, note = sd("undated article")
    assert date == status_dates.SOURCES_READ_ON and "read" in note


def test_leading_date():
    assert status_dates.leading_date("2024-12-24 (GA resolution 79/243, New York)") == \
        ("2024-12-24", "GA resolution 79/243, New York")
    assert status_dates.leading_date("not applicable (directive)") == ("", "not applicable (directive)")


# --------------------------------------------------------------------------------------------
# Data tests on the real sources
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tables():
    if not (SOURCES / "coe_cybercrime_treaties").exists():
        pytest.skip(f"curated raw sources not found at {SOURCES}")
    return pipeline.treaty_tables(SOURCES, registry_table())


def _one(part, instrument, iso3):
    hit = part[(part["instrument"] == instrument) & (part["iso3"] == iso3)]
    assert len(hit) == 1, (instrument, iso3)
    return hit.iloc[0]


@needs_sources
def test_japan_ets185(tables):
    r = _one(tables["participation"], "ETS185", "JPN")
    assert (r["signed"], r["ratified"], r["in_force"]) == ("2001-11-23", "2012-07-03", "2012-11-01")


@needs_sources
def test_canada_party_in_2015(tables):
    r = _one(tables["participation"], "ETS185", "CAN")
    assert r["ratified"].startswith("2015") and r["in_force"] == "2015-11-01"


@needs_sources
def test_serbia_in_ets185_and_cets224(tables):
    part = tables["participation"]
    ets = _one(part, "ETS185", "SRB")
    assert ets["party_undated"]
    assert _one(part, "CETS224", "SRB")["ratified"] == "2023-02-09"


@needs_sources
def test_additions_supersede_after_name_mapping(tables):
    part = tables["participation"]
    greece = _one(part, "ETS189", "GRC")            # 'Grèce' in treaty_status.csv, 'Greece' in the additions
    assert (greece["signed"], greece["ratified"]) == ("2003-01-28", "2017-01-25")
    assert _one(part, "ETS185", "SMR")["in_force"] == "2019-07-01"   # a new row from the additions


@needs_sources
def test_uncc2024_signatures(tables):
    unc = tables["participation"].query("instrument == 'UNCC2024'")
    hanoi_dated = unc[unc["signed"].isin(["2025-10-25", "2025-10-26"])]
    hanoi_undated = unc[unc["signed_undated"] & unc["verified"]]    # day (25 or 26 Oct) not found
    assert len(hanoi_dated) == 67 and len(hanoi_undated) == 5
    assert len(hanoi_dated) + len(hanoi_undated) == 72              # UNTC: "Signatories 72"
    assert _one(unc, "UNCC2024", "MUS")["signed"] == "2025-11-19"   # later, New York
    assert not _one(unc, "UNCC2024", "CAN")["verified"]              # UNVERIFIED report kept, flagged


@needs_sources
def test_quintet_group(tables):
    coop, groups = tables["cooperation"], tables["cooperation_groups"]
    gid = coop.loc[coop["title"].str.contains("Quintet") & (coop["group_id"] != ""), "group_id"]
    assert len(gid) == 1
    members = set(groups.loc[groups["group_id"] == gid.iloc[0], "iso3"])
    assert members == {"CAN", "USA", "AUS", "NZL", "GBR"}
    assert coop.loc[coop["group_id"] == gid.iloc[0], "year"].iloc[0] == 2019


@needs_sources
def test_serbia_memoranda(tables):
    coop = tables["cooperation"]
    pair = coop[["a_iso3", "b_iso3"]].apply(frozenset, axis=1)
    mou = coop[coop["kind"] == "mou"]
    assert mou.loc[pair[mou.index] == frozenset({"SRB", "IND"}), "year"].tolist() == [2016]
    assert mou.loc[pair[mou.index] == frozenset({"SRB", "ROU"}), "year"].tolist() == [2017]


@needs_sources
def test_keys_unique_and_sorted(tables):
    keys = {"instruments": ["instrument"], "participation": ["instrument", "iso3"],
            "invitations": ["instrument", "iso3"], "cooperation": ["tie_id"],
            "cooperation_groups": ["group_id", "iso3"], "memberships": ["org", "iso3"],
            "positions": ["position_id"], "events": ["event_id"]}
    for name, key in keys.items():
        t = tables[name]
        assert not t.duplicated(key).any(), name
        assert t[key].equals(t.sort_values(key)[key].reset_index(drop=True)), name


@needs_sources
def test_every_row_sourced_and_dated(tables):
    part = tables["participation"]
    assert (part["source"] != "").all() and part["status_as_of"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert treaty_rules.check_participation(part, tables["instruments"]) == []
    assert set(part["instrument"]) <= set(tables["instruments"]["instrument"])
    assert set(tables["cooperation_groups"]["group_id"]) == set(tables["cooperation"]["group_id"]) - {""}


@needs_sources
def test_instruments_dates_are_iso(tables):
    ins = tables["instruments"].set_index("instrument")
    assert ins.at["UNCC2024", "adopted"] == "2024-12-24"
    assert "79/243" in ins.at["UNCC2024", "notes"]
    assert ins.at["ETS185", "entry_into_force"] == "2004-07-01"
    assert ins.at["ETS189", "opened_for_signature"] == "2003-01-28"


@needs_sources
def test_invitations_and_excluded(tables):
    inv = tables["invitations"]
    assert {"KEN", "MWI", "PNG", "MOZ"} <= set(inv["iso3"])
    excl = tables["excluded"]
    assert len(excl) == 7 and excl["reason"].str.startswith("aggregate").all()


@needs_sources
def test_deterministic(tables):
    again = pipeline.treaty_tables(SOURCES, registry_table())
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, again[name])
