"""Unit tests of analysis.methods.blocs on tiny hand-made tables (answers computed by hand)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from analysis.core.vocabulary import short_symbol
from analysis.data.sources.bsv import bsv_reference_table
from analysis.methods import agreement, blocs, voting
from analysis.methods.ideal_points import ideal_points, percentile_by_group
from analysis.methods.reference import compare_ideal_points


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
    m = voting.vote_matrix(TINY)
    assert list(m.index) == NAMES and list(m.columns) == ["r1", "r2", "r3", "r4"]
    assert m.dtypes.eq(np.int8).all()
    assert m.loc["AAA"].tolist() == [voting.YES, voting.YES, voting.NO, voting.MISSING]
    assert m.loc["BBB", "r2"] == voting.ABSTAIN
    # roll call order and selection follow `rollcalls`; a country without a row is MISSING
    m2 = voting.vote_matrix(TINY[TINY["iso3"] != "CCC"].iloc[1:], ["r2", "r1"])
    assert list(m2.columns) == ["r2", "r1"] and m2.loc["AAA", "r1"] == voting.MISSING


def test_vote_matrix_rejects_bad_input():
    with pytest.raises(ValueError, match="unknown vote"):
        voting.vote_matrix(_votes([("r1", "AAA", "Y")]))
    with pytest.raises(ValueError, match="duplicated"):
        voting.vote_matrix(_votes([("r1", "AAA", "yes"), ("r1", "AAA", "no")]))


@pytest.mark.parametrize("method, expected", [("identical", IDENTICAL), ("lijphart", LIJPHART)])
def test_agreement_by_hand(method, expected):
    res = agreement.agreement_matrix(TINY, method=method)
    assert list(res.agreement.index) == NAMES
    np.testing.assert_allclose(res.agreement.to_numpy(), expected)
    np.testing.assert_array_equal(res.shared.to_numpy(), SHARED)
    assert res.method == method


def test_agreement_properties_and_min_shared():
    res = agreement.agreement_matrix(TINY, method="lijphart", min_shared=4)
    a = res.agreement.to_numpy()
    # A shares only 3 roll calls with anyone (its own row too): NaN; B-C keep their value
    assert np.isnan(a[0]).all() and np.isnan(a[:, 0]).all()
    assert a[1, 2] == pytest.approx(0.5)
    full = agreement.agreement_matrix(TINY, method="identical").agreement.to_numpy()
    np.testing.assert_array_equal(full, full.T)
    assert (np.diag(full) == 1).all()
    assert ((full >= 0) & (full <= 1)).all()


def test_agreement_subset_absent_only_country():
    # on r4 alone A is only "absent": no shared votes, NaN row, diagonal NaN
    res = agreement.agreement_matrix(TINY, rollcall_ids=["r4"])
    assert np.isnan(res.agreement.loc["AAA"]).all()
    assert res.shared.loc["AAA"].tolist() == [0, 0, 0]
    assert res.agreement.loc["BBB", "CCC"] == 1.0
    long = res.to_long()
    assert list(long.columns) == ["iso3_a", "iso3_b", "agreement", "shared"] and len(long) == 3


def test_agreement_by_group_matches_single_matrix():
    rollcalls = pd.DataFrame({"rollcall_id": ["r1", "r2", "r3", "r4"], "session": [2, 1, 2, 1]})
    out = dict(agreement.agreement_by_group(TINY, rollcalls, by="session", method="lijphart"))
    assert sorted(out) == [1, 2]
    for session, ids in [(1, ["r2", "r4"]), (2, ["r1", "r3"])]:
        direct = agreement.agreement_matrix(TINY, ids, method="lijphart")
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
    ip = ideal_points(votes, rollcalls)
    assert list(ip.columns) == ["iso3", "year", "ideal_point", "n_votes"]
    assert sorted(ip["year"].unique()) == [2000, 2001]
    for _, g in ip.groupby("year"):
        g = g.set_index("iso3")
        assert g.loc["USA", "ideal_point"] > 0
        assert spearmanr(g["ideal_point"], truth[g.index]).statistic > 0.9
        assert g["ideal_point"].mean() == pytest.approx(0, abs=1e-9)
    assert ip.set_index(["iso3", "year"]).loc[("BRA", 2000), "n_votes"] == 14


def test_ideal_points_do_not_depend_on_row_order():
    votes, rollcalls, _ = _synthetic_votes(seed=3)
    a = ideal_points(votes, rollcalls)
    b = ideal_points(votes.sample(frac=1, random_state=1), rollcalls.iloc[::-1])
    both = a.merge(b, on=["iso3", "year"], validate="one_to_one")
    assert len(both) == len(a) == len(b) == 16
    assert (both["ideal_point_x"] - both["ideal_point_y"]).abs().max() <= 1e-6
    assert (both["n_votes_x"] == both["n_votes_y"]).all()


def test_ideal_points_report_convergence():
    votes, rollcalls, _ = _synthetic_votes(seed=3)
    ip = ideal_points(votes, rollcalls)
    fits = pd.DataFrame(ip.attrs["convergence"])
    assert list(fits.columns) == ["year", "pass", "steps", "converged", "max_gradient"]
    assert sorted(zip(fits["year"], fits["pass"], strict=True)) == [(2000, "first"), (2000, "smoothed"),
                                                       (2001, "first"), (2001, "smoothed")]
    assert fits["converged"].all() and (fits["max_gradient"] <= 1e-9).all() and (fits["steps"] > 0).all()
    unsmoothed = pd.DataFrame(ideal_points(votes, rollcalls, smooth=None).attrs["convergence"])
    assert set(unsmoothed["pass"]) == {"first"}


def test_ideal_points_warn_when_a_fit_does_not_converge():
    votes, rollcalls, _ = _synthetic_votes(seed=3)
    with pytest.warns(RuntimeWarning, match=r"did not converge .* for year 2000, 2001"):
        ip = ideal_points(votes, rollcalls, smooth=None, gtol=0.0)
    assert not pd.DataFrame(ip.attrs["convergence"])["converged"].any()


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
    agr = agreement.agreement_matrix(votes, method="lijphart")
    first = blocs.cluster_blocs(agr, n_blocs=2)
    again = blocs.cluster_blocs(agr.agreement, n_blocs=2)
    shuffled = agreement.agreement_matrix(votes.sample(frac=1, random_state=7), method="lijphart").agreement
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
    agr = agreement.agreement_matrix(votes, method="identical").agreement
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
    out = voting.switches(votes, "r1", "r2")
    assert out.to_dict("list") == {"iso3": ["BBB", "CCC"], "vote_a": ["yes", "no"], "vote_b": ["abstain", "yes"]}
    out = voting.switches(votes, "r3", "r4")  # absent counts as a recorded value
    assert out["iso3"].tolist() == ["AAA", "BBB", "CCC"]
    assert voting.switches(votes, "r1", "r1").empty


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
        voting.vote_matrix(_votes([("r1", "AAA", "yes"), ("r1", None, "no")]))


# --------------------------------------------------------------------------- cyber roll calls (notebook 02)

RC_TINY = pd.DataFrame({"rollcall_id": ["r1", "r2", "r3", "r4"],
                        "symbol": ["A/RES/73/187", "A/RES/74/247", "A/75/L.55", None],
                        "date": ["2018-12-17", "2019-12-27", "2021-01-15", "2021-05-26"],
                        "yes": pd.array([2, None, None, 2], dtype="Int64"),
                        "no": pd.array([1, None, None, 0], dtype="Int64"),
                        "abstain": pd.array([0, None, None, 0], dtype="Int64")})


def test_short_symbol():
    assert short_symbol("A/RES/73/187") == "73/187"
    assert short_symbol("A/75/L.55") == "A/75/L.55"


def test_vote_grid_order_labels_and_missing():
    grid = voting.vote_grid(TINY, RC_TINY, ["r4", "r1", "r3"], countries=["CCC", "AAA", "ZZZ"])
    assert list(grid.columns) == ["r4", "73/187", "A/75/L.55"]   # r4 has no symbol: its id
    assert list(grid.index) == ["CCC", "AAA", "ZZZ"]
    assert grid.loc["AAA"].tolist() == ["absent", "yes", "no"]
    assert grid.loc["ZZZ"].tolist() == ["not recorded"] * 3
    assert list(voting.vote_grid(TINY, RC_TINY, ["r1"]).index) == NAMES   # default: sorted voters


def test_rollcall_summary():
    sponsors = pd.DataFrame({"rollcall_id": ["r2", "r2", "r4"], "sponsor": ["CCC", "AAA", "BBB"],
                             "role": ["sponsor", "additional_sponsor", "sponsor"]})
    out = voting.rollcall_summary(TINY, RC_TINY, ["r1", "r2", "r3", "r4"], sponsors, anchors=("AAA", "CCC"))
    assert out["label"].tolist() == ["73/187", "74/247", "A/75/L.55", "r4"]
    assert list(out.columns[:5]) == ["rollcall_id", "label", "date", "title", "counted"]
    titled = RC_TINY.assign(title=["Countering : resolution / adopted by the General Assembly", "Other", None, "x"])
    assert voting.rollcall_summary(TINY, titled, ["r1", "r2", "r3"])["title"].tolist() == ["Countering", "Other", ""]
    assert out["counted"].tolist() == ["2-1-0", "2-0-1", "0-2-1", "2-0-0"]
    assert out["official"].tolist() == ["2-1-0", "", "", "2-0-0"]
    assert out["absent"].tolist()[3] == 1 and out["absent"].isna().tolist() == [True, True, True, False]
    assert out["vote_AAA"].tolist() == ["yes", "yes", "no", "absent"]
    # r2: CCC drafted it, AAA only joined; r4: sponsors known, none an anchor; r1, r3: not covered
    assert out["led_by"].tolist()[1] == "CCC" and out["led_by"].tolist()[3] == ""
    assert pd.isna(out["led_by"].tolist()[0]) and pd.isna(out["led_by"].tolist()[2])


def test_vote_shifts_ignore_absences():
    s = voting.vote_shifts(TINY, "r1", "r2")   # A yes->yes, B yes->abstain, C no->yes
    assert s.to_dict("list") == {"iso3": ["BBB", "CCC"], "vote_a": ["yes", "no"],
                                 "vote_b": ["abstain", "yes"], "shift": [-1, 2]}
    s = voting.vote_shifts(TINY, "r3", "r4")   # A is absent on r4: not a switch
    assert s["iso3"].tolist() == ["BBB", "CCC"] and s["shift"].tolist() == [2, 1]


def test_vote_transitions_by_hand():
    votes = pd.concat([TINY, _votes([("r1", "DDD", "yes")])])
    t = voting.vote_transitions(votes, "r1", "r4")
    assert list(t.index) == ["yes", "no"]
    assert list(t.columns) == ["yes", "absent", "not recorded"]
    assert t.loc["yes"].tolist() == [1, 1, 1]     # B yes, A absent, D no row
    assert t.loc["no"].tolist() == [1, 0, 0]      # C
    assert t.to_numpy().sum() == 4


def test_vote_shift_summary():
    out = voting.vote_shift_summary(TINY, [("r1", "r2"), ("r3", "r4")], RC_TINY)
    assert out[["from", "to"]].values.tolist() == [["73/187", "74/247"], ["A/75/L.55", "r4"]]
    assert out["compared"].tolist() == [3, 2]
    assert out["switched"].tolist() == [2, 2]
    assert out["toward_yes"].tolist() == [1, 2] and out["toward_no"].tolist() == [1, 0]
    assert out["no_to_yes"].tolist() == [1, 1] and out["yes_to_no"].tolist() == [0, 0]


# Session 1: general g1, g2 and ICT i1 (D absent); session 2: general only (skipped).
ICT_VOTES = _votes([
    ("g1", "A", "yes"), ("g1", "B", "yes"), ("g1", "C", "no"), ("g1", "D", "no"),
    ("g2", "A", "yes"), ("g2", "B", "no"), ("g2", "C", "no"), ("g2", "D", "yes"),
    ("i1", "A", "yes"), ("i1", "B", "yes"), ("i1", "C", "no"), ("i1", "D", "absent"),
    ("g3", "A", "yes"), ("g3", "B", "no"),
])
ICT_RC = pd.DataFrame({"rollcall_id": ["g1", "g2", "i1", "g3"], "session": [1, 1, 1, 2],
                       "ict": pd.array([False, False, True, False], dtype="boolean")})


def test_ict_vs_general_pairs_by_hand():
    pairs = agreement.ict_vs_general_pairs(ICT_VOTES, ICT_RC, method="identical", min_shared=1)
    assert pairs["session"].tolist() == [1, 1, 1]                  # D did not vote on i1
    assert list(zip(pairs["iso3_a"], pairs["iso3_b"], strict=True)) == [("A", "B"), ("A", "C"), ("B", "C")]
    assert pairs["ict_agreement"].tolist() == [1.0, 0.0, 0.0]
    assert pairs["general_agreement"].tolist() == [0.5, 0.0, 0.5]  # over g1, g2
    assert pairs["general_shared"].tolist() == [2, 2, 2] and pairs["ict_shared"].tolist() == [1, 1, 1]
    every = agreement.ict_vs_general_pairs(ICT_VOTES, ICT_RC, method="identical", general="all", min_shared=1)
    np.testing.assert_allclose(every["general_agreement"], [2 / 3, 0.0, 1 / 3])   # over g1, g2, i1
    assert agreement.ict_vs_general_pairs(ICT_VOTES, ICT_RC, min_shared=3).empty    # pairs share only 2
    with pytest.raises(ValueError, match="general"):
        agreement.ict_vs_general_pairs(ICT_VOTES, ICT_RC, general="other")


def test_ict_vs_general_agreement_by_hand():
    out = agreement.ict_vs_general_agreement(ICT_VOTES, ICT_RC, method="identical", min_shared=1)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["session"], row["ict_rollcalls"], row["general_rollcalls"], row["countries"], row["pairs"]) == (1, 1, 2, 3, 3)
    assert row["mean_ict"] == pytest.approx(1 / 3) and row["mean_general"] == pytest.approx(1 / 3)
    # x = (1, 0, 0), y = (.5, 0, .5): cov = 1/6, var sums 2/3 and 1/6 -> r = 0.5
    assert row["correlation"] == pytest.approx(0.5)
    # a unanimous ICT vote: agreement constant, correlation undefined
    unanimous = ICT_VOTES.assign(vote=np.where(ICT_VOTES["rollcall_id"] == "i1", "yes", ICT_VOTES["vote"]))
    unanimous.loc[(unanimous["rollcall_id"] == "i1") & (unanimous["iso3"] == "D"), "vote"] = "absent"
    assert np.isnan(agreement.ict_vs_general_agreement(unanimous, ICT_RC, min_shared=1)["correlation"].iloc[0])


def test_percentile_by_group():
    frame = pd.DataFrame({"year": [1, 1, 1, 2, 2, 3], "x": [3.0, 1.0, 2.0, 5.0, 5.0, 7.0]})
    assert percentile_by_group(frame, "x").tolist() == [100.0, 0.0, 50.0, 50.0, 50.0, 50.0]
    frame.loc[1, "x"] = np.nan
    out = percentile_by_group(frame, "x")
    assert np.isnan(out[1]) and out[[0, 2]].tolist() == [100.0, 0.0]


def test_agreement_between_blocs():
    votes, west, east = _two_camps()
    agr = agreement.agreement_matrix(votes, method="identical")
    bl = pd.Series({iso: 1 if iso in west else 2 for iso in west | east})
    out = blocs.agreement_between_blocs(agr, bl)
    a = agr.agreement
    w, e = sorted(west), sorted(east)
    expected_we = a.loc[w, e].to_numpy().mean()
    within_w = a.loc[w, w].to_numpy()[~np.eye(len(w), dtype=bool)].mean()
    assert out.loc[1, 2] == pytest.approx(expected_we) and out.loc[2, 1] == pytest.approx(expected_we)
    assert out.loc[1, 1] == pytest.approx(within_w)
    assert out.loc[1, 1] > out.loc[1, 2]
