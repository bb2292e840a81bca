"""Load the tidy tables, validated, with the types the data package declares.

Every loader validates the tables it reads (and the registry they refer to) with
:mod:`analysis.data.validate` and raises :class:`~analysis.core.errors.DataErrors` on any problem, so a
notebook never analyses broken data. Integers become nullable ``Int64``, booleans ``boolean``;
dates stay ISO strings (``YYYY-MM-DD``; partial ``YYYY``/``YYYY-MM`` where a field allows it),
which sort and compare correctly as text.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from analysis.core.errors import DataErrors
from analysis.core.paths import DATA_DIR
from analysis.core.vocabulary import VOTE_VALUES
from analysis.data import validate as _validate


def _typed(frame: pd.DataFrame, res: dict) -> pd.DataFrame:
    out = frame.copy()
    for fd in res["schema"]["fields"]:
        col = fd["name"]
        if col not in out:
            continue
        if fd["type"] == "integer":
            out[col] = pd.to_numeric(out[col].replace("", None)).astype("Int64")
        elif fd["type"] == "number":
            out[col] = pd.to_numeric(out[col].replace("", None)).astype("Float64")
        elif fd["type"] == "boolean":
            out[col] = out[col].map({"true": True, "false": False, "": pd.NA}).astype("boolean")
        elif not fd.get("constraints", {}).get("required"):
            out[col] = out[col].replace("", pd.NA)  # optional text and dates: empty = unknown
    return out


def load_tables(names: list[str], data_dir: Path | str = DATA_DIR, check: bool = True) -> dict[str, pd.DataFrame]:
    """Validated, typed tables by resource name (e.g. ``["rollcalls", "votes"]``)."""
    data_dir = Path(data_dir)
    if check:
        errors = _validate.validate(data_dir, tables=list(names))
        if errors:
            raise DataErrors(errors)
    descriptor = _validate.read_descriptor(data_dir)
    out = {}
    for name in names:
        res = _validate.resource(descriptor, name)
        out[name] = _typed(_validate.read_raw(data_dir, res), res)
    return out


def load_table(name: str, data_dir: Path | str = DATA_DIR, check: bool = True) -> pd.DataFrame:
    return load_tables([name], data_dir, check)[name]


def load_countries(data_dir=DATA_DIR) -> pd.DataFrame:
    """The actor registry (``countries.csv``)."""
    return load_table("countries", data_dir)


def load_rollcalls(data_dir=DATA_DIR) -> pd.DataFrame:
    """One row per roll call or text adopted without a vote (``rollcalls.csv``)."""
    return load_tables(["rollcalls", "votes", "rollcall_notes"], data_dir)["rollcalls"]


def load_votes(data_dir=DATA_DIR) -> pd.DataFrame:
    """One row per country per recorded roll call (``votes.csv.gz``); vote is categorical."""
    votes = load_tables(["rollcalls", "votes", "rollcall_notes"], data_dir)["votes"]
    votes["vote"] = pd.Categorical(votes["vote"], categories=list(VOTE_VALUES))
    return votes


def load_all(data_dir: Path | str = DATA_DIR) -> SimpleNamespace:
    """Every tabular resource of the package, validated once: ``data.votes``, ``data.rollcalls``, ..."""
    data_dir = Path(data_dir)
    descriptor = _validate.read_descriptor(data_dir)
    names = [r["name"] for r in descriptor["resources"] if r.get("profile") == "tabular-data-resource"]
    tables = load_tables(names, data_dir)
    if "votes" in tables:
        tables["votes"]["vote"] = pd.Categorical(tables["votes"]["vote"], categories=list(VOTE_VALUES))
    return SimpleNamespace(**tables)
