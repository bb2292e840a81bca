"""Derived tables for download: their schema (Frictionless) and deterministic CSV / Parquet writers.

The agreement-scores table (one row per pair of states per year or session, like Voeten's
AgreementScores) is computed by :mod:`analysis.methods.agreement_scores`; this module says what
its columns mean and writes it. Each file gets a sidecar descriptor ``<stem>.resource.json``: a
Frictionless tabular data resource with the table schema inline (every column with type, unit and
meaning), the sources and how to cite them, and the file's size and sha256.

Files are byte-deterministic: rows as given (the method sorts them), floats rounded to
:data:`DECIMALS` decimal places and written in their shortest form, ``\\n`` line ends, gzip with a
zero timestamp, Parquet without timestamps. Two exports of the same data are identical.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.data.schema import SOURCES, f

if TYPE_CHECKING:      # numpy, pandas and pyarrow are imported where used: the CLI reads the constants
    import pandas as pd

#: Decimal places of every float written. Agreement shares are exact fractions k / n_shared with
#: n_shared at most a few hundred, so round(agree * n_shared) still gives k; ideal points are in
#: standard deviations, with a statistical uncertainty of about 0.1 and differences between
#: machines (BLAS kernels) of about 1e-12: 1e-6 keeps far more than the estimates support and
#: far less than the noise, so the bytes are the same on every machine.
DECIMALS = 6
FORMATS = ("csv", "parquet")
PERIODS = ("year", "session")
SUBSETS = ("all", "ict", "cybercrime")
_PERIOD_FIELDS = {
    "year": f("year", "integer", "Calendar year of the roll calls (rollcalls.year).", True, minimum=1946, maximum=2100),
    "session": f("session", "integer", "UN General Assembly session in course (rollcalls.session; emergency and special "
                 "sessions count in the regular session in course).", True, minimum=1, maximum=200),
}
_ISO3 = r"^[A-Z]{3}$"
_WINDOWS = ("A pair appears in a period only if both states cast at least one shared yes / no / abstain there and the "
            "period, the registry window (countries.csv start-end) of the one state and that of the other overlap: "
            "no pair of a state with its predecessor or successor (SUN-RUS, YUG-SCG, SCG-SRB, YAR-YEM, CSK-CZE), "
            "no state in a period in which it did not exist.")
_LINEAGE = ("Codes are the registry's date-valid codes as the votes record them (as in Voeten's table): the USSR is SUN "
            "to 1991 and never RUS; Yugoslavia is YUG to 1992-04-27, Serbia and Montenegro SCG to 2006-06-03, Serbia SRB "
            "after. For a continuous series map each code through countries.csv's `lineage` column (SUN->RUS, "
            "YUG/SCG->SRB); within one period no two codes of one lineage ever both appear in a pair.")
AGREEMENT_SOURCES = ["unvotes", "unxml", "unga_ict_votes_2020_2025", "project_curation"]
CITATION = ("Votes 1946-2019: Erik Voeten, 'Data and Analyses of Voting in the UN General Assembly', Routledge Handbook "
            "of International Organization (2013), Harvard Dataverse hdl:1902.1/12379, via the R package unvotes 0.3.0 "
            "(Robinson & Goguen-Compagnoni, 2021). Votes of sessions 74-80: United Nations, DGACM, Machine-readable "
            "General Assembly resolutions (github.com/UNxml/GAresolutions, commit 42a69b6); the United Nations must be "
            "credited. Agreement scores and ideal points: computed by this project (cybercrime-diplomacy, "
            "`cybercrime export agreement`), CC BY 4.0.")


def agreement_fields(by: str = "year") -> list[dict]:
    """Frictionless field descriptors of the agreement-scores table, in column order."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    rounded = f"Rounded to {DECIMALS} decimal places."
    ideal = ("Ideal point of iso3_{x} in this {by} (analysis.methods.ideal_points.ideal_points, by {by}, on every recorded "
             "roll call of the {by}, whatever the subset): one-dimensional ordered-logit item-response estimate, in "
             "standard deviations of the {by}'s distribution across states (mean 0, sd 1), higher = closer to the "
             "United States. Comparable within a {by}, not across them (no common drift). Empty where there is no "
             "estimate (a {by} with fewer than 3 states or no contested roll call). " + rounded)
    return [
        f("iso3_a", "string", "First state of the pair (countries.csv iso3; iso3_a < iso3_b), the date-valid code of the "
          "vote record.", True, pattern=_ISO3),
        f("iso3_b", "string", "Second state of the pair (countries.csv iso3).", True, pattern=_ISO3),
        _PERIOD_FIELDS[by],
        f("agree", "number", "Share of the n_shared roll calls on which the two states cast the same vote (yes, no or "
          "abstain); absences never count, as agreement or as disagreement. Unit: share, 0 to 1. " + rounded
          + " round(agree * n_shared) is the number of identical votes.", True, minimum=0, maximum=1),
        f("agree_lijphart", "number", "Lijphart's index over the same roll calls: same vote = 1, yes or no against an "
          "abstention = 0.5, yes against no = 0, divided by n_shared (the S-score of Bailey, Strezhnev & Voeten). "
          "Unit: share, 0 to 1. " + rounded, True, minimum=0, maximum=1),
        f("n_shared", "integer", f"Number of roll calls of the {by} (and subset) in which both states cast yes, no or "
          "abstain. At least 1: pairs that share no roll call are left out.", True, minimum=1),
        f("ideal_a", "number", ideal.format(x="a", by=by)),
        f("ideal_b", "number", ideal.format(x="b", by=by)),
        f("ideal_distance", "number", "|ideal_a - ideal_b| (computed before rounding), in the same standard deviations; "
          "empty where either is. " + rounded, minimum=0),
        f("subset", "string", "The roll calls compared: all (every recorded roll call with country votes), ict "
          "(rollcalls.ict: the ICT / cyber texts) or cybercrime (rollcalls.cybercrime: the crime track). The ideal "
          "points are those of all roll calls in every subset.", True, enum=SUBSETS),
    ]


def agreement_columns(by: str = "year") -> list[str]:
    """Column names of the agreement-scores table, in order."""
    return [fd["name"] for fd in agreement_fields(by)]


def agreement_resource(by: str, subset: str, data_path: Path | str, fmt: str) -> dict:
    """The Frictionless tabular data resource of one agreement-scores file (without bytes and hash)."""
    if subset not in SUBSETS:
        raise ValueError(f"subset must be one of {SUBSETS}, not {subset!r}")
    name = Path(data_path).name
    return {
        "name": f"agreement_scores_{by}_{subset}",
        "title": f"UN General Assembly vote agreement between every pair of states, by {by} ({subset} roll calls)",
        "path": name, "profile": "tabular-data-resource", "format": fmt,
        **({"encoding": "utf-8", "dialect": {"delimiter": ",", "header": True}} if fmt == "csv" else {}),
        **({"compression": "gz"} if name.endswith(".gz") else {}),
        "description": f"One row per unordered pair of states (iso3_a < iso3_b) per {by} in which both cast a vote "
                       f"in at least one shared roll call ({subset} roll calls), 1946-2026: the share of identical "
                       "votes, Lijphart's index, the number of shared roll calls, and both states' ideal points. "
                       "Like Erik Voeten's dyadic AgreementScores, computed from this project's votes table.",
        "notes": [_WINDOWS, _LINEAGE,
                  "1946-2019 (to session 74) holds no absences (removed upstream in unvotes); later DGACM roll calls list "
                  "absent members, who are left out of the roll calls they missed. Roll calls adopted without a vote "
                  "have no country votes and count nowhere.",
                  f"Floats are rounded to {DECIMALS} decimal places and written in their shortest form; empty = no value."],
        "citation": CITATION,
        "sources": [SOURCES[s] | {"id": s} for s in AGREEMENT_SOURCES],
        "licenses": [{"name": "CC-BY-4.0", "title": "Derived table: CC BY 4.0; cite the vote sources (citation)"}],
        "schema": {"fields": agreement_fields(by), "primaryKey": ["iso3_a", "iso3_b", by, "subset"],
                   "missingValues": [""]},
    }


def sidecar_path(data_path: Path | str) -> Path:
    """``x.csv.gz``, ``x.csv`` or ``x.parquet`` -> ``x.resource.json`` beside it."""
    path = Path(data_path)
    stem = path.name
    for suffix in (".gz", ".csv", ".parquet"):
        stem = stem.removesuffix(suffix)
    return path.with_name(stem + ".resource.json")


def _arrow_table(frame: pd.DataFrame, fields: list[dict]):
    """The frame as an Arrow table in field order: numbers rounded, NaN as null, integers int64."""
    import numpy as np
    import pyarrow as pa

    arrays, names = [], []
    for fd in fields:
        col = frame[fd["name"]]
        if fd["type"] == "number":
            values = np.round(col.to_numpy(dtype=np.float64, na_value=np.nan), DECIMALS) + 0.0  # + 0.0: no "-0"
            array = pa.array(values, type=pa.float64(), from_pandas=True)
        elif fd["type"] == "integer":
            array = pa.array(col.to_numpy(dtype=np.int64), type=pa.int64())
        else:
            array = pa.array(col.astype(object).to_numpy(), type=pa.string())
        arrays.append(array)
        names.append(fd["name"])
    return pa.Table.from_arrays(arrays, names=names)


def write_table(frame: pd.DataFrame, path: Path | str, fields: list[dict], fmt: str = "csv") -> Path:
    """Write ``frame``'s ``fields`` columns to ``path`` as CSV (gzip if it ends in .gz) or Parquet.

    CSV: header, no quotes (the writer refuses a value that would need them), shortest float
    form, empty for missing. Parquet: zstd, dictionary-encoded text. Needs pyarrow.
    """
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    path = Path(path)
    table = _arrow_table(frame, fields)
    if fmt == "parquet":
        pq.write_table(table, path, compression="zstd", use_dictionary=True)
        return path
    options = pacsv.WriteOptions(include_header=False, quoting_style="none", batch_size=1 << 16)
    with open(path, "wb") as raw:
        gz = path.name.endswith(".gz")
        out = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) if gz else raw
        try:
            out.write((",".join(table.column_names) + "\n").encode("utf-8"))  # the header, unquoted
            pacsv.write_csv(table, out, options)
        finally:
            if gz:
                out.close()
    return path


def write_resource(resource: dict, data_path: Path | str) -> Path:
    """Write ``resource`` (with the data file's bytes and sha256 added) as the sidecar of ``data_path``."""
    data_path = Path(data_path)
    digest = hashlib.sha256(data_path.read_bytes()).hexdigest()
    out = dict(resource, bytes=data_path.stat().st_size, hash=f"sha256:{digest}")
    target = sidecar_path(data_path)
    target.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def write_agreement_scores(frame: pd.DataFrame, path: Path | str, by: str, subset: str, fmt: str = "csv") -> list[Path]:
    """Write the agreement-scores ``frame`` to ``path`` and its descriptor beside it; return both paths."""
    fields = agreement_fields(by)
    data_path = write_table(frame, path, fields, fmt)
    return [data_path, write_resource(agreement_resource(by, subset, data_path, fmt), data_path)]
