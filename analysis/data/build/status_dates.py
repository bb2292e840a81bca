"""Status dates: ``status_as_of`` (participation, memberships) must be an ISO date, but several sources give prose
("UNTC snapshot, undated (page shows Signatories 72)"). The rule, in this order, with the prose
and the rule used always kept in ``status_note``:

1. a documented status date for a named snapshot (``curation/status_snapshots.csv``, each with its reason);
2. the latest full ISO date printed in the prose ("AU status list dated 2026-02-02, ...");
3. a leading partial date ("2025-10 (statement)", "2021-03 (UNIDIR 'Last Updated')"): the last
   day of that month or year, the latest day the source can describe, capped at the read date;
4. CoE rows whose cell is empty: the documented date of the snapshot the row cites
   (``curation/coe_source_dates.csv``, e.g. 2024-06-20 for the Dutch list C1, which shows the accessions
   of 20 June 2024), else the latest dated event in the row (any row without a status date);
5. otherwise :data:`SOURCES_READ_ON`, the date the sources were read.
"""
from __future__ import annotations

import re
from pathlib import Path

from analysis.core.dates import last_day_iso
from analysis.data.sources import curation as curated

#: The shared source folders carry no read date of their own. 2026-11-28 is the read date of
#: the project's curation pass over the same material (``read_on`` in curation/*.csv) and the
#: date the source folders were delivered; it is the fallback ``status_as_of``.
SOURCES_READ_ON = "2026-11-28"

_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LEADING_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?!\d))?(?!\d)")


def snapshot_dates(curation: Path) -> dict[str, tuple[str, str]]:
    """Status text of a named snapshot -> (status date, reason), from ``curation/status_snapshots.csv``."""
    table = curated.read(curation, "status_snapshots.csv")
    return {r.status_text: (r.status_as_of, r.reason) for r in table.itertuples(index=False)}


def leading_date(text: str) -> tuple[str, str]:
    """('2024-12-24', 'GA resolution 79/243 ...') from '2024-12-24 (GA resolution 79/243 ...)'.

    Only a full ISO date at the very start counts; otherwise the date is empty and all the text
    is returned as the note.
    """
    text = (text or "").strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})\b\s*(.*)$", text, flags=re.S)
    if not m:
        return "", text
    rest = m.group(2).strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    return m.group(1), rest


def status_date(prose: str, row_dates: list[str] = (), fallback_rule: str | None = None,
                fallback_date: str | None = None, read_on: str = SOURCES_READ_ON,
                snapshots: dict[str, tuple[str, str]] | None = None) -> tuple[str, str]:
    """An ISO ``status_as_of`` and a ``status_note`` from a source's status cell (rules in the module
    doc); ``snapshots`` from :func:`snapshot_dates`."""
    prose = (prose or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", prose):
        return prose, ""
    if prose in (snapshots or {}):
        date, why = snapshots[prose]
        return date, f"source: '{prose}'; status_as_of = {date} because {why}"
    full = sorted(d for d in _ISO.findall(prose) if d <= read_on)
    if full:
        return full[-1], f"source: '{prose}'; status_as_of = the latest ISO date printed there"
    m = _LEADING_PARTIAL.match(prose)
    if m:
        end = min(last_day_iso(m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")), read_on)
        return end, (f"source: '{prose}'; only a partial date is given, status_as_of = the last day of "
                     f"that period (capped at the read date {read_on})")
    if fallback_date:
        return fallback_date, (f"source: '{prose}'; " if prose else "source gives no status date; ") + fallback_rule
    dated = sorted(d for d in row_dates if d)
    if dated:
        return dated[-1], ((f"source: '{prose}'; " if prose else "source gives no status date; ")
                           + "status_as_of = the latest dated event in the row")
    return read_on, ((f"source: '{prose}'; " if prose else "source gives no status date; ")
                     + f"status truly unknown: status_as_of = {read_on}, the date the sources were read")
