"""Rules that a participation or membership table must satisfy; each broken rule is one DataError.

Errors name the table file ('participation.csv' or 'memberships.csv'), the row as it would be
in that file (DataFrame position + 2, the header being row 1) and the column.

Participation rules:

- ``ratified`` is not before ``signed``;
- ETS 185 (Articles 36(3)-(4) and 37(2)): for a State that deposits its instrument after the
  Convention entered into force, the Convention enters into force for it "on the first day of
  the month following the expiration of a period of three months after the date of deposit";
  a State that deposited before the Convention itself entered into force (1 July 2004) is bound
  from that date, so its ``in_force`` must be the Convention's own entry into force;
- no duplicate (``instrument``, ``iso3``);
- every row has a ``source`` and an ISO ``status_as_of``;
- dates are ISO ``YYYY-MM-DD``.

Membership rule: ``left`` is not before ``joined`` (partial dates compared on what both give).
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.core.errors import DataError

#: ETS 185's own entry into force (coe_cybercrime_treaties/CHECKS.md §3), used when the
#: instruments table does not give it.
ETS185_ENTRY_INTO_FORCE = "2004-07-01"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def ets185_entry_into_force(deposit: str, convention_in_force: str = ETS185_ENTRY_INTO_FORCE) -> str:
    """The date ETS 185 enters into force for a State that deposits on ``deposit`` (ISO)."""
    if deposit < convention_in_force:
        return convention_in_force
    expiry = pd.Timestamp(deposit) + pd.DateOffset(months=3)
    return (expiry + pd.offsets.MonthBegin(1)).date().isoformat()


def _text(value) -> str:
    return value if isinstance(value, str) else ("" if value is None or pd.isna(value) else str(value))


def check_participation(participation: pd.DataFrame, instruments: pd.DataFrame,
                        file: str = "participation.csv") -> list[DataError]:
    """Every broken participation rule (module docstring), as a list of errors (empty = all good)."""
    errors: list[DataError] = []
    eif = ETS185_ENTRY_INTO_FORCE
    if instruments is not None and "instrument" in instruments:
        hit = instruments.loc[instruments["instrument"] == "ETS185", "entry_into_force"]
        if len(hit) and _text(hit.iloc[0]):
            eif = _text(hit.iloc[0])
    seen: dict[tuple, int] = {}
    for pos, row in enumerate(participation.to_dict("records")):
        line = pos + 2
        instrument, iso3 = _text(row.get("instrument")), _text(row.get("iso3"))
        for col in ("signed", "ratified", "in_force", "status_as_of"):
            value = _text(row.get(col))
            if value and not _DATE.match(value):
                errors.append(DataError(file, f"{instrument}/{iso3}: {col} {value!r} is not an ISO date",
                                        row=line, column=col))
        signed, ratified, in_force = (_text(row.get(c)) for c in ("signed", "ratified", "in_force"))
        if signed and ratified and _DATE.match(signed) and _DATE.match(ratified) and ratified < signed:
            errors.append(DataError(file, f"{instrument}/{iso3}: ratified {ratified} is before signed {signed}",
                                    row=line, column="ratified"))
        if instrument == "ETS185" and ratified and in_force and _DATE.match(ratified) and _DATE.match(in_force):
            expected = ets185_entry_into_force(ratified, eif)
            if in_force != expected:
                why = (f"deposit before the Convention's entry into force ({eif})" if ratified < eif
                       else "first day of the month after three months from deposit, Art. 36-37")
                errors.append(DataError(file, f"ETS185/{iso3}: in_force {in_force} but deposit {ratified} gives "
                                              f"{expected} ({why})", row=line, column="in_force"))
        key = (instrument, iso3)
        if key in seen:
            errors.append(DataError(file, f"duplicate (instrument, iso3) {instrument}/{iso3}, first at row "
                                          f"{seen[key]}", row=line, column="iso3"))
        else:
            seen[key] = line
        if not _text(row.get("source")).strip():
            errors.append(DataError(file, f"{instrument}/{iso3}: no source", row=line, column="source"))
        if not _text(row.get("status_as_of")).strip():
            errors.append(DataError(file, f"{instrument}/{iso3}: no status_as_of", row=line, column="status_as_of"))
    return errors


def check_memberships(memberships: pd.DataFrame, file: str = "memberships.csv") -> list[DataError]:
    """``left`` not before ``joined`` (dates may be partial: compared on their common precision)."""
    errors = []
    for pos, row in enumerate(memberships.to_dict("records")):
        joined, left = _text(row.get("joined")), _text(row.get("left"))
        if joined and left:
            n = min(len(joined), len(left))
            if left[:n] < joined[:n]:
                errors.append(DataError(file, f"{row.get('org')}/{row.get('iso3')}: left {left} is before joined "
                                              f"{joined}", row=pos + 2, column="left"))
    return errors
