"""Citations in the profile prose are grouped: consecutive numbers become a range."""
from __future__ import annotations

from analysis.profiles.prose import _cite_range


def test_consecutive_citations_become_ranges():
    assert _cite_range(["[3]", "[4]", "[5]", "[9]"]) == "[3–5, 9]"
    assert _cite_range(["[9]", "[3]", "[3]"]) == "[3, 9]"
    assert _cite_range(["[7]"]) == "[7]"
    assert _cite_range(["[2]", "[no source]"]) == "[2] [no source]"
