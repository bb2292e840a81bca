"""Ideal points of real years from the shipped votes: converged, and independent of the row order."""
import pandas as pd

from analysis.methods.ideal_points import ideal_points


def test_ideal_points_of_a_real_year_are_order_free_and_converged(data):
    """2019 from the shipped votes: shuffled rows give the same estimates to 1e-6, every fit converged."""
    rc = data.rollcalls[data.rollcalls["year"].between(2018, 2019)]
    votes = data.votes[data.votes["rollcall_id"].isin(rc["rollcall_id"])]
    a = ideal_points(votes, rc)
    b = ideal_points(votes.sample(frac=1, random_state=11), rc.sample(frac=1, random_state=12))
    both = a.merge(b, on=["iso3", "year"], validate="one_to_one")
    assert len(both) == len(a) == len(b) and set(a["year"]) == {2018, 2019} and len(a) > 380
    assert (both["ideal_point_x"] - both["ideal_point_y"]).abs().max() <= 1e-6
    assert pd.DataFrame(a.attrs["convergence"])["converged"].all()
