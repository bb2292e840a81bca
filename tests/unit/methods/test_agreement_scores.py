"""The agreement-scores table on tiny hand-made votes: one pair-year computed by hand, existence
windows, subsets, periods, ideal points as input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.data.exports import agreement_columns
from analysis.methods.agreement import agreement_matrix
from analysis.methods.agreement_scores import agreement_scores, pair_series, period_bounds, registry_windows

REGISTRY = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC", "OLD", "NEW", "LTE"],
    "start": [pd.NA, pd.NA, pd.NA, pd.NA, "2001-06-01", "2003-03-01"],
    "end": [pd.NA, pd.NA, pd.NA, "2001-06-01", pd.NA, pd.NA],
})


def _rollcalls(rows):
    """rows: (rollcall_id, date, session, ict, cybercrime)."""
    rc = pd.DataFrame(rows, columns=["rollcall_id", "date", "session", "ict", "cybercrime"])
    rc["year"] = rc["date"].str[:4].astype(int)
    return rc.astype({"ict": "boolean", "cybercrime": "boolean"})


def _votes(table):
    """table: {rollcall_id: {iso3: vote}}."""
    return pd.DataFrame([(r, c, v) for r, row in table.items() for c, v in row.items()],
                        columns=["rollcall_id", "iso3", "vote"])


def _ideal(rows, by="year"):
    return pd.DataFrame(rows, columns=["iso3", by, "ideal_point"])


# Year 2000: four roll calls; CCC is absent in r3 and has no row in r4.
ROLLCALLS = _rollcalls([("r1", "2000-10-01", 55, True, False), ("r2", "2000-10-02", 55, False, False),
                        ("r3", "2000-11-01", 55, True, True), ("r4", "2000-12-01", 55, False, False),
                        ("r5", "2002-10-01", 57, False, False), ("r6", "2002-10-02", 57, False, False)])
VOTES = _votes({
    "r1": {"AAA": "yes", "BBB": "yes", "CCC": "no"},
    "r2": {"AAA": "yes", "BBB": "no", "CCC": "abstain"},
    "r3": {"AAA": "no", "BBB": "no", "CCC": "absent"},
    "r4": {"AAA": "abstain", "BBB": "yes"},
    "r5": {"AAA": "yes", "BBB": "yes"},
    "r6": {"AAA": "no", "BBB": "abstain"},
})
IDEAL = _ideal([("AAA", 2000, 1.0), ("BBB", 2000, -0.5), ("CCC", 2000, 0.25), ("AAA", 2002, 0.3)])


def test_one_pair_year_by_hand():
    out = agreement_scores(VOTES, ROLLCALLS, REGISTRY, by="year", ideal=IDEAL)
    row = out[(out["iso3_a"] == "AAA") & (out["iso3_b"] == "BBB") & (out["year"] == 2000)].iloc[0]
    # r1 yes/yes = 1, r2 yes/no = 0, r3 no/no = 1, r4 abstain/yes = 1/2: identical 2 of 4, Lijphart 2.5 of 4
    assert (row["n_shared"], row["agree"], row["agree_lijphart"]) == (4, 0.5, 0.625)
    assert (row["ideal_a"], row["ideal_b"], row["ideal_distance"]) == (1.0, -0.5, 1.5)
    assert row["subset"] == "all"
    # CCC: r3 absent and r4 missing never count; r1 no vs yes, r2 abstain vs yes (AAA) / vs no (BBB)
    acc = out[(out["iso3_a"] == "AAA") & (out["iso3_b"] == "CCC")].iloc[0]
    assert (acc["n_shared"], acc["agree"], acc["agree_lijphart"]) == (2, 0.0, 0.25)
    assert acc["ideal_distance"] == 0.75
    # 2002: BBB has no ideal point that year -> NaN, not a guess
    late = out[out["year"] == 2002].iloc[0]
    assert (late["iso3_a"], late["iso3_b"], late["n_shared"], late["agree"], late["agree_lijphart"]) == ("AAA", "BBB", 2, 0.5, 0.75)
    assert late["ideal_a"] == 0.3 and np.isnan(late["ideal_b"]) and np.isnan(late["ideal_distance"])


def test_columns_order_and_types():
    out = agreement_scores(VOTES, ROLLCALLS, REGISTRY, by="year", ideal=IDEAL)
    assert list(out.columns) == agreement_columns("year")
    assert list(out[["year", "iso3_a", "iso3_b"]].itertuples(index=False)) == sorted(
        out[["year", "iso3_a", "iso3_b"]].itertuples(index=False))
    assert (out["iso3_a"] < out["iso3_b"]).all()
    assert out["n_shared"].dtype == np.int64 and out["year"].dtype == np.int64
    empty = agreement_scores(VOTES.iloc[:0], ROLLCALLS, REGISTRY, ideal=IDEAL)
    assert list(empty.columns) == agreement_columns("year") and empty.empty


def test_the_same_numbers_as_agreement_matrix():
    out = agreement_scores(VOTES, ROLLCALLS, REGISTRY, by="session", ideal=_ideal([], "session"))
    ids = ROLLCALLS.loc[ROLLCALLS["session"] == 55, "rollcall_id"]
    for method, column in (("identical", "agree"), ("lijphart", "agree_lijphart")):
        long = agreement_matrix(VOTES, ids, method=method).to_long().dropna(subset=["agreement"])
        mine = out[out["session"] == 55]
        assert mine[column].tolist() == long["agreement"].tolist()
        assert mine["n_shared"].tolist() == long["shared"].tolist()


def test_subsets_keep_only_their_roll_calls_and_periods():
    ict = agreement_scores(VOTES, ROLLCALLS, REGISTRY, subset="ict", ideal=IDEAL)
    # ict: r1 and r3; CCC's r3 is an absence, so CCC shares only r1
    assert ict[["iso3_a", "iso3_b", "n_shared"]].values.tolist() == [["AAA", "BBB", 2], ["AAA", "CCC", 1], ["BBB", "CCC", 1]]
    assert set(ict["year"]) == {2000} and set(ict["subset"]) == {"ict"}
    assert ict["ideal_a"].iloc[0] == 1.0          # the general ideal points, whatever the subset
    cyber = agreement_scores(VOTES, ROLLCALLS, REGISTRY, subset="cybercrime", ideal=IDEAL)
    assert cyber[["iso3_a", "iso3_b", "n_shared", "agree"]].values.tolist() == [["AAA", "BBB", 1, 1.0]]
    with pytest.raises(ValueError, match="subset"):
        agreement_scores(VOTES, ROLLCALLS, REGISTRY, subset="cyber", ideal=IDEAL)
    with pytest.raises(ValueError, match="by"):
        agreement_scores(VOTES, ROLLCALLS, REGISTRY, by="month", ideal=IDEAL)


def test_no_pair_outside_the_existence_windows():
    """OLD ends and NEW starts on 2001-06-01; LTE starts in March 2003. A (mis)coded roll call where OLD
    and NEW both vote, and a vote of LTE in 2002, must not make a pair."""
    rc = _rollcalls([("s1", "2001-03-01", 55, False, False), ("s2", "2001-09-01", 56, False, False),
                     ("s3", "2001-09-02", 56, False, False), ("s4", "2002-09-01", 57, False, False)])
    votes = _votes({"s1": {"OLD": "yes", "AAA": "yes"},
                    "s2": {"NEW": "yes", "AAA": "no"},
                    "s3": {"OLD": "yes", "NEW": "yes", "AAA": "yes"},      # OLD after its end: a coding error
                    "s4": {"LTE": "yes", "AAA": "yes", "NEW": "no"}})      # LTE before its start
    out = agreement_scores(votes, rc, REGISTRY, by="year", ideal=_ideal([]))
    pairs = set(zip(out["year"], out["iso3_a"], out["iso3_b"], strict=True))
    assert pairs == {(2001, "AAA", "OLD"), (2001, "AAA", "NEW"), (2002, "AAA", "NEW")}
    assert sorted(out.attrs["outside_window"]) == [(2001, "NEW", "OLD"), (2002, "AAA", "LTE"), (2002, "LTE", "NEW")]
    # by session: session 56 runs 2001-09-01 to 2001-09-02, after OLD's end: no OLD pair at all there
    by_session = agreement_scores(votes, rc, REGISTRY, by="session", ideal=_ideal([], "session"))
    assert set(zip(by_session["session"], by_session["iso3_a"], by_session["iso3_b"], strict=True)) == {
        (55, "AAA", "OLD"), (56, "AAA", "NEW"), (57, "AAA", "NEW")}


def test_period_bounds_and_registry_windows():
    years = period_bounds(ROLLCALLS, "year")
    assert years[2000] == (np.datetime64("2000-01-01"), np.datetime64("2001-01-01"))
    sessions = period_bounds(ROLLCALLS, "session")
    assert sessions[55] == (np.datetime64("2000-10-01"), np.datetime64("2000-12-02"))
    start, end = registry_windows(REGISTRY, ["OLD", "NEW"])
    assert end[0] == np.datetime64("2001-06-01") and start[1] == np.datetime64("2001-06-01")
    assert start[0] < np.datetime64("1900-01-01") and end[1] > np.datetime64("2100-01-01")
    with pytest.raises(ValueError, match="XXX"):
        registry_windows(REGISTRY, ["AAA", "XXX"])


def test_ideal_points_are_computed_when_not_given():
    out = agreement_scores(VOTES, ROLLCALLS, REGISTRY, by="year")
    y2000 = out[out["year"] == 2000]
    assert y2000["ideal_a"].notna().all() and y2000["ideal_distance"].ge(0).all()
    with pytest.raises(ValueError, match="ideal_point"):
        agreement_scores(VOTES, ROLLCALLS, REGISTRY, ideal=pd.DataFrame({"iso3": [], "year": []}))


def test_approximate_dates_within_the_registry_tolerance_count():
    """A vote dated a week before the state's start (Voeten's approximate early dates; the registry
    maps it to the state all the same) is kept, by session as by year."""
    registry = pd.DataFrame({"iso3": ["AAA", "ZAN"], "start": [pd.NA, "1963-12-10"], "end": [pd.NA, "1964-04-26"]})
    rc = _rollcalls([("z1", "1963-06-04", 18, False, False), ("z2", "1963-12-03", 18, False, False)])
    votes = _votes({"z1": {"AAA": "yes"}, "z2": {"AAA": "yes", "ZAN": "abstain"}})
    for by in ("year", "session"):
        out = agreement_scores(votes, rc, registry, by=by, ideal=_ideal([], by))
        assert out[["iso3_a", "iso3_b", "n_shared"]].values.tolist() == [["AAA", "ZAN", 1]], by


def test_pair_series_follows_the_lineage_and_pools_by_shared_votes():
    scores = pd.DataFrame({
        "iso3_a": ["AAA", "AAA", "AAA", "AAA", "BBB"], "iso3_b": ["OLD", "OLD", "NEW", "ZZZ", "NEW"],
        "year": [2000, 2001, 2001, 2001, 2002], "agree": [1.0, 0.5, 0.0, 0.3, 0.25],
        "agree_lijphart": [1.0, 0.75, 0.5, 0.6, 0.5], "n_shared": [4, 2, 6, 3, 4]})
    out = pair_series(scores, [("NEW", "AAA"), ("NEW", "BBB")], lineage={"OLD": "NEW"})
    # 2001: OLD (2 shared, 1 same) and NEW (6 shared, 0 same) pooled = 1 of 8
    assert out.values.tolist() == [["NEW-AAA", 2000, 1.0, 4], ["NEW-AAA", 2001, 0.125, 8], ["NEW-BBB", 2002, 0.25, 4]]
    plain = pair_series(scores, [("AAA", "NEW")], value="agree_lijphart")
    assert plain.values.tolist() == [["AAA-NEW", 2001, 0.5, 6]]
    with pytest.raises(ValueError):
        pair_series(scores, [("AAA", "NEW")], value="ideal_distance")
