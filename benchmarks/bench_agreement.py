"""Benchmark: vote agreement for every UNGA session 1946-2019, ideal points and the agreement-scores table.

Compares, side by side in one run,
  (a) ``analysis.methods.agreement.agreement_by_group`` (one-hot matrices and matrix products), and
  (b) the common pandas approach: self-merge of the votes table on rollcall_id, then groupby pair,
times ``analysis.methods.ideal_points.ideal_points`` for every year 1946-2026 (converged; with its Spearman rank
correlation against the Bailey-Strezhnev-Voeten ideal points when that file is available), times the
agreement-scores table of ``cybercrime export agreement`` for every year 1946-2026 (the agreement pass
given the ideal points, the files, and the whole export), and compares the Newton fitter of
``analysis.methods.irt`` with scipy's second-order optimisers on the same objective for a few years.

Each measurement runs in a fresh worker process (this script with ``--worker``) so that
``ru_maxrss`` is that measurement's own peak. Times exclude reading the CSV files.

    python benchmarks/bench_agreement.py [--votes data/votes.csv.gz --rollcalls data/rollcalls.csv]
        [--merge-sessions N] [--out benchmarks/results.md]

This is a script, not a test; it prints a table and writes it to ``--out``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.core.paths import default_sources_dir
from analysis.data.sources.bsv import bsv_reference_table
from analysis.methods import agreement, voting
from analysis.methods.ideal_points import ideal_points
from analysis.methods.reference import compare_ideal_points

RAW_VOTES = default_sources_dir() / "unvotes" / "un_votes.csv.gz"
RAW_ROLLCALLS = default_sources_dir() / "unvotes" / "un_roll_calls.csv.gz"
BSV = default_sources_dir() / "bsv_ideal_points" / "ideal_points_july2025.csv.gz"
LAST_YEAR = 2019          # the agreement comparison: Voeten's record
IDEAL_LAST_YEAR = 2026    # ideal points: every year in the data
OPTIMISER_YEARS = (1950, 1985, 2018, 2024)


def _rel(path) -> str:
    """A path relative to the repository when inside it (no machine paths in the results)."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return Path(path).name


# --------------------------------------------------------------------------- data

def load(votes_path: Path, rollcalls_path: Path, last_year: int = LAST_YEAR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Votes and roll calls of 1946-``last_year`` (contract columns; the raw Voeten files also work)."""
    votes = pd.read_csv(votes_path, keep_default_na=False, na_values=[""], dtype=str)
    rollcalls = pd.read_csv(rollcalls_path, keep_default_na=False, na_values=[""], dtype=str)
    if "rollcall_id" not in votes:  # raw unvotes: country_code (ISO-2) as a development id
        votes = pd.DataFrame({"rollcall_id": "V" + votes["rcid"], "iso3": votes["country_code"].fillna(votes["country"]),
                              "vote": votes["vote"]})
        rollcalls = rollcalls.assign(rollcall_id="V" + rollcalls["rcid"])
    year = pd.to_numeric(rollcalls["year"], errors="coerce") if "year" in rollcalls else None
    if year is None or year.isna().any():
        from_date = pd.to_numeric(rollcalls["date"].str[:4], errors="coerce")
        year = from_date if year is None else year.fillna(from_date)
    rollcalls = rollcalls.assign(year=year, session=pd.to_numeric(rollcalls["session"], errors="coerce"))
    rollcalls = rollcalls[(rollcalls["year"] <= last_year) & rollcalls["rollcall_id"].isin(votes["rollcall_id"])]
    votes = votes[votes["rollcall_id"].isin(rollcalls["rollcall_id"])].reset_index(drop=True)
    rollcalls = rollcalls.astype({"year": int, "session": int})
    return votes, rollcalls[["rollcall_id", "session", "year"]].reset_index(drop=True)


# --------------------------------------------------------------------------- the two approaches

def ours_all_sessions(votes, rollcalls, method="identical") -> dict:
    return {s: a for s, a in agreement.agreement_by_group(votes, rollcalls, by="session", method=method)}


def selfmerge_one(votes_session: pd.DataFrame) -> pd.DataFrame:
    """The usual pandas recipe: merge votes with themselves on the roll call, group by pair."""
    v = votes_session.loc[votes_session["vote"] != "absent", ["rollcall_id", "iso3", "vote"]]
    pairs = v.merge(v, on="rollcall_id", suffixes=("_a", "_b"))
    pairs["same"] = pairs["vote_a"] == pairs["vote_b"]
    return pairs.groupby(["iso3_a", "iso3_b"])["same"].agg(agreement="mean", shared="size").reset_index()


def selfmerge_sessions(votes, rollcalls, sessions) -> dict:
    by_session = votes.merge(rollcalls[["rollcall_id", "session"]], on="rollcall_id")
    return {s: selfmerge_one(g) for s, g in by_session.groupby("session") if s in sessions}


def merged_rows(votes, rollcalls, sessions=None) -> int:
    """Rows a self-merge produces: sum over roll calls of (voters) ** 2."""
    n = votes[votes["vote"] != "absent"].groupby("rollcall_id").size()
    s = rollcalls.set_index("rollcall_id")["session"].reindex(n.index)
    if sessions is not None:
        n = n[s.isin(sessions)]
    return int((n.astype(np.int64) ** 2).sum())


# --------------------------------------------------------------------------- worker

def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _measure(fn, repeats: int, traced: bool = True) -> dict:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    out = {"seconds": float(np.median(times)), "seconds_min": float(min(times)), "repeats": repeats}
    if traced:
        tracemalloc.start()
        fn()
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    return out


def year_matrices(votes, rollcalls, years) -> dict:
    """year -> the country x roll-call matrix that ``ideal_points`` fits (contested roll calls)."""
    matrix, slices = agreement.grouped_vote_matrix(votes, rollcalls, "year")
    codes = matrix.to_numpy()
    out = {}
    for key, cols in slices:
        if key not in years:
            continue
        block = codes[:, cols]
        obs = block != voting.MISSING
        block, obs = block[obs.any(1)], obs[obs.any(1)]
        varied = np.where(obs, block, -2).max(0) > np.where(obs, block, 2).min(0)
        out[key] = np.where(obs, block, np.nan)[:, varied].astype(float)
    return out


def compare_optimisers(votes, rollcalls) -> list[dict]:
    """The first-pass fit of a few years by ``irt.fit_ordered_logit`` and by scipy's trust-region
    methods (exact Hessian; Hessian-vector products), from the same start, one BLAS thread."""
    from scipy.optimize import minimize
    from threadpoolctl import threadpool_limits

    from analysis.methods import irt

    rows = []
    with threadpool_limits(limits=1):
        for year, X in year_matrices(votes, rollcalls, OPTIMISER_YEARS).items():
            n, m = X.shape
            prior = (np.zeros(n), np.ones(n))
            start = irt.default_start(X)
            fun, hess, hessp = irt.objective(X, *prior)
            t = time.perf_counter()
            fit = irt.fit_ordered_logit(X, *prior, start)
            rows.append({"year": int(year), "n": n, "m": m, "method": "irt.fit_ordered_logit (Schur-complement Newton)",
                         "seconds": time.perf_counter() - t, "iterations": fit.iterations,
                         "max_gradient": fit.max_gradient, "log_posterior": fit.log_posterior})
            for method, kw in (("trust-exact", {"hess": hess}), ("trust-krylov", {"hessp": hessp})):
                t = time.perf_counter()
                res = minimize(fun, start, jac=True, method=method, options={"gtol": irt.GTOL, "maxiter": 2000}, **kw)
                rows.append({"year": int(year), "n": n, "m": m, "method": f"scipy {method}",
                             "seconds": time.perf_counter() - t, "iterations": int(res.nit),
                             "max_gradient": float(np.abs(res.jac).max()), "log_posterior": float(-res.fun)})
    return rows


def export_worker(name: str) -> dict:
    """The agreement-scores table for every year 1946-2026 (all votes, by year) from ``data/``.

    ``scores``: the agreement pass given the ideal points (computed first, outside the timing), and
    writing the table as CSV, gzip CSV and Parquet. ``export``: what ``cybercrime export agreement``
    does after loading: ideal points + table + CSV; and, once, the loading and validation of the tables.
    """
    import tempfile

    from analysis.data import io
    from analysis.data.exports import write_agreement_scores
    from analysis.methods.agreement_scores import agreement_scores

    t = time.perf_counter()
    tables = io.load_tables(["countries", "rollcalls", "votes", "rollcall_notes"], ROOT / "data")
    load_seconds = time.perf_counter() - t
    votes, rollcalls, countries = tables["votes"], tables["rollcalls"], tables["countries"]
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "scores.csv"
        if name == "scores":
            ideal = ideal_points(votes, rollcalls, by="year")
            base = _maxrss_mb()
            out = _measure(lambda: agreement_scores(votes, rollcalls, countries, by="year", ideal=ideal), repeats=5)
            table = agreement_scores(votes, rollcalls, countries, by="year", ideal=ideal)
            out.update(rows=len(table), years=[int(table["year"].min()), int(table["year"].max())],
                       pairs_per_year_max=int(table.groupby("year").size().max()), outside=len(table.attrs["outside_window"]))
            out["maxrss_mb"] = _maxrss_mb()          # the agreement pass's own peak, before the writes
            out["maxrss_delta_mb"] = out["maxrss_mb"] - base
            for label, path, fmt, repeats in (("csv", csv, "csv", 3), ("parquet", Path(tmp) / "s.parquet", "parquet", 3),
                                              ("csv_gz", Path(tmp) / "s.csv.gz", "csv", 1)):
                w = _measure(lambda p=path, f=fmt: write_agreement_scores(table, p, "year", "all", f), repeats, traced=False)
                out[f"write_{label}"] = {"seconds": w["seconds"], "mb": path.stat().st_size / 1e6}
        else:
            base = _maxrss_mb()

            def export():
                ideal = ideal_points(votes, rollcalls, by="year")
                table = agreement_scores(votes, rollcalls, countries, by="year", ideal=ideal)
                write_agreement_scores(table, csv, "year", "all", "csv")

            out = _measure(export, repeats=3, traced=False)
            out["load_seconds"] = load_seconds
            out["maxrss_mb"] = _maxrss_mb()
            out["maxrss_delta_mb"] = out["maxrss_mb"] - base
    return out


def worker(args) -> dict:
    if args.worker in ("scores", "export"):
        return export_worker(args.worker)
    last = IDEAL_LAST_YEAR if args.worker in ("ideal", "optimisers") else LAST_YEAR
    votes, rollcalls = load(args.votes, args.rollcalls, last)
    base = _maxrss_mb()
    sessions = sorted(rollcalls["session"].dropna().unique())
    if args.worker in ("ours", "ours_lijphart"):
        method = "lijphart" if args.worker == "ours_lijphart" else "identical"
        out = _measure(lambda: ours_all_sessions(votes, rollcalls, method), repeats=5)
        out["groups"] = len(sessions)
    elif args.worker == "selfmerge":
        chosen = sessions
        if args.merge_sessions and args.merge_sessions < len(sessions):
            chosen = [sessions[int(k)] for k in np.linspace(0, len(sessions) - 1, args.merge_sessions)]
        out = _measure(lambda: selfmerge_sessions(votes, rollcalls, set(chosen)), repeats=1, traced=False)
        out["groups"] = len(chosen)
        out["merged_rows"] = merged_rows(votes, rollcalls, chosen)
        out["merged_rows_all"] = merged_rows(votes, rollcalls)
        # tracemalloc on the three largest sessions only: the loop keeps one session's merge
        # alive at a time, so the largest session sets the peak.
        big = (votes.merge(rollcalls, on="rollcall_id").groupby("session").size()
               .loc[lambda s: s.index.isin(chosen)].nlargest(3).index)
        tracemalloc.start()
        selfmerge_sessions(votes, rollcalls, set(big))
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    elif args.worker == "optimisers":
        out = {"rows": compare_optimisers(votes, rollcalls)}
    elif args.worker == "ideal":
        out = _measure(lambda: ideal_points(votes, rollcalls, by="year"), repeats=3, traced=False)
        ip = ideal_points(votes, rollcalls, by="year")
        out["groups"] = int(ip["year"].nunique())
        out["years"] = [int(ip["year"].min()), int(ip["year"].max())]
        fits = pd.DataFrame(ip.attrs["convergence"])
        out["fits"] = len(fits)
        out["converged"] = int(fits["converged"].sum())
        out["max_gradient"] = float(fits["max_gradient"].max())
        out["steps"] = {p: [int(g["steps"].median()), int(g["steps"].max())] for p, g in fits.groupby("pass")}
        shuffled = ideal_points(votes.sample(frac=1, random_state=1), rollcalls.sample(frac=1, random_state=2), by="year")
        both = ip.merge(shuffled, on=["iso3", "year"], validate="one_to_one")
        out["shuffle_max_diff"] = float((both["ideal_point_x"] - both["ideal_point_y"]).abs().max())
        if args.bsv.exists():
            ref = bsv_reference_table(pd.read_csv(args.bsv))
            lineage = _lineage(args.countries)
            ours = ip.assign(iso3=ip["iso3"].map(lambda c: lineage.get(c, c)))
            ref = ref.assign(iso3=ref["iso3"].map(lambda c: lineage.get(c, c)))
            cmp = compare_ideal_points(ours, ref)
            cmp = cmp[cmp["year"].between(1991, 2019)]
            # roll calls behind each year here vs in BSV's release (its largest nvotesall)
            cmp = cmp.assign(
                rollcalls=cmp["year"].map(rollcalls.groupby("year").size()).astype(int),
                bsv_rollcalls=cmp["year"].map(ref.groupby("year")["n_votes_all"].max()).astype(int))
            out["spearman"] = cmp.to_dict("list")
    else:
        raise SystemExit(f"unknown worker {args.worker}")
    out["maxrss_mb"] = _maxrss_mb()
    out["maxrss_delta_mb"] = out["maxrss_mb"] - base
    return out


def _lineage(countries: Path) -> dict:
    """iso3 -> the code of the seat it continues (SUN -> RUS, YUG -> SRB), for matching BSV.

    BSV keeps lineage codes (USSR is RUS, Serbia is YUG for all years); mapping both sides to
    the registry's lineage makes them comparable. Without the registry, YUG/SCG -> SRB only.
    """
    if countries.exists():
        c = pd.read_csv(countries, keep_default_na=False, dtype=str)
        return {r.iso3: r.lineage for r in c.itertuples() if r.lineage}
    return {"YUG": "SRB", "SCG": "SRB", "SUN": "RUS"}


def run_worker(args, name: str) -> dict:
    cmd = [sys.executable, __file__, "--worker", name, "--votes", str(args.votes), "--rollcalls", str(args.rollcalls),
           "--bsv", str(args.bsv), "--countries", str(args.countries), "--merge-sessions", str(args.merge_sessions)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- checks and report

def check_equal(votes, rollcalls, n_sessions: int = 4) -> float:
    """Largest |difference| between the two approaches' agreement over a few sessions."""
    sessions = sorted(rollcalls["session"].dropna().unique())
    chosen = [sessions[int(k)] for k in np.linspace(0, len(sessions) - 1, n_sessions)]
    ours = ours_all_sessions(votes, rollcalls)
    theirs = selfmerge_sessions(votes, rollcalls, set(chosen))
    worst = 0.0
    for s in chosen:
        long = theirs[s]
        mine = ours[s].agreement.stack().rename("mine")
        mine.index = mine.index.set_names(["iso3_a", "iso3_b"])
        both = long.set_index(["iso3_a", "iso3_b"]).join(mine, how="outer")
        assert both["agreement"].notna().equals(both["mine"].notna()), "pairs differ"
        worst = max(worst, float((both["agreement"] - both["mine"]).abs().max()))
        shared = ours[s].shared.stack()
        shared.index = shared.index.set_names(["iso3_a", "iso3_b"])
        assert (long.set_index(["iso3_a", "iso3_b"])["shared"] == shared.reindex(long.set_index(["iso3_a", "iso3_b"]).index)).all()
    return worst


def report(args, votes, rollcalls, res: dict, max_diff: float) -> str:
    ours, lij, merge, ideal = res["ours"], res["ours_lijphart"], res["selfmerge"], res["ideal"]
    first, second = ideal["steps"]["first"], ideal["steps"].get("smoothed", [0, 0])
    n_sessions = ours["groups"]
    merge_all = merge["seconds"]
    label = "measured, all sessions"
    if merge["groups"] < n_sessions:
        merge_all = merge["seconds"] * merge["merged_rows_all"] / merge["merged_rows"]
        label = (f"EXTRAPOLATED from {merge['groups']} sessions ({merge['seconds']:.1f} s) "
                 f"by merged rows ({merge['merged_rows']:,} of {merge['merged_rows_all']:,})")
    ratio = merge_all / ours["seconds"]
    lines = [
        "# Benchmark: agreement matrices (UNGA 1946-2019), ideal points and agreement scores (1946-2026)",
        "",
        f"Data: {len(votes):,} votes, {len(rollcalls):,} roll calls, {n_sessions} sessions, "
        f"{votes['iso3'].nunique()} countries (`{_rel(args.votes)}`). Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}. "
        "Times exclude reading the CSV files; each row ran in its own process (peak RSS is that process's "
        "`ru_maxrss`; delta = growth after the data were loaded).",
        "",
        "| step | seconds | tracemalloc peak (MB) | peak RSS (MB) | RSS delta (MB) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| (a) `agreement_by_group`, identical, all {n_sessions} sessions (median of {ours['repeats']}) "
        f"| {ours['seconds']:.3f} | {ours['tracemalloc_peak_mb']:.1f} | {ours['maxrss_mb']:.0f} | {ours['maxrss_delta_mb']:.0f} |",
        f"| (a') `agreement_by_group`, Lijphart, all sessions (median of {lij['repeats']}) "
        f"| {lij['seconds']:.3f} | {lij['tracemalloc_peak_mb']:.1f} | {lij['maxrss_mb']:.0f} | {lij['maxrss_delta_mb']:.0f} |",
        f"| (b) pandas self-merge + groupby, identical, {merge['groups']} sessions ({merge['merged_rows']:,} merged rows) "
        f"| {merge['seconds']:.2f} | {merge['tracemalloc_peak_mb']:.0f} (3 largest sessions) | {merge['maxrss_mb']:.0f} "
        f"| {merge['maxrss_delta_mb']:.0f} |",
        f"| `ideal_points`, by year, {ideal['groups']} years {ideal['years'][0]}-{ideal['years'][1]}, converged "
        f"(median of {ideal['repeats']}) | {ideal['seconds']:.2f} | - | {ideal['maxrss_mb']:.0f} | {ideal['maxrss_delta_mb']:.0f} |",
        "",
        f"Ideal points: {ideal['converged']} of {ideal['fits']} fits converged (largest final gradient "
        f"{ideal['max_gradient']:.1e}); Newton steps per fit, median / max: {first[0]} / {first[1]} (first pass), "
        f"{second[0]} / {second[1]} (smoothed pass). Input rows shuffled: largest change of any estimate "
        f"{ideal['shuffle_max_diff']:.1e}.",
        "",
        f"Speed ratio (b) / (a), all sessions: **{ratio:,.0f}x** (self-merge {merge_all:.1f} s, {label}).",
        f"Agreement of (a) and (b) checked equal on 4 sessions: max |difference| = {max_diff:.2e}.",
    ]
    if "scores" in res:
        sc, ex = res["scores"], res["export"]
        lines += [
            "",
            f"## The agreement-scores table (`cybercrime export agreement`), every year {sc['years'][0]}-{sc['years'][1]}",
            "",
            f"All votes of `data/`, by year: {sc['rows']:,} rows (pair-years; up to {sc['pairs_per_year_max']:,} pairs "
            f"in a year; {sc['outside']} pairs left out by the existence windows). One pass over the grouped vote "
            "matrix, one BLAS thread. The table takes the ideal points as an input, computed once (the report's two "
            "downloads share them); the last row is the whole export as the command runs it after loading the data. "
            "RSS delta = growth after the data (for the first row: and the ideal points) were in memory.",
            "",
            "| step | seconds | tracemalloc peak (MB) | peak RSS (MB) | RSS delta (MB) |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| agreement pass given the ideal points (`agreement_scores`, median of {sc['repeats']}) "
            f"| {sc['seconds']:.2f} | {sc['tracemalloc_peak_mb']:.0f} | {sc['maxrss_mb']:.0f} | {sc['maxrss_delta_mb']:.0f} |",
        ] + [
            f"| writing it: {label} ({sc[key]['mb']:.1f} MB) | {sc[key]['seconds']:.2f} | - | - | - |"
            for key, label in (("write_csv", "CSV"), ("write_parquet", "Parquet (zstd)"), ("write_csv_gz", "gzip CSV"))
        ] + [
            f"| the whole export: ideal points + table + CSV (median of {ex['repeats']}) | {ex['seconds']:.2f} | - "
            f"| {ex['maxrss_mb']:.0f} | {ex['maxrss_delta_mb']:.0f} |",
            "",
            f"Table and CSV: **{sc['seconds'] + sc['write_csv']['seconds']:.1f} s**. The command `cybercrime export "
            f"agreement` also loads and validates the tables first ({ex['load_seconds']:.1f} s here), so end to end it takes "
            f"about {ex['load_seconds'] + ex['seconds']:.0f} s, most of it the ideal points.",
        ]
    opt = pd.DataFrame(res["optimisers"]["rows"])
    lines += [
        "",
        "## The optimiser: Newton through the Schur complement vs scipy, first-pass fit of one year",
        "",
        "Same objective, same start, one BLAS thread, tolerance: largest gradient component <= "
        f"{1e-9:g}. scipy's trust-region methods stop with 'A bad approximation caused failure to predict "
        "improvement' once F no longer changes in floating point, so their last gradient is the one they reached.",
        "",
        "| year | countries | roll calls | method | seconds | iterations | max gradient | log posterior |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ] + [f"| {r.year} | {r.n} | {r.m} | {r.method} | {r.seconds:.3f} | {r.iterations} | {r.max_gradient:.1e} | {r.log_posterior:.6f} |"
         for r in opt.itertuples()]
    if "spearman" in ideal:
        sp = pd.DataFrame(ideal["spearman"])
        worst = sp.nsmallest(4, "spearman")
        lines += [
            "",
            "## Ideal points vs Bailey-Strezhnev-Voeten (`idealpointall`), Spearman by year, 1991-2019",
            "",
            f"min {sp['spearman'].min():.3f}, median {sp['spearman'].median():.3f}, "
            f"{(sp['spearman'] >= 0.97).sum()} of {len(sp)} years >= 0.97; weakest: "
            + ", ".join(f"{int(y)} ({r:.3f})" for y, r in zip(worst["year"], worst["spearman"], strict=True)) + ".",
            "",
            "The estimator is fitted on this project's votes, BSV's on the UNGA-DM votes; where the two "
            "hold very different numbers of roll calls for a year, the ranks can differ for that reason alone.",
            "",
            "| year | countries | spearman | roll calls here | roll calls in BSV (max nvotesall) |",
            "| --- | ---: | ---: | ---: | ---: |",
        ] + [f"| {int(y)} | {int(n)} | {r:.3f} | {int(a)} | {int(b)} |"
             for y, n, r, a, b in zip(sp["year"], sp["n"], sp["spearman"], sp["rollcalls"], sp["bsv_rollcalls"], strict=True)]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_votes = ROOT / "data" / "votes.csv.gz"
    default_rc = ROOT / "data" / "rollcalls.csv"
    have_data = default_votes.exists() and default_rc.exists()
    p.add_argument("--votes", type=Path, default=default_votes if have_data else RAW_VOTES)
    p.add_argument("--rollcalls", type=Path, default=default_rc if have_data else RAW_ROLLCALLS)
    p.add_argument("--bsv", type=Path, default=BSV, help="BSV ideal points (raw csv.gz) for the rank check")
    p.add_argument("--countries", type=Path, default=ROOT / "data" / "countries.csv")
    p.add_argument("--merge-sessions", type=int, default=0,
                   help="run the self-merge on N evenly spaced sessions and extrapolate (0 = all)")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args)))
        return
    votes, rollcalls = load(args.votes, args.rollcalls)
    res = {}
    names = ["ours", "ours_lijphart", "selfmerge", "ideal", "optimisers"]
    if (ROOT / "data" / "countries.csv").exists():      # the table needs the registry of data/
        names += ["scores", "export"]
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        res[name] = run_worker(args, name)
    max_diff = check_equal(votes, rollcalls)
    text = report(args, votes, rollcalls, res, max_diff)
    print(text)
    args.out.write_text(text)


if __name__ == "__main__":
    main()
