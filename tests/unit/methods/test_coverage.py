"""Coverage of the record: which years and sessions it covers only in part."""
from __future__ import annotations

import pandas as pd

from analysis.methods import coverage


def _dated(dates, sessions):
    return pd.DataFrame({"date": dates, "session": sessions, "special_session": [None] * len(dates)})


def test_the_year_and_session_of_the_last_roll_call_are_partial():
    rc = _dated(["2025-12-20", "2026-06-04", None], [80, 80, 80])
    assert coverage.record_end(rc) == pd.Timestamp("2026-06-04")
    assert coverage.partial_years(rc) == [2026]
    assert coverage.partial_sessions(_dated(["2025-12-20", "2024-12-01"], [80, 79])) == [80]


def test_a_record_that_reaches_31_december_has_no_partial_year():
    assert coverage.partial_years(_dated(["2019-12-31", "2019-06-01"], [74, 73])) == []


def test_the_project_record_ends_in_the_middle_of_2026(data):
    assert coverage.partial_years(data.rollcalls) == [2026]
    assert coverage.partial_sessions(data.rollcalls) == [80]
