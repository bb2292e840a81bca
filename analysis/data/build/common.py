"""Helpers shared by the build steps: mapping names to registry codes with the source's own row
numbers in errors, dates checked as ISO, duplicates refused, yes/no cells read."""
from __future__ import annotations

import re

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.data import countries


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", countries.normalise_name(text))).strip("-")


def map_names_at_rows(frame: pd.DataFrame, name_col: str, date_col: str | None, registry: pd.DataFrame, file: str,
         rows: pd.Series | None = None) -> pd.Series:
    """Registry codes for ``frame[name_col]``; errors carry the file's own row numbers (``rows``)."""
    try:
        return countries.map_names(frame.reset_index(drop=True), name_col, date_col, registry, file).set_axis(
            frame.index)
    except DataErrors as exc:
        if rows is None:
            raise
        fixed = [DataError(e.file, e.message, row=int(rows.iloc[e.row - 2]), column=e.column) for e in exc.errors]
        raise DataErrors(fixed) from None


def latest_date(frame: pd.DataFrame, cols: list[str]) -> pd.Series:
    """The latest (partial) ISO date among ``cols`` of each row: the date used to map its name.

    A participation row describes the actor as it stands at its latest date: Montenegro's row
    carries a 2005 signature made before its independence, but the row is Montenegro's.
    """
    out = pd.Series("", index=frame.index, dtype=object)
    for col in cols:
        vals = frame[col].fillna("").astype(str).str.extract(r"^(\d{4}(?:-\d{2}){0,2})")[0].fillna("")
        out = vals.where(vals > out, out)
    return out


def as_bool(value: str) -> bool:
    return str(value).strip().lower() in ("yes", "true", "1")


def check_iso(frame: pd.DataFrame, cols: list[str], file: str, rows: pd.Series, partial: bool = False) -> None:
    pattern = r"\d{4}(-\d{2}(-\d{2})?)?" if partial else r"\d{4}-\d{2}-\d{2}"
    errors = []
    for col in cols:
        for i, v in frame[col].items():
            if isinstance(v, str) and v and not re.fullmatch(pattern, v):
                errors.append(DataError(file, f"not an ISO date: {v!r}", row=int(rows[i]), column=col))
    if errors:
        raise DataErrors(errors)


# Instruments


def no_duplicates(frame: pd.DataFrame, key: list[str], file: str, column: str) -> None:
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        raise DataErrors([DataError(file, f"{'/'.join(str(r[k]) for k in key)} listed twice (merge explicitly)",
                                    row=int(r["_row"]), column=column) for r in frame[dup].to_dict("records")])
