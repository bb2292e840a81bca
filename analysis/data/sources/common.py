"""Helpers shared by the source readers: checked CSV reading and symbol normalisation."""
from __future__ import annotations

import re
import zlib
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, SetupError


def read_csv_checked(path: Path, required: list[str], label: str | None = None, **kwargs) -> pd.DataFrame:
    """Read a CSV (gzip where it ends in .gz) as strings; a missing file is a SetupError, a file that
    is empty, truncated, not UTF-8 or lacks a column a DataError naming it."""
    label = label or str(path)
    if not Path(path).is_file():
        raise SetupError(f"source file {label} not found at {path} (pass --sources DIR pointing at the curated sources)")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", **kwargs)
    except UnicodeDecodeError as exc:
        raise DataError(label, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except pd.errors.EmptyDataError as exc:
        raise DataError(label, "empty: no header and no rows") from exc
    except (EOFError, OSError, zlib.error) as exc:
        raise DataError(label, f"cannot be read (truncated or not gzip?): {exc}") from exc
    except pd.errors.ParserError as exc:
        raise DataError(label, f"cannot be parsed as CSV: {exc}") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(label, f"missing column(s) {missing}; found {list(frame.columns)}", row=1)
    return frame


_ROMAN = re.compile(r"^[IVXLC]+$")


def normalise_symbol(raw: str) -> str:
    """Resolution symbols in one form: 'R/73/187' -> 'A/RES/73/187', 'ESS/10/2' -> 'A/RES/ES-10/2',
    'SS/13/1' -> 'A/RES/S-13/1', 'R/35/12A' -> 'A/RES/35/12 A'. Empty stays empty."""
    s = (raw or "").strip()
    if not s:
        return ""
    if s.startswith("A/RES/"):
        return re.sub(r"\s+", " ", s)
    m = re.match(r"^(R|ESS|SS)/(\d+)/(\d+)([A-Z]*)(?:/([IVXLC]+))?$", s)
    if not m:
        return s
    kind, session, number, part, _roman = m.groups()
    prefix = {"R": "", "ESS": "ES-", "SS": "S-"}[kind]
    return f"A/RES/{prefix}{session}/{number}" + (f" {part}" if part else "")


def session_from_date(date: str) -> int:
    """The regular GA session in course on an ISO date (sessions open in September)."""
    year, month = int(date[:4]), int(date[5:7])
    return year - 1945 if month >= 9 else year - 1946
