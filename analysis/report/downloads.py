"""Tables for download: ``cybercrime export agreement`` and the report's ``downloads/`` folder.

Each export loads the validated votes, roll calls and registry, computes the ideal points once,
builds the table with :func:`analysis.methods.agreement_scores.agreement_scores` and writes it with
its Frictionless descriptor (:mod:`analysis.data.exports`). Progress and timings go to stderr.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace

from analysis.core.paths import DATA_DIR
from analysis.data.exports import write_agreement_scores

#: The report's downloads, all by year, gzip CSV: (subset, file name, label).
DOWNLOADS = (("all", "agreement_scores_year_all.csv.gz", "Agreement scores by year, all recorded roll calls, 1946-2026"),
             ("ict", "agreement_scores_year_ict.csv.gz", "Agreement scores by year, the ICT / cyber roll calls"))


def _progress(message: str) -> None:
    print(f"[export] {message}", file=sys.stderr, flush=True)


def load_vote_tables(data_dir: Path | str = DATA_DIR) -> SimpleNamespace:
    """Validated ``countries``, ``rollcalls`` and ``votes`` (as :func:`analysis.data.io.load_tables`)."""
    from analysis.data import io

    tables = io.load_tables(["countries", "rollcalls", "votes", "rollcall_notes"], data_dir)
    return SimpleNamespace(countries=tables["countries"], rollcalls=tables["rollcalls"], votes=tables["votes"])


def export_agreement(out: Path | str, by: str = "year", subset: str = "all", fmt: str = "csv",
                     tables: SimpleNamespace | None = None, ideal=None) -> list[Path]:
    """Write the agreement-scores table of ``subset`` by ``by`` to ``out`` (CSV, .csv.gz or Parquet)
    and its descriptor beside it; return both paths.

    ``tables`` (countries, rollcalls, votes) default to the validated ``data/``; ``ideal`` (the
    ideal points by ``by``) defaults to being computed here from all the votes.
    """
    from analysis.methods.agreement_scores import agreement_scores
    from analysis.methods.ideal_points import ideal_points

    started = time.perf_counter()
    if tables is None:
        tables = load_vote_tables()
        _progress(f"loaded and validated the votes in {time.perf_counter() - started:.1f} s")
    if ideal is None:
        t = time.perf_counter()
        ideal = ideal_points(tables.votes, tables.rollcalls, by=by)
        _progress(f"ideal points by {by} in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    scores = agreement_scores(tables.votes, tables.rollcalls, tables.countries, by=by, subset=subset, ideal=ideal)
    _progress(f"agreement scores ({subset}, by {by}): {len(scores):,} rows in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    paths = write_agreement_scores(scores, out, by, subset, fmt)
    _progress(f"wrote {out.name} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    return paths


def write_downloads(out_dir: Path | str, data_dir: Path | str = DATA_DIR) -> list[tuple[str, Path, Path]]:
    """The report's ``downloads/`` folder: every table of :data:`DOWNLOADS` and its descriptor.

    The full agreement table (all roll calls) and its ICT subset, by year, share one computation of
    the ideal points. Returns (label, data file, descriptor) per table.
    """
    from analysis.methods.ideal_points import ideal_points

    folder = Path(out_dir) / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    tables = load_vote_tables(data_dir)
    t = time.perf_counter()
    ideal = ideal_points(tables.votes, tables.rollcalls, by="year")
    _progress(f"ideal points by year in {time.perf_counter() - t:.1f} s")
    out = []
    for subset, name, label in DOWNLOADS:
        data, descriptor = export_agreement(folder / name, "year", subset, "csv", tables=tables, ideal=ideal)
        out.append((label, data, descriptor))
    return out
