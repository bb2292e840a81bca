"""Benchmark: reading and folding a full-size UN Digital Library download (``cybercrime build --undl``).

The download is made from the project's own ``data/`` (every roll call with country votes, 1946-2026,
written in the UNDL column layout with placeholder ids), so it is about the size of the real file
(~1M rows) and agrees with the project by construction: the fold compares every DGACM-window roll call
and adds none. Times the reader (:func:`analysis.data.sources.undl.read_undl_csv`) and the fold
(:func:`analysis.data.build.undl_fold.fold_undl`) separately, once on every row and once as the build
reads the file (rows before the DGACM window dropped before names are mapped); the build adds its own time.

    python benchmarks/bench_undl_fold.py

This is a script, not a test; it prints the numbers.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.data import io
from analysis.data.build.undl_fold import dgacm_window, fold_undl, summary
from analysis.data.sources.undl import read_undl_csv

CODES = {"yes": "Y", "no": "N", "abstain": "A", "absent": "NV"}


def download_from_project(data, path: Path) -> int:
    """Write every roll call with votes as a UNDL-format CSV; returns the number of rows."""
    rc = data.rollcalls.set_index("rollcall_id")
    names = data.countries.set_index("iso3")["name"].str.upper()
    votes = data.votes.astype({"vote": object})
    votes = votes[votes["rollcall_id"].isin(rc.index)]
    ids = {rid: str(9_000_000 + i) for i, rid in enumerate(votes["rollcall_id"].unique())}
    counts = votes.groupby(["rollcall_id", "vote"]).size().unstack(fill_value=0)
    r = rc.loc[votes["rollcall_id"]]
    frame = pd.DataFrame({
        "undl_id": votes["rollcall_id"].map(ids).values, "ms_code": votes["iso3"].values,
        "ms_name": names.reindex(votes["iso3"]).values, "ms_vote": votes["vote"].map(CODES).values,
        "date": r["date"].values, "resolution": r["symbol"].fillna("").values, "title": r["title"].fillna("").values,
        "meeting": r["meeting_record"].fillna("").values,
        "total_yes": r["yes"].values, "total_no": r["no"].values, "total_abstentions": r["abstain"].values,
    })
    # roll calls whose official tallies differ from their lists (documented in rollcall_notes) get no totals
    for col, vote in (("total_yes", "yes"), ("total_no", "no"), ("total_abstentions", "abstain")):
        counted = votes["rollcall_id"].map(counts[vote]).values
        frame[col] = frame[col].where(frame[col].isna() | (frame[col] == counted)).astype("Int64")
    frame.to_csv(path, index=False)
    return len(frame)


def main() -> None:
    data = io.load_all()
    registry = data.countries.astype(object).where(data.countries.notna(), None)
    votes = data.votes.astype({"vote": object})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "undl_full.csv"
        rows = download_from_project(data, path)
        t0 = time.perf_counter()
        undl_rc, undl_votes = read_undl_csv(path, registry)
        t1 = time.perf_counter()
        fold_undl(data.rollcalls, votes, undl_rc, undl_votes, file=path.name)
        t2 = time.perf_counter()
        undl_rc, undl_votes = read_undl_csv(path, registry, from_session=dgacm_window(data.rollcalls))
        t3 = time.perf_counter()
        fold = fold_undl(data.rollcalls, votes, undl_rc, undl_votes, file=path.name)
        t4 = time.perf_counter()
    print(f"download: {rows:,} rows")
    print(f"every row read: read_undl_csv {t1 - t0:.1f} s, fold_undl {t2 - t1:.1f} s")
    print(f"as the build reads it (from the DGACM window on): read_undl_csv {t3 - t2:.1f} s, fold_undl {t4 - t3:.1f} s")
    print("\n".join(summary(fold, "undl_full.csv")))


if __name__ == "__main__":
    main()
