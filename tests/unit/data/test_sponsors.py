"""The UN sponsor fields as text (analysis.data.sources.sponsors) and the sponsorships table built from
them (analysis.data.build.sponsorships), on real formats copied from the DGACM records."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.core.errors import UnmappedCountryError
from analysis.data.build import sponsorships as SP
from analysis.data.sources import sponsors as S

NAMES = {
    "CUBA": "CUB", "RUSSIAN FEDERATION": "RUS", "CHINA": "CHN", "UNITED KINGDOM": "GBR",
    "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND": "GBR", "TRINIDAD AND TOBAGO": "TTO",
    "NIGERIA": "NGA", "AUSTRIA": "AUT", "URUGUAY": "URY", "BOLIVIA (PLURINATIONAL STATE OF)": "BOL",
    "DOMINICAN REPUBLIC": "DOM", "CHILE": "CHL", "BARBADOS": "BRB", "UNITED STATES": "USA",
    "VIET NAM": "VNM", "GAMBIA": "GMB", "EGYPT": "EGY", "EUROPEAN UNION": "EUU", "BRAZIL": "BRA",
}


def to_iso3(name, date):
    return NAMES[name.upper()]


def test_parse_sponsor_field_real_formats():
    assert S.parse_sponsor_field(None) == []
    assert S.parse_sponsor_field(float("nan")) == []
    assert S.parse_sponsor_field(["CHINA", "CUBA\u00a0", "", "RUSSIAN FEDERATION "]) == \
        ["CHINA", "CUBA", "RUSSIAN FEDERATION"]
    assert S.parse_sponsor_field(["CHILE,DOMINICAN REPUBLIC", "BARBADOS. DOMINICAN REPUBLIC",
                                  "UNITED STATES AND VIET NAM", "TRINIDAD AND TOBAGO"]) == \
        ["CHILE", "DOMINICAN REPUBLIC", "BARBADOS", "DOMINICAN REPUBLIC", "UNITED STATES",
         "VIET NAM", "TRINIDAD AND TOBAGO"]
    prose = ("Austria, Bolivia (Plurinational State of), Nigeria (on behalf of the States Members of the "
             "United Nations that are members of the Group of 77 and China), United Kingdom of Great "
             "Britain and Northern Ireland and Uruguay")
    assert S.parse_sponsor_field([prose]) == [
        "Austria", "Bolivia (Plurinational State of)",
        "Nigeria (on behalf of the States Members of the United Nations that are members of the Group of 77 and China)",
        "United Kingdom of Great Britain and Northern Ireland", "Uruguay"]
    comma_form = "CUBA, ON BEHALF OF THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS OF THE GROUP OF 77 AND CHINA"
    assert S.parse_sponsor_field([comma_form]) == [comma_form]
    officer = "SUBMITTED BY THE VICE-CHAIR OF THE COMMITTEE, AHMED MAGDY (EGYPT) AND ON THE BASIS OF INFORMAL CONSULTATIONS"
    assert S.parse_sponsor_field([officer]) == [officer]
    assert S.parse_sponsor_field("['CHINA', 'CUBA']") == ["CHINA", "CUBA"]  # list that went through CSV


def test_classify_sponsor_groups_organs_notes():
    c = S.classify_sponsor
    assert c("CUBA (ON BEHALF OF THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS OF THE GROUP OF 77 AND CHINA)") \
        == {"kind": "group", "id": "G77", "name": None, "via": "CUBA"}
    assert c("on behalf of the States Members of the United Nations that are members of the European Union")["id"] == "EU_MS"
    assert c("SENEGAL (OF BEHALF OF THE GROUP OF AFRICAN STATES)")["id"] == "AFRICAN_GROUP"
    assert c("the representative of Brazil, on behalf of the Bureau") == \
        {"kind": "organ", "id": "COMMITTEE_BUREAU", "name": None, "via": "Brazil"}
    assert c("submitted by the President of the General Assembly")["id"] == "PGA"
    assert c("THE AMENDMENT WAS REJECTED BY THE ASSEMBLY")["kind"] == "note"
    assert c("THE GAMBIA") == {"kind": "name", "id": None, "name": "GAMBIA", "via": None}
    assert c("X (on behalf of the Friends of Something)")["kind"] == "unknown_group"


RECORDS = [
    {"symbol": "A/RES/74/247", "adoption_date": "2019-12-27 00:00:00",
     "sponsors": ["CHINA", "RUSSIAN FEDERATION", "GE RMANY"][:2],
     "additional_sponsors": ["CUBA (ON BEHALF OF THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS "
                             "OF THE GROUP OF 77 AND CHINA)", "CHINA"]},
    {"symbol": "A/RES/79/1", "adoption_date": "3\u00a0December 2024",
     "sponsors": ["Austria, Nigeria (on behalf of the States Members of the United Nations that are members "
                  "of the Group of African States) and Uruguay"],
     "additional_sponsors": ["NORTHERN IRELAND", "UNITED KINGDOM "]},
    {"symbol": "A/RES/79/2", "adoption_date": "4 December 2024",
     "sponsors": ["submitted by the President of the General Assembly"], "additional_sponsors": []},
]


def test_sponsorship_table():
    seen = []
    t = SP.sponsorship_table(RECORDS, lambda n, d: seen.append(d) or to_iso3(n, d))
    assert list(t.columns) == ["rollcall_id", "symbol", "sponsor", "sponsor_type", "role", "raw_name", "via"]
    first = t[t["symbol"] == "A/RES/74/247"]
    assert first["sponsor"].tolist() == ["CHN", "RUS", "G77"]  # CHINA again as additional: kept once
    g77 = first.set_index("sponsor").loc["G77"]
    assert (g77["sponsor_type"], g77["role"], g77["via"]) == ("group", "additional_sponsor", "CUB")
    assert first["rollcall_id"].iloc[0] == "X74-247"
    second = t[t["symbol"] == "A/RES/79/1"].set_index("sponsor")
    assert second.index.tolist() == ["AUT", "AFRICAN_GROUP", "URY", "GBR"]  # NORTHERN IRELAND fragment dropped
    assert second.loc["AFRICAN_GROUP", "via"] == "NGA"
    assert t[t["symbol"] == "A/RES/79/2"]["sponsor"].tolist() == ["PGA"]
    assert "2024-12-03" in seen and "2019-12-27" in seen
    with_type = SP.sponsorship_table(
        [{"symbol": "A/RES/1/1", "sponsors": ["EUROPEAN UNION"], "additional_sponsors": []}], to_iso3,
        countries=pd.DataFrame({"iso3": ["EUU"], "type": ["organisation"]}))
    assert with_type["sponsor_type"].tolist() == ["organisation"]


def test_sponsorship_table_unknown_names_listed():
    recs = [{"symbol": "A/RES/80/9", "sponsors": ["CHINA", "ATLANTIS", "NARNIA"], "additional_sponsors": []},
            {"symbol": "A/RES/80/10", "sponsors": ["X (on behalf of the Friends of Something)"],
             "additional_sponsors": []}]
    with pytest.raises(UnmappedCountryError) as err:
        SP.sponsorship_table(recs, to_iso3)
    msg = str(err.value)
    assert "'ATLANTIS' in A/RES/80/9" in msg and "'NARNIA'" in msg and "Friends of Something" in msg

