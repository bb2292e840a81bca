"""The treaty record (issue 12): every Budapest Party of the CoE chart, the protocols, conflicts as data,
one Party count everywhere."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.core.paths import ROOT
from analysis.methods import treaties


def _row(data, instrument, iso3) -> pd.Series:
    p = data.participation
    hit = p[(p["instrument"] == instrument) & (p["iso3"] == iso3)]
    assert len(hit) == 1, (instrument, iso3)
    return hit.iloc[0]


def test_every_budapest_party_of_the_chart(data):
    ets185 = data.participation[data.participation["instrument"] == "ETS185"]
    parties = ets185[ets185["ratified"].notna() | ets185["in_force"].notna() | ets185["party_undated"]]
    assert len(parties) >= 81 and {"TUN", "RWA", "NZL"} <= set(parties["iso3"])
    dated = parties["ratified"].notna() | parties["in_force"].notna()
    assert dated.sum() >= 77
    assert set(ets185.loc[ets185["ratified"].isna(), "iso3"]) == {"IRL", "ZAF"}   # the two signatories


@pytest.mark.parametrize("iso3, ratified, in_force", [
    ("TUN", "2024-03-08", "2024-07-01"), ("RWA", "2025-01-10", "2025-05-01"), ("NGA", "2022-07-06", "2022-11-01"),
    ("SRB", "2009-04-14", "2009-08-01"), ("ECU", "2024-12-12", "2025-04-01"), ("LUX", "2014-10-16", "2015-02-01"),
    ("CHL", "2017-04-20", "2017-08-01"), ("ROU", "2004-05-12", "2004-09-01"),
])
def test_budapest_dates_of_the_chart(data, iso3, ratified, in_force):
    row = _row(data, "ETS185", iso3)
    assert (row["ratified"], row["in_force"], bool(row["in_force_computed"])) == (ratified, in_force, False)
    assert row["confidence"] == "high" and "coe.int/en/web/conventions/full-list" in row["source"]


def test_first_protocol(data):
    ets189 = data.participation[data.participation["instrument"] == "ETS189"]
    parties = ets189[ets189["ratified"].notna() | ets189["in_force"].notna() | ets189["party_undated"]]
    assert len(parties) >= 36
    assert {"AND", "ISL", "MDA", "MAR", "NLD", "NOR", "RWA", "DEU", "GRC"} <= set(parties["iso3"])
    assert _row(data, "ETS189", "DEU")["ratified"] == "2011-06-10" and _row(data, "ETS189", "GRC")["ratified"] == "2017-01-25"
    assert _row(data, "ETS189", "MLT")["ratified"] == "2025-06-04"            # official over a blog
    computed = ets189[ets189["in_force_computed"]]
    assert set(computed["iso3"]) == {"RWA", "SWE"}                              # no source prints them


def test_the_four_conflicts_are_data(data):
    c = data.source_conflicts.set_index(["table", "key", "field"])
    assert c.loc[("participation", "ETS185/NGA", "ratified"), ["value_taken", "value_set_aside"]].tolist() == \
        ["2022-07-06", "2022-08-28"]
    assert c.loc[("participation", "ETS185/CHL", "ratified"), ["value_taken", "value_set_aside"]].tolist() == \
        ["2017-04-20", "2017-04-21"]
    assert c.loc[("participation", "ETS189/MLT", "ratified"), ["value_taken", "value_set_aside"]].tolist() == \
        ["2025-06-04", "2025-06-05"]
    lux = c.loc[("participation", "ETS185/LUX", "in_force")]
    assert (lux["value_taken"], lux["value_set_aside"]) == ("2015-02-01", "2015-05-01") and "9(2)" in lux["rule"]
    assert c["arises_in_build"].sum() == (c["kind"] == "overlay").sum() >= 3


def test_luxembourg_protocol_not_before_the_convention(data):
    assert _row(data, "ETS189", "LUX")["ratified"] >= _row(data, "ETS185", "LUX")["ratified"]


def test_one_party_count_in_notebooks_and_readme(data):
    as_of = treaties.latest_status_date(data.participation)
    count = treaties.party_count(data.participation, "ETS185", as_of)
    assert (count.total, count.undated) == (81, 0)
    notebooks = {"01-data-tour.ipynb": count.sentence(), "04-two-tracks.ipynb": count.sentence("Budapest Convention (ETS 185)")}
    for notebook, sentence in notebooks.items():
        assert sentence in (ROOT / "notebooks" / notebook).read_text(encoding="utf-8"), notebook
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{count.total} Parties on {as_of}\b", readme), "README states the count and its date"
    protocol = treaties.party_count(data.participation, "ETS189", as_of)
    assert f"First Protocol {protocol.total} verified Parties ({protocol.undated} without a date)" in readme


def test_coe_membership_sourced_to_the_council_of_europe(data):
    m = data.memberships
    coe = m[m["org"] == "COE"]
    assert coe["source"].str.contains("coe.int|eeas.europa.eu").all() and not coe["source"].str.contains("factbook").any()
    assert coe.set_index("iso3").loc["SRB", "joined"] == "2003-04-03"


def test_the_75_282_amendments_say_what_is_known(data):
    notes = data.rollcall_notes[data.rollcall_notes["check"] == "modality_unknown"]
    assert set(notes["symbol"]) == {"A/75/L.90", "A/75/L.91", "A/75/L.92"}
    assert notes["detail"].str.contains("two of which required recorded votes").all()
    rc = data.rollcalls[data.rollcalls["symbol"].isin(notes["symbol"])]
    assert (rc["modality"] == "unknown").all() and rc["yes"].isna().all()
