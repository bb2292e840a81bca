"""Unit tests for analysis.plots.tracks on tiny hand-made tables (Agg backend, small figures)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.methods import treaties
from analysis.plots import tracks as plot_tracks


def _square(x, y, size=1.0):
    return np.array([[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]], float)


@pytest.fixture
def outlines():
    return pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "name": ["A", "B", "C"],
                         "geometry": [[[_square(0, 0)]], [[_square(5, 5)]], [[_square(10, 10)]]]})


@pytest.fixture
def participation():
    return pd.DataFrame({
        "instrument": ["X"] * 4,
        "iso3": ["AAA", "BBB", "CCC", "SSS"],
        "signed": ["2001-01-10", "", "2001-06-01", ""],
        "ratified": ["2003-02-01", "2002-05-01", "", ""],
        "in_force": ["", "", "", ""],
        "status_as_of": ["", "", "", "2010-01-01"],
        "verified": [True, True, True, True],
    })


@pytest.fixture
def countries():
    return pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "SSS"],
                         "region": ["Europe", "Africa", "Europe", "Europe"]})


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_parties_by_year_lines(participation):
    counts = treaties.counts_over_time(participation, "X", end="2004-12-31")
    fig, ax = plot_tracks.plot_parties_by_year({"X": counts}, labels={"X": "Ex"}, signed=True)
    assert len(ax.get_lines()) == 2                     # parties and signatories
    party_line = ax.get_lines()[0]
    # 2001..2004 (BBB 2002, AAA 2003), then 2004 repeated so the last year has a step
    assert list(party_line.get_ydata()) == [0, 1, 2, 2, 2]
    assert list(party_line.get_xdata()) == [2001, 2002, 2003, 2004, 2005]
    assert "+1 undated" in ax.get_legend().get_texts()[0].get_text()  # SSS


def test_region_matrix_and_stack(participation, countries):
    counts = treaties.counts_over_time(participation, "X", by="region", countries=countries,
                                       end="2004-12-31")
    wide = plot_tracks.region_matrix(counts)
    assert list(wide.columns) == ["Africa", "Europe"]   # tie in 2004 (1 each): by name
    assert wide.loc[2003].tolist() == [1, 1]
    fig, ax = plot_tracks.plot_parties_by_region(counts)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Africa (1)", "Europe (1 +1 undated)"]


def test_plot_protocols_panels(participation):
    counts = treaties.counts_over_time(participation, "X", end="2004-12-31")
    fig, axes = plot_tracks.plot_protocols({"X": counts, "Y": counts}, labels={"X": "first"})
    assert len(axes) == 2 and axes[0].get_title() == "first" and axes[1].get_title() == "Y"


@pytest.fixture
def events():
    return pd.DataFrame({
        "date": ["2010", "2019-12-27", "2022-02-28"],
        "end_date": [None, None, "2022-03-11"],
        "kind": ["establishment", "resolution", "session"],
        "title": ["Group set up", "GA resolution 74/247 'Some title' adopted", "First session"],
    })


@pytest.fixture
def rollcalls():
    return pd.DataFrame({
        "rollcall_id": ["R1", "R2", "R3"],
        "symbol": ["A/RES/73/187", "A/RES/74/247", "A/RES/79/243"],
        "date": ["2018-12-17", "2019-12-27", "2024-12-24"],
        "title": ["Countering", "Countering", "Convention"],
        "modality": ["recorded", "recorded", "without_vote"],
        "yes": pd.array([94, 79, None], dtype="Int64"),
        "no": pd.array([59, 60, None], dtype="Int64"),
        "abstain": pd.array([33, 33, None], dtype="Int64"),
    })


def test_timeline_table(events, rollcalls):
    table = plot_tracks.timeline_table(events, rollcalls, ["A/RES/73/187", "A/RES/74/247"])
    assert table["when"].tolist() == ["2010", "2018-12-17", "2019-12-27",
                                      "2022-02-28 to 2022-03-11"]
    added = table.iloc[1]        # 73/187 is named by no event: a row from the roll calls
    assert added["source"] == "rollcalls" and added["tally"] == "94-59-33 (yes-no-abstain)"
    named = table.iloc[2]        # 74/247 is named by an event: tally attached, no new row
    assert named["source"] == "events" and named["symbol"] == "A/RES/74/247"
    assert named["tally"] == "79-60-33 (yes-no-abstain)"
    assert table["date"].iloc[0] == pd.Timestamp("2010-01-01")
    assert plot_tracks.tally_text(rollcalls.iloc[2].to_dict()) == "without a vote"
    with pytest.raises(ValueError):
        plot_tracks.timeline_table(events, rollcalls, ["A/RES/99/1"])


def test_plot_timeline(events, rollcalls):
    table = plot_tracks.timeline_table(events, rollcalls, ["A/RES/73/187", "A/RES/74/247"])
    fig, ax = plot_tracks.plot_timeline(table)
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 4
    assert texts[2] == "2019-12-27 GA resolution 74/247 adopted: 79-60-33 (yes-no-abstain)"


def test_vote_categories():
    votes = pd.DataFrame({"rollcall_id": ["R1", "R1", "R2"], "iso3": ["BBB", "AAA", "CCC"],
                          "vote": ["no", "yes", "yes"]})
    cats = plot_tracks.vote_categories(votes, "R1", members=["AAA", "BBB", "CCC"])
    assert cats.to_dict() == {"AAA": "yes", "BBB": "no", "CCC": "not recorded"}
    with pytest.raises(ValueError):
        plot_tracks.vote_categories(votes, "R9")


def test_status_categories_flags(participation):
    status = treaties.status_at(participation, "2004-01-01", "X")
    labels = {"party": "P", "signed": "S", "not signed": "N"}
    cats = plot_tracks.status_categories(status, labels, flagged={"unverified": ["CCC", "ZZZ"]})
    assert cats.to_dict() == {"AAA": "P", "BBB": "P", "CCC": "unverified", "SSS": "N",
                              "ZZZ": "unverified"}
    with pytest.raises(ValueError):
        plot_tracks.status_categories(status, {"party": "P"})


def test_track_map_and_unmatched(outlines):
    values = pd.Series({"AAA": "yes", "BBB": "no", "MCO": "yes", "EUU": "no", "LIE": "yes"})
    colors = {"yes": "#D55E00", "no": "#0072B2", "abstain": "#E69F00"}
    fig, ax, unmatched = plot_tracks.track_map(values, outlines, colors, title="t")
    assert unmatched == ["EUU", "LIE", "MCO"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["yes", "no"]                  # order of `colors`, absent ones dropped
    lines = plot_tracks.unmatched_lines(values, unmatched, order=["yes", "no"])
    assert lines == ["not drawn, no outline at this scale: 3", "yes (2): LIE, MCO", "no (1): EUU"]
    with pytest.raises(ValueError):
        plot_tracks.track_map(pd.Series({"AAA": "maybe"}), outlines, colors)


def test_category_map_counts_in_colour_order(outlines):
    values = pd.Series({"AAA": "yes", "BBB": "no", "MCO": "yes"})
    colors = {"yes": "#D55E00", "no": "#0072B2", "abstain": "#E69F00"}
    fig, counts, lines = plot_tracks.category_map(values, outlines, colors, title="t")
    assert counts.to_dict() == {"yes": 2, "no": 1, "abstain": 0} and list(counts.index) == list(colors)
    assert lines == ["not drawn, no outline at this scale: 1", "yes (1): MCO"]


def test_year_fraction():
    assert plot_tracks.year_fraction("2019-01-01") == 2019.0
    assert round(plot_tracks.year_fraction("2019-12-27"), 2) == 2019.99
