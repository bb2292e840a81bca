"""The command line: ``cybercrime <command>`` (or ``python -m analysis <command>``).

Commands: ``build`` (derive data/ from the raw sources), ``validate``, ``run-notebooks``,
``profile ISO3``, ``report``. Heavy modules are imported by the command that needs them, so
``--help`` answers at once. Every expected failure is one ``error:`` line on stderr and an exit
code (:data:`analysis.core.errors.EXIT_CODES`); only a bug prints a traceback.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from analysis.core.errors import (
    EXIT_BUG,
    EXIT_CODES,
    EXIT_DATA,
    EXIT_SETUP,
    EXIT_USAGE,
    DataError,
    DataErrors,
    SetupError,
    UsageError,
)
from analysis.core.paths import DATA_DIR, default_sources_dir, writable_dir
from analysis.report.html import DEFAULT_COUNTRIES, PROFILE_NOTEBOOK, build_report, resolve_country, write_profile
from analysis.report.html import progress as _progress

EPILOG = "exit codes:\n" + "\n".join(f"  {code:<3} {meaning}" for code, meaning in EXIT_CODES.items())
#: Exceptions raised in a notebook that mean "the data are invalid", not "the code is wrong".
_DATA_EXCEPTIONS = {"DataError", "DataErrors", "UnmappedCountryError"}


def _print_errors(errors: list, max_errors: int = 100) -> None:
    for e in errors[:max_errors]:
        print(f"ERROR {e}", file=sys.stderr)
    if len(errors) > max_errors:
        print(f"... and {len(errors) - max_errors} more", file=sys.stderr)


def _build(args) -> int:
    from analysis.data.build.pipeline import build

    sources = Path(args.sources) if args.sources else default_sources_dir()
    if not sources.is_dir():
        raise SetupError(f"sources folder {sources} not found (pass --sources DIR or set CYBERCRIME_SOURCES)")
    undl = Path(args.undl) if args.undl else None
    if undl is not None and not undl.is_file():
        raise UsageError(f"UN Digital Library file {undl} not found")
    try:
        paths = build(sources, Path(args.out), progress=lambda m: print(m, file=sys.stderr), undl=undl,
                      accept_source_changes=args.accept_source_changes, update_expected_rows=args.update_expected_rows)
    except DataErrors as exc:
        _print_errors(exc.errors)
        print(f"build stopped: {len(exc.errors)} problem(s); nothing was written to {args.out}", file=sys.stderr)
        return EXIT_DATA
    except DataError as exc:
        _print_errors([exc])
        print(f"build stopped: 1 problem; nothing was written to {args.out}", file=sys.stderr)
        return EXIT_DATA
    for path in paths:
        print(path)
    return 0


def _validate(args) -> int:
    from analysis.data.validate import validate

    try:
        errors = validate(Path(args.data_dir))
    except DataError as exc:
        errors = [exc]
    _print_errors(errors, args.max_errors)
    if errors:
        print(f"{len(errors)} problem(s) in {args.data_dir}", file=sys.stderr)
        return EXIT_DATA
    print(f"ok: {args.data_dir} is valid")
    return 0


def _notebook_failure(exc: Exception, what: str) -> int:
    """Exit code for a notebook that stopped: 1 when it stopped on invalid data, else a bug (70)."""
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    cell = getattr(exc, "exec_count", None)
    where = f" (cell {cell})" if cell is not None else ""
    if ename in _DATA_EXCEPTIONS:
        print(f"error: {what} stopped on invalid data{where}: {ename}: {evalue}", file=sys.stderr)
        return EXIT_DATA
    print(str(exc), file=sys.stderr)
    print(f"error: {what} failed{where}: {ename}: {evalue} (unexpected: a bug; the traceback is above)",
          file=sys.stderr)
    return EXIT_BUG


def _is_notebook_error(exc: Exception) -> bool:
    return type(exc).__name__ in ("PapermillExecutionError", "CellExecutionError")


def _run_notebooks(args) -> int:
    from analysis.report.notebooks import run_all

    missing = [p for p in args.paths if not Path(p).is_file()]
    if missing:
        raise UsageError(f"no such notebook: {', '.join(missing)}")
    try:
        run_all(args.paths)
    except Exception as exc:
        if _is_notebook_error(exc):
            return _notebook_failure(exc, "a notebook")
        raise
    return 0


def _profile_command(args) -> int:
    data_dir = Path(args.data_dir)
    iso3 = resolve_country(args.iso3, data_dir)
    out = writable_dir(args.out)
    started = time.perf_counter()
    _progress(f"profile {iso3}: executing {PROFILE_NOTEBOOK.name} with papermill ...")
    try:
        path = write_profile(iso3, out, data_dir=data_dir)
    except Exception as exc:
        if _is_notebook_error(exc):
            return _notebook_failure(exc, f"the profile notebook for {iso3}")
        raise
    _progress(f"profile {iso3} -> {path} in {time.perf_counter() - started:.1f} s")
    print(path)
    return 0


def _report_command(args) -> int:
    from analysis.data import io
    from analysis.profiles import resolve_iso3

    countries = list(args.countries or [])
    if not args.only:
        countries = list(DEFAULT_COUNTRIES) + countries
    started = time.perf_counter()
    data_dir = Path(args.data_dir)
    registry = io.load_table("countries", data_dir)
    for code in countries:
        resolve_iso3(registry, code)
    out = writable_dir(args.out)
    try:
        paths = build_report(out, countries, data_dir=data_dir)
    except Exception as exc:
        if _is_notebook_error(exc):
            return _notebook_failure(exc, "a profile notebook")
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
    fmt = argparse.RawDescriptionHelpFormatter
    top = argparse.ArgumentParser(prog="cybercrime", description=__doc__.split("\n\n")[0], epilog=EPILOG,
                                  formatter_class=fmt)
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=EPILOG, formatter_class=fmt)

    b = command("build", "derive data/ from the raw sources (checked against data/sources_manifest.csv and "
                         "data/expected_rows.csv; staged, validated, then moved in; one build at a time)")
    b.add_argument("--sources", help="folder of curated sources (default: $CYBERCRIME_SOURCES or ../shared/sources)")
    b.add_argument("--out", default=str(DATA_DIR), help="output folder (default: data/)")
    b.add_argument("--undl", metavar="FILE", help="UN Digital Library voting CSV (record 4060887) to check against "
                   "the DGACM votes and add where newer; the build stops, listing each disagreement")
    b.add_argument("--accept-source-changes", action="store_true",
                   help="build although source or curation files differ from sources_manifest.csv: print each "
                        "file's and each table's change, rewrite sources_manifest.csv and expected_rows.csv")
    b.add_argument("--update-expected-rows", action="store_true",
                   help="accept the tables' new row counts (after a code change): print them, rewrite expected_rows.csv")
    b.set_defaults(func=_build)
    v = command("validate", "check data/ against datapackage.json and the domain rules")
    v.add_argument("--data-dir", default=str(DATA_DIR))
    v.add_argument("--max-errors", type=int, default=100)
    v.set_defaults(func=_validate)
    n = command("run-notebooks", "execute notebooks in place (outputs stored; figures written)")
    n.add_argument("paths", nargs="*")
    n.set_defaults(func=_run_notebooks)
    p = command("profile", "country profile of one state as HTML (papermill + nbconvert)")
    p.add_argument("iso3", help="iso3 code of data/countries.csv, e.g. JPN")
    p.add_argument("--out", default="report", help="output folder (default: report/)")
    p.add_argument("--data-dir", default=str(DATA_DIR), help="data package to profile from (default: data/)")
    p.set_defaults(func=_profile_command)
    r = command("report", "static HTML report: every notebook and the country profiles")
    r.add_argument("--out", default="report", help="output folder (default: report/)")
    r.add_argument("--countries", nargs="+", metavar="ISO3", help=f"profiles to add to {' '.join(DEFAULT_COUNTRIES)}")
    r.add_argument("--only", action="store_true", help="profile only the --countries given")
    r.add_argument("--data-dir", default=str(DATA_DIR), help="data package the profiles use (default: data/)")
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


def _print_data_errors(exc: DataErrors, limit: int = 100) -> None:
    for e in exc.errors[:limit]:
        print(f"ERROR {e}", file=sys.stderr)
    if len(exc.errors) > limit:
        print(f"... and {len(exc.errors) - limit} more", file=sys.stderr)
    print(f"{len(exc.errors)} problem(s)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (see ``--help``). argparse exits 2 on a bad option."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DataErrors as exc:
        _print_data_errors(exc)
        return EXIT_DATA
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_SETUP
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if type(exc).__name__ == "NoSuchKernel":
            print(f"error: no Jupyter kernel {exc} (run `make env`)", file=sys.stderr)
            return EXIT_SETUP
        traceback.print_exc()
        print(f"cybercrime: unexpected {type(exc).__name__} (exit {EXIT_BUG}): a bug, not a data problem; "
              "please report it with the traceback above", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
