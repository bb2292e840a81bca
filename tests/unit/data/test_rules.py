"""The treaty rules (analysis.data.rules) and status-date rules (analysis.data.build.status_dates) on
tiny hand-made rows."""
import pandas as pd
import pytest

from analysis.core.paths import CURATION_DIR
from analysis.data import rules as treaty_rules
from analysis.data.build import status_dates

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


# Data tests on the real sources


# ---------------------------------------------------------------- entry into force, Art. 9(2), computed dates

INSTRUMENTS_EIF = pd.DataFrame({"instrument": ["ETS185", "ETS189"], "entry_into_force": ["2004-07-01", "2006-03-01"],
                                "fifth_deposit": ["2004-03-18", "2005-11-14"]})


def _rows(*rows):
    cols = ["instrument", "iso3", "signed", "ratified", "in_force", "in_force_computed", "status_as_of", "source"]
    return pd.DataFrame(list(rows), columns=cols)


@pytest.mark.parametrize("deposit, general, fifth, expected", [
    ("2004-03-18", "2004-07-01", "2004-03-18", "2004-07-01"),   # the fifth deposit: the general entry into force
    ("2004-05-12", "2004-07-01", "2004-03-18", "2004-09-01"),   # after the fifth, before the general: three months
    ("2005-06-21", "2006-03-01", "2005-11-14", "2006-03-01"),   # ETS 189, one of the first five
    ("2025-01-10", "2006-03-01", "2005-11-14", "2025-05-01"),
])
def test_entry_into_force_rule(deposit, general, fifth, expected):
    assert treaty_rules.entry_into_force_for(deposit, general, fifth) == expected


def test_protocol_deposit_before_the_convention_is_rejected():
    rows = _rows(("ETS185", "LUX", "", "2015-01-20", "2015-05-01", False, "2026-01-01", "s"),
                 ("ETS189", "LUX", "", "2014-10-16", "2015-02-01", False, "2026-01-01", "s"))
    errors = treaty_rules.check_participation(rows, INSTRUMENTS_EIF)
    assert [(e.row, e.column) for e in errors] == [(3, "ratified")] and "Art. 9(2)" in str(errors[0])
    same_day = rows.assign(ratified=["2014-10-16", "2014-10-16"], in_force=["2015-02-01", "2015-02-01"])
    assert treaty_rules.check_participation(same_day, INSTRUMENTS_EIF) == []


def test_a_computed_date_must_follow_the_rule():
    good = _rows(("ETS189", "RWA", "", "2025-01-10", "2025-05-01", True, "2026-01-01", "s"))
    assert treaty_rules.check_participation(good, INSTRUMENTS_EIF) == []
    bad = good.assign(in_force=["2025-04-01"])
    errors = treaty_rules.check_participation(bad, INSTRUMENTS_EIF)
    assert len(errors) == 1 and "(computed)" in str(errors[0]) and errors[0].column == "in_force"
    no_deposit = good.assign(ratified=[""])
    assert [e.column for e in treaty_rules.check_participation(no_deposit, INSTRUMENTS_EIF)] == ["in_force_computed"]


def test_recorded_conflict_must_match_the_table():
    part = _rows(("ETS185", "NGA", "", "2022-07-06", "2022-11-01", False, "2026-01-01", "s"))
    conflicts = pd.DataFrame({"table": ["participation"], "key": ["ETS185/NGA"], "field": ["ratified"],
                              "value_taken": ["2022-07-06"]})
    assert treaty_rules.check_conflicts(conflicts, {"participation": part}) == []
    wrong = conflicts.assign(value_taken=["2022-08-28"])
    errors = treaty_rules.check_conflicts(wrong, {"participation": part})
    assert [(e.file, e.row, e.column) for e in errors] == [("source_conflicts.csv", 2, "value_taken")]
