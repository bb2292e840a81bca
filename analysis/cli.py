"""Command line: ``python -m analysis {build,validate,profile,report}``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.core.paths import DATA_DIR, default_sources_dir


def _build(args) -> int:
    from analysis.data.build.pipeline import build

    sources = Path(args.sources) if args.sources else default_sources_dir()
    if not sources.is_dir():
        print(f"error: sources folder {sources} not found (pass --sources DIR)", file=sys.stderr)
        return 2
    for path in build(sources, Path(args.out), progress=lambda m: print(m, file=sys.stderr)):
        print(path)
    return 0


def _validate(args) -> int:
    from analysis.core.errors import DataError
    from analysis.data.validate import validate

    try:
        errors = validate(Path(args.data_dir))
    except DataError as exc:
        errors = [exc]
    for e in errors[: args.max_errors]:
        print(f"ERROR {e}", file=sys.stderr)
    if len(errors) > args.max_errors:
        print(f"... and {len(errors) - args.max_errors} more", file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) in {args.data_dir}", file=sys.stderr)
        return 1
    print(f"ok: {args.data_dir} is valid")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="derive data/ from the raw sources")
    b.add_argument("--sources", help="folder of curated sources (default: $CYBERCRIME_SOURCES or ../shared/sources)")
    b.add_argument("--out", default=str(DATA_DIR), help="output folder (default: data/)")
    b.set_defaults(func=_build)
    v = sub.add_parser("validate", help="check data/ against datapackage.json and the domain rules")
    v.add_argument("--data-dir", default=str(DATA_DIR))
    v.add_argument("--max-errors", type=int, default=100)
    v.set_defaults(func=_validate)
    n = sub.add_parser("run-notebooks", help="execute notebooks in place (outputs stored; figures written)")
    n.add_argument("paths", nargs="*")
    n.set_defaults(func=lambda a: (__import__("analysis.report.notebooks", fromlist=["run_all"]).run_all(a.paths), 0)[1])
    try:
        from analysis.report import html as _report  # noqa: F401  (profile/report commands, issue 7)
        _report.add_commands(sub)
    except ImportError:
        pass
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
