"""Tiny value helpers shared by the analysis modules."""
from __future__ import annotations

import pandas as pd


def is_missing(value) -> bool:
    """True for None, NaN, NA, NaT and blank strings (scalars only)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
