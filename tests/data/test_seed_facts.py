"""Every fact of the seed text (../shared/seed/) is in the tables with a source, one by one, with the
values the seed states (dates, statuses, votes), not only a row."""
import pytest

from analysis.methods import treaties


def has_source(frame):
    return frame["source"].notna().all() and (frame["source"].astype(str).str.strip() != "").all()


def positions(data, iso3, kind, text):
    p = data.positions
    hit = p[(p["iso3"] == iso3) & (p["kind"] == kind) & p["title"].str.contains(text, case=False, regex=False)]
    assert len(hit) >= 1 and has_source(hit), (iso3, kind, text)
    return hit


def tie(data, a, b, kind):
    c = data.cooperation
    hit = c[(((c["a_iso3"] == a) & (c["b_iso3"] == b)) | ((c["a_iso3"] == b) & (c["b_iso3"] == a))) & (c["kind"] == kind)]
    assert len(hit) >= 1 and has_source(hit), (a, b, kind)
    return hit


def participation(data, instrument, iso3):
    p = data.participation
    hit = p[(p["instrument"] == instrument) & (p["iso3"] == iso3)]
    assert len(hit) == 1 and has_source(hit), (instrument, iso3)
    return hit.iloc[0]


def test_japan_2018_cybersecurity_strategy(data):
    assert positions(data, "JPN", "strategy", "Cybersecurity Strategy")["date"].str.startswith("2018").any()


def test_japan_party_to_budapest(data):
    row = participation(data, "ETS185", "JPN")
    assert row["ratified"] == "2012-07-03" and row["in_force"] == "2012-11-01"


def test_japan_mlats(data):
    c = data.cooperation
    assert ((c["kind"] == "mlat") & ((c["a_iso3"] == "JPN") | (c["b_iso3"] == "JPN"))).sum() >= 5


@pytest.mark.parametrize("partner", ["ASEAN", "GBR", "USA", "AUS"])
def test_japan_dialogues(data, partner):
    dated = tie(data, "JPN", partner, "dialogue")["date"].dropna()
    assert len(dated) >= 1 and (dated.astype(str) <= "2020").all()   # pursued before the seed (2021)


def test_canada_strategy_and_online_crime_act(data):
    assert positions(data, "CAN", "strategy", "National Cyber Security Strategy")["date"].str.startswith("2018").any()
    law = positions(data, "CAN", "law", "Protecting Canadians from Online Crime")
    budapest = participation(data, "ETS185", "CAN")
    assert (law["date"].astype(str) < budapest["ratified"]).all()     # the Act came first, then Budapest


def test_canada_budapest_2015(data):
    assert participation(data, "ETS185", "CAN")["ratified"].startswith("2015")


def test_quintet_statement_july_2019(data):
    c, g = data.cooperation, data.cooperation_groups
    q = c[c["group_id"].fillna("").str.contains("quintet")]
    assert len(q) == 1 and has_source(q) and str(q["date"].iloc[0]).startswith("2019")
    assert set(g.loc[g["group_id"] == q["group_id"].iloc[0], "iso3"]) == {"CAN", "USA", "AUS", "NZL", "GBR"}
    assert positions(data, "CAN", "statement", "Quintet")["date"].tolist() == ["2019-07"]


def test_canada_position_papers(data):
    # before the May 2021 organizational session, and before the first negotiating session (2022-02-28)
    assert positions(data, "CAN", "position_paper", "74/247")["date"].tolist() == ["2021"]
    assert positions(data, "CAN", "position_paper", "scope, objectives and structure")["date"].tolist() == ["2021"]


def test_ad_hoc_committee_first_session_as_it_actually_met(data):
    e = data.events
    first = e[e["title"].str.contains("first negotiating session")]
    assert list(first["date"]) == ["2022-02-28"] and list(first["end_date"]) == ["2022-03-11"] and has_source(first)


def test_serbia_strategies(data):
    assert positions(data, "SRB", "strategy", "Development of Information Security")["date"].str.startswith("2017").any()
    assert positions(data, "SRB", "strategy", "2021-2026")["date"].str.startswith("2021").all()


def test_serbia_high_tech_crime_prosecutor(data):
    office = positions(data, "SRB", "institution", "High-Tech Crime")
    assert office["title"].str.contains("Prosecutor").all() and office["date"].notna().all()


@pytest.mark.parametrize("instrument", ["ETS185", "ETS189"])
def test_serbia_budapest_and_first_protocol(data, instrument):
    participation(data, instrument, "SRB")
    status = treaties.status_at(data.participation, "2025-12-31", instrument, actors=["SRB"],
                                undated={instrument: "party"}).set_index("iso3")["status"]
    assert status["SRB"] == "party"
    if instrument == "ETS185":   # "signed and ratified": the CoE chart dates both (signature by Serbia and Montenegro)
        row = participation(data, instrument, "SRB")
        assert (row["signed"], row["ratified"]) == ("2005-04-07", "2009-04-14")


def test_serbia_memoranda_india_2016_romania_2017(data):
    assert tie(data, "SRB", "IND", "mou")["date"].astype(str).str.startswith("2016").any()
    assert tie(data, "SRB", "ROU", "mou")["date"].astype(str).str.startswith("2017").any()


def test_serbia_russian_assistance_and_interpol(data):
    assert "2021-07" in tie(data, "SRB", "RUS", "assistance")["date"].astype(str).tolist()
    m = data.memberships
    hit = m[(m["org"] == "INTERPOL") & (m["iso3"] == "SRB")]
    assert len(hit) == 1 and has_source(hit) and hit["joined"].tolist() == ["2001-09-24"]


def test_votes_on_74_247_of_the_three_states(data):
    rid = data.rollcalls.loc[data.rollcalls["symbol"] == "A/RES/74/247", "rollcall_id"].iloc[0]
    v = data.votes[data.votes["rollcall_id"] == rid].set_index("iso3")["vote"].astype(str)
    assert (v["JPN"], v["CAN"], v["SRB"]) == ("no", "no", "yes")
