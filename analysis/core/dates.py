"""Dates as the tables hold them: ISO text, full (``YYYY-MM-DD``) or partial (``YYYY``, ``YYYY-MM``).

One parser for the whole package. A partial date stands for a period; compared with a cut-off
date it counts from its *last* day, so that something dated "2019" is counted only once it had
certainly happened.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.core.vocabulary import is_missing

#: A full ISO date, and a full or partial one (the patterns of the data package).
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def date_bounds(value) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(first day, last day) of a full or partial date; None when missing; ValueError if malformed
    or not a real date. Accepts ISO text (a time after the date is ignored), a year as a number,
    and datetime-like values."""
    if is_missing(value):
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)) or hasattr(value, "toordinal"):
        day = pd.Timestamp(value).normalize()
        return day, day
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        value = f"{int(value):04d}"
    text = str(value).strip()
    match = _DATE.match(text[:10] if len(text) > 10 and text[10] in " T" else text)
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = match.groups()
    if day:
        ts = pd.Timestamp(int(year), int(month), int(day))
        return ts, ts
    if month:
        start = pd.Timestamp(int(year), int(month), 1)
        return start, start + pd.offsets.MonthEnd(0)
    return pd.Timestamp(int(year), 1, 1), pd.Timestamp(int(year), 12, 31)


def last_day(value) -> pd.Timestamp | None:
    """The last day a (partial) date covers: ``"2019"`` -> 2019-12-31 (None stays None)."""
    bounds = date_bounds(value)
    return None if bounds is None else bounds[1]


def last_day_iso(value) -> str:
    """:func:`last_day` as ISO text: ``"2021-03"`` -> ``"2021-03-31"``."""
    return last_day(value).date().isoformat()


def to_datetime(values: pd.Series) -> pd.Series:
    """Full ISO dates (strings or datetimes) as datetime64; empty or unparsable -> NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    return pd.to_datetime(values, format="ISO8601", errors="coerce")
