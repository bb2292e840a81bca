"""The agreement-scores table on the shipped votes: the numbers of `agreement_matrix`, no pair outside the
states' existence windows, the ideal points of `ideal_points`, deterministic files."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.countries import Resolver, lineage_code
from analysis.data.exports import write_agreement_scores
from analysis.methods.agreement import agreement_matrix
from analysis.methods.agreement_scores import agreement_scores
from analysis.methods.ideal_points import ideal_points


def _no_ideal(by):
    """Agreement only: the ideal columns stay empty (they take seconds; tested on a few years below)."""
    return pd.DataFrame({"iso3": pd.Series(dtype=object), by: pd.Series(dtype=int), "ideal_point": pd.Series(dtype=float)})


@pytest.fixture(scope="module")
def by_year(data):
    return agreement_scores(data.votes, data.rollcalls, data.countries, by="year", ideal=_no_ideal("year"))


@pytest.fixture(scope="module")
def by_session(data):
    return agreement_scores(data.votes, data.rollcalls, data.countries, by="session", ideal=_no_ideal("session"))


@pytest.mark.parametrize("session", [30, 60, 76])
def test_same_numbers_as_agreement_matrix(data, by_session, session):
    """Sessions 30 (Voeten), 60 (SCG and SRB both vote) and 76 (DGACM, absences listed), to 1e-12."""
    ids = data.rollcalls.loc[data.rollcalls["session"] == session, "rollcall_id"]
    mine = by_session[by_session["session"] == session].set_index(["iso3_a", "iso3_b"])
    for method, column in (("identical", "agree"), ("lijphart", "agree_lijphart")):
        ref = agreement_matrix(data.votes, ids, method=method).to_long()
        ref = ref[ref["shared"] > 0].set_index(["iso3_a", "iso3_b"])
        assert mine.index.equals(ref.index), session
        assert np.abs(mine[column].to_numpy() - ref["agreement"].to_numpy()).max() <= 1e-12
        assert (mine["n_shared"].to_numpy() == ref["shared"].to_numpy()).all()
    assert len(mine) > 10_000


@pytest.mark.parametrize("by", ["year", "session"])
def test_no_pair_outside_the_existence_windows(data, by_year, by_session, by):
    table = by_year if by == "year" else by_session
    assert table.attrs["outside_window"] == []       # no vote of a state outside its window shares a roll call
    pairs = set(zip(table["iso3_a"], table["iso3_b"], strict=True))
    for a, b in [("RUS", "SUN"), ("SCG", "YUG"), ("SCG", "SRB"), ("SRB", "YUG"), ("YAR", "YEM"), ("YEM", "YMD"),
                 ("CSK", "CZE"), ("CSK", "SVK")]:
        assert (a, b) not in pairs, (a, b)
    lineage = lineage_code(data.countries)
    same_line = table["iso3_a"].map(lineage) == table["iso3_b"].map(lineage)
    assert not same_line.any(), table[same_line].head()
    if by == "year":
        first = pd.concat([table[["iso3_a", "year"]].set_axis(["iso3", "year"], axis=1),
                           table[["iso3_b", "year"]].set_axis(["iso3", "year"], axis=1)]).groupby("iso3")["year"]
        assert first.min()["SRB"] == 2006 and first.max()["YUG"] == 1991 and first.max()["SUN"] == 1991
        assert (first.min()["SCG"], first.max()["SCG"]) == (1992, 2006) and first.min()["RUS"] == 1992
        # every state of every row existed in that year: registry start (less the resolver's tolerance
        # for approximate dates) before the year's end, exclusive end after its first day
        reg = data.countries.set_index("iso3")
        tolerance = pd.Timedelta(days=Resolver.start_tolerance_days)
        year_start = pd.to_datetime(table["year"].astype(str) + "-01-01").to_numpy()
        year_end = pd.to_datetime((table["year"] + 1).astype(str) + "-01-01").to_numpy()
        for side in ("iso3_a", "iso3_b"):
            start = (pd.to_datetime(reg["start"]) - tolerance).reindex(table[side]).to_numpy()
            end = pd.to_datetime(reg["end"]).reindex(table[side]).to_numpy()
            assert not (start >= year_end).any() and not (end <= year_start).any(), side


def test_ict_subset_has_only_years_with_ict_roll_calls(data, by_year):
    ict = agreement_scores(data.votes, data.rollcalls, data.countries, subset="ict", ideal=_no_ideal("year"))
    cast = data.votes.loc[data.votes["vote"] != "absent", "rollcall_id"]
    rc = data.rollcalls[data.rollcalls["ict"] & data.rollcalls["rollcall_id"].isin(cast)]
    per_year = rc.groupby("year").size()
    assert set(ict["year"]) == set(per_year.index)
    assert (ict["n_shared"] <= ict["year"].map(per_year)).all()
    both = ict.merge(by_year, on=["iso3_a", "iso3_b", "year"], suffixes=("", "_all"))
    assert len(both) == len(ict) and (both["n_shared"] <= both["n_shared_all"]).all()


def test_ideal_columns_are_the_ideal_points_of_the_period(data):
    rc = data.rollcalls[data.rollcalls["year"].between(2017, 2019)]
    votes = data.votes[data.votes["rollcall_id"].isin(rc["rollcall_id"])]
    ideal = ideal_points(votes, rc, by="year").set_index(["iso3", "year"])["ideal_point"]
    table = agreement_scores(votes, rc, data.countries, by="year", subset="cybercrime")
    assert set(table["year"]) == {2018, 2019}
    expected_a = ideal.reindex(pd.MultiIndex.from_arrays([table["iso3_a"], table["year"]])).to_numpy()
    assert np.allclose(table["ideal_a"], expected_a, rtol=0, atol=1e-9, equal_nan=True)
    assert np.allclose(table["ideal_distance"], (table["ideal_a"] - table["ideal_b"]).abs(), equal_nan=True)
    assert table["ideal_a"].notna().mean() > 0.99


def test_the_csv_of_the_full_table_is_byte_deterministic(by_year, tmp_path):
    first = write_agreement_scores(by_year, tmp_path / "a.csv", "year", "all")[0].read_bytes()
    second = write_agreement_scores(by_year.copy(), tmp_path / "b.csv", "year", "all")[0].read_bytes()
    assert first == second and len(first) > 10_000_000


@pytest.mark.slow
def test_export_command_on_the_shipped_data(tmp_path):
    out = tmp_path / "cyber.csv.gz"
    assert main(["export", "agreement", "--subset", "cybercrime", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert set(table["year"]) == {2018, 2019} and set(table["subset"]) == {"cybercrime"}
    assert table["ideal_a"].notna().all() and (tmp_path / "cyber.resource.json").is_file()
    usa_rus = table[(table["iso3_a"] == "RUS") & (table["iso3_b"] == "USA")]
    assert usa_rus["agree"].tolist() == [0.0, 0.0]       # 73/187 and 74/247: Russia yes, the US no
