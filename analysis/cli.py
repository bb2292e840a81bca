"""The command line: ``cybercrime <command>`` (or ``python -m analysis <command>``).

Commands: ``build`` (derive data/ from the raw sources), ``validate``, ``run-notebooks``,
``profile ISO3``, ``report``. Heavy modules are imported by the command that needs them, so
``--help`` answers at once.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis.core.paths import DATA_DIR, default_sources_dir
from analysis.report.html import DEFAULT_COUNTRIES, PROFILE_NOTEBOOK, build_report, resolve_country, write_profile
from analysis.report.html import progress as _progress


def _print_errors(errors: list, max_errors: int = 100) -> None:
    for e in errors[:max_errors]:
        print(f"ERROR {e}", file=sys.stderr)
    if len(errors) > max_errors:
        print(f"... and {len(errors) - max_errors} more", file=sys.stderr)


def _build(args) -> int:
    from analysis.core.errors import DataError, DataErrors
    from analysis.data.build.pipeline import build

    sources = Path(args.sources) if args.sources else default_sources_dir()
    if not sources.is_dir():
        print(f"error: sources folder {sources} not found (pass --sources DIR)", file=sys.stderr)
        return 2
    undl = Path(args.undl) if args.undl else None
    if undl is not None and not undl.is_file():
        print(f"error: UN Digital Library file {undl} not found", file=sys.stderr)
        return 2
    try:
        paths = build(sources, Path(args.out), progress=lambda m: print(m, file=sys.stderr), undl=undl)
    except (DataError, DataErrors) as exc:
        errors = exc.errors if isinstance(exc, DataErrors) else [exc]
        _print_errors(errors)
        print(f"build stopped: {len(errors)} problem(s); nothing was written to {args.out}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


def _validate(args) -> int:
    from analysis.core.errors import DataError
    from analysis.data.validate import validate

    try:
        errors = validate(Path(args.data_dir))
    except DataError as exc:
        errors = [exc]
    _print_errors(errors, args.max_errors)
    if errors:
        print(f"{len(errors)} problem(s) in {args.data_dir}", file=sys.stderr)
        return 1
    print(f"ok: {args.data_dir} is valid")
    return 0


def _run_notebooks(args) -> int:
    from analysis.report.notebooks import run_all

    run_all(args.paths)
    return 0


def _execution_error(exc) -> str:
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    cell = getattr(exc, "exec_count", None)
    return f"{ename}: {evalue}" + (f" (cell {cell})" if cell is not None else "")


def _profile_command(args) -> int:
    try:
        iso3 = resolve_country(args.iso3)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    _progress(f"profile {iso3}: executing {PROFILE_NOTEBOOK.name} with papermill ...")
    try:
        path = write_profile(iso3, Path(args.out))
    except Exception as exc:  # papermill's PapermillExecutionError and kernel failures
        print(f"error: the profile notebook failed for {iso3}: {_execution_error(exc)}", file=sys.stderr)
        return 1
    _progress(f"profile {iso3} -> {path} in {time.perf_counter() - started:.1f} s")
    print(path)
    return 0


def _report_command(args) -> int:
    countries = list(args.countries or [])
    if not args.only:
        countries = list(DEFAULT_COUNTRIES) + countries
    started = time.perf_counter()
    try:
        from analysis.data import io
        from analysis.profiles import resolve_iso3

        registry = io.load_table("countries")
        for code in countries:
            resolve_iso3(registry, code)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        paths = build_report(Path(args.out), countries)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if type(exc).__name__ == "PapermillExecutionError":
            print(f"error: a profile notebook failed: {_execution_error(exc)}", file=sys.stderr)
            return 1
        raise
    _progress(f"{len(paths)} pages in {args.out} in {time.perf_counter() - started:.1f} s")
    for p in paths:
        print(p)
    return 0


def _export_command(args) -> int:
    from analysis.report.downloads import export_agreement

    suffixes = {"csv": (".csv", ".csv.gz"), "parquet": (".parquet",)}[args.format]
    if not args.out.endswith(suffixes):
        print(f"error: --format {args.format} needs --out ending in {' or '.join(suffixes)}, not {args.out!r}",
              file=sys.stderr)
        return 2
    started = time.perf_counter()
    paths = export_agreement(Path(args.out), by=args.by, subset=args.subset, fmt=args.format)
    print(f"[export] {args.table}: {time.perf_counter() - started:.1f} s in all", file=sys.stderr)
    for p in paths:
        print(p)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cybercrime", description=__doc__.split("\n\n")[0])
    sub = top.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="derive data/ from the raw sources")
    b.add_argument("--sources", help="folder of curated sources (default: $CYBERCRIME_SOURCES or ../shared/sources)")
    b.add_argument("--out", default=str(DATA_DIR), help="output folder (default: data/)")
    b.add_argument("--undl", metavar="FILE", help="UN Digital Library voting CSV (record 4060887) to check against "
                   "the DGACM votes and add where newer; the build stops, listing each disagreement")
    b.set_defaults(func=_build)
    v = sub.add_parser("validate", help="check data/ against datapackage.json and the domain rules")
    v.add_argument("--data-dir", default=str(DATA_DIR))
    v.add_argument("--max-errors", type=int, default=100)
    v.set_defaults(func=_validate)
    n = sub.add_parser("run-notebooks", help="execute notebooks in place (outputs stored; figures written)")
    n.add_argument("paths", nargs="*")
    n.set_defaults(func=_run_notebooks)
    p = sub.add_parser("profile", help="country profile of one state as HTML (papermill + nbconvert)")
    p.add_argument("iso3", help="iso3 code of data/countries.csv, e.g. JPN")
    p.add_argument("--out", default="report", help="output folder (default: report/)")
    p.set_defaults(func=_profile_command)
    r = sub.add_parser("report", help="static HTML report: every notebook and the country profiles")
    r.add_argument("--out", default="report", help="output folder (default: report/)")
    r.add_argument("--countries", nargs="+", metavar="ISO3", help=f"profiles to add to {' '.join(DEFAULT_COUNTRIES)}")
    r.add_argument("--only", action="store_true", help="profile only the --countries given")
    r.set_defaults(func=_report_command)
    from analysis.data.exports import FORMATS, PERIODS, SUBSETS  # light: names only

    e = sub.add_parser("export", help="write a derived table for download, with its Frictionless descriptor")
    e.add_argument("table", choices=["agreement"], help="agreement: pairwise vote agreement per year or session")
    e.add_argument("--by", choices=PERIODS, default="year", help="period of each row (default: year)")
    e.add_argument("--subset", choices=SUBSETS, default="all", help="roll calls compared (default: all)")
    e.add_argument("--format", choices=FORMATS, default="csv", help="csv (.csv or .csv.gz) or parquet (default: csv)")
    e.add_argument("--out", required=True, help="file to write; the descriptor <stem>.resource.json goes beside it")
    e.set_defaults(func=_export_command)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
