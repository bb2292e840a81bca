"""Conflicts between sources, as data: ``curation/source_conflicts.csv`` -> ``data/source_conflicts.csv``.

A build step that lays a later source over an earlier one (a CoE chart over a news report) meets a
*collision* when both give a value for the same cell and the values differ. The build never
resolves one silently: every collision must be a row of ``curation/source_conflicts.csv`` saying
which value is taken, from which source, and why (the rule: official over secondary, the
depositary's chart over copies, Art. 9(2) of ETS 189, ...). An unrecorded collision stops the build
with the file, row and column of the value that would replace another. Conflicts that no two files
carry (a value printed only in a source's notes, such as Chile's 21 April 2017) are recorded too,
with ``arises_in_build`` false.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core.errors import DataError, DataErrors
from analysis.data import schema
from analysis.data.sources import curation as curated

FILE = "curation/source_conflicts.csv"


@dataclass(frozen=True)
class Collision:
    """Two sources give different values for one cell; ``new`` (from ``file`` row ``row``) wins by order."""

    table: str
    key: str
    field: str
    old: str
    old_source: str
    new: str
    new_source: str
    file: str
    row: int


def conflicts_table(curation: Path, collisions: list[Collision]) -> pd.DataFrame:
    """The recorded conflicts, checked against the build's collisions (see the module doc)."""
    table = curated.read(curation, "source_conflicts.csv")
    table["line"] = table.index + 2
    recorded = {(r.table, r.key, r.field, r.value_taken, r.value_set_aside): r.line for r in table.itertuples()}
    met, errors = set(), []
    for c in collisions:
        hit = recorded.get((c.table, c.key, c.field, c.new, c.old))
        if hit is None:
            errors.append(DataError(c.file, f"{c.key} {c.field}: {c.new} would replace {c.old} ({c.old_source}); "
                                            f"record the decision in {FILE}", row=c.row, column=c.field))
        else:
            met.add(hit)
    if errors:
        raise DataErrors(errors)
    table["arises_in_build"] = table["line"].isin(met)
    wrong = table[(table["kind"] == "overlay") != table["arises_in_build"]]
    if len(wrong):
        raise DataErrors([DataError(FILE, f"{r.key} {r.field}: kind is {r.kind!r} but the build "
                                          f"{'does not meet' if r.kind == 'overlay' else 'meets'} this conflict",
                                    row=int(r.line), column="kind") for r in wrong.itertuples()])
    return table[schema.columns("source_conflicts")].sort_values(["table", "key", "field"], kind="stable").reset_index(
        drop=True)
