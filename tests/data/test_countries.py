"""Country identity: names and dates map to exactly one registry actor, never silently."""
import pandas as pd
import pytest

from analysis.core.errors import DataErrors, UnmappedCountryError
from analysis.data import countries


@pytest.fixture(scope="module")
def res(data):
    return countries.resolver(data.countries.astype(object).where(data.countries.notna(), None))


@pytest.mark.parametrize("name,date,code", [
    ("Yugoslavia", "1980-06-01", "YUG"),
    ("Yugoslavia", "2001-12-01", "SCG"),
    ("Yugoslavia", "2019-12-27", "SRB"),
    ("SERBIA", "2020-12-07", "SRB"),
    ("Russia", "1980-01-01", "SUN"),
    ("Russia", "2019-12-27", "RUS"),
    ("RUSSIAN FEDERATION", "2022-12-07", "RUS"),
    ("Czechoslovakia", "1970-01-01", "CSK"),
    ("German Democratic Republic", "1980-01-01", "DDR"),
    ("Federal Republic of Germany", "1980-01-01", "DEU"),
    ("Yemen Arab Republic", "1980-01-01", "YAR"),
    ("Yemen Arab Republic", "1990-12-06", "YEM"),
    ("Yemen People's Republic", "1980-01-01", "YMD"),
    ("Zanzibar", "1963-12-20", "ZAN"),
    ("TÜRKİYE", "2023-12-04", "TUR"),
    ("TURKIYE", "2022-12-07", "TUR"),
    ("NETHERLANDS (KINGDOM OF THE)", "2023-12-04", "NLD"),
    ("Nieuw-Zeeland", "2025-08-28", "NZL"),  # Dutch, via pycountry translations
    ("Allemagne", "2003-01-28", "DEU"),  # French
    ("European Union", "2025-10-25", "EUU"),
    ("Hong Kong", "2000-01-01", "HKG"),
])
def test_name_and_date_map_to_one_actor(res, name, date, code):
    assert res.resolve(name, date) == code


def test_ussr_is_never_russia(data):
    votes, rc = data.votes, data.rollcalls
    early = rc.loc[rc["date"] < "1991-12-01", "rollcall_id"]
    codes = set(votes.loc[votes["rollcall_id"].isin(early), "iso3"])
    assert "SUN" in codes and "RUS" not in codes


def test_serbia_votes_split_by_date(data):
    v = data.votes.merge(data.rollcalls[["rollcall_id", "date"]], on="rollcall_id")
    for code, lo, hi in [("YUG", "1946-01-01", "1992-04-27"), ("SCG", "1992-04-27", "2006-06-03"),
                         ("SRB", "2006-06-03", "2026-12-31")]:
        dates = v.loc[v["iso3"] == code, "date"]
        assert len(dates) > 0 and dates.min() >= lo and dates.max() < hi, code


def test_unknown_name_is_an_error_naming_file_row_column(data):
    frame = pd.DataFrame({"name": ["Japan", "Atlantis"], "date": ["2020-01-01", "2020-01-01"]})
    with pytest.raises(DataErrors) as info:
        countries.map_names(frame, "name", "date", data.countries.astype(object).where(data.countries.notna(), None), "x.csv")
    err = info.value.errors[0]
    assert (err.file, err.row, err.column) == ("x.csv", 3, "name") and "Atlantis" in str(err)


def test_without_a_date_the_current_actor_is_taken(res):
    assert res.resolve("Yugoslavia", None) == "SRB"


def test_ambiguous_name_is_an_error():
    reg = pd.DataFrame({"iso3": ["AAA", "BBB"], "name": ["Alpha", "Beta"], "official_name": [None, None],
                        "aliases": ["Twin", "Twin"], "start": ["1950-01-01", "1960-01-01"], "end": [None, None],
                        "iso2": [None, None], "code_type": ["project", "project"]})
    res = countries.resolver(reg)
    assert res.resolve("Twin", "1955-01-01") == "AAA"
    with pytest.raises(UnmappedCountryError, match="matches"):
        res.resolve("Twin", "1970-01-01")


def test_registry_holds_every_un_member_and_the_historical_states(data):
    reg = data.countries
    assert (reg["type"] == "member_state").sum() == 193
    assert set(reg.loc[reg["type"] == "observer_state", "iso3"]) == {"PSE", "VAT"}
    hist = set(reg.loc[reg["type"] == "historical_state", "iso3"])
    assert {"SUN", "YUG", "SCG", "CSK", "DDR", "YAR", "YMD", "ZAN"} <= hist
    succ = reg.set_index("iso3")["successors"]
    assert "RUS" in succ["SUN"] and set(succ["SCG"].split(";")) == {"MNE", "SRB"}


def test_every_voting_state_is_in_the_registry(data):
    assert set(data.votes["iso3"]) <= set(data.countries["iso3"])
