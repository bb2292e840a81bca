"""Unit tests for analysis.methods.treaties on hand-made participation rows (answers worked out by hand)."""

import pandas as pd
import pytest

from analysis.methods import treaties

COLUMNS = ["instrument", "iso3", "signed", "ratified", "accession", "in_force", "status_as_of",
           "verified"]
ROWS = [
    # signed, then ratified, then in force three months later
    ("ETS185", "AAA", "2001-11-23", "2004-03-01", False, "2004-07-01", "2015-12-03", True),
    # accession: no signature
    ("ETS185", "BBB", "", "2010-05-10", True, "2010-09-01", "2020-01-01", True),
    # deposit date unknown, entry into force known -> party from the in_force date
    ("ETS185", "CCC", "2002-01-01", "", False, "2008-10-01", "2020-01-01", True),
    # signatory only
    ("ETS185", "DDD", "2001-11-23", "", False, "", "2020-01-01", True),
    # a party named by a source, no date at all
    ("ETS185", "NOR", "", "", False, "", "", True),
    ("ETS185", "GBR", "2001-11-23", "2011-05-25", False, "2011-09-01", "2020-01-01", True),
    # an organisation as party (hand-made dates)
    ("UNCC2024", "EUU", "2025-10-25", "2026-03-01", False, "", "", True),
    ("UNCC2024", "AAA", "2025-10-25", "", False, "", "", True),
    ("UNCC2024", "EEE", "2025-10-26", "", False, "", "", True),
    # signed, day unknown
    ("UNCC2024", "GBR", "", "", False, "", "", True),
    # unverified report
    ("UNCC2024", "CCC", "", "", False, "", "", False),
]


@pytest.fixture
def participation():
    return pd.DataFrame(ROWS, columns=COLUMNS)


def _row(table, iso3, instrument="ETS185"):
    hit = table[(table["iso3"] == iso3) & (table["instrument"] == instrument)]
    assert len(hit) == 1
    return hit.iloc[0]


@pytest.mark.parametrize("date, expected", [
    ("2001-11-22", "not signed"),   # before signature
    ("2001-11-23", "signed"),       # on the day of signature
    ("2003-06-30", "signed"),       # between signature and ratification
    ("2004-03-01", "party"),        # on the day of deposit
    ("2020-01-01", "party"),
])
def test_signed_before_ratified(participation, date, expected):
    assert treaties.status_of(participation, "AAA", "ETS185", date) == expected


def test_entry_into_force_for_actor(participation):
    before = _row(treaties.status_at(participation, "2004-06-30", "ETS185"), "AAA")
    after = _row(treaties.status_at(participation, "2004-07-01", "ETS185"), "AAA")
    assert before["status"] == "party" and not before["in_force_for_actor"]
    assert after["in_force_for_actor"]
    signatory = _row(treaties.status_at(participation, "2020-01-01", "ETS185"), "DDD")
    assert signatory["status"] == "signed" and not signatory["in_force_for_actor"]


def test_accession_skips_signed(participation):
    assert treaties.status_of(participation, "BBB", "ETS185", "2010-05-09") == "not signed"
    assert treaties.status_of(participation, "BBB", "ETS185", "2010-05-10") == "party"


def test_party_from_in_force_when_deposit_unknown(participation):
    table = treaties.status_at(participation, "2008-09-30", "ETS185")
    assert _row(table, "CCC")["status"] == "signed"
    row = _row(treaties.status_at(participation, "2008-10-01", "ETS185"), "CCC")
    assert row["status"] == "party"
    assert row["party_basis"] == "in_force"
    assert row["party_since"] == pd.Timestamp("2008-10-01")
    assert row["in_force_for_actor"]


def test_undated_rows(participation):
    plain = _row(treaties.status_at(participation, "2020-01-01", "ETS185"), "NOR")
    assert plain["status"] == "not signed" and plain["undated"]
    flagged = treaties.status_at(participation, "2020-01-01", undated={"ETS185": "party"})
    row = _row(flagged, "NOR")
    assert row["status"] == "party" and row["undated"]
    assert pd.isna(row["in_force_for_actor"])
    # the mapping applies to the instrument named only
    assert _row(flagged, "GBR", "UNCC2024")["status"] == "not signed"
    with pytest.raises(ValueError):
        treaties.status_at(participation, "2020-01-01", undated="ratified")


def test_organisation_as_party(participation):
    assert treaties.status_of(participation, "EUU", "UNCC2024", "2026-02-28") == "signed"
    assert treaties.status_of(participation, "EUU", "UNCC2024", "2026-03-01") == "party"


def test_actors_and_filters(participation):
    table = treaties.status_at(participation, "2020-01-01", "ETS185", actors=["AAA", "ZZZ"])
    assert list(table["iso3"]) == ["AAA", "BBB", "CCC", "DDD", "GBR", "NOR", "ZZZ"]
    zzz = _row(table, "ZZZ")
    assert zzz["status"] == "not signed" and not zzz["undated"]
    assert set(table["status"].cat.categories) == set(treaties.STATUSES)
    assert treaties.status_of(participation, "ZZZ", "ETS185", "2020-01-01") == "not signed"
    unverified = treaties.status_at(participation, "2026-01-01", "UNCC2024", verified_only=True)
    assert "CCC" not in set(unverified["iso3"])


def test_counts_over_time(participation):
    counts = treaties.counts_over_time(participation, "ETS185").set_index("year")
    assert counts.index.min() == 2001 and counts.index.max() == 2011
    expected = {2001: (0, 3), 2002: (0, 4), 2004: (1, 3), 2008: (2, 2), 2010: (3, 2),
                2011: (4, 1)}
    for year, (party, signed) in expected.items():
        assert (counts.loc[year, "party"], counts.loc[year, "signed"]) == (party, signed), year
    assert (counts["undated"] == 1).all()


def test_counts_over_time_by_region(participation):
    countries = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD", "NOR"],
                              "region": ["Europe", "Africa", "Europe", "Africa", "Europe"]})
    counts = treaties.counts_over_time(participation, "ETS185", by="region",
                                       countries=countries, end="2012-06-30")
    last = counts[counts["year"] == 2012].set_index("region")
    assert last.loc["Europe", "party"] == 2 and last.loc["Europe", "undated"] == 1
    assert last.loc["Africa", "party"] == 1 and last.loc["Africa", "signed"] == 1
    assert last.loc["(unmatched)", "party"] == 1  # GBR is not in the tiny countries table
    # every year has every group, zeros included
    assert counts.groupby("year").size().eq(3).all()


@pytest.fixture
def votes():
    return pd.DataFrame({
        "rollcall_id": ["R1"] * 6 + ["R2"] * 2,
        "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "AAA", "BBB"],
        "vote": ["yes", "no", "yes", "abstain", "yes", "absent", "no", "no"],
    })


def test_crosstab_status_vote(participation, votes):
    status = treaties.status_at(participation, "2019-12-27", "ETS185")
    counts, members = treaties.crosstab_status_vote(status, votes, "R1")
    assert list(counts.index) == ["not signed", "signed", "party"]
    assert list(counts.columns) == ["yes", "no", "abstain", "absent"]
    assert counts.loc["party"].tolist() == [2, 1, 0, 0]        # AAA, CCC yes; BBB no
    assert counts.loc["signed"].tolist() == [0, 0, 1, 0]       # DDD
    assert counts.loc["not signed"].tolist() == [1, 0, 0, 1]   # EEE (no row), FFF absent
    assert counts.to_numpy().sum() == 6
    cell = members[(members["status"] == "party") & (members["vote"] == "yes")]
    assert cell["iso3"].tolist() == ["AAA", "CCC"]
    with pytest.raises(ValueError):
        treaties.crosstab_status_vote(treaties.status_at(participation, "2026-01-01"), votes, "R1")


def test_both_camps(participation, votes):
    camps = treaties.both_camps(participation, votes, "R1", "2026-01-01",
                                undated={"ETS185": "party", "UNCC2024": "signed"})
    groups = camps.groupby("group")["iso3"].apply(list).to_dict()
    # CCC's UN row is undated too but counts as signed here; it is a party to ETS185
    assert groups["party_and_un_signatory"] == ["AAA", "CCC", "GBR"]
    assert groups["voted_yes_and_party"] == ["AAA", "CCC"]
    plain = treaties.both_camps(participation, votes, "R1", "2026-01-01")
    assert plain.loc[plain["group"] == "party_and_un_signatory", "iso3"].tolist() == ["AAA"]


def test_undated_from_as_of(participation):
    participation.loc[participation["iso3"].eq("NOR"), "status_as_of"] = "2012-08-24"
    options = {"undated": {"ETS185": "party", "UNCC2024": "signed"}, "undated_from_as_of": True}
    before = treaties.status_at(participation, "2012-08-23", **options)
    on_day = treaties.status_at(participation, "2012-08-24", **options)
    assert _row(before, "NOR")["status"] == "not signed"   # not yet listed by the source
    assert _row(on_day, "NOR")["status"] == "party" and _row(on_day, "NOR")["undated"]
    # without the option the undated status holds at every date
    early = treaties.status_at(participation, "2000-01-01", undated={"ETS185": "party"})
    assert _row(early, "NOR")["status"] == "party"
    # an undated row with no status_as_of keeps its status at every date
    assert _row(before, "GBR", "UNCC2024")["status"] == "signed"


def test_counts_over_time_verified_only(participation):
    every = treaties.counts_over_time(participation, "UNCC2024")
    checked = treaties.counts_over_time(participation, "UNCC2024", verified_only=True)
    assert (every["undated"] == 2).all()       # GBR and the unverified CCC
    assert (checked["undated"] == 1).all()     # GBR only
    assert checked["signed"].tolist() == every["signed"].tolist()


def test_status_summary(participation):
    undated = {"ETS185": "party", "UNCC2024": "signed"}
    summary = treaties.status_summary(participation, "2026-01-01", ["UNCC2024", "ETS185"],
                                      undated=undated, verified_only=True)
    assert list(summary.index) == ["UNCC2024", "ETS185"]
    assert summary.loc["ETS185"].to_dict() == {"party": 5, "signed": 1, "party_undated": 1,
                                               "signed_undated": 0, "left_out_unverified": 0}
    # AAA, EEE, EUU dated; GBR undated; CCC left out as unverified
    assert summary.loc["UNCC2024"].to_dict() == {"party": 0, "signed": 4, "party_undated": 0,
                                                 "signed_undated": 1, "left_out_unverified": 1}
    later = treaties.status_summary(participation, "2026-03-01", "UNCC2024", undated=undated)
    assert later.loc["UNCC2024", "party"] == 1 and later.loc["UNCC2024", "signed"] == 4
    assert later.loc["UNCC2024", "left_out_unverified"] == 0


def test_unverified_actors(participation):
    assert treaties.unverified_actors(participation, "UNCC2024") == ["CCC"]
    assert treaties.unverified_actors(participation, "ETS185") == []


def test_status_changes(participation):
    changes = treaties.status_changes(participation, "ETS185", "2003-01-01", "2010-12-31")
    assert changes["iso3"].tolist() == ["BBB", "AAA", "CCC"]
    assert changes["status_start"].astype(str).tolist() == ["not signed", "signed", "signed"]
    assert set(changes["status_end"].astype(str)) == {"party"}
    # options reach status_at: NOR becomes a party between the two dates if undated counts
    participation.loc[participation["iso3"].eq("NOR"), "status_as_of"] = "2005-01-01"
    flagged = treaties.status_changes(participation, "ETS185", "2003-01-01", "2010-12-31",
                                      undated={"ETS185": "party"}, undated_from_as_of=True)
    assert "NOR" in flagged["iso3"].tolist()


def test_cell_members(participation, votes):
    status = treaties.status_at(participation, "2019-12-27", "ETS185")
    _, members = treaties.crosstab_status_vote(status, votes, "R1")
    cells = treaties.cell_members(members, mark=["CCC"])
    assert cells[["status", "vote"]].astype(str).values.tolist() == [
        ["not signed", "yes"], ["not signed", "absent"], ["signed", "abstain"],
        ["party", "yes"], ["party", "no"]]
    party_yes = cells[(cells["status"] == "party") & (cells["vote"] == "yes")].iloc[0]
    assert party_yes["n"] == 2 and party_yes["countries"] == "AAA, CCC*"
    assert cells["n"].sum() == len(members)


def test_both_camps_verified_only(participation, votes):
    camps = treaties.both_camps(participation, votes, "R1", "2026-01-01",
                                undated={"ETS185": "party", "UNCC2024": "signed"},
                                verified_only=True)
    both = camps.loc[camps["group"] == "party_and_un_signatory", "iso3"].tolist()
    assert both == ["AAA", "GBR"]   # CCC's UN row is unverified


# ---------------------------------------------------------------- party_count: the one count

def test_party_count_dated_undated_and_unverified():
    rows = pd.DataFrame({
        "instrument": ["ETS185"] * 5,
        "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"],
        "signed": [None] * 5,
        "ratified": ["2004-03-01", "2012-05-01", None, None, "2003-01-01"],
        "in_force": [None, None, None, None, None],
        "status_as_of": ["2020-01-01", "2020-01-01", "2010-06-01", "2015-06-01", "2020-01-01"],
        "verified": [True, True, True, True, False],
        "party_undated": [False, False, True, True, False],
    })
    count = treaties.party_count(rows, "ETS185", "2012-12-31")
    assert (count.dated, count.undated, count.unverified, count.undated_actors) == (2, 1, 1, ("CCC",))
    assert count.total == 3
    assert count.sentence("the Convention") == ("3 Parties to the Convention on 2012-12-31 (2 dated, 1 without a date: "
                                                "CCC; 1 unverified row(s) left out)")
    later = treaties.party_count(rows, "ETS185", "2016-01-01")
    assert (later.dated, later.undated) == (2, 2)
    assert treaties.latest_status_date(rows) == "2020-01-01"
