"""Rules that a participation or membership table must satisfy; each broken rule is one DataError.

Errors name the table file ('participation.csv' or 'memberships.csv'), the row as it would be
in that file (DataFrame position + 2, the header being row 1) and the column.

Participation rules:

- ``ratified`` is not before ``signed``;
- entry into force, ETS 185 (Art. 36(3)-(4), 37(2)) and ETS 189 (Art. 10-11): the five States whose
  consents brought the treaty into force (deposits up to ``instruments.fifth_deposit``) are bound from
  its general entry into force; for every later deposit, ``in_force`` is "the first day of the month
  following the expiration of a period of three months after the date of deposit";
- ``in_force_computed`` rows (a date computed by that rule, not printed by a source) must agree with it;
- ETS 189 Art. 9(2): a State's ETS 189 deposit is not earlier than its ETS 185 deposit;
- no duplicate (``instrument``, ``iso3``);
- every row has a ``source`` and an ISO ``status_as_of``;
- dates are ISO ``YYYY-MM-DD``.

Membership rule: ``left`` is not before ``joined`` (partial dates compared on what both give).
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.core.errors import DataError

#: ETS 185's own entry into force and the fifth deposit that brought it about (curation/coe_instruments.csv),
#: used when the instruments table does not give them.
ETS185_ENTRY_INTO_FORCE = "2004-07-01"
ETS185_FIFTH_DEPOSIT = "2004-03-18"
#: Instruments whose entry into force for each State follows the three-month rule above.
THREE_MONTH_RULE = ("ETS185", "ETS189")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def entry_into_force_for(deposit: str, general: str = ETS185_ENTRY_INTO_FORCE,
                         fifth_deposit: str = ETS185_FIFTH_DEPOSIT) -> str:
    """The date a treaty with the three-month rule enters into force for a State depositing on ``deposit``.

    A deposit up to the ``fifth_deposit`` (one of the five that brought the treaty into force) takes
    effect at the ``general`` entry into force; a later one on the first day of the month after three
    months (ISO dates in and out).
    """
    if fifth_deposit and deposit <= fifth_deposit:
        return general
    expiry = pd.Timestamp(deposit) + pd.DateOffset(months=3)
    return (expiry + pd.offsets.MonthBegin(1)).date().isoformat()


def ets185_entry_into_force(deposit: str, convention_in_force: str = ETS185_ENTRY_INTO_FORCE) -> str:
    """:func:`entry_into_force_for` for ETS 185."""
    return entry_into_force_for(deposit, convention_in_force, ETS185_FIFTH_DEPOSIT)


def _text(value) -> str:
    return value if isinstance(value, str) else ("" if value is None or pd.isna(value) else str(value))


def _flag(value) -> bool:
    return value is True or _text(value).lower() == "true"


def _rules_of(instruments: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """instrument -> (general entry into force, fifth deposit) for the three-month-rule treaties."""
    out = {"ETS185": (ETS185_ENTRY_INTO_FORCE, ETS185_FIFTH_DEPOSIT)}
    if instruments is not None and "instrument" in instruments:
        for row in instruments.to_dict("records"):
            inst = _text(row.get("instrument"))
            fifth = _text(row.get("fifth_deposit")) or (ETS185_FIFTH_DEPOSIT if inst == "ETS185" else "")
            if inst in THREE_MONTH_RULE and _text(row.get("entry_into_force")) and fifth:
                out[inst] = (_text(row.get("entry_into_force")), fifth)
    return out


def check_participation(participation: pd.DataFrame, instruments: pd.DataFrame,
                        file: str = "participation.csv") -> list[DataError]:
    """Every broken participation rule (module docstring), as a list of errors (empty = all good)."""
    errors: list[DataError] = []
    rules = _rules_of(instruments)
    seen: dict[tuple, int] = {}
    deposits: dict[tuple, tuple[str, int]] = {}
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
        if ratified and _DATE.match(ratified):
            deposits[(instrument, iso3)] = (ratified, line)
        computed = _flag(row.get("in_force_computed"))
        if computed and not (ratified and in_force):
            errors.append(DataError(file, f"{instrument}/{iso3}: in_force_computed without both a deposit and an "
                                          "entry into force", row=line, column="in_force_computed"))
        if instrument in rules and ratified and in_force and _DATE.match(ratified) and _DATE.match(in_force):
            general, fifth = rules[instrument]
            expected = entry_into_force_for(ratified, general, fifth)
            if in_force != expected:
                why = (f"one of the five deposits that brought the treaty into force on {general}"
                       if fifth and ratified <= fifth else "first day of the month after three months from deposit")
                errors.append(DataError(file, f"{instrument}/{iso3}: in_force {in_force}"
                                              + (" (computed)" if computed else "")
                                              + f" but deposit {ratified} gives {expected} ({why})",
                                        row=line, column="in_force"))
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
    for (instrument, iso3), (protocol, line) in deposits.items():
        convention = deposits.get(("ETS185", iso3))
        if instrument == "ETS189" and convention and protocol < convention[0]:
            errors.append(DataError(file, f"ETS189/{iso3}: deposit {protocol} is before the ETS 185 deposit "
                                          f"{convention[0]} (row {convention[1]}); ETS 189 Art. 9(2) forbids it",
                                    row=line, column="ratified"))
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


def check_conflicts(conflicts: pd.DataFrame, tables: dict[str, pd.DataFrame],
                    file: str = "source_conflicts.csv") -> list[DataError]:
    """Each recorded conflict's ``value_taken`` is the value the table holds (participation and
    memberships; keys ``instrument/iso3`` and ``org/iso3``)."""
    keys = {"participation": ("instrument", "iso3"), "memberships": ("org", "iso3")}
    errors = []
    for pos, row in enumerate(conflicts.to_dict("records")):
        table, key, field = _text(row.get("table")), _text(row.get("key")), _text(row.get("field"))
        if table not in keys or table not in tables:
            continue
        frame, (a, b) = tables[table], keys[table]
        first, _, second = key.partition("/")
        hit = frame[(frame[a] == first) & (frame[b] == second)] if {a, b, field} <= set(frame.columns) else frame.iloc[0:0]
        held = _text(hit.iloc[0][field]) if len(hit) == 1 else None
        if held != _text(row.get("value_taken")):
            errors.append(DataError(file, f"{table} {key} {field}: the table holds {held!r}, not the value taken "
                                          f"{_text(row.get('value_taken'))!r}", row=pos + 2, column="value_taken"))
    return errors
