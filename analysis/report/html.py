"""The static HTML report: ``python -m analysis profile ISO3`` and ``python -m analysis report``.

``profile ISO3 [--out DIR]`` runs ``notebooks/05-country-profile.ipynb`` with papermill
(parameter ``country``) on a temporary copy and converts the executed copy to
``DIR/profile-ISO3.html``, figures embedded. An unknown code stops with the closest matches and
exit status 2; a failing cell with exit status 1.

``report [--out DIR] [--countries CODE ...] [--only]`` writes one self-contained folder:

- every ``notebooks/NN-*.ipynb`` but the parameterised profile **as stored** (no re-execution: ``make notebooks`` has just run
  them, and rendering takes seconds instead of minutes); their figures are the PNG files the same
  run wrote to ``figures/`` (:func:`analysis.plots.publish.show_figure` shows the saved file);
- the profiles of JPN, CAN and SRB plus any ``--countries`` (only those with ``--only``),
  executed now, each titled with the country's name, without the papermill parameter cells;
- ``downloads.html`` and ``downloads/``: every table of ``data/`` with the data package, the
  figures, the GraphML/GEXF exports and the agreement-scores tables (:mod:`analysis.report.site`,
  :mod:`analysis.report.downloads`);
- ``index.html`` linking every page.

Every page reads as a report (:mod:`analysis.report.page`): a navigation bar, a table of contents,
code hidden behind a "Show code" switch, every figure with its title and sources as alt text and
caption, tables that fit the page. Pages are static and offline: images are embedded as data URIs,
and the nbconvert scripts that would be fetched from a CDN (require.js, MathJax, Mermaid) are left
out, so LaTeX in markdown shows as source. Local links that do not resolve inside the report (e.g. ``../docs/x.md`` in a
notebook) are turned into plain text with a warning; links to ``NN-*.ipynb`` point to their
page. Progress goes to stderr; the paths written go to stdout. Nothing in the pages depends on
the clock, so two builds of the same inputs are identical.
"""
from __future__ import annotations

import html
import re
import sys
import tempfile
import time
from pathlib import Path

from analysis.core.paths import DATA_DIR, FIGURES_DIR, NOTEBOOKS_DIR
from analysis.report.downloads import write_downloads
from analysis.report.page import notebook_page
from analysis.report.site import DOWNLOADS_PAGE, copy_downloads, downloads_body, index_body, simple_page

PROFILE_NOTEBOOK = NOTEBOOKS_DIR / "05-country-profile.ipynb"
#: Notebooks run once per parameter set (their pages are the profiles), not shown as stored.
PARAMETERISED = (PROFILE_NOTEBOOK.name,)
DEFAULT_COUNTRIES = ("JPN", "CAN", "SRB")

def progress(message: str) -> None:
    print(f"[report] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Notebook -> HTML
# --------------------------------------------------------------------------------------------

def notebook_title(nb, default: str) -> str:
    """The first markdown heading of the notebook, without the '#'s."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return default


def nav_label(stem: str, title: str, width: int = 26) -> str:
    """A short label for the navigation bar: "02 Voting blocs and the cyber votes" cut at a word."""
    text = f"{stem[:2]} {re.split(r':| [(]', title.split('·', 1)[-1].strip())[0]}"
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"


def notebook_html(nb, title: str, links=(), current: str | None = None) -> str:
    """The finished report page of a notebook (:func:`analysis.report.page.notebook_page`)."""
    return notebook_page(nb, title, links, current)


_HREF = re.compile(r'(<a\b[^>]*?)\bhref="([^"]*)"', re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def fix_local_links(page: str, out_dir: Path, pages: set[str] | None = None) -> tuple[str, list[str]]:
    """Point ``NN-*.ipynb`` links to their page; turn other local links that do not resolve in
    `out_dir` (or in `pages`, names about to be written) into plain text. Returns (html, warnings)."""
    pages = set(pages or ())
    warnings = []

    def target_exists(target: str) -> bool:
        return target in pages or (Path(out_dir) / target).is_file()

    def replace(match):
        head, href = match.group(1), html.unescape(match.group(2))
        if not href or _EXTERNAL.match(href):
            return match.group(0)
        path = re.split(r"[?#]", href, maxsplit=1)[0]
        rest = href[len(path):]
        if target_exists(path):
            return match.group(0)
        name = Path(path).name
        if name.endswith(".ipynb") and target_exists(name[:-6] + ".html"):
            return f'{head}href="{html.escape(name[:-6] + ".html" + rest, quote=True)}"'
        warnings.append(href)
        return f'{head}data-not-in-report="{html.escape(href, quote=True)}"'

    return _HREF.sub(replace, page), warnings


# --------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------

def resolve_country(code: str, data_dir: Path = DATA_DIR) -> str:
    """The registry code for `code` (UsageError, a ValueError, with close matches if unknown)."""
    from analysis.data import io
    from analysis.profiles import resolve_iso3

    return resolve_iso3(io.load_table("countries", data_dir), code)


def execute_profile(iso3: str, work_dir: Path, data_dir: Path = DATA_DIR, notebook: Path = PROFILE_NOTEBOOK):
    """Run the profile notebook for `iso3` on the data package `data_dir` with papermill into
    `work_dir`; return the executed notebook."""
    import nbformat

    from analysis.report.notebooks import run_notebook

    work_dir = Path(work_dir)
    output = work_dir / f"05-country-profile-{iso3}.ipynb"
    figures = str(work_dir / "figures")
    parameters = {"country": iso3, "figures_dir": figures}
    if Path(data_dir).resolve() != DATA_DIR.resolve():
        parameters["data_dir"] = str(Path(data_dir).resolve())
    run_notebook(notebook, parameters=parameters, output=output)
    return nbformat.read(output, as_version=4)   # the parameter cells are left out of the page


def profile_page(iso3: str) -> str:
    return f"profile-{iso3}.html"


def write_profile(iso3: str, out_dir: Path, work_dir: Path | None = None, name: str | None = None,
                  links=None, data_dir: Path = DATA_DIR, notebook: Path = PROFILE_NOTEBOOK) -> Path:
    """Execute the profile of `iso3` (on the data package `data_dir`) and write
    ``out_dir/profile-ISO3.html``; return its path.

    `links` is the report's navigation bar, (href, label) pairs; by default a link to the index when
    ``out_dir`` has one.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        nb = execute_profile(iso3, Path(work_dir) if work_dir else Path(tmp), data_dir, notebook)
    if name is None:
        from analysis.data import io

        registry = io.load_table("countries", data_dir)
        name = dict(zip(registry["iso3"], registry["name"], strict=True)).get(iso3, iso3)
    if links is None:
        links = [("index.html", "Report")] if (out_dir / "index.html").is_file() else []
    title = f"{name or iso3} ({iso3}): country profile"
    page = notebook_html(nb, title, links, profile_page(iso3))
    page, warnings = fix_local_links(page, out_dir, {href for href, _ in links})
    for w in warnings:
        progress(f"warning: {profile_page(iso3)} links to {w!r}, which is not in the report (kept as text)")
    path = out_dir / profile_page(iso3)
    path.write_text(page, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

def stored_notebooks() -> list[Path]:
    """The notebooks the report shows as stored: every ``NN-*.ipynb`` but the parameterised ones."""
    return sorted(p for p in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb") if p.name not in PARAMETERISED)


def build_report(out_dir: Path, countries: list[str], notebooks: list[Path] | None = None,
                 figures_dir: Path = FIGURES_DIR, data_dir: Path = DATA_DIR,
                 profile_notebook: Path = PROFILE_NOTEBOOK) -> list[Path]:
    """Write the report into `out_dir` (see the module docstring); return the paths written.

    `countries` are profiled exactly as given (the CLI adds JPN, CAN and SRB) from the data package
    `data_dir`; unknown codes raise UsageError (a ValueError) before anything runs.
    """
    import nbformat

    from analysis.data import io
    from analysis.profiles import resolve_iso3

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    registry = io.load_table("countries", data_dir)
    codes = []
    for code in countries:
        iso3 = resolve_iso3(registry, code)
        if iso3 not in codes:
            codes.append(iso3)
    names = dict(zip(registry["iso3"], registry["name"], strict=True))
    paths = sorted(notebooks) if notebooks is not None else stored_notebooks()
    stored = [(path, nbformat.read(path, as_version=4)) for path in paths]
    titles = {path.stem: notebook_title(nb, path.stem) for path, nb in stored}
    links = ([("index.html", "Report")] + [(f"{p.stem}.html", nav_label(p.stem, titles[p.stem])) for p, _ in stored]
             + [(profile_page(c), names.get(c, c)) for c in codes] + [(DOWNLOADS_PAGE, "Downloads")])
    planned = {href for href, _ in links}
    written, nb_entries, pr_entries = [], [], []
    total = len(paths) + len(codes)
    step = 0
    for path, nb in stored:
        step += 1
        started = time.perf_counter()
        target = out_dir / f"{path.stem}.html"
        page, warnings = fix_local_links(notebook_html(nb, titles[path.stem], links, target.name), out_dir, planned)
        target.write_text(page, encoding="utf-8")
        written.append(target)
        nb_entries.append((target.name, titles[path.stem]))
        progress(f"[{step}/{total}] {path.name} (stored outputs) -> {target.name} in {time.perf_counter() - started:.1f} s")
        for w in warnings:
            progress(f"warning: {path.name} links to {w!r}, which is not in the report (kept as text)")
    with tempfile.TemporaryDirectory(prefix="report-") as tmp:
        for iso3 in codes:
            step += 1
            started = time.perf_counter()
            progress(f"[{step}/{total}] profile {iso3}: executing {PROFILE_NOTEBOOK.name} with papermill ...")
            work = Path(tmp) / iso3
            work.mkdir()
            target = write_profile(iso3, out_dir, work_dir=work, name=names.get(iso3), links=links,
                                   data_dir=data_dir, notebook=profile_notebook)
            written.append(target)
            pr_entries.append((target.name, iso3, names.get(iso3, iso3)))
            progress(f"[{step}/{total}] profile {iso3} -> {target.name} in {time.perf_counter() - started:.1f} s")
    progress("downloads: the tables, figures and network exports, and the agreement scores (all roll calls, ICT) ...")
    groups = copy_downloads(out_dir, data_dir=data_dir, figures_dir=figures_dir)
    agreement = write_downloads(out_dir, data_dir)
    written += [p for paths in groups.values() for p in paths] + [p for _, d, r in agreement for p in (d, r)]
    pages = {DOWNLOADS_PAGE: simple_page("Downloads", downloads_body(out_dir, groups, agreement), links, DOWNLOADS_PAGE),
             "index.html": simple_page("The international politics of cybercrime: report",
                                       index_body(nb_entries, pr_entries), links, "index.html")}
    for name, page in pages.items():
        (out_dir / name).write_text(page, encoding="utf-8")
        written.append(out_dir / name)
    return written
