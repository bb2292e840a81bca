"""Unit tests of analysis.blocs on tiny hand-made tables (answers computed by hand)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from analysis import blocs
from analysis.reference import bsv_reference_table, compare_ideal_points


def _votes(rows):
    return pd.DataFrame(rows, columns=["rollcall_id", "iso3", "vote"])


# A, B, C over four roll calls. B abstains on r2, C abstains on r3, A is absent on r4.
TINY = _votes([
    ("r1", "AAA", "yes"), ("r1", "BBB", "yes"), ("r1", "CCC", "no"),
    ("r2", "AAA", "yes"), ("r2", "BBB", "abstain"), ("r2", "CCC", "yes"),
    ("r3", "AAA", "no"), ("r3", "BBB", "no"), ("r3", "CCC", "abstain"),
    ("r4", "AAA", "absent"), ("r4", "BBB", "yes"), ("r4", "CCC", "yes"),
])
NAMES = ["AAA", "BBB", "CCC"]
# shared: A-B r1-r3, A-C r1-r3, B-C r1-r4; the diagonal is each country's own votes
SHARED = [[3, 3, 3], [3, 4, 4], [3, 4, 4]]
# identical: A-B 2/3 (r1, r3), A-C 1/3 (r2), B-C 1/4 (r4)
IDENTICAL = [[1, 2 / 3, 1 / 3], [2 / 3, 1, 1 / 4], [1 / 3, 1 / 4, 1]]
# Lijphart: A-B (1 + .5 + 1) / 3, A-C (0 + 1 + .5) / 3, B-C (0 + .5 + .5 + 1) / 4
LIJPHART = [[1, 2.5 / 3, 0.5], [2.5 / 3, 1, 0.5], [0.5, 0.5, 1]]


def test_vote_matrix_codes_and_sentinel():
    m = blocs.vote_matrix(TINY)
    assert list(m.index) == NAMES and list(m.columns) == ["r1", "r2", "r3", "r4"]
    assert m.dtypes.eq(np.int8).all()
    assert m.loc["AAA"].tolist() == [blocs.YES, blocs.YES, blocs.NO, blocs.MISSING]
    assert m.loc["BBB", "r2"] == blocs.ABSTAIN
    # roll call order and selection follow `rollcalls`; a country without a row is MISSING
    m2 = blocs.vote_matrix(TINY[TINY["iso3"] != "CCC"].iloc[1:], ["r2", "r1"])
    assert list(m2.columns) == ["r2", "r1"] and m2.loc["AAA", "r1"] == blocs.MISSING


def test_vote_matrix_rejects_bad_input():
    with pytest.raises(ValueError, match="unknown vote"):
        blocs.vote_matrix(_votes([("r1", "AAA", "Y")]))
    with pytest.raises(ValueError, match="duplicated"):
        blocs.vote_matrix(_votes([("r1", "AAA", "yes"), ("r1", "AAA", "no")]))


@pytest.mark.parametrize("method, expected", [("identical", IDENTICAL), ("lijphart", LIJPHART)])
def test_agreement_by_hand(method, expected):
    res = blocs.agreement_matrix(TINY, method=method)
    assert list(res.agreement.index) == NAMES
    np.testing.assert_allclose(res.agreement.to_numpy(), expected)
    np.testing.assert_array_equal(res.shared.to_numpy(), SHARED)
    assert res.method == method


def test_agreement_properties_and_min_shared():
    res = blocs.agreement_matrix(TINY, method="lijphart", min_shared=4)
    a = res.agreement.to_numpy()
    # A shares only 3 roll calls with anyone (its own row too): NaN; B-C keep their value
    assert np.isnan(a[0]).all() and np.isnan(a[:, 0]).all()
    assert a[1, 2] == pytest.approx(0.5)
    full = blocs.agreement_matrix(TINY, method="identical").agreement.to_numpy()
    np.testing.assert_array_equal(full, full.T)
    assert (np.diag(full) == 1).all()
    assert ((full >= 0) & (full <= 1)).all()


def test_agreement_subset_absent_only_country():
    # on r4 alone A is only "absent": no shared votes, NaN row, diagonal NaN
    res = blocs.agreement_matrix(TINY, rollcall_ids=["r4"])
    assert np.isnan(res.agreement.loc["AAA"]).all()
    assert res.shared.loc["AAA"].tolist() == [0, 0, 0]
    assert res.agreement.loc["BBB", "CCC"] == 1.0
    long = res.to_long()
    assert list(long.columns) == ["iso3_a", "iso3_b", "agreement", "shared"] and len(long) == 3


def test_agreement_by_group_matches_single_matrix():
    rollcalls = pd.DataFrame({"rollcall_id": ["r1", "r2", "r3", "r4"], "session": [2, 1, 2, 1]})
    out = dict(blocs.agreement_by_group(TINY, rollcalls, by="session", method="lijphart"))
    assert sorted(out) == [1, 2]
    for session, ids in [(1, ["r2", "r4"]), (2, ["r1", "r3"])]:
        direct = blocs.agreement_matrix(TINY, ids, method="lijphart")
        voted = direct.shared.to_numpy().diagonal() > 0
        expected = direct.agreement.loc[voted, voted]
        pd.testing.assert_frame_equal(out[session].agreement, expected, check_names=False)


def _synthetic_votes(flip=False, seed=0):
    """Eight states on a line; 30 roll calls with random cut points and polarities."""
    truth = pd.Series([2.0, 1.4, 1.0, 0.4, -0.3, -0.9, -1.5, -2.0],
                      index=["USA", "GBR", "FRA", "DEU", "BRA", "IND", "CHN", "RUS"])
    rng = np.random.default_rng(seed)
    rows = []
    for j in range(30):
        cut, pol = rng.uniform(-1.6, 1.6), rng.choice([-1, 1])
        for iso, x in truth.items():
            z = pol * (x - cut)
            vote = "yes" if z > 0.25 else "no" if z < -0.25 else "abstain"
            if flip:
                vote = {"yes": "no", "no": "yes"}.get(vote, vote)
            rows.append((f"r{j}", iso, vote))
    votes = _votes(rows)
    rollcalls = pd.DataFrame({"rollcall_id": [f"r{j}" for j in range(30)], "year": [2000] * 15 + [2001] * 15})
    return votes, rollcalls, truth


@pytest.mark.parametrize("flip", [False, True])
def test_ideal_points_sign_and_order(flip):
    votes, rollcalls, truth = _synthetic_votes(flip)
    votes = votes[~((votes["iso3"] == "BRA") & (votes["rollcall_id"] == "r3"))]  # one absence
    ip = blocs.ideal_points(votes, rollcalls)
    assert list(ip.columns) == ["iso3", "year", "ideal_point", "n_votes"]
    assert sorted(ip["year"].unique()) == [2000, 2001]
    for _, g in ip.groupby("year"):
        g = g.set_index("iso3")
        assert g.loc["USA", "ideal_point"] > 0
        assert spearmanr(g["ideal_point"], truth[g.index]).statistic > 0.9
        assert g["ideal_point"].mean() == pytest.approx(0, abs=1e-9)
    assert ip.set_index(["iso3", "year"]).loc[("BRA", 2000), "n_votes"] == 14


def test_ideal_points_deterministic():
    votes, rollcalls, _ = _synthetic_votes(seed=3)
    a = blocs.ideal_points(votes, rollcalls, smooth=None)
    b = blocs.ideal_points(votes.sample(frac=1, random_state=1), rollcalls)
    pd.testing.assert_frame_equal(a, blocs.ideal_points(votes, rollcalls, smooth=None))
    assert (a["ideal_point"].round(6) != 0).all() and len(b) == len(a)


def _two_camps():
    west, east = ["USA", "GBR", "FRA", "CAN"], ["RUS", "CHN", "IRN", "CUB", "BLR"]
    rows = []
    for j in range(12):
        for i, iso in enumerate(west + east):
            camp = "yes" if iso in west else "no"
            if (i + j) % 7 == 0:  # a little noise, so the clusters are not all ties
                camp = "abstain"
            rows.append((f"r{j}", iso, camp))
    return _votes(rows), set(west), set(east)


def test_cluster_blocs_deterministic_and_order_free():
    votes, west, east = _two_camps()
    agr = blocs.agreement_matrix(votes, method="lijphart")
    first = blocs.cluster_blocs(agr, n_blocs=2)
    again = blocs.cluster_blocs(agr.agreement, n_blocs=2)
    shuffled = blocs.agreement_matrix(votes.sample(frac=1, random_state=7), method="lijphart").agreement
    shuffled = shuffled.iloc[::-1, ::-1]
    other = blocs.cluster_blocs(shuffled, n_blocs=2)
    pd.testing.assert_series_equal(first.blocs, again.blocs)
    pd.testing.assert_series_equal(first.blocs, other.blocs)
    np.testing.assert_array_equal(first.linkage, other.linkage)
    groups = {frozenset(g.index) for _, g in first.blocs.groupby(first.blocs)}
    assert groups == {frozenset(west), frozenset(east)}
    assert first.blocs[sorted(east)[0]] == 1  # the larger bloc is 1
    assert first.linkage.shape == (8, 4)


def test_community_blocs_deterministic_and_order_free():
    votes, west, east = _two_camps()
    agr = blocs.agreement_matrix(votes, method="identical").agreement
    a = blocs.community_blocs(agr, threshold=0.5, seed=0)
    b = blocs.community_blocs(agr.iloc[::-1, ::-1], threshold=0.5, seed=0)
    pd.testing.assert_series_equal(a, b)
    assert {frozenset(g.index) for _, g in a.groupby(a)} == {frozenset(west), frozenset(east)}


def test_name_blocs():
    bl = pd.Series({"GBR": 1, "USA": 1, "FRA": 1, "CAN": 1, "RUS": 2, "CUB": 2, "ZZZ": 3})
    names = blocs.name_blocs(bl)
    assert names[1] == "USA / FRA / GBR +1"
    assert names[2] == "RUS / CUB"
    assert blocs.name_blocs(bl, preferred=("GBR",), order=("CAN",), max_names=2)[1] == "GBR / CAN +2"
    assert names[3] == "ZZZ"


def test_switches():
    votes = pd.concat([TINY, _votes([("r1", "DDD", "yes")])])
    out = blocs.switches(votes, "r1", "r2")
    assert out.to_dict("list") == {"iso3": ["BBB", "CCC"], "vote_a": ["yes", "no"], "vote_b": ["abstain", "yes"]}
    out = blocs.switches(votes, "r3", "r4")  # absent counts as a recorded value
    assert out["iso3"].tolist() == ["AAA", "BBB", "CCC"]
    assert blocs.switches(votes, "r1", "r1").empty


def test_reference_table_and_comparison():
    raw = pd.DataFrame({
        "ccode": [2, 365, 710, 678, 680, 2, 365, 710],
        "iso3c": ["USA", "RUS", "CHN", "YAR", "YAR", "USA", "RUS", "CHN"],
        "countryname": ["United States", "Russia", "China", "Yemen Arab Republic", "Yemen People's Republic",
                        "United States", "Russia", "China"],
        "year": [1980] * 5 + [1981] * 3,
        "idealpointall": [2.0, -1.0, -0.2, -0.5, -0.8, 2.1, -1.1, 0.3],
        "idealpointfp": [2.0, -1.0, -0.2, -0.5, -0.8, 2.1, None, 0.3],
        "nvotesall": [100, 100, 90, 90, 80, 50, 50, 50], "nvotesfp": [80, 80, 70, 70, 60, 40, 40, 40],
    })
    ref = bsv_reference_table(raw)
    assert list(ref.columns) == ["iso3", "bsv_code", "ccode", "year", "ideal_point_all", "ideal_point_fp",
                                 "n_votes_all", "n_votes_fp", "source"]
    assert ref["bsv_code"].tolist() == ref["iso3"].tolist() and ref["ccode"].notna().all()
    ours = pd.DataFrame({"iso3": ["USA", "RUS", "CHN", "YAR", "GBR", "USA", "RUS", "CHN"],
                         "year": [1980] * 5 + [1981] * 3,
                         "ideal_point": [1.0, -1.0, 0.0, 0.0, 0.5, 1.0, 0.5, -1.0], "n_votes": 10})
    cmp = compare_ideal_points(ours, ref)
    assert cmp["year"].tolist() == [1980, 1981]
    assert cmp["n"].tolist() == [3, 3]        # YAR is ambiguous (two rows), GBR has no reference
    assert cmp["spearman"].tolist() == pytest.approx([1.0, 0.5])
    fp = compare_ideal_points(ours, ref, column="ideal_point_fp")
    assert fp["n"].tolist() == [3, 2] and np.isnan(fp.loc[1, "spearman"])  # too few to rank


def test_vote_matrix_rejects_missing_keys():
    with pytest.raises(ValueError, match="without rollcall_id or iso3"):
        blocs.vote_matrix(_votes([("r1", "AAA", "yes"), ("r1", None, "no")]))
